// The response-time figures (GET /api/board/stats) shaped for the charts and their tables:
// one bar pair per department, one row of months per department, one stacked bar of open
// questions by age per department. Pure; the page passes the name for "no department".
import {
  AGE_BUCKETS,
  type BoardStatsDto,
  type NamedDto,
  type ResponseTimeRowDto,
} from '@namesti/server/protocol';

export interface ResponseBar {
  key: string;
  label: string;
  answered: number;
  medianHours: number;
  p90Hours: number;
}

export interface MonthPoint {
  month: string;
  answered: number;
  medianHours: number;
  p90Hours: number;
}

export interface MonthlyRow {
  key: string;
  label: string;
  /** One entry per month of `BoardStatsDto.months`; null where nothing was answered. */
  points: (MonthPoint | null)[];
}

export interface AgeBar {
  key: string;
  label: string;
  /** In the order of AGE_BUCKETS: up to a week, a month, a quarter, older. */
  counts: number[];
  total: number;
}

const keyOf = (department: NamedDto | null) => department?.id ?? 'none';

type Label = (department: NamedDto | null) => string;

/** Fastest median first; ties by name. */
export function responseBars(stats: BoardStatsDto, label: Label): ResponseBar[] {
  return stats.overall
    .map((row) => ({
      key: keyOf(row.department),
      label: label(row.department),
      answered: row.answered,
      medianHours: row.medianHours,
      p90Hours: row.p90Hours,
    }))
    .sort((a, b) => a.medianHours - b.medianHours || a.label.localeCompare(b.label));
}

/** Departments by name, each with a point for every month shown. */
export function monthlyRows(stats: BoardStatsDto, label: Label): MonthlyRow[] {
  const byDepartment = new Map<string, { label: string; rows: ResponseTimeRowDto[] }>();
  for (const row of stats.responseTimes) {
    const key = keyOf(row.department);
    const entry = byDepartment.get(key) ?? { label: label(row.department), rows: [] };
    entry.rows.push(row);
    byDepartment.set(key, entry);
  }
  return [...byDepartment.entries()]
    .map(([key, { label: name, rows }]) => ({
      key,
      label: name,
      points: stats.months.map((month) => {
        const row = rows.find((candidate) => candidate.month === month);
        return row
          ? { month, answered: row.answered, medianHours: row.medianHours, p90Hours: row.p90Hours }
          : null;
      }),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Most open questions first. */
export function ageBars(stats: BoardStatsDto, label: Label): AgeBar[] {
  return stats.openByAge
    .map((row) => {
      const counts = AGE_BUCKETS.map((bucket) => row.counts[bucket]);
      return {
        key: keyOf(row.department),
        label: label(row.department),
        counts,
        total: counts.reduce((sum, count) => sum + count, 0),
      };
    })
    .filter((bar) => bar.total > 0)
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
}

/** "2026-03" → its first day at noon UTC, for Intl's month names in any time zone. */
export function monthDate(month: string): Date {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (monthNumber ?? 1) - 1, 1, 12));
}
