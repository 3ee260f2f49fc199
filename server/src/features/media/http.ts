// REST around live video: the studio's WHIP details (hosts and admins) and a session's
// recording (public: status, and the MP4 itself with range requests for seeking).
import { Router, type Request } from 'express';
import type { Prisma } from '../../db/database.ts';
import { actorOf } from '../../http/context.ts';
import { uuidParam } from '../../http/params.ts';
import { notFound } from '../../lib/app-error.ts';
import { can, say } from '../auth/actor.ts';
import type { RecordingDto, WhipDetailsDto } from '../../protocol/media.ts';
import type { StreamKeys } from './stream-keys.ts';
import { toRecordingDto } from './recording-dto.ts';

export function mediaRouter(deps: {
  prisma: Prisma;
  streamKeys: StreamKeys;
  recordingsDir: string;
  publicUrl: string | undefined;
}): Router {
  const { prisma, streamKeys, recordingsDir } = deps;
  const router = Router();

  const origin = (req: Request) =>
    (deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`).replace(/\/$/, '');

  const whipDetails = (
    req: Request,
    sessionId: string,
    row: { key: string; rotatedAt: Date },
  ): WhipDetailsDto => ({
    url: `${origin(req)}/whip/${sessionId}`,
    streamKey: row.key,
    rotatedAt: row.rotatedAt.toISOString(),
  });

  async function sessionExists(req: Request, id: string) {
    if (!(await prisma.session.count({ where: { id } }))) {
      throw notFound(say(actorOf(req.res!), 'Zasedání', 'Session'));
    }
  }

  router.get('/sessions/:id/whip', async (req, res) => {
    const id = uuidParam(req.params.id);
    await sessionExists(req, id);
    const row = await streamKeys.current(actorOf(res), id);
    res.set('Cache-Control', 'no-store').json(whipDetails(req, id, row));
  });

  router.post('/sessions/:id/whip/rotate', async (req, res) => {
    const id = uuidParam(req.params.id);
    await sessionExists(req, id);
    const row = await streamKeys.rotate(actorOf(res), id);
    res.set('Cache-Control', 'no-store').json(whipDetails(req, id, row));
  });

  router.get('/sessions/:id/recording', async (req, res) => {
    const id = uuidParam(req.params.id);
    await sessionExists(req, id);
    const row = await prisma.recording.findUnique({ where: { sessionId: id } });
    const dto: RecordingDto = toRecordingDto(row, can(actorOf(res), 'session.run'));
    res.set('Cache-Control', 'no-store').json(dto);
  });

  router.get('/recordings/:file', async (req, res, next) => {
    const match = /^([0-9a-f-]{36})\.mp4$/i.exec(req.params.file);
    const row = match
      ? await prisma.recording.findUnique({ where: { id: uuidParam(match[1]) } })
      : null;
    if (!row || row.status !== 'ready' || !row.file) {
      throw notFound(say(actorOf(res), 'Záznam', 'Recording'));
    }
    // sendFile answers Range requests, so the player can seek without downloading it all.
    // A root (not an absolute path) lets DATA_DIR be a dot folder and keeps `..` out.
    res.sendFile(
      row.file,
      {
        root: recordingsDir,
        headers: { 'Content-Type': 'video/mp4', 'Cache-Control': 'public, max-age=3600' },
      },
      (err?: Error & { status?: number }) => {
        if (!err || res.headersSent) return;
        next(err.status === 404 ? notFound(say(actorOf(res), 'Záznam', 'Recording')) : err);
      },
    );
  });

  return router;
}
