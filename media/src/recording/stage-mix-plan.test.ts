import { describe, expect, it } from 'vitest';
import { planRecording } from './stage-mix-plan.ts';
import type { PlanInput } from './timeline-plan.ts';
import type { RecordingTrack } from './types.ts';

const T0 = Date.parse('2026-03-02T17:00:00Z');

function input(track: RecordingTrack, fromS: number, toS: number, readable = true): PlanInput {
  return {
    segment: {
      index: 0,
      file: `/rec/${track}-${fromS}.mkv`,
      startedAt: new Date(T0 + fromS * 1000),
      endedAt: new Date(T0 + toS * 1000),
      kinds: track === 'stage' ? ['audio'] : ['audio', 'video'],
      track,
    },
    fileDurationMs: readable ? (toS - fromS) * 1000 : null,
  };
}

const kinds = (plan: ReturnType<typeof planRecording>) =>
  plan.pieces.map((piece) => [piece.type, piece.durationMs]);

describe('planRecording', () => {
  it('leaves the program alone when nobody was on stage', () => {
    const plan = planRecording([input('program', 0, 10)], []);
    expect(kinds(plan)).toEqual([['segment', 10_000]]);
    expect(plan.stage).toEqual([]);
  });

  it('places a citizen who spoke during the broadcast at their moment', () => {
    const plan = planRecording(
      [input('program', 0, 10), input('program', 12, 20)],
      [input('stage', 3, 6), input('stage', 14, 15.5)],
    );
    expect(kinds(plan)).toEqual([
      ['segment', 10_000],
      ['gap', 2_000],
      ['segment', 8_000],
    ]);
    expect(plan.stage.map((clip) => [clip.offsetMs, clip.durationMs])).toEqual([
      [3_000, 3_000],
      [14_000, 1_500],
    ]);
  });

  it('widens the recording for a citizen who spoke before the broadcast or after it', () => {
    const plan = planRecording(
      [input('program', 5, 10)],
      [input('stage', 0, 4), input('stage', 9, 14)],
    );
    expect(kinds(plan)).toEqual([
      ['gap', 5_000],
      ['segment', 5_000],
      ['gap', 4_000],
    ]);
    expect(plan.stage.map((clip) => clip.offsetMs)).toEqual([0, 9_000]);
  });

  it('makes a recording of the stage alone when nobody broadcast', () => {
    const plan = planRecording([], [input('stage', 2, 5), input('stage', 7, 8)]);
    expect(kinds(plan)).toEqual([['gap', 6_000]]);
    expect(plan.stage.map((clip) => clip.offsetMs)).toEqual([0, 5_000]);
  });

  it('leaves out a stage file that cannot be read', () => {
    const plan = planRecording([input('program', 0, 10)], [input('stage', 2, 4, false)]);
    expect(plan.stage).toEqual([]);
  });
});
