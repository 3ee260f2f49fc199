// Staff import a recording made elsewhere (a meeting from before Náměstí, a camcorder file):
// the upload is streamed to disk within a size limit, checked with ffprobe, converted for the
// browser in the background, and then transcribed like a live recording. A past session that
// never went live through Náměstí joins the archive with it.
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request } from 'express';
import { ImportError, importRecording, inspectImport } from '@namesti/media';
import type { Prisma } from '../../db/database.ts';
import { actorOf } from '../../http/context.ts';
import { uuidParam } from '../../http/params.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';

export interface RecordingImportDeps {
  prisma: Prisma;
  clock: Clock;
  logger: Logger;
  recordingsDir: string;
  ffmpegPath: string;
  ffprobePath: string;
  maxBytes: number;
  /** The converted recording is ready: transcribe it, index the session. */
  onImported(sessionId: string): Promise<unknown>;
}

const MEDIA_TYPE = /^(video|audio)\//;

/** Counts bytes through the stream and stops it past the limit. */
function byteLimit(max: number, tooLarge: () => Error) {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > max ? tooLarge() : null, chunk);
    },
  });
}

export function recordingImportRouter(deps: RecordingImportDeps): Router {
  const { prisma, clock, logger } = deps;
  const router = Router();
  const converting = new Set<string>();

  const tooLarge = (actor: Actor) =>
    new AppError(
      'payload_too_large',
      say(
        actor,
        `Soubor je větší než ${Math.round(deps.maxBytes / 1e6)} MB.`,
        `The file is larger than ${Math.round(deps.maxBytes / 1e6)} MB.`,
      ),
    );

  async function importable(actor: Actor, sessionId: string) {
    const session = await prisma.session.findUnique({ where: { id: sessionId } });
    if (!session) throw notFound(say(actor, 'Zasedání', 'Session'));
    const past = session.status === 'scheduled' && session.scheduledStart <= clock.now();
    if (session.status !== 'ended' && !past) {
      throw new AppError(
        'invalid_transition',
        say(
          actor,
          'Záznam lze nahrát jen k zasedání, které už proběhlo.',
          'A recording can only be added to a session that has taken place.',
        ),
      );
    }
    if (converting.has(sessionId)) {
      throw new AppError(
        'conflict',
        say(
          actor,
          'Předchozí záznam se ještě převádí.',
          'The previous upload is still converting.',
        ),
      );
    }
    return session;
  }

  async function receive(req: Request, actor: Actor, file: string) {
    const declared = Number(req.get('content-length') ?? 0);
    if (declared > deps.maxBytes) throw tooLarge(actor);
    await mkdir(path.dirname(file), { recursive: true });
    try {
      await pipeline(
        req,
        byteLimit(deps.maxBytes, () => tooLarge(actor)),
        createWriteStream(file),
      );
    } catch (err) {
      await rm(file, { force: true });
      throw err instanceof AppError ? err : new AppError('bad_request', 'The upload broke off');
    }
  }

  async function convert(sessionId: string, upload: string, staffId: string) {
    const relative = path.join(sessionId, `imported-${clock.now().getTime()}.mp4`);
    const output = path.join(deps.recordingsDir, relative);
    try {
      const result = await importRecording({
        input: upload,
        output: `${output}.part`,
        ffmpegPath: deps.ffmpegPath,
        ffprobePath: deps.ffprobePath,
      });
      await rename(`${output}.part`, output);
      const { size } = await stat(output);
      await prisma.recording.update({
        where: { sessionId },
        data: {
          status: 'ready',
          durationMs: result.durationMs,
          sizeBytes: BigInt(size),
          file: relative,
          error: null,
        },
      });
      logger.info(
        { sessionId, durationMs: result.durationMs, staffId },
        'imported recording ready',
      );
      await deps.onImported(sessionId);
    } catch (err) {
      logger.error({ err, sessionId }, 'imported recording could not be converted');
      await rm(`${output}.part`, { force: true });
      await prisma.recording.update({
        where: { sessionId },
        data: { status: 'failed', error: (err as Error).message.slice(0, 500) },
      });
    } finally {
      await rm(upload, { force: true });
    }
  }

  router.post('/sessions/:id/recording/upload', async (req, res) => {
    const actor = actorOf(res);
    const staff = authorize(actor, 'session.manage');
    const sessionId = uuidParam(req.params.id);
    if (!MEDIA_TYPE.test(req.get('content-type') ?? '')) {
      throw new AppError(
        'unsupported_media_type',
        say(actor, 'Nahrajte video nebo zvuk.', 'Upload a video or audio file.'),
      );
    }
    const session = await importable(actor, sessionId);
    const upload = path.join(deps.recordingsDir, sessionId, `upload-${clock.now().getTime()}`);
    await receive(req, actor, upload);
    try {
      await inspectImport(upload, deps.ffprobePath);
    } catch (err) {
      await rm(upload, { force: true });
      if (!(err instanceof ImportError)) throw err;
      throw new AppError(
        'unsupported_media_type',
        say(actor, 'Soubor není video ani zvuk.', 'The file is neither video nor audio.'),
      );
    }
    const startedAt = session.startedAt ?? session.scheduledStart;
    await prisma.$transaction(async (tx) => {
      await tx.recording.upsert({
        where: { sessionId },
        create: { sessionId, status: 'processing', startedAt },
        update: { status: 'processing', error: null },
      });
      // A past session that never went live here is over now: it belongs to the archive.
      if (session.status === 'scheduled') {
        await tx.session.update({
          where: { id: sessionId },
          data: { status: 'ended', startedAt, endedAt: session.scheduledEnd },
        });
      }
      await recordAudit(tx, {
        actorId: staff.id,
        action: 'recording.imported',
        entityType: 'session',
        entityId: sessionId,
        sessionId,
        after: { bytes: (await stat(upload)).size, type: req.get('content-type') },
      });
    });
    converting.add(sessionId);
    void convert(sessionId, upload, staff.id).finally(() => converting.delete(sessionId));
    res.status(202).json({ status: 'processing' });
  });

  return router;
}
