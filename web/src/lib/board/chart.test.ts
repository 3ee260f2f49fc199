import { describe, expect, it } from 'vitest';
import { niceAxis, percentOf, slot, stackSegments } from './chart';

describe('niceAxis', () => {
  it('rounds the maximum up to round steps', () => {
    expect(niceAxis(183)).toEqual({ max: 200, ticks: [0, 50, 100, 150, 200] });
    expect(niceAxis(200)).toEqual({ max: 200, ticks: [0, 50, 100, 150, 200] });
    expect(niceAxis(113.2)).toEqual({ max: 150, ticks: [0, 50, 100, 150] });
    expect(niceAxis(30)).toEqual({ max: 30, ticks: [0, 10, 20, 30] });
    expect(niceAxis(0.7)).toEqual({ max: 0.8, ticks: [0, 0.2, 0.4, 0.6, 0.8] });
  });

  it('keeps counts whole', () => {
    expect(niceAxis(1, 4, true)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceAxis(3, 4, true)).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
    expect(niceAxis(9, 4, true)).toEqual({ max: 9, ticks: [0, 3, 6, 9] });
    expect(niceAxis(9, 4, true).ticks.every(Number.isInteger)).toBe(true);
  });

  it('has a scale even with nothing to show', () => {
    expect(niceAxis(0)).toEqual({ max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] });
    expect(niceAxis(Number.NaN, 4, true)).toEqual({ max: 1, ticks: [0, 1] });
  });
});

describe('positions', () => {
  it('turns values into percentages of the scale, within 0–100', () => {
    expect(percentOf(50, 200)).toBe(25);
    expect(percentOf(300, 200)).toBe(100);
    expect(percentOf(-1, 200)).toBe(0);
    expect(percentOf(5, 0)).toBe(0);
  });

  it('stacks segments one after another', () => {
    expect(stackSegments([1, 0, 3], 8)).toEqual([
      { value: 1, start: 0, width: 12.5 },
      { value: 0, start: 12.5, width: 0 },
      { value: 3, start: 12.5, width: 37.5 },
    ]);
  });

  it('spaces equal slots with a gap', () => {
    expect(slot(0, 4)).toEqual({ start: 3.125, width: 18.75 });
    expect(slot(3, 4, 0)).toEqual({ start: 75, width: 25 });
  });
});
