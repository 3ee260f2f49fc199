// A recording made elsewhere (a camcorder file, last year's stream) turned into the form the
// archive plays: H.264/AAC MP4 with faststart, or AAC audio in MP4 when there is no picture.
import { runFfmpeg } from './ffmpeg-process.ts';
import { probeFile } from './probe.ts';

export class ImportError extends Error {
  constructor(
    readonly reason: 'unreadable' | 'no_media',
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface ImportedRecording {
  durationMs: number;
  hasVideo: boolean;
}

/** Checks what `input` holds; throws ImportError when it is not audio or video. */
export async function inspectImport(input: string, ffprobePath: string) {
  const probed = await probeFile(input, ffprobePath);
  if (!probed) throw new ImportError('unreadable', 'The file is not a video or audio file');
  if (!probed.kinds.includes('audio') && !probed.kinds.includes('video')) {
    throw new ImportError('no_media', 'The file has neither picture nor sound');
  }
  return { hasVideo: probed.kinds.includes('video'), durationMs: probed.durationMs };
}

export async function importRecording(options: {
  input: string;
  output: string;
  ffmpegPath: string;
  ffprobePath: string;
}): Promise<ImportedRecording> {
  const { hasVideo } = await inspectImport(options.input, options.ffprobePath);
  await runFfmpeg(options.ffmpegPath, [
    ...['-y', '-i', options.input, '-map', '0:a:0?'],
    ...(hasVideo
      ? ['-map', '0:v:0', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23']
      : ['-vn']),
    // Even sizes for yuv420p; browsers play nothing else reliably.
    ...(hasVideo ? ['-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2', '-pix_fmt', 'yuv420p'] : []),
    ...['-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', '-f', 'mp4', options.output],
  ]);
  const result = await inspectImport(options.output, options.ffprobePath);
  return { durationMs: result.durationMs, hasVideo };
}
