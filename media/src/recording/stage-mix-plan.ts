// Where the stage's sound goes in the finished recording. The program's timeline (planned by
// planTimeline) starts at its first segment; a citizen may speak before any broadcast, or
// after it, so the timeline is widened with filler to cover every stage segment too.
import { MIN_GAP_MS, planTimeline, type PlanInput, type TimelinePiece } from './timeline-plan.ts';

export interface StageClip {
  file: string;
  /** From the start of the finished recording. */
  offsetMs: number;
  durationMs: number;
}

export interface RecordingPlan {
  pieces: TimelinePiece[];
  stage: StageClip[];
}

const startOf = (input: PlanInput) => input.segment.startedAt.getTime();
const endOf = (input: PlanInput) =>
  input.segment.endedAt?.getTime() ?? startOf(input) + (input.fileDurationMs ?? 0);

export function planRecording(program: PlanInput[], stage: PlanInput[]): RecordingPlan {
  const pieces = planTimeline(program);
  // An unreadable stage file has nothing to mix.
  const heard = stage.filter(
    (input) => input.fileDurationMs !== null && endOf(input) > startOf(input),
  );
  if (heard.length === 0) return { pieces, stage: [] };

  const programStart = program.length ? Math.min(...program.map(startOf)) : null;
  const programEnd =
    programStart === null ? null : programStart + pieces.reduce((sum, p) => sum + p.durationMs, 0);
  const origin = Math.min(...heard.map(startOf), programStart ?? Infinity);
  const end = Math.max(...heard.map(endOf), programEnd ?? -Infinity);

  const widened = [...pieces];
  const lead = programStart === null ? 0 : programStart - origin;
  if (lead >= MIN_GAP_MS) widened.unshift({ type: 'gap', durationMs: lead });
  const from = programEnd ?? origin;
  if (end - from >= (programEnd === null ? 1 : MIN_GAP_MS)) {
    widened.push({ type: 'gap', durationMs: end - from });
  }
  // Short leads were dropped above; the stage moves with the program then.
  const shift = lead >= MIN_GAP_MS || programStart === null ? origin : programStart;
  return {
    pieces: widened,
    stage: heard.map((input) => ({
      file: input.segment.file,
      offsetMs: Math.max(0, startOf(input) - shift),
      durationMs: endOf(input) - startOf(input),
    })),
  };
}
