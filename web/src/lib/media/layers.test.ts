import { describe, expect, it } from 'vitest';
import { layerForWidth, QualityGuard, qualityLevel } from './layers';

describe('layerForWidth', () => {
  it('gives a phone the lowest layer, a laptop the middle and a wide player the top', () => {
    expect([320, 480, 481, 960, 961, 1920].map(layerForWidth)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('qualityLevel', () => {
  it('reads mediasoup scores as words', () => {
    expect([10, 8, 7, 5, 4, 0].map(qualityLevel)).toEqual([
      'good',
      'good',
      'fair',
      'fair',
      'poor',
      'poor',
    ]);
  });
});

describe('QualityGuard', () => {
  it('steps down only after a poor score has lasted, and once per hold', () => {
    const guard = new QualityGuard({ holdMs: 4_000, recoverMs: 20_000 });
    guard.observe(3, 0);
    expect(guard.tick(3_999)).toBe(false);
    expect(guard.tick(4_000)).toBe(true);
    expect(guard.ceiling).toBe(1);
    expect(guard.tick(5_000)).toBe(false);
    expect(guard.tick(8_000)).toBe(true);
    expect(guard.ceiling).toBe(0);
    expect(guard.tick(20_000)).toBe(false); // never below the lowest layer
    expect(guard.ceiling).toBe(0);
  });

  it('forgets a short dip', () => {
    const guard = new QualityGuard({ holdMs: 4_000 });
    guard.observe(2, 0);
    guard.observe(9, 2_000);
    expect(guard.tick(6_000)).toBe(false);
    expect(guard.ceiling).toBe(2);
  });

  it('a changed poor score does not restart the hold', () => {
    const guard = new QualityGuard({ holdMs: 4_000 });
    guard.observe(4, 0);
    guard.observe(2, 3_000);
    expect(guard.tick(4_000)).toBe(true);
  });

  it('climbs back one step after a long good spell', () => {
    const guard = new QualityGuard({ holdMs: 1_000, recoverMs: 10_000 });
    guard.observe(1, 0);
    guard.tick(1_000);
    guard.tick(2_000);
    expect(guard.ceiling).toBe(0);
    guard.observe(10, 2_000);
    expect(guard.tick(11_999)).toBe(false);
    expect(guard.tick(12_000)).toBe(true);
    expect(guard.ceiling).toBe(1);
  });
});
