// Where each segment sits on the session's wall-clock timeline, and where filler must go.
// Pure: the caller has already probed the files.
import type { SegmentInfo } from './types.ts';

export const MIN_GAP_MS = 300;

export interface PlanInput {
  segment: SegmentInfo;
  /** What ffprobe found in the file; null when the file is missing or has no streams. */
  fileDurationMs: number | null;
}

export type TimelinePiece =
  | { type: 'segment'; segment: SegmentInfo; durationMs: number }
  | { type: 'gap'; durationMs: number };

/**
 * Segments keep their wall-clock length (startedAt → endedAt), so the finished recording's
 * minute N is minute N of the meeting. Gaps shorter than minGapMs are dropped; an unreadable
 * segment becomes filler of its own length.
 */
export function planTimeline(inputs: PlanInput[], minGapMs = MIN_GAP_MS): TimelinePiece[] {
  const sorted = [...inputs].sort(
    (a, b) => a.segment.startedAt.getTime() - b.segment.startedAt.getTime(),
  );
  const pieces: TimelinePiece[] = [];
  let cursor: number | null = null;

  for (const { segment, fileDurationMs } of sorted) {
    const started = segment.startedAt.getTime();
    const ended = segment.endedAt?.getTime() ?? started + (fileDurationMs ?? 0);
    // Segments never overlap in a well-behaved recorder; if clocks say they do, the later wins.
    const start = cursor === null ? started : Math.max(started, cursor);
    if (cursor !== null && start - cursor >= minGapMs) addGap(pieces, start - cursor);
    if (ended <= start) continue;
    if (fileDurationMs === null) addGap(pieces, ended - start);
    else pieces.push({ type: 'segment', segment, durationMs: ended - start });
    cursor = ended;
  }
  return pieces;
}

function addGap(pieces: TimelinePiece[], durationMs: number): void {
  const last = pieces.at(-1);
  if (last?.type === 'gap') last.durationMs += durationMs;
  else pieces.push({ type: 'gap', durationMs });
}

export function totalDurationMs(pieces: TimelinePiece[]): number {
  return pieces.reduce((sum, piece) => sum + piece.durationMs, 0);
}
