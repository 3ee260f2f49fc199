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
import type { Socket } from 'socket.io-client';
import type { Result } from '../src/protocol/errors.ts';
import type { ServerToClientEvents } from '../src/protocol/events.ts';
import type { QuestionDto } from '../src/protocol/questions.ts';
import {
  citizenAddress,
  connectCitizens,
  connectMany,
  fanOut,
  withLiveRoom,
  startBareRoom,
  unwrap,
  type AppSocket,
} from './harness.ts';
import {
  argNumber,
  compare,
  compareConnected,
  compareEach,
  compareLoop,
  type LoopFigures,
  compareFailed,
  count,
  fail,
  loopMeter,
  profiled,
  refusals,
  runBench,
  sleep,
  spreadSends,
  storedOnce,
  summarize,
  tableHeader,
} from './stats.ts';

const CLIENTS = argNumber('clients', 2_000);
const ROUNDS = argNumber('rounds', 10);
const BURST_MS = argNumber('burst-ms', 2_000);
const CONNECT_BATCH = argNumber('batch', 50);
const ACK_TIMEOUT_MS = 60_000;
/** How long clients may take to converge after the last vote's ack. */
const CONVERGE_DEADLINE_MS = 15_000;
/** Keep listening at least this long after the last ack (the app's settle flush is 1.5 s). */
const LISTEN_AFTER_MS = 2_000;

type Summary = ReturnType<typeof summarize>;

interface ApproveFigures {
  /** Per round: until the last of the N clients had it. */
  allReceived: Summary;
  /** Per client and round. */
  perClient: Summary;
  /** The moderator's (or control client's) ack. */
  ack: Summary;
}

/** With the event loop (server and clients share it) from the first vote to the last ack. */
interface BurstFigures extends LoopFigures {
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

  const meter = loopMeter();
  const results = await spreadSends(clients, BURST_MS, (socket) => options.vote(socket));
  const loop = meter.stop();
  const okResults = results.filter((r) => r.code === 'ok');
  const { failed } = refusals(results);
  const lastAck = okResults.reduce((latest, r) => (r.acked > latest.acked ? r : latest), {
    acked: -Infinity,
  } as Pick<(typeof results)[number], 'acked' | 'data'>);
  if (lastAck.acked === -Infinity) lastAck.acked = performance.now();
  const finalCount = await options.finalCount();

  const deadline = lastAck.acked + CONVERGE_DEADLINE_MS;
  const allConverged = () => seen.every((s) => s.count === finalCount);
  while (performance.now() < deadline) {
    if (allConverged() && performance.now() >= lastAck.acked + LISTEN_AFTER_MS) break;
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
    lastAckCount: lastAck.data?.voteCount ?? 0,
    maxAckCount: Math.max(0, ...okResults.map((r) => r.data?.voteCount ?? 0)),
    converged,
    convergedAfterMs:
      converged === clients.length ? Math.max(...seen.map((s) => s.since)) - lastAck.acked : NaN,
    broadcasts: summarize(counts),
    ackLatency: summarize(results.map((r) => r.acked - r.sent)),
    ...loop,
  };
}

function checkBurst(who: string, burst: BurstFigures) {
  storedOnce(who, burst.ok, burst.failed.timeout ?? 0, burst.finalCount).forEach(fail);
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
  const server = await startBareRoom(
    (io, socket) => {
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
    },
    (io) => {
      if (!dirty) return;
      dirty = false;
      io.to('room').emit('votes', { counts: { q: votes } });
    },
  );
  try {
    const { clients, connected } = await connectCitizens(server.url, CLIENTS, CONNECT_BATCH, (s) =>
      s.emitWithAck('join', {}),
    );
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
    return { connected, approve, burst };
  } finally {
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
    topic: null,
    neighbourhood: null,
    answer: null,
    createdAt: now,
    approvedAt: now,
    version: 1,
  };
}

function namesti() {
  return withLiveRoom({}, CLIENTS, CONNECT_BATCH, async (app, room) => {
    const { sessionId, clients, connected, moderator } = room;
    const settings = unwrap(
      await moderator.emitWithAck('session:settings', { sessionId, preModeration: true }),
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
          await moderator.emitWithAck('question:moderate', {
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
    return { connected, approve, burst, database: app.database };
  });
}

function report(
  base: Awaited<ReturnType<typeof baseline>>,
  app: Awaited<ReturnType<typeof namesti>>,
) {
  tableHeader(
    `Participation: ${CLIENTS} citizens (own addresses), database ${app.database}, ` +
      `${ROUNDS} approve rounds, vote burst over ${BURST_MS} ms`,
  );
  compareConnected(CLIENTS, CONNECT_BATCH, base.connected, app.connected);

  console.log(`\n1. approve → question:changed at every client (${ROUNDS} rounds)`);
  const [from, to] = [base.approve, app.approve];
  compareEach(`all ${CLIENTS} received`, ['p50', 'p95', 'p99'], from.allReceived, to.allReceived);
  compareEach('per-client delivery', ['p50', 'p95', 'p99'], from.perClient, to.perClient);
  compare(`approve ack (moderator), p50`, base.approve.ack.p50, app.approve.ack.p50);
  console.log(`samples: baseline ${base.approve.perClient.n}, náměstí ${app.approve.perClient.n}`);

  const b = base.burst;
  const a = app.burst;
  console.log(`\n2. vote burst: every client upvotes one question within ${BURST_MS} ms`);
  compare('votes sent', b.sent, a.sent, count);
  compare('acks ok', b.ok, a.ok, count);
  compareFailed(b.failed, a.failed);
  compare('final count (server / fresh join snapshot)', b.finalCount, a.finalCount, count);
  compare("last ack's count", b.lastAckCount, a.lastAckCount, count);
  compare('highest count in an ack', b.maxAckCount, a.maxAckCount, count);
  compare('clients converged to the final count', b.converged, a.converged, count);
  compare('last client converged, after the last ack', b.convergedAfterMs, a.convergedAfterMs);
  compareEach(
    'count broadcasts per client',
    ['min', 'p50', 'max'],
    b.broadcasts,
    a.broadcasts,
    count,
  );
  compareEach('vote ack latency', ['min', 'p50', 'p99', 'max'], b.ackLatency, a.ackLatency);
  compareLoop(b, a);
}

await runBench(async () => {
  console.log(`baseline: bare Socket.IO, in memory; ${CLIENTS} clients`);
  const base = await baseline();
  checkBurst('baseline', base.burst);
  const app = await namesti();
  checkBurst('náměstí', app.burst);
  report(base, app);
}, 'all invariants held: no lost votes, every client converged');
