// `npm run bench:realtime [-- --clients N --rounds R --burst-ms MS]`: citizens' participation
// at town-meeting scale, against a bare Socket.IO server measured in the same run.
//  - approve: a citizen asks (pre-moderation on), the moderator approves; time from the
//    moderator's `question:moderate` until every client has `question:changed`
//    (baseline: one emit from a control client, broadcast to the room).
//  - vote burst: every client upvotes the same question, spread evenly over 2 s; acks, the
//    stored count, and whether every client's coalesced `question:votes` converged to it
//    (baseline: an in-memory counter, acked, broadcast coalesced every 250 ms).
// Every client is a distinct citizen behind a trusted proxy (its own X-Forwarded-For), so the
// per-address limits see 2,000 people, not one. Exits 1 when an invariant fails.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import type { Result } from '../src/protocol/errors.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/protocol/events.ts';
import type { QuestionDto } from '../src/protocol/questions.ts';
import {
  citizenAddress,
  compare,
  connectMany,
  fanOut,
  inBatches,
  profiled,
  startBareServer,
  startBenchApp,
  tableHeader,
} from './harness.ts';
import { argNumber, summarize } from './stats.ts';

const CLIENTS = argNumber('clients', 2_000);
const ROUNDS = argNumber('rounds', 10);
const BURST_MS = argNumber('burst-ms', 2_000);
const CONNECT_BATCH = argNumber('batch', 50);
const JOIN_BATCH = 100;
const ACK_TIMEOUT_MS = 60_000;
/** How long clients may take to converge after the last vote's ack. */
const CONVERGE_DEADLINE_MS = 15_000;
/** Keep listening at least this long after the last ack (the app's settle flush is 1.5 s). */
const LISTEN_AFTER_MS = 2_000;

type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Summary = ReturnType<typeof summarize>;

const failures: string[] = [];
const fail = (message: string) => {
  failures.push(message);
  console.error(`✗ ${message}`);
};
const sleep = (milliseconds: number) => new Promise((r) => setTimeout(r, milliseconds));

function unwrap<T>(result: Result<T>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code} ${result.error.message}`);
  return result.data;
}

interface ApproveFigures {
  /** Per round: until the last of the N clients had it. */
  allReceived: Summary;
  /** Per client and round. */
  perClient: Summary;
  /** The moderator's (or control client's) ack. */
  ack: Summary;
}

interface BurstFigures {
  sent: number;
  ok: number;
  failed: Record<string, number>;
  finalCount: number;
  lastAckCount: number;
  maxAckCount: number;
  converged: number;
  /** From the last ok ack until the last client held the final count (NaN: never). */
  convergedAfterMs: number;
  broadcasts: Summary;
  ackLatency: Summary;
  /** This process's event loop (server and clients share it) from the first vote to the last ack. */
  loopBusy: number;
  loopDelayP99: number;
}

/** Approve rounds: `approve(round)` makes one question public and returns its id. */
async function approveRounds(
  clients: Socket[],
  event: string,
  prepare: (round: number) => Promise<string>,
  approve: (id: string) => Promise<unknown>,
  idOf: (payload: unknown) => string,
): Promise<ApproveFigures> {
  const rounds: number[] = [];
  const perClient: number[] = [];
  const acks: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const id = await prepare(round);
    try {
      const samples = await fanOut(
        clients,
        event,
        async () => {
          const started = performance.now();
          await approve(id);
          acks.push(performance.now() - started);
        },
        (payload) => idOf(payload) === id,
      );
      rounds.push(Math.max(...samples));
      perClient.push(...samples);
    } catch (err) {
      fail(`approve round ${round + 1}: ${(err as Error).message}`);
    }
    await sleep(100);
  }
  return { allReceived: summarize(rounds), perClient: summarize(perClient), ack: summarize(acks) };
}

/**
 * Every client votes once, the emits spread evenly over BURST_MS; then waits until every
 * client's last broadcast count equals the final count.
 */
async function voteBurst(
  clients: Socket[],
  options: {
    vote(socket: Socket): Promise<Result<{ voteCount: number }>>;
    countsEvent: string;
    countOf(payload: unknown): number | undefined;
    finalCount(): Promise<number>;
  },
): Promise<BurstFigures> {
  const seen = clients.map(() => ({ count: undefined as number | undefined, since: 0, n: 0 }));
  const listeners = clients.map((socket, i) => {
    const listener = (payload: unknown) => {
      const count = options.countOf(payload);
      if (count === undefined) return;
      const state = seen[i]!;
      state.n += 1;
      if (state.count !== count) {
        state.count = count;
        state.since = performance.now();
      }
    };
    socket.on(options.countsEvent, listener);
    return () => socket.off(options.countsEvent, listener);
  });

  const loop = performance.eventLoopUtilization();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const spacing = BURST_MS / clients.length;
  const results = await Promise.all(
    clients.map(
      (socket, i) =>
        new Promise<{ code: string; latency: number; at: number; voteCount?: number }>(
          (resolve) => {
            setTimeout(() => {
              const sent = performance.now();
              const done = (code: string, voteCount?: number) => {
                const at = performance.now();
                resolve({ code, latency: at - sent, at, voteCount });
              };
              options.vote(socket).then(
                (result) =>
                  result.ok ? done('ok', result.data.voteCount) : done(result.error.code),
                (err: Error) => done(err.message.includes('timed out') ? 'timeout' : err.message),
              );
            }, i * spacing);
          },
        ),
    ),
  );

  const loopBusy = performance.eventLoopUtilization(loop).utilization;
  delay.disable();
  const okResults = results.filter((r) => r.code === 'ok');
  const failed: Record<string, number> = {};
  for (const r of results) if (r.code !== 'ok') failed[r.code] = (failed[r.code] ?? 0) + 1;
  const lastAck = okResults.reduce((latest, r) => (r.at > latest.at ? r : latest), {
    at: -Infinity,
    voteCount: 0,
  } as { at: number; voteCount?: number });
  if (lastAck.at === -Infinity) lastAck.at = performance.now();
  const finalCount = await options.finalCount();

  const deadline = lastAck.at + CONVERGE_DEADLINE_MS;
  const allConverged = () => seen.every((s) => s.count === finalCount);
  while (performance.now() < deadline) {
    if (allConverged() && performance.now() >= lastAck.at + LISTEN_AFTER_MS) break;
    await sleep(50);
  }
  listeners.forEach((off) => off());
  const converged = seen.filter((s) => s.count === finalCount).length;
  const counts = seen.map((s) => s.n);
  return {
    sent: results.length,
    ok: okResults.length,
    failed,
    finalCount,
    lastAckCount: lastAck.voteCount ?? 0,
    maxAckCount: Math.max(0, ...okResults.map((r) => r.voteCount ?? 0)),
    converged,
    convergedAfterMs:
      converged === clients.length ? Math.max(...seen.map((s) => s.since)) - lastAck.at : NaN,
    broadcasts: summarize(counts),
    ackLatency: summarize(results.map((r) => r.latency)),
    loopBusy,
    loopDelayP99: delay.percentile(99) / 1e6,
  };
}

function checkBurst(who: string, burst: BurstFigures) {
  const timedOut = burst.failed.timeout ?? 0;
  if (burst.finalCount < burst.ok) {
    fail(`${who}: lost votes — ${burst.ok} acked ok, ${burst.finalCount} stored`);
  }
  if (burst.finalCount > burst.ok + timedOut) {
    fail(
      `${who}: ${burst.finalCount} stored but only ${burst.ok} acked ok (+${timedOut} timeouts)`,
    );
  }
  if (burst.maxAckCount > burst.finalCount) {
    fail(`${who}: an ack said ${burst.maxAckCount}, the final count is ${burst.finalCount}`);
  }
  if (burst.converged !== burst.sent) {
    fail(
      `${who}: only ${burst.converged}/${burst.sent} clients converged to ${burst.finalCount} ` +
        `within ${CONVERGE_DEADLINE_MS} ms of the last vote`,
    );
  }
  for (const code of ['timeout', 'internal']) {
    if (burst.failed[code]) fail(`${who}: ${burst.failed[code]} votes answered ${code}`);
  }
}

async function baseline() {
  let votes = 0;
  let dirty = false;
  const server = await startBareServer((io) => {
    io.on('connection', (socket) => {
      socket.on('join', async (_payload: unknown, ack: (r: unknown) => void) => {
        await socket.join('room');
        ack({ ok: true, data: null });
      });
      socket.on('approve', (payload: unknown, ack: (r: unknown) => void) => {
        io.to('room').emit('changed', payload);
        ack({ ok: true, data: null });
      });
      socket.on('vote', (_payload: unknown, ack: (r: unknown) => void) => {
        votes += 1;
        dirty = true;
        ack({ ok: true, data: { voteCount: votes } });
      });
      socket.on('count', (_payload: unknown, ack: (r: unknown) => void) => ack(votes));
    });
  });
  const flush = setInterval(() => {
    if (!dirty) return;
    dirty = false;
    server.io.to('room').emit('votes', { counts: { q: votes } });
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

    const approve = await approveRounds(
      clients,
      'changed',
      async (round) => `q${round}`,
      (id) => control!.emitWithAck('approve', questionLike(id)),
      (payload) => (payload as { id: string }).id,
    );
    const burst = await voteBurst(clients, {
      vote: (socket) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('vote', { q: 'q' }),
      countsEvent: 'votes',
      countOf: (payload) => (payload as { counts: Record<string, number> }).counts.q,
      finalCount: () => control!.emitWithAck('count', {}),
    });
    [...clients, control!].forEach((s) => s.disconnect());
    return { connected: { connectMs, joinMs }, approve, burst };
  } finally {
    clearInterval(flush);
    await server.close();
  }
}

/** A payload the size and shape of a public question, for the baseline's broadcast. */
function questionLike(id: string): QuestionDto {
  const now = new Date().toISOString();
  return {
    id,
    sessionId: '00000000-0000-4000-8000-000000000000',
    text: 'Benchmark question: when will the park by the station open again?',
    authorName: 'Citizen',
    status: 'approved',
    voteCount: 0,
    agendaItemId: null,
    mergedIntoId: null,
    department: null,
    answer: null,
    createdAt: now,
    approvedAt: now,
    version: 1,
  };
}

async function namesti() {
  const app = await startBenchApp();
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
    const [moderator] = await connectMany<AppSocket>(app.url, 1, {
      cookie: app.admin.cookieHeader,
    });
    sockets.push(moderator!);
    unwrap(await moderator!.emitWithAck('moderation:join', { sessionId }), 'moderation:join');
    const settings = unwrap(
      await moderator!.emitWithAck('session:settings', { sessionId, preModeration: true }),
      'session:settings',
    );
    if (!settings.settings.preModeration) fail('pre-moderation did not turn on');

    const raw = clients as unknown as Socket[];
    let lastApproved = '';
    const approve = await approveRounds(
      raw,
      'question:changed',
      async (round) => {
        const asked = unwrap(
          await clients[round % clients.length]!.emitWithAck('question:ask', {
            sessionId,
            text: `Benchmark question ${round + 1}: when will the park by the station open again?`,
          }),
          'question:ask',
        );
        if (asked.status !== 'pending')
          fail(`question ${round + 1} was ${asked.status}, not pending`);
        return asked.id;
      },
      async (questionId) => {
        unwrap(
          await moderator!.emitWithAck('question:moderate', {
            sessionId,
            questionId,
            action: { type: 'approve' },
          }),
          'question:moderate',
        );
        lastApproved = questionId;
      },
      (payload) => (payload as QuestionDto).id,
    );

    const questionId = lastApproved;
    const burst = await profiled('the vote burst', () =>
      voteBurst(raw, {
        vote: (socket) =>
          (socket as unknown as AppSocket)
            .timeout(ACK_TIMEOUT_MS)
            .emitWithAck('question:vote', { sessionId, questionId, vote: true }),
        countsEvent: 'question:votes',
        countOf: (payload) =>
          (payload as Parameters<ServerToClientEvents['question:votes']>[0]).counts[questionId],
        // A fresh join reads the stored count.
        async finalCount() {
          const [fresh] = await connectMany<AppSocket>(app.url, 1, {
            address: () => citizenAddress(CLIENTS + 1),
          });
          const snapshot = unwrap(
            await fresh!.emitWithAck('session:join', { sessionId }),
            'session:join',
          );
          fresh!.disconnect();
          const question = snapshot.questions.find((q) => q.id === questionId);
          if (!question) throw new Error('the voted question is missing from a fresh snapshot');
          return question.voteCount;
        },
      }),
    );
    return { connected: { connectMs, joinMs }, approve, burst, database: app.database };
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
  tableHeader(
    `Participation: ${CLIENTS} citizens (own addresses), database ${app.database}, ` +
      `${ROUNDS} approve rounds, vote burst over ${BURST_MS} ms`,
  );
  compare(
    `connect ${CLIENTS} (batches of ${CONNECT_BATCH})`,
    base.connected.connectMs,
    app.connected.connectMs,
  );
  compare(
    `join the session room (app: snapshot each)`,
    base.connected.joinMs,
    app.connected.joinMs,
  );

  console.log(`\n1. approve → question:changed at every client (${ROUNDS} rounds)`);
  for (const p of ['p50', 'p95', 'p99'] as const) {
    compare(
      `all ${CLIENTS} received, ${p}`,
      base.approve.allReceived[p],
      app.approve.allReceived[p],
    );
  }
  for (const p of ['p50', 'p95', 'p99'] as const) {
    compare(`per-client delivery, ${p}`, base.approve.perClient[p], app.approve.perClient[p]);
  }
  compare(`approve ack (moderator), p50`, base.approve.ack.p50, app.approve.ack.p50);
  console.log(`samples: baseline ${base.approve.perClient.n}, náměstí ${app.approve.perClient.n}`);

  const b = base.burst;
  const a = app.burst;
  console.log(`\n2. vote burst: every client upvotes one question within ${BURST_MS} ms`);
  compare('votes sent', b.sent, a.sent, count);
  compare('acks ok', b.ok, a.ok, count);
  console.log(
    `${'acks failed, by code'.padEnd(44)} baseline: ${failedText(b.failed)}; náměstí: ${failedText(a.failed)}`,
  );
  compare('final count (server / fresh join snapshot)', b.finalCount, a.finalCount, count);
  compare("last ack's count", b.lastAckCount, a.lastAckCount, count);
  compare('highest count in an ack', b.maxAckCount, a.maxAckCount, count);
  compare('clients converged to the final count', b.converged, a.converged, count);
  compare('last client converged, after the last ack', b.convergedAfterMs, a.convergedAfterMs);
  compare('count broadcasts per client, min', b.broadcasts.min, a.broadcasts.min, count);
  compare('count broadcasts per client, p50', b.broadcasts.p50, a.broadcasts.p50, count);
  compare('count broadcasts per client, max', b.broadcasts.max, a.broadcasts.max, count);
  compare('vote ack latency, min', b.ackLatency.min, a.ackLatency.min);
  compare('vote ack latency, p50', b.ackLatency.p50, a.ackLatency.p50);
  compare('vote ack latency, p99', b.ackLatency.p99, a.ackLatency.p99);
  compare('vote ack latency, max', b.ackLatency.max, a.ackLatency.max);
  const percent = (x: number) => `${(x * 100).toFixed(0)} %`;
  compare('event loop busy, first vote → last ack', b.loopBusy, a.loopBusy, percent);
  compare('event loop delay p99, same window', b.loopDelayP99, a.loopDelayP99);
}

let exitCode = 0;
try {
  console.log(`baseline: bare Socket.IO, in memory; ${CLIENTS} clients`);
  const base = await baseline();
  checkBurst('baseline', base.burst);
  const app = await namesti();
  checkBurst('náměstí', app.burst);
  report(base, app);
  if (failures.length > 0) {
    console.error(`\nINVARIANTS FAILED (${failures.length}):`);
    failures.forEach((f) => console.error(`  ✗ ${f}`));
    exitCode = 1;
  } else {
    console.log('\nall invariants held: no lost votes, every client converged');
  }
} catch (err) {
  console.error('benchmark failed:', err);
  exitCode = 1;
}
process.exit(exitCode);
