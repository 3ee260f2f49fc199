// What the benchmarks share: the real app in this process (PostgreSQL with DATABASE_URL, else
// the embedded database in a temp dir; Redis with REDIS_URL), a bare Socket.IO server for the
// baseline, many clients connected in batches, and a live session with a room full of them.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { startApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { openEmbeddedPostgres } from '../src/db/embedded.ts';
import { logger } from '../src/lib/logger.ts';
import type { Result } from '../src/protocol/errors.ts';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../src/protocol/events.ts';
import { TestClient } from '../test/support/http-client.ts';

/** The table is in stats.ts; realtime-fanout.bench.ts takes these two from here. */
export { compare, tableHeader } from './stats.ts';

const ADMIN_EMAIL = 'bench@namesti.local';
const ADMIN_PASSWORD = 'benchmark password 123';
/** Clients joining their room at once. */
const JOIN_BATCH = 100;

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function unwrap<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

export interface ConnectOptions {
  /** Staff login cookie (moderator, host). */
  cookie?: string;
  /** X-Forwarded-For per client, as a trusted proxy sends it: a distinct citizen each. */
  address?: (index: number) => string;
  /** Clients connecting at once (default 50). */
  batch?: number;
}

/** A distinct private address for client `index` (10.0.0.1, 10.0.0.2, …). */
export const citizenAddress = (index: number) => {
  const n = index + 1;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

/** Connects `n` WebSocket clients, `batch` at a time, so handshakes do not pile up. */
export async function connectMany<S = Socket>(
  url: string,
  n: number,
  options: ConnectOptions = {},
): Promise<S[]> {
  const batch = options.batch ?? 50;
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i += batch) {
    const pending = Array.from({ length: Math.min(batch, n - i) }, (_, j) => {
      const headers: Record<string, string> = {};
      if (options.cookie) headers.cookie = options.cookie;
      if (options.address) headers['x-forwarded-for'] = options.address(i + j);
      const socket = connect(url, {
        transports: ['websocket'],
        auth: { protocolVersion: PROTOCOL_VERSION },
        extraHeaders: headers,
        forceNew: true,
        reconnection: false,
      });
      return new Promise<Socket>((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    });
    sockets.push(...(await Promise.all(pending)));
  }
  return sockets as S[];
}

export interface Connected {
  connectMs: number;
  joinMs: number;
}

/**
 * Connects `n` citizens, each on its own address, `batch` at a time (kept in `into` as well),
 * then `join`s each to the room, JOIN_BATCH at a time; how long each of the two took.
 */
export async function connectCitizens<S = Socket>(
  url: string,
  n: number,
  batch: number,
  join: (socket: S) => Promise<unknown>,
  into: S[] = [],
): Promise<{ clients: S[]; connected: Connected }> {
  const connectStart = performance.now();
  const clients = await connectMany<S>(url, n, { address: citizenAddress, batch });
  into.push(...clients);
  const connectMs = performance.now() - connectStart;
  const joinStart = performance.now();
  await inBatches(clients, JOIN_BATCH, join);
  const joinMs = performance.now() - joinStart;
  return { clients, connected: { connectMs, joinMs } };
}

/** The admin on a socket of its own in the session's console room (kept in `into` as well). */
export async function consoleSocket(app: BenchApp, sessionId: string, into: AppSocket[] = []) {
  const [socket] = await connectMany<AppSocket>(app.url, 1, { cookie: app.admin.cookieHeader });
  into.push(socket!);
  const snapshot = unwrap(
    await socket!.emitWithAck('moderation:join', { sessionId }),
    'moderation:join',
  );
  return { socket: socket!, snapshot };
}

export interface LiveRoom {
  sessionId: string;
  clients: AppSocket[];
  connected: Connected;
  /** The admin, in the session's console room. */
  moderator: AppSocket;
  /** Every socket opened for the room; disconnected when the run ends. */
  sockets: AppSocket[];
}

/**
 * Runs `run` against the app (started with `options`) and a live session whose room holds
 * `n` citizens (a snapshot each, `batch` connecting at once) and the admin in its console;
 * then disconnects the room's sockets and closes the app.
 */
export async function withLiveRoom<R>(
  options: BenchAppOptions,
  n: number,
  batch: number,
  run: (app: BenchApp, room: LiveRoom) => Promise<R>,
): Promise<R> {
  const app = await startBenchApp(options);
  console.log(`náměstí runs on ${app.databaseLabel}`);
  const sockets: AppSocket[] = [];
  try {
    const sessionId = await app.createSession({ live: true });
    const join = async (socket: AppSocket) =>
      unwrap(await socket.emitWithAck('session:join', { sessionId }), 'session:join');
    const { clients, connected } = await connectCitizens(app.url, n, batch, join, sockets);
    const { socket: moderator } = await consoleSocket(app, sessionId, sockets);
    return await run(app, { sessionId, clients, connected, moderator, sockets });
  } finally {
    sockets.forEach((s) => s.disconnect());
    await app.close();
  }
}

/** Runs `run` over `items`, `size` at a time; results in order. */
export async function inBatches<T, R>(
  items: T[],
  size: number,
  run: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map((x, j) => run(x, i + j)))));
  }
  return results;
}

/**
 * Time for each of `sockets` to receive the first `event` that `matches` after `trigger()`
 * starts; one sample (ms) per client. Rejects if not every client has it within `timeoutMs`.
 */
export async function fanOut(
  sockets: Socket[],
  event: string,
  trigger: () => Promise<unknown>,
  matches: (payload: unknown) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<number[]> {
  const cleanups: (() => void)[] = [];
  let received = 0;
  const started = performance.now();
  const arrivals = sockets.map(
    (socket) =>
      new Promise<number>((resolve) => {
        const listener = (payload: unknown) => {
          if (!matches(payload)) return;
          socket.off(event, listener);
          received += 1;
          resolve(performance.now() - started);
        };
        socket.on(event, listener);
        cleanups.push(() => socket.off(event, listener));
      }),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `${event}: ${received}/${sockets.length} clients received it in ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await trigger();
    return await Promise.race([Promise.all(arrivals), timeout]);
  } finally {
    clearTimeout(timer);
    cleanups.forEach((cleanup) => cleanup());
  }
}

export interface BenchApp {
  url: string;
  /** A logged-in admin (staff cookie in `admin.cookieHeader`). */
  admin: TestClient;
  database: 'postgres' | 'embedded';
  /** Where it ran, for the report (no credentials). */
  databaseLabel: string;
  /** Whether rate limits and rooms go through Redis. */
  redis: boolean;
  /** Creates a council meeting through the admin API; `live` also starts it. */
  createSession(options?: { live?: boolean }): Promise<string>;
  /**
   * Reads the database directly, past the app. PostgreSQL: any time; the embedded database
   * has one owner, so only after `stop()`.
   */
  sql<T>(text: string, params?: unknown[]): Promise<T[]>;
  /** Stops the app but keeps its data for `sql`. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export interface BenchAppOptions {
  /** A PostgreSQL URL, or 'embedded'. Default: DATABASE_URL, else embedded. */
  database?: string;
  /** A Redis URL. Default: REDIS_URL, else none. */
  redis?: string;
}

/** The real app in this process, with a logged-in admin. */
export async function startBenchApp(options: BenchAppOptions = {}): Promise<BenchApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'namesti-bench-'));
  const database = options.database ?? process.env.DATABASE_URL ?? '';
  const databaseUrl = database === 'embedded' ? '' : database;
  const redisUrl = options.redis ?? process.env.REDIS_URL ?? '';
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    SEED_DEMO: 'false',
    WEB_BUILD_DIR: '/nonexistent',
    ...(redisUrl
      ? {
          REDIS_URL: redisUrl,
          // Required with Redis; a fresh prefix keeps earlier runs' rate limits out.
          SESSION_SECRET: randomBytes(32).toString('base64url'),
          REDIS_PREFIX: `namesti-bench-${process.pid}-${Date.now().toString(36)}`,
        }
      : {}),
  });
  logger.level = process.env.BENCH_LOG_LEVEL ?? 'error';
  const app = await startApp(config, logger);
  const url = `http://127.0.0.1:${app.port}`;
  const admin = new TestClient(url);
  const login = await admin.post('/api/auth/login', {
    email: ADMIN_EMAIL,
    password: ADMIN_PASSWORD,
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${login.text}`);
  let sessions = 0;
  const expect = (res: { status: number; text: string }, status: number, what: string) => {
    if (res.status !== status) throw new Error(`${what} failed: ${res.status} ${res.text}`);
  };
  let databaseLabel = `embedded PGlite in ${dataDir}`;
  if (config.DATABASE_URL) {
    const parsed = new URL(config.DATABASE_URL);
    databaseLabel = `PostgreSQL at ${parsed.host}${parsed.pathname}`;
  }
  if (config.REDIS_URL) databaseLabel += `, Redis at ${new URL(config.REDIS_URL).host}`;
  let stopped = false;
  let pgClient: pg.Client | undefined;
  let embedded: PGlite | undefined;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    url,
    admin,
    database: config.DATABASE_URL ? 'postgres' : 'embedded',
    databaseLabel,
    redis: Boolean(config.REDIS_URL),
    async createSession({ live = false } = {}) {
      sessions += 1;
      const day = new Date(Date.now() + 86_400_000 * sessions).toISOString().slice(0, 10);
      const created = await admin.post<{ id: string }>('/api/admin/sessions', {
        kind: 'council_meeting',
        title: `Benchmark session ${sessions}`,
        scheduledStart: `${day}T17:00`,
        durationMinutes: 60,
      });
      expect(created, 201, 'create session');
      if (live) {
        const started = await admin.post(`/api/sessions/${created.body.id}/lifecycle`, {
          action: 'start',
        });
        expect(started, 200, 'start session');
      }
      return created.body.id;
    },
    async sql<T>(text: string, params: unknown[] = []) {
      if (config.DATABASE_URL) {
        if (!pgClient) {
          pgClient = new pg.Client({ connectionString: config.DATABASE_URL });
          await pgClient.connect();
        }
        return (await pgClient.query(text, params)).rows as T[];
      }
      if (!stopped) throw new Error("the embedded database is the app's: stop() it first");
      // The same folder the app's openDatabase used.
      embedded ??= await openEmbeddedPostgres(path.join(config.dataDir, 'postgres'));
      return (await embedded.query<T>(text, params)).rows;
    },
    stop,
    async close() {
      await stop();
      await pgClient?.end();
      await embedded?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A bare Socket.IO server on its own port: no database, no validation. */
export async function startBareServer(setup: (io: Server) => void) {
  const httpServer = createServer();
  const io = new Server(httpServer);
  setup(io);
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return { io, url, close: () => io.close() };
}

/**
 * A bare server for a baseline: `join` puts a client in the one room, 'room'; `setup` adds the
 * other handlers to each connection; `flush` runs every 250 ms (the app coalesces as often).
 */
export async function startBareRoom(
  setup: (io: Server, socket: ServerSocket) => void,
  flush: (io: Server) => void,
) {
  const server = await startBareServer((io) => {
    io.on('connection', (socket) => {
      socket.on('join', async (_payload: unknown, ack: (r: unknown) => void) => {
        await socket.join('room');
        ack({ ok: true, data: null });
      });
      setup(io, socket);
    });
  });
  const timer = setInterval(() => flush(server.io), 250);
  return {
    ...server,
    async close() {
      clearInterval(timer);
      await server.close();
    },
  };
}
