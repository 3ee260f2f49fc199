// Socket.IO on the app's HTTP server: handshake identity, the Redis adapter for
// several nodes, and each feature's handlers.
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { RedisClientType } from 'redis';
import { Server } from 'socket.io';
import type { AuthService } from '../features/auth/service.ts';
import {
  newParticipantId,
  PARTICIPANT_COOKIE,
  readCookies,
  STAFF_COOKIE,
  verifyParticipant,
} from '../features/auth/cookies.ts';
import { localeFrom } from '../http/context.ts';
import type { Logger } from '../lib/logger.ts';
import type { LimiterFactory } from '../lib/rate-limit.ts';
import { PROTOCOL_VERSION } from '../protocol/events.ts';
import type { NamestiServer } from './notifier.ts';
import type { NamestiSocket } from './handler.ts';

export interface RealtimeDeps {
  httpServer: HttpServer;
  auth: AuthService;
  secret: string;
  logger: Logger;
  limiters: LimiterFactory;
  redis: { pub: RedisClientType; sub: RedisClientType; prefix: string } | null;
}

export type FeatureSockets = (
  socket: NamestiSocket,
  tools: { logger: Logger; limiter: import('../lib/rate-limit.ts').RateLimiter },
) => void;

export function createRealtime({
  httpServer,
  auth,
  secret,
  logger,
  limiters,
  redis,
}: RealtimeDeps) {
  const io: NamestiServer = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    ...(redis
      ? { adapter: createAdapter(redis.pub, redis.sub, { key: `${redis.prefix}:socket.io` }) }
      : {}),
  });

  // Identity from the same cookies as HTTP. A client without our cookie (a script)
  // gets a one-off identity that lasts for this connection.
  io.use(async (socket, next) => {
    try {
      const version = (socket.handshake.auth as { protocolVersion?: unknown }).protocolVersion;
      if (version !== PROTOCOL_VERSION) {
        const err = new Error('protocol_mismatch') as Error & { data?: unknown };
        err.data = { expected: PROTOCOL_VERSION, got: version ?? null };
        return next(err);
      }
      const cookies = readCookies(socket.handshake.headers.cookie);
      socket.data.participantId =
        verifyParticipant(cookies[PARTICIPANT_COOKIE], secret) ?? newParticipantId();
      socket.data.staff = await auth.resolve(cookies[STAFF_COOKIE]);
      socket.data.locale = localeFrom(cookies);
      next();
    } catch (err) {
      logger.error({ err }, 'socket handshake failed');
      next(new Error('internal'));
    }
  });

  // Generous per-connection budget: stops floods, never a person.
  const limiter = limiters({ keyPrefix: 'socket-events', points: 30, duration: 5 });

  function register(...features: FeatureSockets[]) {
    io.on('connection', (socket) => {
      const socketLogger = logger.child({
        socketId: socket.id,
        participantId: socket.data.participantId,
      });
      socketLogger.debug('socket connected');
      for (const feature of features) feature(socket, { logger: socketLogger, limiter });
    });
  }

  return { io, register };
}
