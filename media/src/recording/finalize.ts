// After the session: every segment and every gap becomes a piece of one form, the pieces are
// joined, the stage's sound is mixed in at its moments, and the result is an MP4 a browser can
// play while it downloads (faststart).
import { access, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from './ffmpeg-process.ts';
import { probeDuration, probeFile } from './probe.ts';
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
  const inputs = (track: 'program' | 'stage'): PlanInput[] =>
    probed
      .filter(({ segment }) => (segment.track ?? 'program') === track)
      .map(({ segment, file }) => ({ segment, fileDurationMs: file?.durationMs ?? null }));
  const { pieces, stage } = planRecording(inputs('program'), inputs('stage'));
  if (pieces.length === 0) throw new Error('nothing to finalize: no segment has any length');
  const kindsByFile = new Map(probed.map(({ segment, file }) => [segment.file, file?.kinds ?? []]));

  // Work next to the output, so the finished file is moved into place, never copied.
  await mkdir(path.dirname(options.output), { recursive: true });
  const workDir = await mkdtemp(path.join(path.dirname(options.output), '.finalize-'));
  try {
    const nice = await niceAvailable();
    const pieceFiles: string[] = [];
    for (const [i, piece] of pieces.entries()) {
      const pieceFile = path.join(workDir, `piece-${String(i).padStart(4, '0')}.mp4`);
      await runFfmpeg(ffmpegPath, pieceArgs(piece, kindsByFile, format, pieceFile), { nice });
      pieceFiles.push(pieceFile);
    }
    const listFile = path.join(workDir, 'pieces.txt');
    await writeFile(listFile, concatList(pieceFiles));
    const joined = path.join(workDir, 'joined.mp4');
    await runFfmpeg(ffmpegPath, joinArgs(listFile, joined), { nice });
    if (stage.length > 0) {
      const mixed = path.join(workDir, 'mixed.mp4');
      await runFfmpeg(ffmpegPath, mixStageArgs(joined, stage, mixed), { nice });
      await rename(mixed, options.output);
    } else {
      await rename(joined, options.output);
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }

  const [durationMs, { size }] = await Promise.all([
    probeDuration(options.output, ffprobePath),
    stat(options.output),
  ]);
  return { file: options.output, durationMs, sizeBytes: size };
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
