// WHIP ingest (RFC 9725) for OBS 30+ and hardware encoders: POST an SDP offer with the
// session's stream key as a Bearer token, get the answer; DELETE the resource to stop.
// Answers are plain status codes and short texts, which is what WHIP clients show.
import { randomUUID } from 'node:crypto';
import express, { Router, type Response } from 'express';
import { MediaError, WhipSdpError, type MediaService } from '@namesti/media';
import type { Prisma } from '../../db/database.ts';
import type { Logger } from '../../lib/logger.ts';
import type { RateLimiter } from '../../lib/rate-limit.ts';
import { AppError } from '../../lib/app-error.ts';
import { WHIP_PEER_PREFIX } from './events.ts';
import type { StreamKeys } from './stream-keys.ts';
import type { MediaOps } from './cluster/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface WhipDeps {
  prisma: Prisma;
  media: MediaService;
  /** Routed to the node that carries the session's media. */
  ops: MediaOps;
  streamKeys: StreamKeys;
  /** Spent per address on every request with a wrong key. */
  failures: RateLimiter;
  logger: Logger;
}

class WhipRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const bearer = (header: string | undefined) => /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? '';

export function whipRouter(deps: WhipDeps): Router {
  const { prisma, media, ops, streamKeys, failures, logger } = deps;
  const router = Router();

  async function authorize(sessionId: string, authorization: string | undefined, ip: string) {
    if (!UUID.test(sessionId)) throw new WhipRefusal(404, 'No such session');
    const session = await prisma.session.findUnique({
      where: { id: sessionId },
      select: { status: true },
    });
    if (!session) throw new WhipRefusal(404, 'No such session');
    if (!(await streamKeys.verify(sessionId, bearer(authorization)))) {
      try {
        await failures.consume(ip, 1, 'en');
      } catch {
        throw new WhipRefusal(429, 'Too many wrong stream keys; wait a minute');
      }
      throw new WhipRefusal(401, 'Wrong or missing stream key');
    }
    return session.status;
  }

  function refuse(res: Response, err: unknown) {
    if (err instanceof WhipRefusal) {
      if (err.status === 401) res.set('WWW-Authenticate', 'Bearer realm="namesti-whip"');
      res.status(err.status).type('text/plain').send(err.message);
    } else if (err instanceof WhipSdpError) {
      res.status(400).type('text/plain').send(`Bad SDP offer (${err.reason}): ${err.message}`);
    } else if (err instanceof MediaError && err.reason === 'busy') {
      res.status(409).type('text/plain').send('Another broadcast is already live');
    } else if (err instanceof MediaError && err.reason === 'unreachable') {
      res.status(503).type('text/plain').send('The media server is unavailable; try again');
    } else if (err instanceof AppError && err.code === 'rate_limited') {
      res.status(429).type('text/plain').send(err.message);
    } else {
      logger.error({ err }, 'WHIP request failed');
      res.status(500).type('text/plain').send('The media server could not take the stream');
    }
  }

  router.options('/whip/:sessionId', (_req, res) => {
    res.set('Accept-Post', 'application/sdp').status(204).end();
  });

  router.post(
    '/whip/:sessionId',
    express.text({ type: 'application/sdp', limit: '64kb' }),
    async (req, res) => {
      try {
        if (!req.is('application/sdp')) {
          throw new WhipRefusal(415, 'The offer must be sent as application/sdp');
        }
        const { sessionId } = req.params;
        const status = await authorize(sessionId, req.get('authorization'), req.ip ?? '');
        if (media.status() === 'off')
          throw new WhipRefusal(503, 'Live video is off on this server');
        // Before the start the stream is a preview: viewers see it once the session is live.
        if (status !== 'scheduled' && status !== 'live') {
          throw new WhipRefusal(403, 'The session has ended or was cancelled');
        }
        const resourceId = randomUUID();
        const answer = await ops.publishWhip(
          sessionId,
          WHIP_PEER_PREFIX + resourceId,
          String(req.body),
        );
        logger.info({ sessionId, resourceId }, 'WHIP publisher connected');
        res
          .status(201)
          .set('Location', `/whip/${sessionId}/${resourceId}`)
          .type('application/sdp')
          .send(answer);
      } catch (err) {
        refuse(res, err);
      }
    },
  );

  router.delete('/whip/:sessionId/:resourceId', async (req, res) => {
    try {
      const { sessionId, resourceId } = req.params;
      await authorize(sessionId, req.get('authorization'), req.ip ?? '');
      if (!(await ops.endWhip(sessionId, WHIP_PEER_PREFIX + resourceId))) {
        throw new WhipRefusal(404, 'No such stream');
      }
      logger.info({ sessionId, resourceId }, 'WHIP publisher ended');
      res.status(200).end();
    } catch (err) {
      refuse(res, err);
    }
  });

  // Trickle ICE and ICE restarts are optional in WHIP; we are ICE-lite and say so.
  router.patch('/whip/:sessionId/:resourceId', (_req, res) => {
    res.status(405).set('Allow', 'DELETE').end();
  });

  return router;
}
