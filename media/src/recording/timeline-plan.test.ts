import { describe, expect, it } from 'vitest';
import { planTimeline, totalDurationMs, type PlanInput } from './timeline-plan.ts';
import type { SegmentInfo } from './types.ts';

const T0 = Date.parse('2026-03-02T17:00:00Z');

function segment(index: number, fromS: number, toS: number | null): SegmentInfo {
  return {
    index,
    file: `/rec/segment-${index}.mkv`,
    startedAt: new Date(T0 + fromS * 1000),
    endedAt: toS === null ? null : new Date(T0 + toS * 1000),
    kinds: ['audio', 'video'],
  };
}

const readable = (s: SegmentInfo, fileDurationMs = 1000): PlanInput => ({
  segment: s,
  fileDurationMs,
});

describe('planTimeline', () => {
  it('gives each segment its wall-clock length and fills the gap between them', () => {
    const a = segment(0, 0, 10);
    const b = segment(1, 12, 20);
    expect(planTimeline([readable(a, 9600), readable(b, 7900)])).toEqual([
      { type: 'segment', segment: a, durationMs: 10_000 },
      { type: 'gap', durationMs: 2000 },
      { type: 'segment', segment: b, durationMs: 8000 },
    ]);
  });

  it('ignores gaps shorter than 0.3 s, which a source switch leaves routinely', () => {
    const a = segment(0, 0, 5);
    const b = segment(1, 5.29, 9);
    const pieces = planTimeline([readable(a), readable(b)]);
    expect(pieces.map((piece) => piece.type)).toEqual(['segment', 'segment']);
    expect(totalDurationMs(pieces)).toBe(8710);
  });

  it('keeps a gap of exactly the threshold', () => {
    const pieces = planTimeline([readable(segment(0, 0, 1)), readable(segment(1, 1.3, 2))]);
    expect(pieces[1]).toEqual({ type: 'gap', durationMs: 300 });
  });

  it('orders segments by start time whatever order they come in', () => {
    const a = segment(0, 0, 3);
    const b = segment(1, 4, 6);
    const pieces = planTimeline([readable(b), readable(a)]);
    expect(pieces[0]).toMatchObject({ type: 'segment', segment: a });
    expect(pieces[2]).toMatchObject({ type: 'segment', segment: b });
  });

  it('turns an unreadable segment into filler merged with the gaps around it', () => {
    const a = segment(0, 0, 4);
    const broken = segment(1, 5, 6);
    const c = segment(2, 7, 9);
    const pieces = planTimeline([
      readable(a),
      { segment: broken, fileDurationMs: null },
      readable(c),
    ]);
    expect(pieces).toEqual([
      { type: 'segment', segment: a, durationMs: 4000 },
      { type: 'gap', durationMs: 3000 },
      { type: 'segment', segment: c, durationMs: 2000 },
    ]);
  });

  it('uses the file length for a segment that never recorded its end', () => {
    const open = segment(0, 0, null);
    expect(planTimeline([readable(open, 4200)])).toEqual([
      { type: 'segment', segment: open, durationMs: 4200 },
    ]);
  });

  it('clips a segment that overlaps the previous one instead of double-counting time', () => {
    const a = segment(0, 0, 5);
    const b = segment(1, 4, 8);
    const pieces = planTimeline([readable(a), readable(b)]);
    expect(pieces[1]).toEqual({ type: 'segment', segment: b, durationMs: 3000 });
    expect(totalDurationMs(pieces)).toBe(8000);
  });

  it('drops empty segments and plans nothing for no segments', () => {
    expect(planTimeline([])).toEqual([]);
    expect(planTimeline([readable(segment(0, 3, 3))])).toEqual([]);
  });

  it('spans first start to last end when all gaps are kept', () => {
    const inputs = [segment(0, 0, 60), segment(1, 61, 300), segment(2, 310.5, 3600)].map((s) =>
      readable(s),
    );
    expect(totalDurationMs(planTimeline(inputs))).toBe(3_600_000);
  });
});
