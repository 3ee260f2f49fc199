// A still from each archived recording for the archive's cards, made by ffmpeg on the first
// request and kept next to the recording. Audio-only recordings get a neutral picture.
import { execFile } from 'node:child_process';
import { access, rename } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Router } from 'express';
import type { Prisma } from '../../db/database.ts';
import { uuidParam } from '../../http/params.ts';
import { notFound } from '../../lib/app-error.ts';
import type { Logger } from '../../lib/logger.ts';

const run = promisify(execFile);

/** Shown when a recording has no picture: a play sign on the site's muted grey. */
const AUDIO_ONLY = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 270">
<rect width="480" height="270" fill="#e5e7eb"/><circle cx="240" cy="135" r="48" fill="#6b7280"/>
<path d="M226 110v50l40-25z" fill="#fff"/></svg>`;

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

export function posterRouter(deps: {
  prisma: Prisma;
  recordingsDir: string;
  ffmpegPath: string;
  logger: Logger;
}): Router {
  const router = Router();
  /** One ffmpeg per recording, however many cards ask at once. */
  const making = new Map<string, Promise<boolean>>();

  async function make(input: string, output: string, atSeconds: number): Promise<boolean> {
    try {
      await run(deps.ffmpegPath, [
        ...['-hide_banner', '-loglevel', 'error', '-y', '-ss', atSeconds.toFixed(1), '-i', input],
        ...['-frames:v', '1', '-vf', 'scale=480:-2', '-f', 'image2', `${output}.part`],
      ]);
      await rename(`${output}.part`, output);
      return true;
    } catch (err) {
      deps.logger.debug({ err, input }, 'no poster frame (audio only?)');
      return false;
    }
  }

  router.get('/archive/:id/poster.jpg', async (req, res) => {
    const sessionId = uuidParam(req.params.id);
    const recording = await deps.prisma.recording.findUnique({ where: { sessionId } });
    if (recording?.status !== 'ready' || !recording.file) throw notFound('Recording');
    const input = path.resolve(deps.recordingsDir, recording.file);
    const output = path.join(path.dirname(input), 'poster.jpg');
    let made = await exists(output);
    if (!made) {
      let pending = making.get(output);
      if (!pending) {
        // A tenth of the way in: past the titles, into the meeting.
        pending = make(input, output, ((recording.durationMs ?? 0) / 1000) * 0.1);
        making.set(output, pending);
        void pending.finally(() => making.delete(output));
      }
      made = await pending;
    }
    res.set('Cache-Control', 'public, max-age=86400');
    if (made) res.type('image/jpeg').sendFile(output);
    else res.type('image/svg+xml').send(AUDIO_ONLY);
  });

  return router;
}
