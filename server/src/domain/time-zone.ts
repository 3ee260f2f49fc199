// Wall-clock time in an IANA zone <-> UTC instant, using only the built-in Intl API.
//
// DST policy of zonedWallTimeToUtc (same as Temporal's 'compatible' disambiguation):
// - Non-existent local time (spring-forward gap): shifted forward by the length of the gap,
//   e.g. 2027-03-28 02:30 Europe/Prague -> 03:30 CEST (01:30 UTC).
// - Ambiguous local time (fall-back overlap): the earlier occurrence wins,
//   e.g. 2026-10-25 02:30 Europe/Prague -> 02:30 CEST (00:30 UTC), not 02:30 CET.

/** A local calendar date and time of day; month is 1..12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface ZonedParts extends WallTime {
  weekday: IsoWeekday;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

// Creating an Intl.DateTimeFormat is expensive; expansions call this thousands of times.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12:false: the latter renders midnight as "24" in some engines.
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when Intl knows the zone (e.g. 'Europe/Prague', 'UTC'); false for 'Mars/Base'. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false; // RangeError: invalid time zone
  }
}

/** ISO weekday of a proleptic Gregorian calendar date. */
export function isoWeekdayOf(year: number, month: number, day: number): IsoWeekday {
  const sundayBased = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return (sundayBased === 0 ? 7 : sundayBased) as IsoWeekday;
}

interface PartsWithSeconds extends WallTime {
  second: number;
}

function readParts(date: Date, timeZone: string): PartsWithSeconds {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
  const values: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) values[part.type] = part.value;
  const yearOfEra = Number(values.year);
  return {
    // 'en-US' writes years before 1 AD as "1 BC"; convert to astronomical numbering.
    year: values.era === 'BC' ? 1 - yearOfEra : yearOfEra,
    month: Number(values.month),
    day: Number(values.day),
    hour: Number(values.hour),
    minute: Number(values.minute),
    second: Number(values.second),
  };
}

/** The local calendar date, time and weekday of an instant in the given zone. */
export function utcToZonedParts(date: Date, timeZone: string): ZonedParts {
  const { year, month, day, hour, minute } = readParts(date, timeZone);
  return { year, month, day, hour, minute, weekday: isoWeekdayOf(year, month, day) };
}

/** Milliseconds the zone is ahead of UTC at the given instant (+3_600_000 for CET). */
export function timeZoneOffsetMs(epochMs: number, timeZone: string): number {
  // Formatting drops sub-second precision, so compare against the whole second.
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  const p = readParts(new Date(wholeSecond), timeZone);
  return wallTimeAsUtcMs(p, p.second) - wholeSecond;
}

// The wall time read as if it were UTC; out-of-range fields roll over like Date.UTC.
function wallTimeAsUtcMs(wall: WallTime, second = 0): number {
  const ms = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, second);
  // Date.UTC maps years 0..99 to 1900..1999; undo that.
  if (wall.year >= 0 && wall.year < 100) {
    const date = new Date(ms);
    date.setUTCFullYear(date.getUTCFullYear() - 1900);
    return date.getTime();
  }
  return ms;
}

/**
 * The UTC instant at which the clocks in `timeZone` show `wall`.
 * Gaps shift forward, overlaps take the earlier instant (see the note at the top of the file).
 */
export function zonedWallTimeToUtc(wall: WallTime, timeZone: string): Date {
  const localMs = wallTimeAsUtcMs(wall);
  if (Number.isNaN(localMs)) throw new RangeError('Invalid wall time');
  // Offsets a day either side bracket any single transition near this wall time
  // (zones do not change their offset twice within two days).
  const offsetBefore = timeZoneOffsetMs(localMs - MS_PER_DAY, timeZone);
  const offsetAfter = timeZoneOffsetMs(localMs + MS_PER_DAY, timeZone);
  if (offsetBefore === offsetAfter) return new Date(localMs - offsetBefore); // no transition nearby
  const matches = [localMs - offsetBefore, localMs - offsetAfter].filter(
    (candidate) => candidate + timeZoneOffsetMs(candidate, timeZone) === localMs,
  );
  if (matches.length > 0) return new Date(Math.min(...matches));
  // In a gap: keep the pre-transition offset, which lands the gap's length later on the clock.
  return new Date(localMs - offsetBefore);
}

/** Adds whole minutes of elapsed (absolute) time. */
export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * MS_PER_MINUTE);
}
