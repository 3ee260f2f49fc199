// WebVTT, SRT and plain text out.
import { type CaptionSegment } from './types.ts';
import {
  formatTimestamp,
  normalizeText,
  isBlank,
  normalizeSpeaker,
  escapeVtt,
  sortByStart,
} from './text.ts';

interface Cue {
  start: number;
  end: number;
  text: string;
  speaker: string | null;
}

/** Segments ready to write: sorted, text normalized, blank ones left out, end after start. */
function writableCues(segments: readonly CaptionSegment[]): Cue[] {
  const cues: Cue[] = [];
  for (const segment of sortByStart(segments)) {
    const text = normalizeText(segment.text);
    if (isBlank(text)) continue;
    for (const ms of [segment.startMs, segment.endMs]) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Invalid time: ${ms}`);
    }
    const start = Math.round(segment.startMs);
    const end = Math.max(Math.round(segment.endMs), start + 1);
    cues.push({ start, end, text, speaker: normalizeSpeaker(segment.speaker) });
  }
  return cues;
}

/**
 * A WebVTT file: cues sorted by start, text escaped, `<v Name>` voice tags for segments with a
 * speaker unless `speakers` is false. Blank segments are left out; an end not after the start is
 * written 1 ms after it. Throws a RangeError for negative or non-finite times.
 */
export function toWebVtt(
  segments: readonly CaptionSegment[],
  options: { speakers?: boolean } = {},
): string {
  const withSpeakers = options.speakers ?? true;
  const out = ['WEBVTT', ''];
  for (const cue of writableCues(segments)) {
    const text = escapeVtt(cue.text);
    out.push(`${formatTimestamp(cue.start, 'vtt')} --> ${formatTimestamp(cue.end, 'vtt')}`);
    out.push(
      withSpeakers && cue.speaker !== null ? `<v ${escapeVtt(cue.speaker)}>${text}</v>` : text,
    );
    out.push('');
  }
  return out.join('\n');
}

/**
 * An SRT file, cues numbered from 1. SRT has no speakers: they are left out, or written as
 * "Name: text" with `speakers: true` (which parseCaptions does not read back). Same rules as toWebVtt.
 */
export function toSrt(
  segments: readonly CaptionSegment[],
  options: { speakers?: boolean } = {},
): string {
  return writableCues(segments)
    .map((cue, k) => {
      const text =
        options.speakers === true && cue.speaker !== null
          ? `${cue.speaker}: ${cue.text}`
          : cue.text;
      const timing = `${formatTimestamp(cue.start, 'srt')} --> ${formatTimestamp(cue.end, 'srt')}`;
      return `${k + 1}\n${timing}\n${text}\n`;
    })
    .join('\n');
}

/**
 * Readable text: consecutive segments of one speaker form a paragraph headed "Name:" (no heading
 * without a speaker), paragraphs separated by a blank line. With `timestamps`, each heading starts
 * with the paragraph's start as "[hh:mm:ss]" (a heading of its own without a speaker).
 */
export function toPlainText(
  segments: readonly CaptionSegment[],
  options: { timestamps?: boolean } = {},
): string {
  const paragraphs: { speaker: string | null; start: number; texts: string[] }[] = [];
  for (const cue of writableCues(segments)) {
    const last = paragraphs[paragraphs.length - 1];
    if (last !== undefined && last.speaker === cue.speaker) last.texts.push(cue.text);
    else paragraphs.push({ speaker: cue.speaker, start: cue.start, texts: [cue.text] });
  }
  return paragraphs
    .map(({ speaker, start, texts }) => {
      const heading = [
        options.timestamps === true ? `[${formatTimestamp(start, 'vtt').slice(0, -4)}]` : '',
        speaker === null ? '' : `${speaker}:`,
      ]
        .filter((part) => part !== '')
        .join(' ');
      const body = texts.join(' ');
      return `${heading === '' ? '' : `${heading}\n`}${body}\n`;
    })
    .join('\n');
}
