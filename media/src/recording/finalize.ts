// After the session: every segment and every gap becomes a piece of one form, the pieces are
// joined, the stage's sound is mixed in at its moments, and the result is an MP4 a browser can
// play while it downloads (faststart). One bad file never costs the whole meeting: a segment
// ffmpeg cannot read becomes filler of its length, a stage mix that fails leaves the program
// as it was, and both are reported as problems beside the finished file.
import { access, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from './ffmpeg-process.ts';
import { probeDuration, probeFile, type ProbedFile } from './probe.ts';
import { planRecording } from './stage-mix-plan.ts';
import type { PlanInput, TimelinePiece } from './timeline-plan.ts';
import {
  concatList,
  fillerArgs,
  joinArgs,
  mixStageArgs,
  segmentArgs,
  type OutputFormat,
} from './transcode-args.ts';
import type { SegmentInfo } from './types.ts';

export interface FinalizeOptions {
  segments: SegmentInfo[];
  output: string;
  ffmpegPath?: string;
  ffprobePath?: string;
  width?: number;
  height?: number;
}

export interface FinalizedRecording {
  file: string;
  durationMs: number;
  sizeBytes: number;
  /** What had to be left out, for staff to see; empty when everything went in. */
  problems: string[];
}

export async function finalizeRecording(options: FinalizeOptions): Promise<FinalizedRecording> {
  const ffmpegPath = options.ffmpegPath ?? 'ffmpeg';
  const ffprobePath = options.ffprobePath ?? 'ffprobe';
  const format: OutputFormat = { width: options.width ?? 1280, height: options.height ?? 720 };

  const probed = await Promise.all(
    options.segments.map(async (segment) => ({
      segment,
      file: await probeFile(segment.file, ffprobePath),
    })),
  );
  // A stage file without sound has nothing to mix: it counts as unreadable.
  const usable = (track: 'program' | 'stage', file: ProbedFile | null) =>
    track === 'program' || file?.kinds.includes('audio') ? file : null;
  const inputs = (track: 'program' | 'stage'): PlanInput[] =>
    probed
      .filter(({ segment }) => (segment.track ?? 'program') === track)
      .map(({ segment, file }) => ({
        segment,
        fileDurationMs: usable(track, file)?.durationMs ?? null,
      }));
  const { pieces, stage } = planRecording(inputs('program'), inputs('stage'));
  if (pieces.length === 0) throw new Error('nothing to finalize: no segment has any length');
  const kindsByFile = new Map(probed.map(({ segment, file }) => [segment.file, file?.kinds ?? []]));

  // Work next to the output, so the finished file is moved into place, never copied.
  await mkdir(path.dirname(options.output), { recursive: true });
  const workDir = await mkdtemp(path.join(path.dirname(options.output), '.finalize-'));
  const problems: string[] = [];
  try {
    const nice = await niceAvailable();
    const ffmpeg = (args: string[]) => runFfmpeg(ffmpegPath, args, { nice });
    const pieceFiles: string[] = [];
    for (const [i, piece] of pieces.entries()) {
      const pieceFile = path.join(workDir, `piece-${String(i).padStart(4, '0')}.mp4`);
      try {
        await ffmpeg(pieceArgs(piece, kindsByFile, format, pieceFile));
      } catch (error) {
        if (piece.type === 'gap') throw error; // filler is generated: nothing simpler to try
        problems.push(`${path.basename(piece.segment.file)} unreadable: ${causeOf(error)}`);
        await ffmpeg(fillerArgs(piece.durationMs, format, pieceFile));
      }
      pieceFiles.push(pieceFile);
    }
    const listFile = path.join(workDir, 'pieces.txt');
    await writeFile(listFile, concatList(pieceFiles));
    const joined = path.join(workDir, 'joined.mp4');
    await ffmpeg(joinArgs(listFile, joined));
    let finished = joined;
    if (stage.length > 0) {
      const mixed = path.join(workDir, 'mixed.mp4');
      try {
        await ffmpeg(mixStageArgs(joined, stage, mixed));
        finished = mixed;
      } catch (error) {
        problems.push(`the stage's sound could not be mixed in: ${causeOf(error)}`);
      }
    }
    await rename(finished, options.output);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }

  const [durationMs, { size }] = await Promise.all([
    probeDuration(options.output, ffprobePath),
    stat(options.output),
  ]);
  return { file: options.output, durationMs, sizeBytes: size, problems };
}

/** ffmpeg's errors end with its last lines; the last one that is not a summary says why. */
function causeOf(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error))
    .split('\n')
    .filter((line) => line.trim() && !/^Conversion failed/.test(line));
  return (lines.at(-1) ?? 'unknown error').slice(0, 300);
}

function pieceArgs(
  piece: TimelinePiece,
  kindsByFile: Map<string, ('audio' | 'video')[]>,
  format: OutputFormat,
  output: string,
): string[] {
  if (piece.type === 'gap') return fillerArgs(piece.durationMs, format, output);
  const kinds = kindsByFile.get(piece.segment.file) ?? [];
  return segmentArgs(piece.segment.file, kinds, piece.durationMs, format, output);
}

async function niceAvailable(): Promise<boolean> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      await access(path.join(dir, 'nice'));
      return true;
    } catch {
      // Not in this PATH entry; keep looking.
    }
  }
  return false;
}
