import { describe, expect, it } from 'vitest';
import type { BoardStatsDto } from '@namesti/server/protocol';
import { ageBars, monthDate, monthlyRows, responseBars } from './stats';

const traffic = { id: 'd1', name: 'Odbor dopravy' };
const green = { id: 'd2', name: 'Odbor životního prostředí' };
const label = (department: { name: string } | null) => department?.name ?? 'Bez odboru';

const stats: BoardStatsDto = {
  months: ['2026-10', '2026-11', '2026-12'],
  responseTimes: [
    { department: traffic, month: '2026-10', answered: 1, medianHours: 120, p90Hours: 120 },
    { department: green, month: '2026-10', answered: 1, medianHours: 30, p90Hours: 30 },
    { department: traffic, month: '2026-12', answered: 2, medianHours: 52, p90Hours: 80 },
  ],
  overall: [
    { department: traffic, answered: 3, medianHours: 86, p90Hours: 113.2 },
    { department: green, answered: 1, medianHours: 30, p90Hours: 30 },
  ],
  openByAge: [
    { department: green, counts: { week: 0, month: 0, quarter: 0, older: 0 } },
    { department: null, counts: { week: 1, month: 0, quarter: 0, older: 0 } },
    { department: traffic, counts: { week: 1, month: 2, quarter: 0, older: 1 } },
  ],
};

describe('board stats for charts', () => {
  it('puts the fastest department first', () => {
    expect(responseBars(stats, label).map((bar) => [bar.label, bar.medianHours])).toEqual([
      ['Odbor životního prostředí', 30],
      ['Odbor dopravy', 86],
    ]);
  });

  it('gives each department a point per month, null where nothing was answered', () => {
    const rows = monthlyRows(stats, label);
    expect(rows.map((row) => row.label)).toEqual(['Odbor dopravy', 'Odbor životního prostředí']);
    expect(rows[0]!.points.map((point) => point?.medianHours ?? null)).toEqual([120, null, 52]);
    expect(rows[1]!.points.map((point) => point?.answered ?? null)).toEqual([1, null, null]);
  });

  it('stacks open questions by age, busiest first, leaving out empty departments', () => {
    expect(ageBars(stats, label)).toEqual([
      { key: 'd1', label: 'Odbor dopravy', counts: [1, 2, 0, 1], total: 4 },
      { key: 'none', label: 'Bez odboru', counts: [1, 0, 0, 0], total: 1 },
    ]);
  });

  it('reads a month as a date inside it', () => {
    expect(monthDate('2026-03').toISOString()).toBe('2026-03-01T12:00:00.000Z');
  });
});
