// Czech full-text search with the Czech done in the app, so that it behaves the same on embedded
// PGlite and on any hosted PostgreSQL: no unaccent, no ispell dictionaries, no tsearch_data files.
// Each searchable row stores searchDocument(text) and PostgreSQL indexes
// `to_tsvector('simple', normalized)`; user input becomes a `to_tsquery('simple', $1)` string
// through searchQuery(). Pure and I/O-free.
//
// Normalization: lower case, diacritics off ("Nádraží" → "nadrazi"), words are runs of [a-z0-9],
// function words and single letters dropped, and each word stemmed by a light Czech stemmer
// (inflection endings, then derivation suffixes, the mobile e, and the k/c and h/z alternations).
// The stemmer conflates a little more than a linguist would ("park" and "parkování" share a stem);
// recall matters more here than precision, and results are ranked.
//
// The stems are stored in the database, so changing anything that changes searchTokens() output
// means re-normalizing the stored rows: bump SEARCH_NORMALIZATION_VERSION with such a change. This
// is also why the stemmer does not share czech-text's word lists: tuning duplicate-question
// detection must not silently make the search index stale.

import { foldDiacritics } from './czech-text.ts';

/** Bump when searchTokens() output changes: stored normalized columns must then be rebuilt. */
export const SEARCH_NORMALIZATION_VERSION = 1;

/** Longest token kept; longer runs (hashes, URLs glued together) are cut, also in queries. */
export const MAX_TOKEN_LENGTH = 64;
/** Query input beyond this is ignored, and so are terms beyond MAX_QUERY_TERMS. */
export const MAX_QUERY_LENGTH = 500;
export const MAX_QUERY_TERMS = 24;

// Function words. Dropped in documents and queries alike, so phrases still line up ("náměstí
// v Praze" finds "náměstí v Praze" as namest <-> prah). "byt" is here as the verb "být"; its
// homonym "byt" (flat) is then only found through its other forms ("byty", "bytu").
const STOPWORDS = new Set(
  (
    'a aby aj ale ani ano asi az bez bud bude budou by bych bychom byl byla byli bylo byly bys ' +
    'byste byt ci co jak jake jaky jako je jeho jej jeji jejich jen jeste ji jim jsem jsi jsme ' +
    'jsou jste k kam kde kdo kdy kdyz ke ktera ktere kteri ktery kterou ma mate me mi mit mne ' +
    'mu my na nad nam nas ne nebo neni nez ni o od on ona oni ono pak po pod podle pokud pro ' +
    'proc proto pri s se si sve take taky tak tam te tedy ted ten tento to toho tom tomu tu ty ' +
    'u uz v vam vas ve vsak z za ze zda'
  ).split(' '),
);

// Inflection endings, after folding. `again`: the ending is a case ending, after which a second
// ending may be stripped, because some nominatives end like an ending themselves: "program" loses
// "am" as "programu" loses "u" and then "am" (both "progr"), "problém"/"problémy" likewise.
// Verbal nouns and verb endings are not followed by a second cut: "usnesení" stays "usnes", not
// "usn".
const CASE_ENDINGS =
  'atech etem ovi ove ech ich eho emi emu ete eti iho imi imu ach ata aty atum ych ama ami ymi uv ' +
  'em es im um at am os us ym mi ou ho it a e i o u y';
const VERB_ENDINGS =
  'anich enich anim enim ani eni oval ovala ovali ovalo ovaly uje uji uju ujes ujeme ujete ujou';

interface Ending {
  text: string;
  again: boolean;
}

// Longest first: "Palackého" loses "eho", not just "o".
const ENDINGS: readonly Ending[] = [
  ...CASE_ENDINGS.split(' ').map((text) => ({ text, again: true })),
  ...VERB_ENDINGS.split(' ').map((text) => ({ text, again: false })),
].sort((a, b) => b.text.length - a.text.length);

/** A stem keeps at least this many letters. */
const MIN_STEM = 3;
/** A shorter beginning ("př") matches a third of an archive: slow, and no help to the reader. */
const MIN_PREFIX = 3;

function stripEnding(word: string): Ending | undefined {
  return ENDINGS.find(({ text }) => word.length - text.length >= MIN_STEM && word.endsWith(text));
}

/** Strip up to two inflection endings (see CASE_ENDINGS). */
function stripInflection(word: string): string {
  const first = stripEnding(word);
  if (!first) return word;
  const rest = word.slice(0, -first.text.length);
  const second = first.again ? stripEnding(rest) : undefined;
  return second ? rest.slice(0, -second.text.length) : rest;
}

/**
 * What comes after the endings are off, also applied to guessed stems of half-typed words:
 * - derivation suffixes "-ov" ("Husova", "Husův" → "hus"; "parkovat", "parkuje" → "park";
 *   "rozpočtový" → "rozpočt"), "-il" (past tense: "opravili" → "oprav") and, keeping five letters,
 *   "-en" (participles: "schválen" → "schval", but "týden" keeps its mobile e below);
 * - the mobile e before a final k c t l n r v: "rozpočet" / "rozpočtu", "školek" / "školka",
 *   "Liberec" / "Liberci", "týden" / "týdne";
 * - the alternations k/c ("školce" → "školk") and h/z ("Praze" → "prah", also "nádraží" →
 *   "nadrah": consistent on both sides, so harmless).
 */
function finishStem(stem: string): string {
  let s = stem;
  if (s.length - 2 >= MIN_STEM && (s.endsWith('ov') || s.endsWith('il'))) s = s.slice(0, -2);
  else if (s.length - 2 >= 5 && s.endsWith('en')) s = s.slice(0, -2);
  if (s.length > MIN_STEM && /[^aeiouy]e[kctlnrv]$/.test(s)) s = s.slice(0, -2) + s.slice(-1);
  if (s.endsWith('c')) s = `${s.slice(0, -1)}k`;
  else if (s.endsWith('z')) s = `${s.slice(0, -1)}h`;
  return s;
}

/**
 * The search stem of one folded word ([a-z0-9]+). Words with digits are kept as they are
 * ("12", "d1"); short words ("zš", "eu") too.
 */
export function searchStem(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length < MIN_STEM) return word;
  return finishStem(stripInflection(word));
}

// ---- folding and tokenizing, keeping each word's place in the original text ---------------------

// Letters that Unicode does not decompose into a base letter and a mark.
const EXTRA_FOLDS: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

const foldCache = new Map<string, string>();

/** One code point folded: lower case, compatibility forms ("ﬁ", "²"), no marks. */
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return ch.toLowerCase();
  let folded = foldCache.get(ch);
  if (folded === undefined) {
    // Marks and invisible format characters (soft hyphen, zero-width joiners) fold to nothing,
    // so they neither split a word nor end up outside its highlight.
    folded = foldDiacritics(ch.normalize('NFKD'))
      .normalize('NFKD')
      .replace(/[\p{M}\p{Cf}]/gu, '');
    folded = [...folded].map((c) => EXTRA_FOLDS[c] ?? c).join('');
    if (foldCache.size < 10_000) foldCache.set(ch, folded);
  }
  return folded;
}

interface WordRun {
  /** Folded, [a-z0-9]+, at most MAX_TOKEN_LENGTH long. */
  word: string;
  /** Its span in the original text, in UTF-16 code units. */
  start: number;
  end: number;
}

// PostgreSQL's parser reads "1e5x" as the number "1e5" and the word "x": two lexemes. Such runs
// are split the same way here, so phrase positions and the in-app matcher agree with the database.
const SCIENTIFIC_PREFIX = /^[0-9]+e[0-9]+(?=[a-z])/;

/** The [a-z0-9] runs of the folded text, each mapped back to where it stands in `text`. */
function wordRuns(text: string): WordRun[] {
  const runs: WordRun[] = [];
  let word = '';
  let starts: number[] = [];
  let end = 0;
  const close = () => {
    if (word.length === 0) return;
    const cut = word.slice(0, MAX_TOKEN_LENGTH);
    const runEnd = cut.length < word.length ? (starts[cut.length] ?? end) : end;
    const sci = SCIENTIFIC_PREFIX.exec(cut);
    if (sci) {
      const split = sci[0].length;
      runs.push({ word: cut.slice(0, split), start: starts[0] ?? 0, end: starts[split] ?? runEnd });
      runs.push({ word: cut.slice(split), start: starts[split] ?? runEnd, end: runEnd });
    } else {
      runs.push({ word: cut, start: starts[0] ?? 0, end: runEnd });
    }
    word = '';
    starts = [];
  };
  for (let i = 0; i < text.length;) {
    const ch = String.fromCodePoint(text.codePointAt(i) ?? 0);
    const folded = foldChar(ch);
    if (folded === '') {
      if (word.length > 0) end = i + ch.length; // a mark belongs to its letter
    } else {
      for (const c of folded) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
          word += c;
          starts.push(i);
          end = i + ch.length;
        } else {
          close();
        }
      }
    }
    i += ch.length;
  }
  close();
  return runs;
}

/** A run's search token, or null for a function word or a lone letter. */
function runToken(word: string): string | null {
  if (STOPWORDS.has(word)) return null;
  if (word.length === 1 && !/[0-9]/.test(word)) return null;
  return searchStem(word);
}

/** The search tokens of a text, in order: folded, without function words, stemmed. */
export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const run of wordRuns(text)) {
    const token = runToken(run.word);
    if (token !== null) tokens.push(token);
  }
  return tokens;
}

/** What to store for a text and index as `to_tsvector('simple', normalized)`. */
export function searchDocument(text: string): string {
  return searchTokens(text).join(' ');
}

// ---- queries -------------------------------------------------------------------------------------

/** One query word: matches a document token equal to one of `exact` or starting with `prefix`. */
interface QueryToken {
  exact: readonly string[];
  prefix: string | null;
}

/** A word, or a phrase of words in a row ("quoted", or one word like "Frýdek-Místek"). */
interface QueryTerm {
  tokens: readonly QueryToken[];
  negated: boolean;
}

// Every beginning of an ending ("a", "an", "ani", "anic" …): what a half-typed word may end with
// after its stem.
const ENDING_BEGINNINGS = new Set(
  ENDINGS.flatMap(({ text }) => [...text].map((_, i) => text.slice(0, i + 1))),
);

/**
 * The last word while typing: "parko" should find "parkování" (stem "park") and "parkoviště"
 * ("parkovist"). Its stem matches exactly, and so does the stem it would have if it ended in the
 * beginning of an ending ("parkován|" → "parkov" → "park"); and any stored token it begins
 * ("parko:*" → "parkovist"). Not every shorter beginning: "mostecký" must not find "most".
 * Cuts shorter than an ending the word already has ("Palackého") would only add junk stems.
 */
function typingToken(word: string): QueryToken {
  if (!/^[a-z]+$/.test(word)) return { exact: [], prefix: word };
  const exact = new Set([searchStem(word)]);
  for (let cut = stripEnding(word)?.text.length ?? 1; word.length - cut >= MIN_STEM; cut++) {
    if (ENDING_BEGINNINGS.has(word.slice(-cut))) exact.add(finishStem(word.slice(0, -cut)));
  }
  // Stems that the prefix already covers add nothing.
  return { exact: [...exact].filter((s) => !s.startsWith(word)), prefix: word };
}

export interface SearchQueryOptions {
  /**
   * Match the last word as the beginning of a word (as-you-type). Default true; also off when
   * the input ends in a space, a closing quote or punctuation (the word is finished).
   */
  prefix?: boolean;
}

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/u.test(ch);
}

/**
 * Parse user input: words (ANDed), "quoted phrases", "-word" / -"phrase" to exclude. A word that
 * falls apart into several tokens ("Frýdek-Místek", "12.3.2024") is a phrase too.
 */
function parseQuery(input: string, { prefix = true }: SearchQueryOptions): QueryTerm[] {
  const text = input.slice(0, MAX_QUERY_LENGTH);
  const terms: QueryTerm[] = [];
  let i = 0;
  while (i < text.length && terms.length < MAX_QUERY_TERMS) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    let negated = false;
    if (text[i] === '-' && i + 1 < text.length && !isSpace(text[i + 1])) {
      negated = true;
      i++;
    }
    let body: string;
    let open: boolean; // nothing after it: the user may still be typing its last word
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      body = text.slice(i + 1, close < 0 ? text.length : close);
      open = close < 0;
      i = close < 0 ? text.length : close + 1;
    } else {
      let j = i;
      while (j < text.length && !isSpace(text[j]) && text[j] !== '"') j++;
      body = text.slice(i, j);
      open = j === text.length;
      i = j;
    }
    const runs = wordRuns(body);
    const last = runs[runs.length - 1];
    const typing = prefix && open && !negated && last !== undefined && last.end === body.length;
    const tokens: QueryToken[] = [];
    for (const run of runs) {
      const token = runToken(run.word);
      if (token === null) continue;
      tokens.push(
        typing && run === last && run.word.length >= MIN_PREFIX
          ? typingToken(run.word)
          : { exact: [token], prefix: null },
      );
    }
    if (tokens.length > 0) terms.push({ tokens, negated });
  }
  return terms;
}

function renderToken({ exact, prefix }: QueryToken): string {
  const options = prefix === null ? [...exact] : [...exact, `${prefix}:*`];
  return options.length === 1 ? (options[0] ?? '') : `(${options.join(' | ')})`;
}

function renderTerm({ tokens, negated }: QueryTerm): string {
  const phrase = tokens.map(renderToken).join(' <-> ');
  if (!negated) return phrase;
  return tokens.length === 1 ? `!${phrase}` : `!(${phrase})`;
}

/**
 * A `to_tsquery('simple', …)` string for user input, or null when nothing is left to search
 * for (empty, only function words, or only excluded words: "-park" alone would list everything).
 * Safe to pass as a parameter: tokens are [a-z0-9] only, all operators come from here.
 */
export function searchQuery(input: string, options: SearchQueryOptions = {}): string | null {
  const terms = parseQuery(input, options);
  if (!terms.some((term) => !term.negated)) return null;
  return [...new Set(terms.map(renderTerm))].join(' & ');
}

function tokenMatches(query: QueryToken, token: string): boolean {
  return query.exact.includes(token) || (query.prefix !== null && token.startsWith(query.prefix));
}

function termFound(tokens: readonly string[], term: QueryTerm): boolean {
  const phrase = term.tokens;
  for (let at = 0; at + phrase.length <= tokens.length; at++) {
    if (phrase.every((query, k) => tokenMatches(query, tokens[at + k] ?? ''))) return true;
  }
  return false;
}

/**
 * Whether the text matches the query, as `to_tsvector('simple', searchDocument(text)) @@
 * to_tsquery('simple', searchQuery(input))` would: for filtering live transcript lines in the app
 * without a database round trip. (PostgreSQL stops counting word positions at 16383; for longer
 * texts a phrase may match here and not there.)
 */
export function searchMatches(
  text: string,
  input: string,
  options: SearchQueryOptions = {},
): boolean {
  const terms = parseQuery(input, options);
  if (!terms.some((term) => !term.negated)) return false;
  const tokens = searchTokens(text);
  return terms.every((term) => termFound(tokens, term) !== term.negated);
}

// ---- highlighting --------------------------------------------------------------------------------

/** A piece of the original text; `hit` pieces are rendered as <mark>. */
export interface HighlightPart {
  text: string;
  hit: boolean;
}

interface Span {
  start: number;
  end: number;
}

/** Spans of the original text whose words match a (not excluded) query word. */
function hitSpans(text: string, input: string, options: SearchQueryOptions): Span[] {
  const wanted = parseQuery(input, options)
    .filter((term) => !term.negated)
    .flatMap((term) => term.tokens);
  if (wanted.length === 0) return [];
  const spans: Span[] = [];
  for (const run of wordRuns(text)) {
    const token = runToken(run.word);
    if (token === null || !wanted.some((query) => tokenMatches(query, token))) continue;
    const previous = spans[spans.length - 1];
    // Runs cut from one character ("½") share it: join them.
    if (previous && run.start < previous.end) previous.end = Math.max(previous.end, run.end);
    else spans.push({ start: run.start, end: run.end });
  }
  return spans;
}

/** Parts of text[from, to) with the hit spans marked; empty parts are left out. */
function partsOf(text: string, spans: readonly Span[], from: number, to: number): HighlightPart[] {
  const parts: HighlightPart[] = [];
  const push = (start: number, end: number, hit: boolean) => {
    if (end <= start) return;
    const previous = parts[parts.length - 1];
    if (previous && previous.hit === hit) previous.text += text.slice(start, end);
    else parts.push({ text: text.slice(start, end), hit });
  };
  let at = from;
  for (const span of spans) {
    if (span.end <= from || span.start >= to) continue;
    push(at, Math.max(at, span.start), false);
    at = Math.max(at, span.start);
    push(at, Math.min(span.end, to), true);
    at = Math.min(span.end, to);
  }
  push(at, to, false);
  return parts;
}

/**
 * The original text (diacritics and case as written) in parts, the words that match the query
 * marked, for <mark> without {@html}. The parts joined give back the text. Words of a phrase
 * are marked wherever they stand; excluded words never.
 */
export function highlight(
  text: string,
  input: string,
  options: SearchQueryOptions = {},
): HighlightPart[] {
  return partsOf(text, hitSpans(text, input, options), 0, text.length);
}

const ELLIPSIS = '…';

/** Not between the halves of a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/**
 * Like highlight(), cut to at most maxChars characters around the first hit (or the start):
 * about a third of the room before the hit, cuts between words where possible, "…" where text
 * was cut off. A text that fits is returned whole.
 */
export function snippet(
  text: string,
  input: string,
  maxChars = 160,
  options: SearchQueryOptions = {},
): HighlightPart[] {
  const spans = hitSpans(text, input, options);
  if (text.length <= maxChars) return partsOf(text, spans, 0, text.length);
  const room = Math.max(1, maxChars - 2 * ELLIPSIS.length);
  const words = wordRuns(text);
  const first = spans[0];

  let start = first ? Math.max(0, first.start - Math.floor(room / 3)) : 0;
  start = Math.max(0, Math.min(start, text.length - room));
  // Do not begin inside a word: move on to the next one (at the latest the hit itself).
  const inside = words.find((w) => w.start < start && start < w.end);
  if (inside) start = Math.min(inside.end, first?.start ?? inside.end);
  while (start < text.length && isSpace(text[start])) start++;
  start = safeCut(text, start);

  let end = Math.min(text.length, start + room);
  const cutWord = words.find((w) => w.start < end && end < w.end);
  if (cutWord && cutWord.start > start && cutWord.start >= (first?.end ?? 0)) end = cutWord.start;
  while (end > start && isSpace(text[end - 1])) end--;
  end = safeCut(text, end);

  const parts = partsOf(text, spans, start, end);
  if (start > 0) {
    const head = parts[0];
    if (head && !head.hit) head.text = ELLIPSIS + head.text;
    else parts.unshift({ text: ELLIPSIS, hit: false });
  }
  if (end < text.length) {
    const tail = parts[parts.length - 1];
    if (tail && !tail.hit) tail.text += ELLIPSIS;
    else parts.push({ text: ELLIPSIS, hit: false });
  }
  return parts;
}
