import type { TimelinePollDto, TimelineQuestionDto } from '@namesti/server/protocol';
import { describe, expect, it } from 'vitest';
import {
  answeredInWriting,
  chapterSpans,
  indexAt,
  percentOf,
  segmentIndexAt,
  startOfMoment,
  timelineEntries,
} from './timeline';

const segments = [
  { startMs: 1_000, endMs: 6_000 },
  { startMs: 6_000, endMs: 12_000 },
  { startMs: 20_000, endMs: 27_000 },
  { startMs: 27_400, endMs: 35_000 },
];

describe('the sentence at a moment', () => {
  it('finds the last item starting at or before it', () => {
    expect(indexAt([], 5)).toBe(-1);
    expect(indexAt(segments, 0)).toBe(-1);
    expect(indexAt(segments, 1_000)).toBe(0);
    expect(indexAt(segments, 5_999)).toBe(0);
    expect(indexAt(segments, 6_000)).toBe(1);
    expect(indexAt(segments, 99_000)).toBe(3);
  });

  it('agrees with a linear scan on a long transcript', () => {
    const long = Array.from({ length: 5_000 }, (_, i) => ({ startMs: i * 3_000 + (i % 7) }));
    for (const ms of [0, 1, 2_999, 3_000, 3_001, 7_777_777, 14_999_999, 20_000_000]) {
      const linear = long.findLastIndex((item) => item.startMs <= ms);
      expect(indexAt(long, ms), String(ms)).toBe(linear);
    }
  });

  it('is none in a pause between sentences', () => {
    expect(segmentIndexAt(segments, 3_000)).toBe(0);
    expect(segmentIndexAt(segments, 12_000)).toBe(-1);
    expect(segmentIndexAt(segments, 15_000)).toBe(-1);
    expect(segmentIndexAt(segments, 27_200)).toBe(-1);
    expect(segmentIndexAt(segments, 30_000)).toBe(3);
    expect(segmentIndexAt(segments, 35_000)).toBe(-1);
  });

  it('starts a link to a whole second at the sentence starting within it', () => {
    expect(startOfMoment(segments, 27)).toBe(27_400);
    expect(startOfMoment(segments, 20)).toBe(20_000);
    expect(startOfMoment(segments, 15)).toBe(15_000);
    expect(startOfMoment([], 3)).toBe(3_000);
  });
});

describe('the bar', () => {
  it('places moments in percent, clamped', () => {
    expect(percentOf(45_000, 90_000)).toBe(50);
    expect(percentOf(-1, 90_000)).toBe(0);
    expect(percentOf(100_000, 90_000)).toBe(100);
    expect(percentOf(5, 0)).toBe(0);
  });

  it('spans chapters until the next one, dropping those past the end', () => {
    const spans = chapterSpans(
      [
        { startMs: 0, title: 'a' },
        { startMs: 45_000, title: 'b' },
        { startMs: 95_000, title: 'c' },
      ],
      90_000,
    );
    expect(spans.map((s) => [s.chapter.title, s.left, s.width, s.endMs])).toEqual([
      ['a', 0, 50, 45_000],
      ['b', 50, 50, 90_000],
    ]);
  });
});

const question = (
  id: string,
  askedMs: number | null,
  answerAt?: number | null,
): TimelineQuestionDto => ({
  id,
  text: id,
  authorName: null,
  votes: 0,
  askedMs,
  answer: answerAt === undefined ? null : { text: 'a', official: null, atMs: answerAt },
});
const poll = (id: string, openedMs: number | null) =>
  ({ poll: { id }, openedMs, closedMs: null }) as unknown as TimelinePollDto;

describe('questions and polls on the timeline', () => {
  it('orders by moment, the ones without one last', () => {
    const entries = timelineEntries(
      [question('late', 80_000), question('before', null), question('early', 30_000)],
      [poll('p', 40_000), poll('after', 120_000)],
      90_000,
    );
    expect(entries.map((e) => [e.id, e.atMs])).toEqual([
      ['early', 30_000],
      ['p', 40_000],
      ['late', 80_000],
      ['before', null],
      ['after', null],
    ]);
  });

  it('calls answers after the recording (or without a moment) written', () => {
    const answer = (atMs: number | null) => ({ text: 'x', official: null, atMs });
    expect(answeredInWriting(answer(40_000), 90_000)).toBe(false);
    expect(answeredInWriting(answer(3_600_000), 90_000)).toBe(true);
    expect(answeredInWriting(answer(null), 90_000)).toBe(true);
    expect(answeredInWriting(answer(40_000), null)).toBe(true);
  });
});
