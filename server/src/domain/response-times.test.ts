import { describe, expect, it } from 'vitest';
import {
  ageBucket,
  figures,
  lastMonths,
  openByAge,
  percentile,
  responseTimes,
} from './response-times.ts';

const H = 3_600_000;
const D = 24 * H;
const at = (iso: string) => new Date(iso);

describe('response-time figures', () => {
  it('interpolates percentiles between ranks', () => {
    expect(percentile([], 0.5)).toBe(0);
    expect(percentile([4], 0.9)).toBe(4);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });

  it('gives the median and the 90th percentile in hours, rounded to a tenth', () => {
    expect(figures([10, 2, 30])).toEqual({ answered: 3, medianHours: 10, p90Hours: 26 });
  });

  it('groups answers by department and the month they were answered in', () => {
    const asked = at('2026-10-30T10:00:00Z');
    const rows = [
      { departmentId: 'doprava', askedAt: asked, answeredAt: new Date(asked.getTime() + 72 * H) },
      { departmentId: 'doprava', askedAt: asked, answeredAt: new Date(asked.getTime() + 48 * H) },
      { departmentId: 'doprava', askedAt: asked, answeredAt: new Date(asked.getTime() + 2 * H) },
      { departmentId: null, askedAt: asked, answeredAt: new Date(asked.getTime() + 5 * H) },
    ];
    const result = responseTimes(rows, (date) => date.toISOString().slice(0, 7));
    expect(result.monthly).toEqual([
      { departmentId: 'doprava', month: '2026-10', answered: 1, medianHours: 2, p90Hours: 2 },
      { departmentId: null, month: '2026-10', answered: 1, medianHours: 5, p90Hours: 5 },
      { departmentId: 'doprava', month: '2026-11', answered: 2, medianHours: 60, p90Hours: 69.6 },
    ]);
    expect(result.overall.find((row) => row.departmentId === 'doprava')).toEqual({
      departmentId: 'doprava',
      answered: 3,
      medianHours: 48,
      p90Hours: 67.2,
    });
  });

  it('puts open questions in age buckets per department', () => {
    expect([1 * D, 7 * D, 8 * D, 30 * D, 31 * D, 90 * D, 91 * D].map(ageBucket)).toEqual([
      'week',
      'week',
      'month',
      'month',
      'quarter',
      'quarter',
      'older',
    ]);
    const now = at('2026-12-01T00:00:00Z');
    const ago = (days: number) => new Date(now.getTime() - days * D);
    expect(
      openByAge(
        [
          { departmentId: 'a', askedAt: ago(1) },
          { departmentId: 'a', askedAt: ago(40) },
          { departmentId: 'b', askedAt: ago(200) },
        ],
        now,
      ),
    ).toEqual([
      { departmentId: 'a', counts: { week: 1, month: 0, quarter: 1, older: 0 } },
      { departmentId: 'b', counts: { week: 0, month: 0, quarter: 0, older: 1 } },
    ]);
  });

  it('lists the last months across a year boundary', () => {
    expect(lastMonths({ year: 2026, month: 2 }, 4)).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });
});
