// `npm run bench:polls [-- --clients N --storm-ms MS --database URL|embedded --redis URL]`:
// a vote storm on a live poll, against a bare Socket.IO server measured in the same run.
//  - launch: a moderator saves a single-choice poll with 4 options (results live) and launches
//    it; time until every citizen has `poll:changed`.
//  - storm: every citizen votes once for a random option (seeded, `--seed`), the emits spread
//    evenly over --storm-ms; acks by code; the rows stored in poll_votes, read past the app;
//    the tally each client holds from its newest `poll:results` (must equal the stored one);
//    vote → chart update latency; `poll:results` per client per second.
//  - close: the final tally on `poll:changed` at every client.
// Baseline: an in-memory counter, acked, results broadcast coalesced every 250 ms.
// Every client is a distinct citizen behind a trusted proxy (its own X-Forwarded-For), and
// votes once, validly: a refusal is a failure, except `unavailable` (the app shedding load,
// nothing stored), which is reported. Exits 1 when an invariant fails or the app throws.
import type { Socket } from 'socket.io-client';
import type { Result } from '../src/protocol/errors.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/protocol/events.ts';
import type { PollDto, PollResultsDto } from '../src/protocol/polls.ts';
import {
  citizenAddress,
  compare,
  connectMany,
  inBatches,
  profiled,
  startBareServer,
  startBenchApp,
  tableHeader,
  type BenchApp,
} from './harness.ts';
import {
  check,
  runPoll,
  showTally,
  tallyOf,
  type StormSettings,
  type Tally,
} from './poll-storm.ts';
import { argNumber, argString } from './stats.ts';

const CLIENTS = argNumber('clients', 2_000);
const STORM_MS = argNumber('storm-ms', 5_000);
const CONNECT_BATCH = argNumber('batch', 50);
const SETTINGS: StormSettings = {
  stormMs: STORM_MS,
  seed: argNumber('seed', 4),
  samples: argNumber('samples', 200),
};
const DATABASE = argString('database', process.env.DATABASE_URL || 'embedded');
const REDIS = argString('redis', process.env.REDIS_URL ?? '');
const JOIN_BATCH = 100;
const ACK_TIMEOUT_MS = 60_000;
const OPTIONS = ['Park u nádraží', 'Nová knihovna', 'Cyklostezka k řece', 'Oprava náměstí'];

type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const failures: string[] = [];
/** What the run is doing, for errors that arrive unasked. */
let phase = 'baseline';
const fail = (message: string) => {
  failures.push(message);
  console.error(`✗ ${message}`);
};

function unwrap<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

async function baseline() {
  const optionIds = OPTIONS.map((_, i) => `option-${i}`);
  const counts = optionIds.map(() => 0);
  let voters = 0;
  let dirty = false;
  const results = (): PollResultsDto => ({
    pollId: 'poll',
    voters,
    tally: optionIds.map((key, i) => ({ key, label: OPTIONS[i]!, count: counts[i]! })),
    average: null,
    at: new Date().toISOString(),
  });
  const pollLike = (status: PollDto['status']): PollDto => ({
    id: 'poll',
    sessionId: 'session',
    agendaItemId: null,
    kind: 'single',
    question: 'Co má město opravit jako první?',
    options: optionIds.map((id, i) => ({ id, label: OPTIONS[i]! })),
    maxChoices: null,
    scale: null,
    status,
    resultsVisibility: 'live',
    allowChange: false,
    openedAt: new Date().toISOString(),
    closedAt: status === 'closed' ? new Date().toISOString() : null,
    results: results(),
    version: 1,
  });
  const server = await startBareServer((io) => {
    io.on('connection', (socket) => {
      socket.on('join', async (_payload: unknown, ack: (r: unknown) => void) => {
        await socket.join('room');
        ack({ ok: true, data: null });
      });
      socket.on('control', (payload: { action: string }, ack: (r: unknown) => void) => {
        io.to('room').emit(
          'poll:changed',
          pollLike(payload.action === 'launch' ? 'open' : 'closed'),
        );
        ack({ ok: true, data: null });
      });
      socket.on('vote', (payload: { optionId: string }, ack: (r: unknown) => void) => {
        counts[optionIds.indexOf(payload.optionId)]! += 1;
        voters += 1;
        dirty = true;
        ack({ ok: true, data: { optionIds: [payload.optionId] } });
      });
      socket.on('tally', (_payload: unknown, ack: (r: unknown) => void) => ack(results()));
    });
  });
  const flush = setInterval(() => {
    if (!dirty) return;
    dirty = false;
    server.io.to('room').emit('poll:results', { sessionId: 'session', results: [results()] });
  }, 250);
  try {
    const connectStart = performance.now();
    const clients = await connectMany(server.url, CLIENTS, {
      address: citizenAddress,
      batch: CONNECT_BATCH,
    });
    const connectMs = performance.now() - connectStart;
    const joinStart = performance.now();
    await inBatches(clients, JOIN_BATCH, (s) => s.emitWithAck('join', {}));
    const joinMs = performance.now() - joinStart;
    const [control] = await connectMany(server.url, 1);
    const readTally = async () => tallyOf(await control!.emitWithAck('tally', {}), optionIds);
    const figures = await runPoll(
      {
        clients,
        pollId: 'poll',
        optionIds,
        control: (action) => control!.emitWithAck('control', { action }),
        vote: (socket, optionId) =>
          socket.timeout(ACK_TIMEOUT_MS).emitWithAck('vote', { optionId }),
        readTally,
      },
      SETTINGS,
    );
    const stored = await readTally();
    [...clients, control!].forEach((s) => s.disconnect());
    return { connected: { connectMs, joinMs }, figures, stored };
  } finally {
    clearInterval(flush);
    await server.close();
  }
}

/** The rows in poll_votes, counted past the app. */
async function storedTally(app: BenchApp, pollId: string, optionIds: string[]): Promise<Tally> {
  const [row] = await app.sql<{ voters: number }>(
    'SELECT count(*)::int AS voters FROM poll_votes WHERE poll_id = $1',
    [pollId],
  );
  const rows = await app.sql<{ option_id: string; n: number }>(
    `SELECT unnest(option_ids)::text AS option_id, count(*)::int AS n
       FROM poll_votes WHERE poll_id = $1 GROUP BY 1`,
    [pollId],
  );
  const unknown = rows.filter((r) => !optionIds.includes(r.option_id));
  if (unknown.length > 0)
    fail(`náměstí: stored votes for unknown options ${JSON.stringify(unknown)}`);
  return {
    voters: row?.voters ?? 0,
    counts: optionIds.map((id) => rows.find((r) => r.option_id === id)?.n ?? 0),
  };
}

async function namesti() {
  const app = await startBenchApp({ database: DATABASE, redis: REDIS || undefined });
  console.log(`náměstí runs on ${app.databaseLabel}`);
  const sockets: AppSocket[] = [];
  try {
    const sessionId = await app.createSession({ live: true });
    const connectStart = performance.now();
    const clients = await connectMany<AppSocket>(app.url, CLIENTS, {
      address: citizenAddress,
      batch: CONNECT_BATCH,
    });
    sockets.push(...clients);
    const connectMs = performance.now() - connectStart;
    const joinStart = performance.now();
    await inBatches(clients, JOIN_BATCH, async (s) =>
      unwrap(await s.emitWithAck('session:join', { sessionId }), 'session:join'),
    );
    const joinMs = performance.now() - joinStart;
    const staff = () => connectMany<AppSocket>(app.url, 1, { cookie: app.admin.cookieHeader });
    const [moderator] = await staff();
    sockets.push(moderator!);
    unwrap(await moderator!.emitWithAck('moderation:join', { sessionId }), 'moderation:join');
    const poll = unwrap(
      await moderator!.emitWithAck('poll:save', {
        sessionId,
        kind: 'single',
        question: 'Co má město opravit jako první?',
        options: OPTIONS,
        resultsVisibility: 'live',
      }),
      'poll:save',
    );
    if (poll.status !== 'draft') fail(`a saved poll is ${poll.status}, not draft`);
    const optionIds = poll.options.map((o) => o.id);
    const figures = await profiled('the vote storm', () =>
      runPoll(
        {
          clients: clients as unknown as Socket[],
          pollId: poll.id,
          optionIds,
          async control(action) {
            const result = await moderator!.emitWithAck('poll:control', {
              sessionId,
              pollId: poll.id,
              action,
            });
            return unwrap(result, `poll:control ${action}`);
          },
          vote: (socket, optionId) =>
            (socket as unknown as AppSocket).timeout(ACK_TIMEOUT_MS).emitWithAck('poll:vote', {
              sessionId,
              pollId: poll.id,
              choice: { type: 'options', optionIds: [optionId] },
            }),
          // A fresh moderator's snapshot: the app's own read, results always included.
          async readTally() {
            const [fresh] = await staff();
            try {
              const snapshot = unwrap(
                await fresh!.emitWithAck('moderation:join', { sessionId }),
                'moderation:join',
              );
              const read = snapshot.polls.find((p) => p.id === poll.id);
              if (!read) throw new Error('the poll is missing from a fresh moderation snapshot');
              return tallyOf(read.results, optionIds);
            } finally {
              fresh!.disconnect();
            }
          },
        },
        SETTINGS,
      ),
    );
    sockets.forEach((s) => s.disconnect());
    phase = 'náměstí shutting down (after the storm)';
    await app.stop(); // the embedded database can be read only once the app let go of it
    const stored = await storedTally(app, poll.id, optionIds);
    return { connected: { connectMs, joinMs }, figures, stored, label: app.databaseLabel };
  } finally {
    sockets.forEach((s) => s.disconnect());
    await app.close();
  }
}

function report(
  base: Awaited<ReturnType<typeof baseline>>,
  app: Awaited<ReturnType<typeof namesti>>,
) {
  const count = (n: number) => String(n);
  const failedText = (failed: Record<string, number>) =>
    Object.entries(failed)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ') || 'none';
  const b = base.figures;
  const a = app.figures;
  tableHeader(
    `Vote storm: ${CLIENTS} citizens (own addresses), one vote each over ${STORM_MS} ms, ` +
      `single choice × ${OPTIONS.length}; náměstí on ${app.label}`,
  );
  compare(
    `connect ${CLIENTS} (batches of ${CONNECT_BATCH})`,
    base.connected.connectMs,
    app.connected.connectMs,
  );
  compare(
    'join the session room (app: snapshot each)',
    base.connected.joinMs,
    app.connected.joinMs,
  );

  console.log('\n1. launch → poll:changed');
  compare(`all ${CLIENTS} received`, b.launch.max, a.launch.max);
  compare('per-client delivery, p50', b.launch.p50, a.launch.p50);

  console.log(`\n2. vote storm`);
  compare('votes sent', b.sent, a.sent, count);
  compare('acks ok', b.ok, a.ok, count);
  console.log(
    `${'acks failed, by code'.padEnd(44)} baseline: ${failedText(b.failed)}; náměstí: ${failedText(a.failed)}`,
  );
  for (const [code, texts] of Object.entries(a.messages)) {
    console.log(`${''.padEnd(44)} náměstí ${code}: ${texts.map((t) => `"${t}"`).join(', ')}`);
  }
  compare(
    'votes stored (in memory / poll_votes rows)',
    base.stored.voters,
    app.stored.voters,
    count,
  );
  console.log(`${'stored tally'.padEnd(44)} baseline: ${showTally(base.stored)}`);
  console.log(`${''.padEnd(44)} náměstí:  ${showTally(app.stored)}`);
  compare('clients whose final tally = stored', b.converged, a.converged, count);
  compare('last client converged, after the last ack', b.convergedAfterMs, a.convergedAfterMs);
  for (const p of ['p50', 'p99', 'max'] as const) {
    compare(`vote → chart update at that client, ${p}`, b.own[p], a.own[p]);
  }
  for (const p of ['p50', 'p99'] as const) {
    compare(`vote → chart update at all clients, ${p}`, b.everywhere[p], a.everywhere[p]);
  }
  console.log(
    `${''.padEnd(44)} (sampled votes: baseline ${b.everywhere.n}, náměstí ${a.everywhere.n})`,
  );
  compare('poll:results per client per second, max', b.maxPerSecond, a.maxPerSecond, count);
  compare('poll:results per client per second, mean', b.meanPerSecond, a.meanPerSecond, (n) =>
    n.toFixed(2),
  );
  compare('poll:results per client in all, p50', b.broadcasts.p50, a.broadcasts.p50, count);
  for (const p of ['p50', 'p99', 'max'] as const)
    compare(`vote ack latency, ${p}`, b.ackLatency[p], a.ackLatency[p]);
  const percent = (x: number) => `${(x * 100).toFixed(0)} %`;
  compare('event loop busy, first vote → last ack', b.loopBusy, a.loopBusy, percent);
  compare('event loop delay p99, same window', b.loopDelayP99, a.loopDelayP99);

  console.log('\n3. close → final tally on poll:changed');
  compare(`all ${CLIENTS} received`, b.close.max, a.close.max);
  compare('clients with the stored final tally', b.closedEqual, a.closedEqual, count);
}

// An unhandled rejection would end the run before the report: record it as a failure instead
// (the app runs in this process, so these are the app's).
process.on('unhandledRejection', (err) => {
  const frames = ((err as Error)?.stack ?? '').split('\n').map((line) => line.trim());
  const ours = frames.find((line) => line.includes('/server/src/')) ?? frames[1] ?? '';
  fail(`unhandled rejection while ${phase}: ${String(err)} ${ours}`);
});

let exitCode = 0;
try {
  console.log(`baseline: bare Socket.IO, in memory; ${CLIENTS} clients`);
  const base = await baseline();
  check('baseline', base.figures, base.stored).forEach(fail);
  phase = 'náměstí running';
  const app = await namesti();
  phase = 'reporting';
  check('náměstí', app.figures, app.stored).forEach(fail);
  report(base, app);
  if (failures.length > 0) {
    console.error(`\nINVARIANTS FAILED (${failures.length}):`);
    failures.forEach((f) => console.error(`  ✗ ${f}`));
    exitCode = 1;
  } else {
    console.log(
      '\nall invariants held: every vote stored once, every client holds the stored tally',
    );
  }
} catch (err) {
  console.error('benchmark failed:', err);
  exitCode = 1;
}
process.exit(exitCode);
