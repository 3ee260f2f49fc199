// Turns the admin form's local times and "repeat" choice into UTC instants and a rule.
import { addMinutes, utcToZonedParts, zonedWallTimeToUtc } from '../../domain/time-zone.ts';
import type { RecurrenceRule } from '../../domain/recurrence.ts';
import type { RecurrenceInput } from '../../protocol/schemas.ts';

/** "2026-12-07T17:00" in `timeZone` → the UTC instant. */
export function localToUtc(local: string, timeZone: string): Date {
  const [date = '', time = ''] = local.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return zonedWallTimeToUtc(
    { year: year!, month: month!, day: day!, hour: hour!, minute: minute! },
    timeZone,
  );
}

export function sessionTimes(local: string, durationMinutes: number, timeZone: string) {
  const start = localToUtc(local, timeZone);
  return { start, end: addMinutes(start, durationMinutes) };
}

/** The rule for "repeat like this one", anchored on the first session's local day and time. */
export function ruleFor(
  recurrence: Exclude<RecurrenceInput, { frequency: 'none' }>,
  start: Date,
  durationMinutes: number,
  timeZone: string,
): RecurrenceRule {
  const local = utcToZonedParts(start, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const common = {
    weekday: local.weekday,
    time: `${pad(local.hour)}:${pad(local.minute)}`,
    durationMinutes,
    timeZone,
    startsOn: `${local.year}-${pad(local.month)}-${pad(local.day)}`,
    until: recurrence.until,
  };
  return recurrence.frequency === 'weekly'
    ? { frequency: 'weekly', interval: recurrence.interval, ...common }
    : { frequency: 'monthly_nth_weekday', nth: recurrence.nth, ...common };
}
