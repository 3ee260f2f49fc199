// `npm run bench [-- --clients N --rounds R]`: how fast a session's state change reaches
// every open page, against a bare Socket.IO broadcast measured in the same run.
//  - join: N clients join a session room (app: validated join + snapshot from the DB;
//    baseline: a bare room join).
//  - fan-out: an admin cancels/reopens the session over REST; time until each client has the
//    new state (app: DB transaction + audit + notifier; baseline: io.to(room).emit()).
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { startApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { logger } from '../src/lib/logger.ts';
import { PROTOCOL_VERSION } from '../src/protocol/events.ts';
import { TestClient } from '../test/support/http-client.ts';
import { argNumber, ms, summarize } from './stats.ts';

const CLIENTS = argNumber('clients', 300);
const ROUNDS = argNumber('rounds', 10);
const PASSWORD = 'benchmark password 123';

async function connectMany(url: string, n: number, cookie?: string): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = Array.from({ length: Math.min(50, n - i) }, () => {
      const socket = connect(url, {
        transports: ['websocket'],
        auth: { protocolVersion: PROTOCOL_VERSION },
        extraHeaders: cookie ? { cookie } : {},
        forceNew: true,
        reconnection: false,
      });
      return new Promise<Socket>((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    });
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

/** Time for `sockets` to all receive `event` after `trigger()`; one sample per client. */
async function fanOut(sockets: Socket[], event: string, trigger: () => Promise<unknown>) {
  const started = performance.now();
  const arrivals = sockets.map(
    (socket) =>
      new Promise<number>((resolve) =>
        socket.once(event, () => resolve(performance.now() - started)),
      ),
  );
  await trigger();
  return Promise.all(arrivals);
}

async function baseline() {
  const httpServer = createServer();
  const io = new Server(httpServer);
  io.on('connection', (socket) => {
    socket.on('join', async (_payload: unknown, ack: (r: unknown) => void) => {
      await socket.join('room');
      ack({ ok: true });
    });
  });
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const sockets = await connectMany(url, CLIENTS);
  const joinStart = performance.now();
  await Promise.all(sockets.map((s) => s.emitWithAck('join', {})));
  const joinMs = performance.now() - joinStart;
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS * 2; round++) {
    samples.push(
      ...(await fanOut(sockets, 'state', async () => io.to('room').emit('state', { round }))),
    );
  }
  sockets.forEach((s) => s.disconnect());
  await io.close();
  return { joinMs, fanout: summarize(samples) };
}

async function namesti() {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'namesti-bench-'));
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.DATABASE_URL ?? '',
    ADMIN_EMAIL: 'bench@namesti.local',
    ADMIN_PASSWORD: PASSWORD,
    SEED_DEMO: 'false',
    WEB_BUILD_DIR: '/nonexistent',
  });
  logger.level = process.env.BENCH_LOG_LEVEL ?? 'error';
  const app = await startApp(config, logger);
  const url = `http://127.0.0.1:${app.port}`;
  const admin = new TestClient(url);
  await admin.post('/api/auth/login', { email: 'bench@namesti.local', password: PASSWORD });
  const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const session = await admin.post<{ id: string }>('/api/admin/sessions', {
    kind: 'council_meeting',
    title: 'Benchmark session',
    scheduledStart: `${day}T17:00`,
    durationMinutes: 60,
  });
  const sessionId = session.body.id;
  const sockets = await connectMany(url, CLIENTS);
  const joinStart = performance.now();
  await Promise.all(sockets.map((s) => s.emitWithAck('session:join', { sessionId })));
  const joinMs = performance.now() - joinStart;
  const samples: number[] = [];
  // cancel ↔ reopen can repeat forever; each is a full lifecycle change (guarded
  // transaction, audit entry, notification).
  for (let round = 0; round < ROUNDS; round++) {
    for (const action of ['cancel', 'reopen'] as const) {
      samples.push(
        ...(await fanOut(sockets, 'session:state', () =>
          admin.post(`/api/sessions/${sessionId}/lifecycle`, { action }),
        )),
      );
    }
  }
  sockets.forEach((s) => s.disconnect());
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
  return {
    joinMs,
    fanout: summarize(samples),
    database: config.DATABASE_URL ? 'postgres' : 'embedded',
  };
}

const base = await baseline();
const app = await namesti();
const line = (label: string, a: number, b: number) =>
  console.log(
    `${label.padEnd(34)} ${ms(a).padStart(11)} ${ms(b).padStart(11)}   ×${(b / a).toFixed(2)}`,
  );
console.log(
  `\nRealtime fan-out: ${CLIENTS} clients, ${ROUNDS * 2} state changes, database ${app.database}`,
);
console.log(`${''.padEnd(34)} ${'baseline'.padStart(11)} ${'náměstí'.padStart(11)}   ratio`);
line(`join all ${CLIENTS} (snapshot each)`, base.joinMs, app.joinMs);
line('state change → client, p50', base.fanout.p50, app.fanout.p50);
line('state change → client, p99', base.fanout.p99, app.fanout.p99);
line('state change → client, max', base.fanout.max, app.fanout.max);
console.log(`samples: baseline ${base.fanout.n}, náměstí ${app.fanout.n}`);
process.exit(0);
