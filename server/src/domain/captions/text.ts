// Timestamps and text helpers shared by the captions parsers and writers.
import { type TimestampStyle, MAX_CAPTIONS_BYTES } from './types.ts';

export const TIMESTAMP = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})[.,](\d{1,3})$/;
// A line that begins like a timestamp: where no cue text can be, it is a broken timing line.
export const TIMING_LIKE = /^\s*(?:\d+:)?\d{1,2}:\d{1,2}[.,]\d/;

/**
 * Milliseconds of a WebVTT or SRT timestamp: "01:02:03.456", "02:03.456", "01:02:03,456";
 * null when it is not one (minutes or seconds over 59, missing milliseconds, …).
 */
export function parseTimestamp(value: string): number | null {
  const m = TIMESTAMP.exec(value.trim());
  if (m === null) return null;
  const hours = Number(m[1] ?? '0');
  const minutes = Number(m[2] ?? '');
  const seconds = Number(m[3] ?? '');
  const millis = Number((m[4] ?? '').padEnd(3, '0'));
  if (minutes > 59 || seconds > 59) return null;
  const total = ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
  return Number.isSafeInteger(total) ? total : null;
}

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * 'vtt' → "01:02:03.456", 'srt' → "01:02:03,456", 'clock' (for the UI) → "1:02:03", or "2:03"
 * under an hour (seconds rounded down). Throws a RangeError for negative or non-finite times.
 */
export function formatTimestamp(ms: number, style: TimestampStyle): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Invalid time: ${ms}`);
  const total = Math.round(ms);
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor(total / 60_000) % 60;
  const seconds = Math.floor(total / 1000) % 60;
  const millis = total % 1000;
  switch (style) {
    case 'vtt':
      return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(millis, 3)}`;
    case 'srt':
      return `${pad(hours)}:${pad(minutes)}:${pad(seconds)},${pad(millis, 3)}`;
    case 'clock':
      return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
  }
}

export function parseTimingLine(line: string): { start: number; end: number } | null {
  const arrow = line.indexOf('-->');
  if (arrow < 0) return null;
  const start = parseTimestamp(line.slice(0, arrow));
  // Anything after the end time (WebVTT cue settings, SRT coordinates) is ignored.
  const end = parseTimestamp(
    line
      .slice(arrow + 3)
      .trim()
      .split(/[ \t]+/)[0] ?? '',
  );
  return start === null || end === null ? null : { start, end };
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Runs of ASCII whitespace to one space, trimmed; no-break spaces are kept. */
export function normalizeText(text: string): string {
  return text.replace(/[ \t\n\r\f\v]+/g, ' ').replace(/^ | $/g, '');
}

/** Nothing readable: only whitespace (any kind) and direction marks. */
export function isBlank(text: string): boolean {
  return /^[\s\u200e\u200f]*$/.test(text);
}

export function normalizeSpeaker(speaker: string | null): string | null {
  if (speaker === null) return null;
  const name = normalizeText(speaker);
  return isBlank(name) ? null : name;
}

export const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  lrm: '\u200e',
  rlm: '\u200f',
  quot: '"',
  apos: "'",
};

export function decodeEntities(text: string): string {
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{1,32});/g,
    (whole, body: string) => {
      if (body.startsWith('#')) {
        const code =
          body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
        const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
        return valid ? String.fromCodePoint(code) : whole;
      }
      return NAMED_ENTITIES[body] ?? whole;
    },
  );
}

export function escapeVtt(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function isTooLarge(text: string): boolean {
  // UTF-8 takes at least one byte and at most three per UTF-16 code unit.
  if (text.length > MAX_CAPTIONS_BYTES) return true;
  if (text.length * 3 <= MAX_CAPTIONS_BYTES) return false;
  return utf8Length(text) > MAX_CAPTIONS_BYTES;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

export function isVttHeader(line: string): boolean {
  return /^WEBVTT(?:[ \t]|$)/.test(line.trimEnd());
}

/** Stable sort by start time (a copy). */
export function sortByStart<T extends { startMs: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.startMs - b.startMs);
}
