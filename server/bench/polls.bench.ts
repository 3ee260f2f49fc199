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
import type { PollDto, PollResultsDto } from '../src/protocol/polls.ts';
import {
  connectCitizens,
  connectMany,
  consoleSocket,
  withLiveRoom,
  startBareRoom,
  unwrap,
  type AppSocket,
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
import {
  argNumber,
  argString,
  compare,
  compareConnected,
  compareEach,
  compareLoop,
  compareFailed,
  count,
  fail,
  profiled,
  runBench,
  tableHeader,
} from './stats.ts';

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
const ACK_TIMEOUT_MS = 60_000;
const OPTIONS = ['Park u nádraží', 'Nová knihovna', 'Cyklostezka k řece', 'Oprava náměstí'];

/** What the run is doing, for errors that arrive unasked. */
let phase = 'baseline';

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
  const server = await startBareRoom(
    (io, socket) => {
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
    },
    (io) => {
      if (!dirty) return;
      dirty = false;
      io.to('room').emit('poll:results', { sessionId: 'session', results: [results()] });
    },
  );
  try {
    const { clients, connected } = await connectCitizens(server.url, CLIENTS, CONNECT_BATCH, (s) =>
      s.emitWithAck('join', {}),
    );
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
    return { connected, figures, stored };
  } finally {
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

function namesti() {
  return withLiveRoom(
    { database: DATABASE, redis: REDIS || undefined },
    CLIENTS,
    CONNECT_BATCH,
    async (app, room) => {
      const { sessionId, clients, connected, moderator, sockets } = room;
      const poll = unwrap(
        await moderator.emitWithAck('poll:save', {
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
              const result = await moderator.emitWithAck('poll:control', {
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
              const fresh: AppSocket[] = [];
              try {
                const { snapshot } = await consoleSocket(app, sessionId, fresh);
                const read = snapshot.polls.find((p) => p.id === poll.id);
                if (!read) throw new Error('the poll is missing from a fresh moderation snapshot');
                return tallyOf(read.results, optionIds);
              } finally {
                fresh.forEach((s) => s.disconnect());
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
      return { connected, figures, stored, label: app.databaseLabel };
    },
  );
}

function report(
  base: Awaited<ReturnType<typeof baseline>>,
  app: Awaited<ReturnType<typeof namesti>>,
) {
  const b = base.figures;
  const a = app.figures;
  tableHeader(
    `Vote storm: ${CLIENTS} citizens (own addresses), one vote each over ${STORM_MS} ms, ` +
      `single choice × ${OPTIONS.length}; náměstí on ${app.label}`,
  );
  compareConnected(CLIENTS, CONNECT_BATCH, base.connected, app.connected);

  console.log('\n1. launch → poll:changed');
  compare(`all ${CLIENTS} received`, b.launch.max, a.launch.max);
  compare('per-client delivery, p50', b.launch.p50, a.launch.p50);

  console.log(`\n2. vote storm`);
  compare('votes sent', b.sent, a.sent, count);
  compare('acks ok', b.ok, a.ok, count);
  compareFailed(b.failed, a.failed);
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
  compareEach('vote → chart update at that client', ['p50', 'p99', 'max'], b.own, a.own);
  compareEach('vote → chart update at all clients', ['p50', 'p99'], b.everywhere, a.everywhere);
  console.log(
    `${''.padEnd(44)} (sampled votes: baseline ${b.everywhere.n}, náměstí ${a.everywhere.n})`,
  );
  compare('poll:results per client per second, max', b.maxPerSecond, a.maxPerSecond, count);
  compare('poll:results per client per second, mean', b.meanPerSecond, a.meanPerSecond, (n) =>
    n.toFixed(2),
  );
  compare('poll:results per client in all, p50', b.broadcasts.p50, a.broadcasts.p50, count);
  compareEach('vote ack latency', ['p50', 'p99', 'max'], b.ackLatency, a.ackLatency);
  compareLoop(b, a);

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

await runBench(async () => {
  console.log(`baseline: bare Socket.IO, in memory; ${CLIENTS} clients`);
  const base = await baseline();
  check('baseline', base.figures, base.stored).forEach(fail);
  phase = 'náměstí running';
  const app = await namesti();
  phase = 'reporting';
  check('náměstí', app.figures, app.stored).forEach(fail);
  report(base, app);
}, 'all invariants held: every vote stored once, every client holds the stored tally');
