// Moments in a recording: shown as a clock (0:27, 1:02:03), read from a link's ?t=, and put
// back into one. Pure, so the replay page and the search results agree and tests can pin them.
import { clockDuration, isoDuration } from '../media/duration';

/** 27 → "0:27", 3723 → "1:02:03". */
export function formatSeconds(seconds: number): string {
  return clockDuration(seconds * 1000);
}

/** 27 → "PT27S", for <time datetime>. */
export function isoSeconds(seconds: number): string {
  return isoDuration(seconds * 1000);
}

const CLOCK = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/;
const UNITS = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/;

/**
 * The start a link asks for, in seconds: "27", "27.5", "1:05", "1:02:03" or "1h2m3s" (as other
 * players write it). Null for anything else, so a mistyped link simply starts at the beginning.
 */
export function parseTime(value: string | null | undefined): number | null {
  const text = value?.trim().toLowerCase();
  if (!text) return null;
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  const clock = CLOCK.exec(text);
  if (clock) {
    const [h, m, s] = [Number(clock[1] ?? 0), Number(clock[2]), Number(clock[3])];
    return m < 60 && s < 60 ? h * 3600 + m * 60 + s : null;
  }
  const units = UNITS.exec(text);
  if (units && (units[1] || units[2] || units[3])) {
    return Number(units[1] ?? 0) * 3600 + Number(units[2] ?? 0) * 60 + Number(units[3] ?? 0);
  }
  return null;
}

/** A link to a moment: `path?t=27` (whole seconds), or just `path` without one. */
export function momentHref(path: string, seconds: number | null): string {
  return seconds === null ? path : `${path}?t=${Math.max(0, Math.floor(seconds))}`;
}
