import { describe, expect, it } from 'vitest';
import { clockDuration, isoDuration } from './duration';

describe('durations', () => {
  it('reads like a clock', () => {
    expect([0, 9_999, 65_000, 3_723_000].map(clockDuration)).toEqual([
      '0:00',
      '0:09',
      '1:05',
      '1:02:03',
    ]);
  });

  it('is an ISO 8601 duration for <time datetime>', () => {
    expect([0, 65_000, 3_600_000, 3_723_000].map(isoDuration)).toEqual([
      'PT0S',
      'PT1M5S',
      'PT1H',
      'PT1H2M3S',
    ]);
  });
});
