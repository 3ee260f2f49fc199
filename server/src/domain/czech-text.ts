// Czech-aware text matching done in the app, so it behaves the same on PGlite and on any
// PostgreSQL (no unaccent or pg_trgm needed): fold case and diacritics, drop function words,
// strip the commonest case endings ("nádraží", "nádražím", "nadrazi" → "nadraz"), then compare
// character trigrams the way pg_trgm does.

/** Lowercase without diacritics: "Náměstí Míru" → "namesti miru". */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

const STOPWORDS = new Set(
  (
    'a aby aj ale ani ano asi az bez bude budou by byl byla byli bylo byt ci co jak jake jaky ' +
    'jako je jeho jej jeji jejich jen jeste ji jsem jsme jsou jste k kam kde kdo kdy kdyz ke ' +
    'ktera ktere kteri ktery ma mate me mi mit mne mu my na nad nam nas ne nebo neni nez ni ' +
    'o od on ona oni ono pak po pod podle pokud pro proc proto pri s se si sve take tak tam ' +
    'te tedy ten tento to tom tu ty u uz v vam vas ve vsak z za ze zda'
  ).split(' '),
);

// Case and number endings of nouns and adjectives (with "-áním", "-ením", "-áních", "-eních"
// of verbal nouns: "parkováním" → "parkov", as "parkování"), and the infinitive "-it"
// ("opravit" → "oprav", as "opraví" and "oprava"), longest first (after folding).
// No "-ce": it would cut "ulice" to "uli" but "ulici" to "ulic"; "školce" is handled by the
// c → k in stem() instead.
const ENDINGS = [
  'atech',
  'anich',
  'enich',
  'anim',
  'enim',
  'etem',
  'atum',
  'ovi',
  'ove',
  'ech',
  'ich',
  'eho',
  'emi',
  'emu',
  'ete',
  'eti',
  'iho',
  'imi',
  'imu',
  'ach',
  'ata',
  'aty',
  'ych',
  'ama',
  'ami',
  'ymi',
  'ani',
  'eni',
  'em',
  'es',
  'im',
  'um',
  'at',
  'am',
  'os',
  'us',
  'ym',
  'mi',
  'ou',
  'ho',
  'it',
  'a',
  'e',
  'i',
  'o',
  'u',
  'y',
];

/** Strip the first (longest) ending that leaves at least three letters. */
function stripEnding(word: string): string {
  for (const ending of ENDINGS) {
    if (word.length - ending.length >= 3 && word.endsWith(ending)) {
      return word.slice(0, -ending.length);
    }
  }
  return word;
}

/**
 * A light Czech stemmer on folded words; keeps at least three letters of the word. A final
 * "c" is read as "k", the k → c alternation of declension ("školka" / "školce", "řeka" /
 * "řece"), so every form of "ulice" / "ulici" / "ulic" gives "ulik" too. Rare pairs such as
 * "věc" / "věk" collide; for duplicate suggestions that is acceptable.
 */
export function stem(word: string): string {
  const stemmed = stripEnding(word);
  return stemmed.endsWith('c') ? `${stemmed.slice(0, -1)}k` : stemmed;
}

/** The comparable words of a text: folded, without function words, stemmed. */
export function keywords(text: string): string[] {
  return foldDiacritics(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && !STOPWORDS.has(word))
    .map(stem);
}

/** pg_trgm's trigrams: each word padded with two spaces before and one after. */
export function trigrams(words: readonly string[]): Set<string> {
  const grams = new Set<string>();
  for (const word of words) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** Shared trigrams over all distinct ones (pg_trgm's similarity), 0..1. */
export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return shared / (a.size + b.size - shared);
}

/** A text prepared once for many comparisons. */
export interface Fingerprint {
  grams: Set<string>;
}

export const fingerprint = (text: string): Fingerprint => ({ grams: trigrams(keywords(text)) });

export interface SimilarHit<T> {
  item: T;
  score: number;
}

/**
 * The candidates most like `text`, best first: those scoring at least `threshold`,
 * at most `limit` of them.
 */
export function mostSimilar<T>(
  text: string | Fingerprint,
  candidates: readonly { item: T; fingerprint: Fingerprint }[],
  { threshold = 0.3, limit = 3 } = {},
): SimilarHit<T>[] {
  const probe = typeof text === 'string' ? fingerprint(text) : text;
  return candidates
    .map(({ item, fingerprint: fp }) => ({ item, score: similarity(probe.grams, fp.grams) }))
    .filter((hit) => hit.score >= threshold)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

/**
 * The blocked words found in `text`, as listed. Case and diacritics are ignored; a word is
 * caught with its Czech endings: the entry without its ending, when at least four letters
 * remain, must begin a word ("kurva" catches "kurvy", "kurvo"; "debil" catches "debilové").
 * Shorter stems would catch innocent words, so "píča" only catches words beginning "pica".
 * An entry with spaces is a phrase whose words must follow each other.
 */
export function findBlockedWords(text: string, blocked: readonly string[]): string[] {
  if (blocked.length === 0) return [];
  const words = foldDiacritics(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const hits: string[] = [];
  for (const entry of blocked) {
    const parts = foldDiacritics(entry).split(/\s+/).filter(Boolean);
    if (parts.length === 0) continue;
    const last = parts.pop()!;
    // The ending only: the k/c reading of stem() would turn "sráč" into "srak".
    const stemmed = stripEnding(last);
    const prefix = stemmed.length >= 4 ? stemmed : last;
    const found = words.some(
      (word, i) =>
        parts.every((part, j) => words[i + j] === part) &&
        (words[i + parts.length] ?? '').startsWith(prefix),
    );
    if (found) hits.push(entry);
  }
  return hits;
}
