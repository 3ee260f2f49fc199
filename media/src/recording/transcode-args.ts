// ffmpeg arguments that bring every piece of a recording to one form, so the pieces can be
// joined without another encode: H.264 yuv420p at a fixed size and 30 fps, AAC 48 kHz stereo.
import type { TrackKind } from './types.ts';

export interface OutputFormat {
  width: number;
  height: number;
}

const FPS = 30;

function encodeArgs(durationMs: number): string[] {
  return [
    ...['-t', (durationMs / 1000).toFixed(3)],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-pix_fmt', 'yuv420p'],
    // Constant frame rate: ffmpeg repeats frames over holes, so picture and sound stay aligned.
    ...['-r', String(FPS), '-fps_mode', 'cfr', '-g', String(FPS * 2)],
    ...['-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2'],
    ...['-f', 'mp4', '-y'],
  ];
}

function blackVideo({ width, height }: OutputFormat): string[] {
  return ['-f', 'lavfi', '-i', `color=c=black:s=${width}x${height}:r=${FPS}`];
}

const SILENCE = ['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo'];

/** Black picture and silence, for the time no one was sending. */
export function fillerArgs(durationMs: number, format: OutputFormat, output: string): string[] {
  return [...blackVideo(format), ...SILENCE, ...encodeArgs(durationMs), output];
}

/**
 * A recorded segment, stretched to its wall-clock length: a late first frame is repeated back
 * to the start, audio holes become silence, and the tail holds the last frame.
 */
export function segmentArgs(
  input: string,
  kinds: TrackKind[],
  durationMs: number,
  { width, height }: OutputFormat,
  output: string,
): string[] {
  const inputs = ['-i', input];
  const filters: string[] = [];
  const padSeconds = (durationMs / 1000).toFixed(3);
  // Missing tracks come from lavfi inputs appended after the segment (input 0).
  const generatedInput = () => `${inputs.filter((arg) => arg === '-i').length}`;

  let videoLabel = '[v]';
  if (kinds.includes('video')) {
    filters.push(
      `[0:v:0]scale=${width}:${height}:force_original_aspect_ratio=decrease,` +
        `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,format=yuv420p,` +
        `tpad=stop_mode=clone:stop_duration=${padSeconds}[v]`,
    );
  } else {
    videoLabel = `${generatedInput()}:v:0`;
    inputs.push(...blackVideo({ width, height }));
  }
  let audioLabel = '[a]';
  if (kinds.includes('audio')) {
    filters.push(
      '[0:a:0]aresample=48000:async=1:first_pts=0,' +
        'aformat=sample_fmts=fltp:channel_layouts=stereo,apad[a]',
    );
  } else {
    audioLabel = `${generatedInput()}:a:0`;
    inputs.push(...SILENCE);
  }

  return [
    // A browser may change resolution mid-stream; scale copes, a rebuilt graph would not.
    ...['-reinit_filter', '0'],
    ...inputs,
    ...(filters.length > 0 ? ['-filter_complex', filters.join(';')] : []),
    ...['-map', videoLabel, '-map', audioLabel],
    ...encodeArgs(durationMs),
    output,
  ];
}

/** Joins same-form pieces without re-encoding; moov goes first so browsers can start at once. */
export function joinArgs(listFile: string, output: string): string[] {
  return [
    ...['-f', 'concat', '-safe', '0', '-i', listFile],
    ...['-map', '0', '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', '-y', output],
  ];
}

/** The concat demuxer's list format; quotes in paths are escaped the way it expects. */
export function concatList(files: string[]): string {
  return files.map((file) => `file '${file.replaceAll("'", "'\\''")}'\n`).join('');
}

/**
 * The stage's microphone over the joined program: each clip delayed to its moment and summed
 * with the program's sound (no level halving: usually only one of them speaks). The picture
 * is copied; the sound is encoded once more.
 */
export function mixStageArgs(
  program: string,
  clips: { file: string; offsetMs: number; durationMs: number }[],
  output: string,
): string[] {
  const inputs = clips.flatMap((clip) => ['-i', clip.file]);
  const delayed = clips.map(
    (clip, i) =>
      `[${i + 1}:a:0]aresample=48000:async=1:first_pts=0,` +
      'aformat=sample_fmts=fltp:channel_layouts=stereo,' +
      `atrim=0:${(clip.durationMs / 1000).toFixed(3)},` +
      `adelay=${Math.round(clip.offsetMs)}:all=1[s${i}]`,
  );
  const sum =
    `[0:a:0]${clips.map((_, i) => `[s${i}]`).join('')}` +
    `amix=inputs=${clips.length + 1}:duration=first:dropout_transition=0:normalize=0[a]`;
  return [
    ...['-i', program, ...inputs],
    ...['-filter_complex', [...delayed, sum].join(';')],
    ...['-map', '0:v:0', '-map', '[a]', '-c:v', 'copy'],
    ...['-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2'],
    ...['-movflags', '+faststart', '-f', 'mp4', '-y', output],
  ];
}
