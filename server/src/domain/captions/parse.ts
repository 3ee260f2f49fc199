// WebVTT and SRT in: cues, voices, entities, and a typed error naming the line.
import {
  type CaptionSegment,
  type CaptionFormat,
  MAX_CAPTIONS_BYTES,
  MAX_CAPTION_CUES,
  FALLBACK_CUE_MS,
  CaptionsError,
} from './types.ts';
import {
  TIMING_LIKE,
  parseTimingLine,
  normalizeText,
  isBlank,
  normalizeSpeaker,
  decodeEntities,
  isTooLarge,
  stripBom,
  splitLines,
  isVttHeader,
  sortByStart,
} from './text.ts';

interface RawCue {
  start: number;
  end: number;
  lines: string[];
}

interface Run {
  speaker: string | null;
  text: string;
}

/** 'vtt' when the text starts with a WEBVTT header or its first timing uses ".", else 'srt'. */
export function detectCaptionFormat(text: string): CaptionFormat {
  const lines = splitLines(stripBom(text));
  const first = lines.find((line) => line.trim() !== '');
  if (first !== undefined && isVttHeader(first)) return 'vtt';
  const timing = lines.find((line) => line.includes('-->'));
  if (timing !== undefined && /\d\.\d+$/.test(timing.slice(0, timing.indexOf('-->')).trim())) {
    return 'vtt';
  }
  return 'srt';
}

class CueCollector {
  readonly cues: RawCue[] = [];

  start(line: string, lineNo: number): RawCue {
    if (this.cues.length >= MAX_CAPTION_CUES) {
      throw new CaptionsError('too_large', lineNo, `more than ${MAX_CAPTION_CUES} cues`);
    }
    const timing = parseTimingLine(line);
    if (timing === null) throw new CaptionsError('malformed_timing', lineNo, line.trim());
    const cue: RawCue = { ...timing, lines: [] };
    this.cues.push(cue);
    return cue;
  }
}

function rejectTimingLike(line: string, lineNo: number): void {
  if (TIMING_LIKE.test(line)) throw new CaptionsError('malformed_timing', lineNo, line.trim());
}

function collectVtt(lines: string[]): RawCue[] {
  const collector = new CueCollector();
  // between: outside blocks; pending: one line that may be a cue identifier; orphan: a block
  // without timing (ignored, as browsers do); skip: NOTE, STYLE, REGION or the header.
  let state: 'between' | 'pending' | 'orphan' | 'skip' | 'cue' = 'between';
  let pending = { line: '', lineNo: 0 };
  let cue: RawCue | null = null;
  let i = lines.findIndex((line) => line.trim() !== '');
  if (i >= 0 && isVttHeader(lines[i] ?? '')) {
    state = 'skip';
    i++;
  }
  for (i = Math.max(i, 0); i < lines.length; i++) {
    const line = lines[i] ?? '';
    const lineNo = i + 1;
    if (line.includes('-->')) {
      cue = collector.start(line, lineNo);
      state = 'cue';
      continue;
    }
    const blank = line.trim() === '';
    switch (state) {
      case 'between':
        if (blank) break;
        if (/^NOTE(?:[ \t]|$)/.test(line) || /^(?:STYLE|REGION)[ \t]*$/.test(line)) {
          state = 'skip';
        } else {
          pending = { line, lineNo };
          state = 'pending';
        }
        break;
      case 'pending':
        rejectTimingLike(pending.line, pending.lineNo);
        if (blank) state = 'between';
        else {
          rejectTimingLike(line, lineNo);
          state = 'orphan';
        }
        break;
      case 'orphan':
        if (blank) state = 'between';
        else rejectTimingLike(line, lineNo);
        break;
      case 'skip':
        if (blank) state = 'between';
        break;
      case 'cue':
        if (blank) state = 'between';
        else cue?.lines.push(line);
        break;
    }
  }
  if (state === 'pending') rejectTimingLike(pending.line, pending.lineNo);
  return collector.cues;
}

const isIndexLine = (line: string) => /^\s*\d+\s*$/.test(line);

function collectSrt(lines: string[]): RawCue[] {
  const collector = new CueCollector();
  let state: 'between' | 'orphan' | 'cue' = 'between';
  let orphan: { line: string; lineNo: number }[] = [];
  let cue: RawCue | null = null;

  const flushOrphan = () => {
    for (const { line, lineNo } of orphan) rejectTimingLike(line, lineNo);
    // A block without timing after a cue is its text, split by a stray blank line.
    if (cue !== null && !orphan.every(({ line }) => isIndexLine(line))) {
      for (const { line } of orphan) cue.lines.push(line);
    }
    orphan = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const lineNo = i + 1;
    const blank = line.trim() === '';
    const arrow = line.includes('-->');
    switch (state) {
      case 'between':
        if (blank) break;
        if (arrow) {
          cue = collector.start(line, lineNo);
          state = 'cue';
        } else {
          orphan = [{ line, lineNo }];
          state = 'orphan';
        }
        break;
      case 'orphan':
        if (blank) {
          flushOrphan();
          state = 'between';
        } else if (arrow) {
          // The line just before a timing line is its index.
          if (isIndexLine(orphan[orphan.length - 1]?.line ?? '')) orphan.pop();
          flushOrphan();
          cue = collector.start(line, lineNo);
          state = 'cue';
        } else orphan.push({ line, lineNo });
        break;
      case 'cue':
        if (blank) state = 'between';
        else if (arrow && parseTimingLine(line) !== null) {
          // A cue without the blank line before it: the index went into the previous text.
          const last = cue?.lines[cue.lines.length - 1];
          if (last !== undefined && isIndexLine(last)) cue?.lines.pop();
          cue = collector.start(line, lineNo);
        } else cue?.lines.push(line);
        break;
    }
  }
  if (state === 'orphan') flushOrphan();
  return collector.cues;
}

const VOICE_TAG = /^[vV](?:\.[^\s.>]*)*(?:[ \t\n\f\r]+([\s\S]*))?$/;

/** WebVTT cue text → runs of one speaker each, tags stripped, entities decoded. */
function vttRuns(raw: string): Run[] {
  const runs: Run[] = [];
  let speaker: string | null = null;
  let text = '';
  let i = 0;
  let gt: number | null = null; // the first ">" after the last "<" looked at (-1: none)
  while (i < raw.length) {
    const lt = raw.indexOf('<', i);
    if (lt < 0) {
      text += decodeEntities(raw.slice(i));
      break;
    }
    // A "<" not followed by a tag name, "/" or a timestamp digit, or with no ">" after it, is text.
    if (!/[/A-Za-z0-9]/.test(raw.charAt(lt + 1))) {
      text += decodeEntities(raw.slice(i, lt + 1));
      i = lt + 1;
      continue;
    }
    if (gt === null || (gt >= 0 && gt < lt)) gt = raw.indexOf('>', lt + 1);
    if (gt < 0) {
      text += decodeEntities(raw.slice(i));
      break;
    }
    const tag = raw.slice(lt + 1, gt);
    text += decodeEntities(raw.slice(i, lt));
    i = gt + 1;
    const voice = VOICE_TAG.exec(tag);
    if (voice === null) continue; // other tags, end tags and timestamps are dropped
    const name = normalizeSpeaker(decodeEntities(voice[1] ?? ''));
    if (name === speaker) continue;
    if (!isBlank(text)) runs.push({ speaker, text });
    text = '';
    speaker = name;
  }
  runs.push({ speaker, text });
  return runs
    .map((run) => ({ speaker: run.speaker, text: normalizeText(run.text) }))
    .filter((run) => !isBlank(run.text));
}

function srtRuns(raw: string): Run[] {
  const text = normalizeText(
    raw.replace(/<\/?(?:i|b|u|s|font)(?:\s[^<>]*)?>/gi, '').replace(/\{\\[^{}]*\}/g, ''),
  );
  return isBlank(text) ? [] : [{ speaker: null, text }];
}

/** Shares a cue's time among its speakers' runs, by text length. */
function splitRuns(start: number, end: number, runs: Run[]): CaptionSegment[] {
  const first = runs[0];
  if (first === undefined) return [];
  if (runs.length === 1 || end - start < runs.length) {
    const text = runs.map((run) => run.text).join(' ');
    return [{ startMs: start, endMs: end, text, speaker: first.speaker }];
  }
  const total = runs.reduce((sum, run) => sum + run.text.length, 0);
  const segments: CaptionSegment[] = [];
  let done = 0;
  let from = start;
  runs.forEach((run, k) => {
    done += run.text.length;
    const last = k === runs.length - 1;
    // Each run gets at least 1 ms and leaves at least 1 ms for every run after it.
    const to = last
      ? end
      : Math.min(
          Math.max(start + Math.round(((end - start) * done) / total), from + 1),
          end - (runs.length - 1 - k),
        );
    segments.push({ startMs: from, endMs: to, text: run.text, speaker: run.speaker });
    from = to;
  });
  return segments;
}

/**
 * Parses WebVTT or SRT (detected when `format` is not given) into segments sorted by start time,
 * every one with endMs > startMs and non-empty text. Throws a CaptionsError, never anything else.
 */
export function parseCaptions(text: string, format?: CaptionFormat): CaptionSegment[] {
  if (isTooLarge(text))
    throw new CaptionsError('too_large', null, `over ${MAX_CAPTIONS_BYTES} bytes`);
  const body = stripBom(text);
  if (body.trim() === '') throw new CaptionsError('empty', null);
  const kind = format ?? detectCaptionFormat(body);
  const lines = splitLines(body);
  const raw = kind === 'vtt' ? collectVtt(lines) : collectSrt(lines);

  const cues = sortByStart(
    raw
      .map((cue) => ({
        startMs: cue.start,
        endMs: cue.end,
        runs: (kind === 'vtt' ? vttRuns : srtRuns)(cue.lines.join('\n')),
      }))
      .filter((cue) => cue.runs.length > 0),
  );
  if (cues.length === 0) throw new CaptionsError('no_cues', null);

  // Ends not after the start: until the next later cue, at most FALLBACK_CUE_MS.
  let nextLater = Infinity;
  for (let k = cues.length - 1; k >= 0; k--) {
    const cue = cues[k];
    const next = cues[k + 1];
    if (cue === undefined) continue;
    if (next !== undefined && next.startMs > cue.startMs) nextLater = next.startMs;
    if (cue.endMs <= cue.startMs) {
      cue.endMs = Math.min(nextLater, cue.startMs + FALLBACK_CUE_MS);
    }
  }
  return sortByStart(cues.flatMap((cue) => splitRuns(cue.startMs, cue.endMs, cue.runs)));
}
