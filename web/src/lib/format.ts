// Dates and times, always shown in the town's time zone whatever the viewer's clock says.
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

export const TOWN_TIME_ZONE = 'Europe/Prague';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = getLocale();
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = cache.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, { timeZone: TOWN_TIME_ZONE, ...options });
    cache.set(key, cached);
  }
  return cached;
}

const toDate = (value: string | Date) => (typeof value === 'string' ? new Date(value) : value);

/** "pondělí 7. prosince 2026" / "Monday, December 7, 2026" */
export function formatDate(value: string | Date): string {
  return formatter({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    toDate(value),
  );
}

/** "17:00" / "5:00 PM" */
export function formatTime(value: string | Date): string {
  return formatter({ hour: 'numeric', minute: '2-digit' }).format(toDate(value));
}

/** "pondělí 7. prosince 2026, 17:00" */
export function formatDateTime(value: string | Date): string {
  return m.format_date_time({ date: formatDate(value), time: formatTime(value) });
}

/** "7. 12. 2026 17:00": compact, for tables. */
export function formatShortDateTime(value: string | Date): string {
  return formatter({ dateStyle: 'medium', timeStyle: 'short' }).format(toDate(value));
}

/** "17:00–18:30", or with the end date when the session crosses midnight. */
export function formatTimeRange(start: string, end: string): string {
  const sameDay = townDate(start) === townDate(end);
  return m.format_time_range({
    start: formatTime(start),
    end: sameDay ? formatTime(end) : formatDateTime(end),
  });
}

function parts(value: string | Date): Record<string, string> {
  const out: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: TOWN_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const part of f.formatToParts(toDate(value))) out[part.type] = part.value;
  return out;
}

/** The town's calendar date, "YYYY-MM-DD". */
export function townDate(value: string | Date): string {
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The town's wall-clock time as `<input type="datetime-local">` wants it: "YYYY-MM-DDTHH:MM". */
export function toLocalInputValue(value: string | Date): string {
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Minutes between two ISO instants, rounded. */
export function minutesBetween(start: string, end: string): number {
  return Math.round((new Date(end).getTime() - new Date(start).getTime()) / 60_000);
}

/** Planned time of an agenda item: start + offset, in the town's time. */
export function agendaTime(scheduledStart: string, offsetMinutes: number): string {
  return formatTime(new Date(new Date(scheduledStart).getTime() + offsetMinutes * 60_000));
}

/** ISO weekday (1 = Monday … 7 = Sunday) → "pondělí" / "Monday". */
export function weekdayName(isoWeekday: number): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(getLocale(), { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, isoWeekday)),
  );
}

/** ISO weekday of a "YYYY-MM-DD…" local date string, or null when it is not one. */
export function isoWeekdayOfLocal(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return null;
  return date.getUTCDay() === 0 ? 7 : date.getUTCDay();
}

/** Whether a "YYYY-MM-DD…" local date is the `nth` (1–4, or -1 = last) such weekday of its month. */
export function isNthWeekdayOfMonth(value: string, nth: number): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return nth === -1 ? day + 7 > daysInMonth : Math.ceil(day / 7) === nth;
}

/** 113.2 → "113,2" in Czech, "113.2" in English; at most `digits` decimals. */
export function formatNumber(value: number, digits = 1): string {
  return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: digits }).format(value);
}
