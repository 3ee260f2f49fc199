// How long things take on the board, as people read it: hours for the first two days, days
// after that; and how many whole days a question has waited.

const DAY_HOURS = 24;
/** Up to this many hours a time reads better in hours ("30 h") than in days ("1,3 dne"). */
const HOURS_UP_TO = 48;

export interface DurationParts {
  unit: 'hours' | 'days';
  /** Rounded to one decimal. */
  value: number;
}

export function durationParts(hours: number): DurationParts {
  const safe = Math.max(0, hours);
  if (safe < HOURS_UP_TO) return { unit: 'hours', value: oneDecimal(safe) };
  return { unit: 'days', value: oneDecimal(safe / DAY_HOURS) };
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** Whole days between an ISO instant and now (0 on the first day, never negative). */
export function wholeDaysSince(iso: string, now: Date): number {
  const ms = now.getTime() - new Date(iso).getTime();
  return Number.isFinite(ms) ? Math.max(0, Math.floor(ms / (DAY_HOURS * 3_600_000))) : 0;
}
