// A new transcription of a recording replaces the old one, except where staff corrected it:
// a corrected sentence stays, and the new sentences that overlap its time are left out.
import type { CaptionSegment } from './captions.ts';

export interface CorrectedSegment extends CaptionSegment {
  officialId: string | null;
}

export interface MergedSegment extends CaptionSegment {
  officialId: string | null;
  edited: boolean;
}

const overlaps = (a: CaptionSegment, b: CaptionSegment) =>
  a.startMs < b.endMs && b.startMs < a.endMs;

/** The new transcript with the corrections kept, sorted by start. */
export function keepCorrections(
  fresh: readonly CaptionSegment[],
  corrected: readonly CorrectedSegment[],
): MergedSegment[] {
  const kept = fresh
    .filter((segment) => !corrected.some((c) => overlaps(c, segment)))
    .map((segment) => ({ ...segment, officialId: null, edited: false }));
  const merged = [...kept, ...corrected.map((c) => ({ ...c, edited: true }))];
  return merged.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}
