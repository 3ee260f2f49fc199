import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, MAX_ATTEMPTS, retryDelayMs } from './backoff.ts';

const MIN = 60_000;
const exact = { baseMs: 30_000, random: () => 0.5 }; // the middle of the jitter: no jitter

describe('retryDelayMs', () => {
  it('waits four times longer after each failure: 30 s, 2 min, 8 min, 32 min, 128 min', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, exact))).toEqual([
      30_000,
      2 * MIN,
      8 * MIN,
      32 * MIN,
      128 * MIN,
    ]);
  });

  it('never waits longer than six hours, however many failures', () => {
    expect(BACKOFF_CAP_MS).toBe(360 * MIN);
    for (const n of [6, 7, MAX_ATTEMPTS, 50, 10_000]) {
      expect(retryDelayMs(n, exact)).toBe(BACKOFF_CAP_MS);
      expect(retryDelayMs(n, { ...exact, random: () => 0.999_999 })).toBe(BACKOFF_CAP_MS);
      expect(retryDelayMs(n, { ...exact, random: () => 0 })).toBe(0.8 * BACKOFF_CAP_MS);
    }
  });

  it('spreads retries by ±20 % so messages that failed together do not retry together', () => {
    expect(retryDelayMs(1, { ...exact, random: () => 0 })).toBe(24_000);
    expect(retryDelayMs(1, { ...exact, random: () => 0.999_999 })).toBe(36_000);
    expect(retryDelayMs(3, { ...exact, random: () => 0.25 })).toBe(0.9 * 8 * MIN);
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(2, { baseMs: 30_000 })));
    expect(spread.size).toBeGreaterThan(1);
    for (const delay of spread) {
      expect(delay).toBeGreaterThanOrEqual(0.8 * 2 * MIN);
      expect(delay).toBeLessThanOrEqual(1.2 * 2 * MIN);
    }
  });

  it('scales with the base (tests use milliseconds) and honours a lower cap', () => {
    expect(retryDelayMs(1, { baseMs: 100, random: () => 0.5 })).toBe(100);
    expect(retryDelayMs(4, { baseMs: 100, random: () => 0.5 })).toBe(6_400);
    expect(retryDelayMs(4, { baseMs: 100, capMs: 1_000, random: () => 0.5 })).toBe(1_000);
  });

  it('treats a zeroth or fractional attempt as the first', () => {
    expect(retryDelayMs(0, exact)).toBe(30_000);
    expect(retryDelayMs(1.7, exact)).toBe(30_000);
  });

  it('gives up after a day and a half of retries', () => {
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) =>
      retryDelayMs(i + 1, exact),
    ).reduce((sum, ms) => sum + ms, 0);
    expect(total / 3_600_000).toBeGreaterThan(24);
    expect(total / 3_600_000).toBeLessThan(48);
  });
});
