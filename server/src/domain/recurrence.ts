// Recurring session schedules ("every first Monday at 17:00") and their expansion into
// concrete UTC instants. Times are local wall-clock times in the rule's zone, so 17:00 stays
// 17:00 across DST changes (the UTC hour moves instead).
import { z } from 'zod';
import {
  addMinutes,
  isoWeekdayOf,
  isValidTimeZone,
  utcToZonedParts,
  zonedWallTimeToUtc,
  type IsoWeekday,
} from './time-zone.ts';

export const DEFAULT_TIME_ZONE = 'Europe/Prague';
export const DEFAULT_EXPANSION_LIMIT = 100;

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
const weekdaySchema = z.int().min(1).max(7);
const timeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a 24h time "HH:MM"');
// z.iso.date() checks real calendar dates (no 2026-02-30) in the form YYYY-MM-DD.
const dateSchema = z.iso.date();
const timeZoneSchema = z
  .string()
  .refine(isValidTimeZone, 'Unknown IANA time zone')
  .default(DEFAULT_TIME_ZONE);

const commonFields = {
  weekday: weekdaySchema,
  time: timeSchema,
  durationMinutes: z.int().min(5).max(720),
  timeZone: timeZoneSchema,
  startsOn: dateSchema,
  until: dateSchema.optional(),
};

const weeklyRuleSchema = z.object({
  frequency: z.literal('weekly'),
  /** Every `interval` weeks, counted from the week (Monday..Sunday) containing startsOn. */
  interval: z.int().min(1).max(4).default(1),
  ...commonFields,
});

const monthlyNthWeekdayRuleSchema = z.object({
  frequency: z.literal('monthly_nth_weekday'),
  /** 1..4 = first..fourth such weekday of the month, -1 = the last one. */
  nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]),
  ...commonFields,
});

export const recurrenceRuleSchema = z
  .discriminatedUnion('frequency', [weeklyRuleSchema, monthlyNthWeekdayRuleSchema])
  // ISO dates of equal length compare correctly as strings.
  .refine((rule) => rule.until === undefined || rule.until >= rule.startsOn, {
    message: 'until must not be before startsOn',
    path: ['until'],
  });

/** A validated rule (defaults applied). */
export type RecurrenceRule = z.output<typeof recurrenceRuleSchema>;
/** What callers may submit before validation (interval and timeZone optional). */
export type RecurrenceRuleInput = z.input<typeof recurrenceRuleSchema>;
export type WeeklyRule = Extract<RecurrenceRule, { frequency: 'weekly' }>;
export type MonthlyNthWeekdayRule = Extract<RecurrenceRule, { frequency: 'monthly_nth_weekday' }>;

export interface Occurrence {
  start: Date;
  end: Date;
}

export interface ExpansionWindow {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  limit?: number;
}

// Calendar dates as whole days since 1970-01-01: simple, zone-free arithmetic.
type DayNumber = number;
const MS_PER_DAY = 86_400_000;

function dayNumberOf(year: number, month: number, day: number): DayNumber {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

function parseIsoDate(isoDate: string): DayNumber {
  const [year, month, day] = isoDate.split('-').map(Number);
  return dayNumberOf(year!, month!, day!);
}

function calendarDateOf(dayNumber: DayNumber): { year: number; month: number; day: number } {
  const date = new Date(dayNumber * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function weekdayOf(dayNumber: DayNumber): IsoWeekday {
  const { year, month, day } = calendarDateOf(dayNumber);
  return isoWeekdayOf(year, month, day);
}

function mondayOfWeek(dayNumber: DayNumber): DayNumber {
  return dayNumber - (weekdayOf(dayNumber) - 1);
}

function localDayNumberAt(instant: Date, timeZone: string): DayNumber {
  const { year, month, day } = utcToZonedParts(instant, timeZone);
  return dayNumberOf(year, month, day);
}

/** Weekly candidates within [firstDay, lastDay], in ascending order. */
function* weeklyDays(rule: WeeklyRule, firstDay: DayNumber, lastDay: DayNumber) {
  const anchorMonday = mondayOfWeek(parseIsoDate(rule.startsOn));
  const weeksToFirst = Math.max(0, Math.floor((firstDay - anchorMonday) / 7));
  // Round up to the next week that belongs to the cycle.
  let week = Math.ceil(weeksToFirst / rule.interval) * rule.interval;
  for (; ; week += rule.interval) {
    const day = anchorMonday + week * 7 + (rule.weekday - 1);
    if (day > lastDay) return;
    if (day >= firstDay) yield day;
  }
}

/** The nth (or last, for -1) given weekday of a month. */
function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): DayNumber {
  if (nth === -1) {
    const lastOfMonth = dayNumberOf(year, month + 1, 0);
    return lastOfMonth - ((weekdayOf(lastOfMonth) - weekday + 7) % 7);
  }
  const firstOfMonth = dayNumberOf(year, month, 1);
  return firstOfMonth + ((weekday - weekdayOf(firstOfMonth) + 7) % 7) + (nth - 1) * 7;
}

/** Monthly candidates within [firstDay, lastDay], in ascending order. */
function* monthlyDays(rule: MonthlyNthWeekdayRule, firstDay: DayNumber, lastDay: DayNumber) {
  let { year, month } = calendarDateOf(firstDay);
  for (;;) {
    if (dayNumberOf(year, month, 1) > lastDay) return;
    const day = nthWeekdayOfMonth(year, month, rule.weekday, rule.nth);
    if (day >= firstDay && day <= lastDay) yield day;
    if (++month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/**
 * Occurrences whose start lies in [from, to), never before startsOn nor after until
 * (both whole local days in the rule's zone), ascending, at most `limit` (default 100).
 * Expects a rule parsed by recurrenceRuleSchema.
 */
export function expandRecurrence(rule: RecurrenceRule, window: ExpansionWindow): Occurrence[] {
  const { from, to, limit = DEFAULT_EXPANSION_LIMIT } = window;
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
    throw new RangeError('expandRecurrence: from and to must be valid dates');
  }
  if (limit <= 0 || from.getTime() >= to.getTime()) return [];

  // One spare day each side of the window: a local date can map to an instant across
  // midnight (DST gaps/overlaps); the exact instant check below trims the extras.
  const firstDay = Math.max(parseIsoDate(rule.startsOn), localDayNumberAt(from, rule.timeZone) - 1);
  const windowLastDay = localDayNumberAt(to, rule.timeZone) + 1;
  const lastDay =
    rule.until === undefined ? windowLastDay : Math.min(parseIsoDate(rule.until), windowLastDay);

  const days =
    rule.frequency === 'weekly'
      ? weeklyDays(rule, firstDay, lastDay)
      : monthlyDays(rule, firstDay, lastDay);
  const [hour, minute] = rule.time.split(':').map(Number);

  // Days come in ascending order and share one wall time, so starts are already sorted.
  const occurrences: Occurrence[] = [];
  for (const day of days) {
    const start = zonedWallTimeToUtc(
      { ...calendarDateOf(day), hour: hour!, minute: minute! },
      rule.timeZone,
    );
    if (start.getTime() < from.getTime() || start.getTime() >= to.getTime()) continue;
    // Duration is elapsed time: a 60-minute session spanning a DST change still lasts 60 minutes.
    occurrences.push({ start, end: addMinutes(start, rule.durationMinutes) });
    if (occurrences.length >= limit) break;
  }
  return occurrences;
}

// ---------------------------------------------------------------------------------------------
// Human-readable descriptions

export type DescriptionLocale = 'cs' | 'en';

const ENGLISH_WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];
const ENGLISH_ORDINALS: Record<MonthlyNthWeekdayRule['nth'], string> = {
  1: 'first',
  2: 'second',
  3: 'third',
  4: 'fourth',
  [-1]: 'last',
};

type CzechGender = 'masculine' | 'feminine' | 'neuter';

// Gender drives "každý/každou/každé" and the ordinal's ending; the accusative follows
// "každý…" and the prepositional phrase answers "when?" ("ve středu", not "v středu").
const CZECH_WEEKDAYS: ReadonlyArray<{ accusative: string; on: string; gender: CzechGender }> = [
  { accusative: 'pondělí', on: 'v pondělí', gender: 'neuter' },
  { accusative: 'úterý', on: 'v úterý', gender: 'neuter' },
  { accusative: 'středu', on: 've středu', gender: 'feminine' },
  { accusative: 'čtvrtek', on: 've čtvrtek', gender: 'masculine' },
  { accusative: 'pátek', on: 'v pátek', gender: 'masculine' },
  { accusative: 'sobotu', on: 'v sobotu', gender: 'feminine' },
  { accusative: 'neděli', on: 'v neděli', gender: 'feminine' },
];

// Accusative forms (inanimate masculine = nominative).
const CZECH_EVERY: Record<CzechGender, string> = {
  masculine: 'každý',
  feminine: 'každou',
  neuter: 'každé',
};
const CZECH_ORDINALS: Record<MonthlyNthWeekdayRule['nth'], Record<CzechGender, string>> = {
  1: { masculine: 'první', feminine: 'první', neuter: 'první' },
  2: { masculine: 'druhý', feminine: 'druhou', neuter: 'druhé' },
  3: { masculine: 'třetí', feminine: 'třetí', neuter: 'třetí' },
  4: { masculine: 'čtvrtý', feminine: 'čtvrtou', neuter: 'čtvrté' },
  [-1]: { masculine: 'poslední', feminine: 'poslední', neuter: 'poslední' },
};

// "v" becomes "ve" before hours whose spoken numeral starts with a consonant cluster:
// dvě, tři, čtyři, dvanáct, třináct, čtrnáct, dvacet… ("ve 20:00"); others take "v" ("v 17:00").
const CZECH_VE_HOURS = new Set([2, 3, 4, 12, 13, 14, 20, 21, 22, 23]);

function czechAtTime(time: string): string {
  const [hourText, minuteText] = time.split(':');
  const hour = Number(hourText);
  // Czech writes hours without a leading zero ("v 9:30").
  return `${CZECH_VE_HOURS.has(hour) ? 've' : 'v'} ${hour}:${minuteText}`;
}

function describeInCzech(rule: RecurrenceRule): string {
  const weekday = CZECH_WEEKDAYS[rule.weekday - 1]!;
  const at = czechAtTime(rule.time);
  if (rule.frequency === 'weekly') {
    // 2–4 take the plural "týdny" (interval is at most 4).
    const every = rule.interval === 1 ? 'každý týden' : `každé ${rule.interval} týdny`;
    return `${every} ${weekday.on} ${at}`;
  }
  const every = CZECH_EVERY[weekday.gender];
  const ordinal = CZECH_ORDINALS[rule.nth][weekday.gender];
  return `${every} ${ordinal} ${weekday.accusative} v měsíci ${at}`;
}

function describeInEnglish(rule: RecurrenceRule): string {
  const weekday = ENGLISH_WEEKDAYS[rule.weekday - 1]!;
  if (rule.frequency === 'weekly') {
    const every = rule.interval === 1 ? 'every week' : `every ${rule.interval} weeks`;
    return `${every} on ${weekday} at ${rule.time}`;
  }
  return `every ${ENGLISH_ORDINALS[rule.nth]} ${weekday} of the month at ${rule.time}`;
}

/** E.g. "každé první pondělí v měsíci v 17:00" / "every first Monday of the month at 17:00". */
export function describeRecurrence(rule: RecurrenceRule, locale: DescriptionLocale): string {
  return locale === 'cs' ? describeInCzech(rule) : describeInEnglish(rule);
}
