// The vote storm, run the same way against the app and the bare baseline: launch, every
// client votes once (spread over the storm), wait for the tallies to converge, close; then
// the figures, and the invariants that must hold.
import type { Socket } from 'socket.io-client';
import type { Result } from '../src/protocol/errors.ts';
import type { PollDto, PollResultsDto } from '../src/protocol/polls.ts';
import { fanOut } from './harness.ts';
import {
  loopMeter,
  refusals,
  seededRandom,
  sleep,
  spreadSends,
  storedOnce,
  summarize,
} from './stats.ts';

/** How long clients may take to converge after the last vote's ack. */
const CONVERGE_DEADLINE_MS = 15_000;
/** The stored tally is read this long after the last ack (the app's settle re-read is 1.5 s). */
const LISTEN_AFTER_MS = 2_000;

export interface StormSettings {
  stormMs: number;
  seed: number;
  /** Votes whose "chart updated at every client" time is measured. */
  samples: number;
}

/** Voters and the count of each option, in the poll's order. */
export interface Tally {
  voters: number;
  counts: number[];
}

export const tallyOf = (results: PollResultsDto, optionIds: string[]): Tally => ({
  voters: results.voters,
  counts: optionIds.map((id) => results.tally.find((e) => e.key === id)?.count ?? NaN),
});
export const sameTally = (a?: Tally, b?: Tally) =>
  !!a && !!b && a.voters === b.voters && a.counts.every((c, i) => c === b.counts[i]);
export const showTally = (t?: Tally) =>
  t ? `${t.voters} voters = ${t.counts.join(' + ')}` : 'none';

/** What the run needs of either server. */
export interface PollServer {
  clients: Socket[];
  pollId: string;
  optionIds: string[];
  control(action: 'launch' | 'close'): Promise<unknown>;
  vote(socket: Socket, optionId: string): Promise<Result<{ optionIds: string[] }>>;
  /** The server's own read of the tally (app: a fresh moderator snapshot). */
  readTally(): Promise<Tally>;
}

/** One client's `poll:results` for the poll: arrival times, and the newest tally by `at`. */
interface Seen {
  events: { t: number; voters: number }[];
  newest?: { at: number; tally: Tally };
  /** When the newest tally last changed. */
  since: number;
}

interface Vote {
  pick: number;
  code: string;
  /** The refusal's message, for the report. */
  message?: string;
  sent: number;
  acked: number;
  /** Ok acks the bench had received when this one came, itself included. */
  rank: number;
  /** The ack's ballot holds exactly the option sent. */
  echoed: boolean;
}

function listen(server: PollServer) {
  const seen: Seen[] = server.clients.map(() => ({ events: [], since: 0 }));
  const offs = server.clients.map((socket, i) => {
    const listener = (payload: { results: PollResultsDto[] }) => {
      const results = payload.results.find((r) => r.pollId === server.pollId);
      if (!results) return;
      const state = seen[i]!;
      const t = performance.now();
      state.events.push({ t, voters: results.voters });
      const at = Date.parse(results.at);
      if (state.newest && at < state.newest.at) return; // clients keep the newest by `at`
      const tally = tallyOf(results, server.optionIds);
      if (!sameTally(tally, state.newest?.tally)) state.since = t;
      state.newest = { at, tally };
    };
    socket.on('poll:results', listener);
    return () => socket.off('poll:results', listener);
  });
  return { seen, stop: () => offs.forEach((off) => off()) };
}

/**
 * Latency of a vote to a chart: a results event carries only counts, not which ballots they
 * include, so "the tally includes vote v" is approximated as the first `poll:results` the client
 * receives after v's ack whose `voters` is at least v's rank (the ok acks received by then,
 * v's own included). Every acked vote is stored before its ack, so such a tally was read after
 * at least that many stores; measured from v's emit.
 */
const firstAt = (s: Seen, vote: Vote) =>
  s.events.find((e) => e.t > vote.acked && e.voters >= vote.rank)?.t;

async function storm(server: PollServer, seen: Seen[], settings: StormSettings) {
  const random = seededRandom(settings.seed);
  const picks = server.clients.map(() => Math.floor(random() * server.optionIds.length));
  const optionIdOf = (i: number) => server.optionIds[picks[i]!]!;
  let acks = 0;
  const ranks: number[] = [];
  const meter = loopMeter();
  const start = performance.now();
  const sent = await spreadSends(
    server.clients,
    settings.stormMs,
    (socket, i) => server.vote(socket, optionIdOf(i)),
    (outcome, i) => {
      if (outcome.code === 'ok') acks += 1;
      ranks[i] = acks;
    },
  );
  const votes = sent.map(({ data, ...outcome }, i): Vote => ({
    ...outcome,
    pick: picks[i]!,
    rank: ranks[i]!,
    echoed: data?.optionIds.length === 1 && data.optionIds[0] === optionIdOf(i),
  }));
  const loop = meter.stop();
  const ok = votes.filter((v) => v.code === 'ok');
  const lastAck = Math.max(start, ...ok.map((v) => v.acked));

  await sleep(Math.max(0, lastAck + LISTEN_AFTER_MS - performance.now()));
  const reference = await server.readTally();
  const deadline = lastAck + CONVERGE_DEADLINE_MS;
  const converged = () => seen.filter((s) => sameTally(s.newest?.tally, reference)).length;
  while (converged() < seen.length && performance.now() < deadline) await sleep(50);

  const own: number[] = [];
  let ownMissing = 0;
  votes.forEach((vote, i) => {
    if (vote.code !== 'ok') return;
    const t = firstAt(seen[i]!, vote);
    if (t === undefined) ownMissing += 1;
    else own.push(t - vote.sent);
  });
  const everywhere: number[] = [];
  let everywhereMissing = 0;
  const step = Math.max(1, Math.floor(ok.length / settings.samples));
  for (let j = 0; j < ok.length; j += step) {
    const vote = ok[j]!;
    const times = seen.map((s) => firstAt(s, vote));
    if (times.some((t) => t === undefined)) everywhereMissing += 1;
    else everywhere.push(Math.max(...(times as number[])) - vote.sent);
  }

  // Per client and second of the storm (first emit → last ack, at least --storm-ms): with
  // every client in the one room, that is the broadcasts sent per second to the room.
  const end = Math.max(lastAck, start + settings.stormMs);
  const buckets = Math.ceil((end - start) / 1000);
  let maxPerSecond = 0;
  let inWindow = 0;
  for (const s of seen) {
    const perSecond = new Array<number>(buckets).fill(0);
    for (const e of s.events) {
      if (e.t < start || e.t >= end) continue;
      perSecond[Math.floor((e.t - start) / 1000)]! += 1;
      inWindow += 1;
    }
    maxPerSecond = Math.max(maxPerSecond, ...perSecond);
  }

  const { failed, messages } = refusals(votes);
  const acked: Tally = {
    voters: ok.length,
    counts: server.optionIds.map((_, i) => ok.filter((v) => v.pick === i).length),
  };
  const finalConverged = converged();
  return {
    sent: votes.length,
    ok: ok.length,
    failed,
    /** The distinct messages of each refusal code. */
    messages,
    notEchoed: ok.filter((v) => !v.echoed).length,
    acked,
    reference,
    converged: finalConverged,
    /** A client whose newest tally differs, for the report. */
    straggler: seen.find((s) => !sameTally(s.newest?.tally, reference))?.newest?.tally,
    convergedAfterMs:
      finalConverged === seen.length ? Math.max(...seen.map((s) => s.since)) - lastAck : NaN,
    own: summarize(own),
    ownMissing,
    everywhere: summarize(everywhere),
    everywhereMissing,
    maxPerSecond,
    meanPerSecond: inWindow / seen.length / ((end - start) / 1000),
    broadcasts: summarize(seen.map((s) => s.events.length)),
    ackLatency: summarize(votes.map((v) => v.acked - v.sent)),
    ...loop,
  };
}

const isPoll = (pollId: string, status: PollDto['status']) => (payload: unknown) =>
  (payload as PollDto).id === pollId && (payload as PollDto).status === status;

/** Launch, storm, close: the same steps and figures for either server. */
export async function runPoll(server: PollServer, settings: StormSettings) {
  const errors: string[] = [];
  /** Time for every client to have the poll's `poll:changed` to `status` after `action`. */
  const announced = async (action: 'launch' | 'close', status: PollDto['status']) => {
    try {
      return await fanOut(
        server.clients,
        'poll:changed',
        () => server.control(action),
        isPoll(server.pollId, status),
      );
    } catch (err) {
      errors.push(`${action}: ${(err as Error).message}`);
      return [];
    }
  };
  const launch = await announced('launch', 'open');
  const listening = listen(server);
  const figures = await storm(server, listening.seen, settings);
  listening.stop();

  const finals: (Tally | undefined)[] = server.clients.map(() => undefined);
  const offs = server.clients.map((socket, i) => {
    const listener = (poll: PollDto) => {
      if (poll.id === server.pollId && poll.status === 'closed' && poll.results) {
        finals[i] = tallyOf(poll.results, server.optionIds);
      }
    };
    socket.on('poll:changed', listener);
    return () => socket.off('poll:changed', listener);
  });
  const close = await announced('close', 'closed');
  offs.forEach((off) => off());
  const closedEqual = finals.filter((t) => sameTally(t, figures.reference)).length;
  return { ...figures, launch: summarize(launch), close: summarize(close), closedEqual, errors };
}

export type Figures = Awaited<ReturnType<typeof runPoll>>;

/** The invariants; each broken one as a message. */
export function check(who: string, f: Figures, stored: Tally): string[] {
  const broken = f.errors.map((e) => `${who}: ${e}`);
  const fail = (message: string) => broken.push(message);
  const timedOut = f.failed.timeout ?? 0;
  // `unavailable` is the server shedding load: refused, said so, nothing stored (the stored
  // count below checks that); the page may retry. Reported, as bench:realtime does. Any other
  // refusal of a valid first vote from a person with their own address is wrong.
  const refused = Object.entries(f.failed).filter(([code]) => code !== 'unavailable');
  if (refused.length > 0)
    fail(`${who}: votes refused — ${refused.map((e) => e.join(' ')).join(', ')}`);
  if (f.notEchoed > 0) fail(`${who}: ${f.notEchoed} acks did not carry the option sent`);
  broken.push(...storedOnce(who, f.ok, timedOut, stored.voters));
  if (timedOut === 0 && !sameTally(stored, f.acked)) {
    fail(`${who}: stored ${showTally(stored)}, acked ${showTally(f.acked)}`);
  }
  if (!sameTally(stored, f.reference)) {
    fail(`${who}: the server reads ${showTally(f.reference)}, the rows say ${showTally(stored)}`);
  }
  if (f.converged !== f.sent) {
    fail(
      `${who}: only ${f.converged}/${f.sent} clients hold ${showTally(f.reference)} within ` +
        `${CONVERGE_DEADLINE_MS} ms of the last ack (one holds ${showTally(f.straggler)})`,
    );
  }
  if (f.ownMissing > 0) fail(`${who}: ${f.ownMissing} voters never saw a tally with their vote`);
  if (f.everywhereMissing > 0) {
    fail(`${who}: ${f.everywhereMissing} sampled votes never reached every client's chart`);
  }
  if (f.closedEqual !== f.sent) {
    fail(`${who}: ${f.closedEqual}/${f.sent} clients got the stored tally on close`);
  }
  return broken;
}
