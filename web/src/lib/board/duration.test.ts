import { describe, expect, it } from 'vitest';
import { durationParts, wholeDaysSince } from './duration';

describe('durationParts', () => {
  it('reads in hours for the first two days, in days after', () => {
    expect(durationParts(30)).toEqual({ unit: 'hours', value: 30 });
    expect(durationParts(0.25)).toEqual({ unit: 'hours', value: 0.3 });
    expect(durationParts(47.96)).toEqual({ unit: 'hours', value: 48 });
    expect(durationParts(52)).toEqual({ unit: 'days', value: 2.2 });
    expect(durationParts(120)).toEqual({ unit: 'days', value: 5 });
    expect(durationParts(-3)).toEqual({ unit: 'hours', value: 0 });
  });
});

describe('wholeDaysSince', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  it('counts whole days, never below zero', () => {
    expect(wholeDaysSince('2026-12-04T08:00:00Z', now)).toBe(0);
    expect(wholeDaysSince('2026-12-03T11:59:00Z', now)).toBe(1);
    expect(wholeDaysSince('2026-11-25T12:00:00Z', now)).toBe(9);
    expect(wholeDaysSince('2026-12-05T12:00:00Z', now)).toBe(0);
    expect(wholeDaysSince('not a date', now)).toBe(0);
  });
});
