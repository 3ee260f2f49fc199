// ffprobe questions the recorder asks: how long is a file, and which streams does it hold.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TrackKind } from './types.ts';

const run = promisify(execFile);
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export interface ProbedFile {
  kinds: TrackKind[];
  codecs: string[];
  durationMs: number;
}

interface FfprobeJson {
  format?: { duration?: string };
  streams?: { codec_type?: string; codec_name?: string }[];
}

/** Duration in milliseconds; throws when the file cannot be read. */
export async function probeDuration(file: string, ffprobePath = 'ffprobe'): Promise<number> {
  const { stdout } = await run(ffprobePath, [
    ...['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file],
  ]);
  const seconds = Number.parseFloat(stdout.trim());
  if (Number.isFinite(seconds)) return Math.round(seconds * 1000);
  // A recording ffmpeg that was killed leaves no duration in the header: use the last packet.
  return lastPacketEndMs(file, ffprobePath);
}

/** Streams and duration of a file, or null when it is missing, empty or unreadable. */
export async function probeFile(file: string, ffprobePath = 'ffprobe'): Promise<ProbedFile | null> {
  let parsed: FfprobeJson;
  try {
    const { stdout } = await run(ffprobePath, [
      ...['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,codec_name'],
      ...['-of', 'json', file],
    ]);
    parsed = JSON.parse(stdout) as FfprobeJson;
  } catch {
    return null; // ffprobe's verdict is the answer: the file is not usable media.
  }
  const streams = parsed.streams ?? [];
  const kinds = (['audio', 'video'] as const).filter((kind) =>
    streams.some((stream) => stream.codec_type === kind),
  );
  if (kinds.length === 0) return null;
  const seconds = Number.parseFloat(parsed.format?.duration ?? '');
  // No duration in the header and no packets after it: a writer that died before its first
  // packet (a recorder stopped while waiting for the broadcast) left an empty file.
  const durationMs = Number.isFinite(seconds)
    ? Math.round(seconds * 1000)
    : await lastPacketEndMs(file, ffprobePath).catch(() => null);
  if (durationMs === null) return null;
  return { kinds, codecs: streams.map((stream) => stream.codec_name ?? 'unknown'), durationMs };
}

async function lastPacketEndMs(file: string, ffprobePath: string): Promise<number> {
  const { stdout } = await run(
    ffprobePath,
    ['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file],
    { maxBuffer: MAX_OUTPUT_BYTES },
  );
  let endSeconds = 0;
  for (const line of stdout.split('\n')) {
    const [pts, duration] = line.split(',').map((value) => Number.parseFloat(value));
    if (pts !== undefined && Number.isFinite(pts)) {
      endSeconds = Math.max(endSeconds, pts + (Number.isFinite(duration) ? (duration ?? 0) : 0));
    }
  }
  if (endSeconds === 0) throw new Error(`no packets in ${file}`);
  return Math.round(endSeconds * 1000);
}
