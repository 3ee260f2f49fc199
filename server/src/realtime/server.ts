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
import type { LimiterFactory, RateLimiter } from '../lib/rate-limit.ts';
import { isCrossOrigin } from '../http/origin.ts';
import { PROTOCOL_VERSION, rooms } from '../protocol/events.ts';
import type { NamestiServer } from './notifier.ts';
import type { NamestiSocket } from './handler.ts';
import type { Config } from '../config.ts';
import { clientAddress, compileTrust, hashAddress } from './client-address.ts';

const STAFF_RECHECK_MS = 30_000;

export interface RealtimeDeps {
  httpServer: HttpServer;
  auth: AuthService;
  secret: string;
  logger: Logger;
  limiters: LimiterFactory;
  redis: { pub: RedisClientType; sub: RedisClientType; prefix: string } | null;
  publicUrl: string | undefined;
  trustProxy: Config['TRUST_PROXY'];
}

export interface SocketTools {
  logger: Logger;
  limiter: RateLimiter;
  /** Re-reads the staff login behind the socket: a logout or a deactivation applies at once. */
  refreshStaff(socket: NamestiSocket): Promise<void>;
}

export type FeatureSockets = (socket: NamestiSocket, tools: SocketTools) => void;

export function createRealtime({
  httpServer,
  auth,
  secret,
  logger,
  limiters,
  redis,
  publicUrl,
  trustProxy,
}: RealtimeDeps) {
  const trust = compileTrust(trustProxy);
  // The staff token stays on this node, out of socket.data (which fetchSockets ships to others).
  const staffTokens = new WeakMap<NamestiSocket, string>();
  const io: NamestiServer = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // Cross-site WebSocket hijacking: a page of another site must not ride a staff cookie.
    allowRequest: (req, callback) => callback(null, !isCrossOrigin(req.headers, publicUrl)),
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
      const token = cookies[STAFF_COOKIE];
      socket.data.staff = await auth.resolve(token);
      if (socket.data.staff && token) staffTokens.set(socket, token);
      socket.data.locale = localeFrom(cookies);
      socket.data.ipHash = hashAddress(clientAddress(socket.request, trust), secret);
      next();
    } catch (err) {
      logger.error({ err }, 'socket handshake failed');
      next(new Error('internal'));
    }
  });

  // Generous per-connection budget: stops floods, never a person.
  const limiter = limiters({ keyPrefix: 'socket-events', points: 30, duration: 5 });

  async function refreshStaff(socket: NamestiSocket) {
    const token = staffTokens.get(socket);
    if (!token) return;
    socket.data.staff = await auth.resolve(token);
    if (socket.data.staff) return;
    staffTokens.delete(socket);
    // Logged out or deactivated: no more moderators' broadcasts either.
    for (const room of socket.rooms) {
      if (room.endsWith(':mod')) await socket.leave(room);
    }
  }

  // A staff socket that only listens sends no events, so nothing would re-check its login:
  // re-check every staff socket of this node now and then, so a logout or a deactivation
  // also takes a silent console out of the moderators' rooms.
  const recheck = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) {
      if (!staffTokens.has(socket)) continue;
      refreshStaff(socket).catch((err: unknown) =>
        logger.warn({ err, socketId: socket.id }, 'staff login re-check failed'),
      );
    }
  }, STAFF_RECHECK_MS);
  recheck.unref();

  function register(...features: FeatureSockets[]) {
    io.on('connection', (socket) => {
      const socketLogger = logger.child({
        socketId: socket.id,
        participantId: socket.data.participantId,
      });
      socketLogger.debug('socket connected');
      // Every tab of a citizen, on every node: their own questions' status reaches them all.
      void socket.join(rooms.participant(socket.data.participantId));
      for (const feature of features) {
        feature(socket, { logger: socketLogger, limiter, refreshStaff });
      }
    });
  }

  return { io, register, stop: () => clearInterval(recheck) };
}
