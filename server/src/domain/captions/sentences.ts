// Segments cut into sentences for search, with times interpolated.
import { type CaptionSegment, MAX_SENTENCE_CHARS } from './types.ts';
import { normalizeText, isBlank, sortByStart } from './text.ts';

const TERMINATORS = new Set(['.', '?', '!', '…']);
const CLOSERS = new Set(['"', "'", '“', '”', '’', '»', '«', ')', ']']);
const OPENERS = new Set(['"', "'", '„', '“', '‚', '‘', '«', '»', '(', '[', '-', '–', '—']);

/** Never end a sentence: titles and abbreviations that a name, number or more text follows. */
const CONTINUING_ABBREVIATIONS = new Set([
  'např',
  'tzv',
  'tj',
  'resp',
  'popř',
  'příp',
  'mj',
  'cca',
  'vč',
  'č',
  'čj',
  'č.j',
  'čl',
  'odst',
  'písm',
  'sb',
  'str',
  'tel',
  'ev',
  'zn',
  'ul',
  'nám',
  'tř',
  'sv',
  'p',
  'pí',
  'sl',
  'ing',
  'mgr',
  'bc',
  'mudr',
  'mvdr',
  'judr',
  'phdr',
  'rndr',
  'paedr',
  'thdr',
  'doc',
  'prof',
]);

/** Often end a sentence: they end it only when a capital letter (or nothing) follows. */
const ENDING_ABBREVIATIONS = new Set([
  'atd',
  'apod',
  'aj',
  'kč',
  'tis',
  'mil',
  'mld',
  'hod',
  'min',
  'r',
  'stol',
  'ph.d',
  'csc',
  'drsc',
  's.r.o',
  'a.s',
  'spol',
]);

type NextKind = 'lower' | 'upper' | 'digit' | 'other' | 'end';

function nextKind(text: string, from: number): NextKind {
  let i = from;
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  while (i < text.length && OPENERS.has(text.charAt(i))) i++;
  if (i >= text.length) return 'end';
  const c = String.fromCodePoint(text.codePointAt(i) ?? 0);
  if (/\p{Ll}/u.test(c)) return 'lower';
  if (/\p{Lu}|\p{Lt}/u.test(c)) return 'upper';
  if (/\p{Nd}/u.test(c)) return 'digit';
  return 'other';
}

function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && !/\s/.test(text.charAt(start - 1))) start--;
  let word = text.slice(start, end);
  while (word !== '' && OPENERS.has(word.charAt(0))) word = word.slice(1);
  return word;
}

function endsSentence(text: string, at: number, run: string, next: NextKind): boolean {
  if (run.includes('?') || run.includes('!')) return true;
  // An ellipsis ends the sentence unless it goes on in lower case ("No… to nevím").
  if (run !== '.') return next !== 'lower';
  const word = wordBefore(text, at);
  const lower = word.toLowerCase();
  if (word === '') return true;
  if (CONTINUING_ABBREVIATIONS.has(lower)) return false;
  if (ENDING_ABBREVIATIONS.has(lower))
    return next === 'upper' || next === 'other' || next === 'end';
  // An initial ("T. G. Masaryk") or a Roman ordinal ("I. pololetí").
  if (/^\p{Lu}$/u.test(word)) return next === 'other' || next === 'end';
  // Ordinals and dates: "1. bod", "28. října", "1. 1. 2024", "II. čtení".
  if (/^\d+$/.test(word) || /^[IVXLCDM]+$/.test(word)) return next !== 'lower' && next !== 'digit';
  return true;
}

/** Offsets where sentences end (exclusive), not counting the end of the text. */
function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!TERMINATORS.has(text.charAt(i))) continue;
    let j = i;
    while (j < text.length && TERMINATORS.has(text.charAt(j))) j++;
    const run = text.slice(i, j);
    while (j < text.length && CLOSERS.has(text.charAt(j))) j++;
    // "3.5", "www.praha.cz", "1.1.2024": no space after, no sentence end.
    if (j < text.length && /\s/.test(text.charAt(j))) {
      if (endsSentence(text, i, run, nextKind(text, j))) ends.push(j);
    }
    i = j - 1;
  }
  return ends;
}

const isSpace = (text: string, i: number) => /\s/.test(text.charAt(i));

/** [from, to) without surrounding whitespace, or null when nothing readable is left. */
function trimRange(text: string, from: number, to: number): [number, number] | null {
  let a = from;
  let b = to;
  while (a < b && isSpace(text, a)) a++;
  while (b > a && isSpace(text, b - 1)) b--;
  return isBlank(text.slice(a, b)) ? null : [a, b];
}

/**
 * Cuts a range longer than MAX_SENTENCE_CHARS into near-equal pieces: at the comma (or ";", ":")
 * nearest to the ideal cut when one is within a quarter of a piece of it, else at the nearest
 * space, else (one huge word) hard at the limit.
 */
function splitLong(text: string, from: number, to: number): [number, number][] {
  const pieces: [number, number][] = [];
  let start = from;
  while (to - start > MAX_SENTENCE_CHARS) {
    const count = Math.ceil((to - start) / MAX_SENTENCE_CHARS);
    const ideal = start + (to - start) / count;
    const tolerance = (to - start) / count / 4;
    let comma = -1;
    let space = -1;
    for (let c = start + 1; c <= start + MAX_SENTENCE_CHARS; c++) {
      if (text.charAt(c) !== ' ') continue; // not at a no-break space ("v\u00a0Praze")
      if (space < 0 || Math.abs(c - ideal) < Math.abs(space - ideal)) space = c;
      const isComma = /[,;:]/.test(text.charAt(c - 1));
      if (isComma && (comma < 0 || Math.abs(c - ideal) < Math.abs(comma - ideal))) comma = c;
    }
    let cut = comma >= 0 && Math.abs(comma - ideal) <= tolerance ? comma : space;
    if (cut < 0) {
      cut = start + MAX_SENTENCE_CHARS;
      const code = text.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--; // keep surrogate pairs whole
    }
    const piece = trimRange(text, start, cut);
    if (piece !== null) pieces.push(piece);
    start = cut;
    while (start < to && isSpace(text, start)) start++;
  }
  const rest = trimRange(text, start, to);
  if (rest !== null) pieces.push(rest);
  return pieces;
}

interface Span {
  from: number;
  to: number;
  startMs: number;
  endMs: number;
}

function sentencesOfStream(segments: CaptionSegment[], speaker: string | null): CaptionSegment[] {
  const spans: Span[] = [];
  let text = '';
  for (const segment of segments) {
    const part = normalizeText(segment.text);
    if (isBlank(part)) continue;
    if (text !== '') text += ' ';
    spans.push({
      from: text.length,
      to: text.length + part.length,
      startMs: segment.startMs,
      endMs: segment.endMs,
    });
    text += part;
  }

  // The span holding character `pos` (never a separator space: ranges are trimmed).
  const spanAt = (pos: number): Span => {
    let lo = 0;
    let hi = spans.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((spans[mid]?.from ?? 0) <= pos) lo = mid;
      else hi = mid - 1;
    }
    const span = spans[lo];
    if (span === undefined) throw new Error('no text span');
    return span;
  };
  const timeAt = (span: Span, pos: number) =>
    span.startMs + ((span.endMs - span.startMs) * (pos - span.from)) / (span.to - span.from);

  const ranges: [number, number][] = [];
  let from = 0;
  for (const end of [...sentenceEnds(text), text.length]) {
    const range = trimRange(text, from, end);
    if (range !== null) for (const piece of splitLong(text, range[0], range[1])) ranges.push(piece);
    from = end;
  }

  const sentences: CaptionSegment[] = [];
  let previousEnd = -Infinity;
  for (const [a, b] of ranges) {
    const startMs = Math.max(Math.round(timeAt(spanAt(a), a)), previousEnd);
    const endMs = Math.max(Math.round(timeAt(spanAt(b - 1), b)), startMs + 1);
    sentences.push({ startMs, endMs, text: text.slice(a, b), speaker });
    previousEnd = endMs;
  }
  return sentences;
}

/**
 * Sentences for search. Consecutive segments of one speaker are read as one stream, cut at
 * sentence ends (. ? ! …) but not after abbreviations ("např.", "Ing."), ordinals followed by a
 * lower-case word or a number ("1. bod", "1. 1. 2024"), initials ("T. G. Masaryk") or inside
 * numbers ("3.5"); an ellipsis followed by lower case goes on. "atd.", "Kč." and the like end a
 * sentence only before a capital letter. Sentences over MAX_SENTENCE_CHARS are cut at a comma or
 * space. Each sentence's times are interpolated by character position in the segments it spans.
 * Output: sorted by start, no empty text, endMs > startMs, no overlap within one speaker's stream.
 */
export function splitIntoSentences(segments: readonly CaptionSegment[]): CaptionSegment[] {
  const sorted = sortByStart(segments);
  const sentences: CaptionSegment[] = [];
  let i = 0;
  while (i < sorted.length) {
    const speaker = sorted[i]?.speaker ?? null;
    let j = i;
    while (j < sorted.length && (sorted[j]?.speaker ?? null) === speaker) j++;
    for (const sentence of sentencesOfStream(sorted.slice(i, j), speaker)) sentences.push(sentence);
    i = j;
  }
  return sortByStart(sentences);
}
