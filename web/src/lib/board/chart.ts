// The arithmetic behind the board's inline SVG charts: a readable axis for any maximum, and
// positions as percentages of the plot's width, so a chart fills any screen without a viewBox
// and its text keeps its size. Pure, so the charts and their tests agree.

export interface Axis {
  /** The axis' end: the maximum rounded up to a whole number of steps. */
  max: number;
  /** From 0 to `max` in equal, round steps. */
  ticks: number[];
}

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/**
 * An axis from 0 that covers `maxValue` in about `targetTicks` steps of 1, 2, 2.5 or 5 × 10ⁿ
 * (e.g. 0, 50, 100, 150, 200 for 183). `integer` keeps steps whole (counts of questions).
 */
export function niceAxis(maxValue: number, targetTicks = 4, integer = false): Axis {
  const top = Number.isFinite(maxValue) && maxValue > 0 ? maxValue : 1;
  const rough = top / Math.max(1, targetTicks);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const nice = NICE_STEPS.find((step) => step * magnitude >= rough) ?? 10;
  let step = nice * magnitude;
  if (integer) step = Math.max(1, Math.ceil(step));
  const count = Math.max(1, Math.ceil(top / step - 1e-9));
  // Multiplying (not adding) keeps 0.1 + 0.2 style float errors out of the labels.
  const ticks = Array.from({ length: count + 1 }, (_, index) => round(index * step));
  return { max: ticks[ticks.length - 1]!, ticks };
}

const round = (value: number) => Math.round(value * 1e9) / 1e9;

/** `value` as a percentage of `max`, kept within 0–100; 0 when there is no scale. */
export function percentOf(value: number, max: number): number {
  if (!(max > 0) || !Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, (value / max) * 100));
}

export interface Segment {
  value: number;
  /** Where it starts and how wide it is, in % of the full scale. */
  start: number;
  width: number;
}

/** The pieces of a stacked bar, one after another, scaled so that `max` is 100 %. */
export function stackSegments(values: readonly number[], max: number): Segment[] {
  let start = 0;
  return values.map((value) => {
    const width = percentOf(value, max);
    const segment = { value, start, width };
    start += width;
    return segment;
  });
}

/** Where the n-th of `count` equal slots starts, and its width, in %; `gap` is a share of a slot. */
export function slot(index: number, count: number, gap = 0.25): { start: number; width: number } {
  const size = 100 / Math.max(1, count);
  return { start: index * size + (size * gap) / 2, width: size * (1 - gap) };
}
