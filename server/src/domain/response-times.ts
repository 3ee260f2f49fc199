// Response-time figures of the question board: how long departments take to answer (median
// and 90th percentile, per month and overall) and how old the open questions are. Pure: the
// caller reads the rows and knows the town's months. The board computes the same in SQL at
// town scale (features/board/stats.ts); its tests hold the two to the same figures.
import { AGE_BUCKETS, type AgeBucket } from '../protocol/board.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface AnsweredRow {
  departmentId: string | null;
  askedAt: Date;
  answeredAt: Date;
}

export interface TimeFigures {
  answered: number;
  medianHours: number;
  p90Hours: number;
}

/** Linear interpolation between closest ranks (what spreadsheets call PERCENTILE.INC). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** Hours as shown: to a tenth. */
export const roundHours = (value: number) => Math.round(value * 10) / 10;

export function figures(hours: readonly number[]): TimeFigures {
  const sorted = [...hours].sort((a, b) => a - b);
  return {
    answered: sorted.length,
    medianHours: roundHours(percentile(sorted, 0.5)),
    p90Hours: roundHours(percentile(sorted, 0.9)),
  };
}

const hoursToAnswer = (row: AnsweredRow) =>
  Math.max(0, row.answeredAt.getTime() - row.askedAt.getTime()) / HOUR_MS;

/** Figures per department and month ('YYYY-MM' from `monthOf`), and per department overall. */
export function responseTimes(rows: readonly AnsweredRow[], monthOf: (date: Date) => string) {
  const byMonth = new Map<
    string,
    { departmentId: string | null; month: string; hours: number[] }
  >();
  const overall = new Map<string | null, number[]>();
  for (const row of rows) {
    const month = monthOf(row.answeredAt);
    const key = `${row.departmentId ?? ''}|${month}`;
    const entry = byMonth.get(key) ?? { departmentId: row.departmentId, month, hours: [] };
    entry.hours.push(hoursToAnswer(row));
    byMonth.set(key, entry);
    overall.set(row.departmentId, [...(overall.get(row.departmentId) ?? []), hoursToAnswer(row)]);
  }
  return {
    monthly: [...byMonth.values()]
      .map(({ departmentId, month, hours }) => ({ departmentId, month, ...figures(hours) }))
      .sort((a, b) => a.month.localeCompare(b.month)),
    overall: [...overall.entries()].map(([departmentId, hours]) => ({
      departmentId,
      ...figures(hours),
    })),
  };
}

/** The oldest a question of each bucket but the last may be (inclusive). */
export const AGE_LIMIT_MS = { week: 7 * DAY_MS, month: 30 * DAY_MS, quarter: 90 * DAY_MS } as const;

/** How long a question has waited, in the buckets the chart shows. */
export function ageBucket(ageMs: number): AgeBucket {
  if (ageMs <= AGE_LIMIT_MS.week) return 'week';
  if (ageMs <= AGE_LIMIT_MS.month) return 'month';
  if (ageMs <= AGE_LIMIT_MS.quarter) return 'quarter';
  return 'older';
}

/** Open questions counted per department and age bucket. */
export function openByAge(
  rows: readonly { departmentId: string | null; askedAt: Date }[],
  now: Date,
): { departmentId: string | null; counts: Record<AgeBucket, number> }[] {
  const counts = new Map<string | null, Record<AgeBucket, number>>();
  for (const row of rows) {
    const entry =
      counts.get(row.departmentId) ??
      (Object.fromEntries(AGE_BUCKETS.map((bucket) => [bucket, 0])) as Record<AgeBucket, number>);
    entry[ageBucket(now.getTime() - row.askedAt.getTime())] += 1;
    counts.set(row.departmentId, entry);
  }
  return [...counts.entries()].map(([departmentId, bucketCounts]) => ({
    departmentId,
    counts: bucketCounts,
  }));
}

/** The last `count` months up to and including the one of `now`, oldest first. */
export function lastMonths(now: { year: number; month: number }, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const index = now.year * 12 + (now.month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}
