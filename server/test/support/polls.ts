// Helpers for the poll tests: drafts of every kind, launching and voting, a results watcher
// that keeps the newest tally, and the stored ballots read straight from PostgreSQL.
import fc from 'fast-check';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { tallyBallots, type PollDefinition } from '../../src/domain/polls.ts';
import type {
  BallotChoice,
  ModPollDto,
  PollControlAction,
  PollDto,
  PollResultsDto,
} from '../../src/protocol/polls.ts';
import type { pollDraftSchema } from '../../src/protocol/polls.ts';
import type { z } from 'zod';
import type { RunningApp } from '../../src/app.ts';
import { loginAs, startTestApp } from './app.ts';
import { TestClient } from './http-client.ts';
import { joinSession, ok, staffSocket } from './participation.ts';
import { connectSocket, type TestSocket } from './sockets.ts';
import { inTurn, joinedCitizen, namedStaff, nextAddress } from './moderation.ts';

export type DraftInput = z.input<typeof pollDraftSchema>;

/** A draft of each kind for `sessionId`, overridable. */
export const draftOf = {
  single: (sessionId: string, extra: Partial<DraftInput> = {}): DraftInput => ({
    sessionId,
    kind: 'single',
    question: 'Kam s novým hřištěm?',
    options: ['Do parku', 'Na náměstí', 'K Sokolovně'],
    ...extra,
  }),
  multiple: (sessionId: string, extra: Partial<DraftInput> = {}): DraftInput => ({
    sessionId,
    kind: 'multiple',
    question: 'Co v parku chybí?',
    options: ['Lavičky', 'Stromy', 'Osvětlení', 'Koše'],
    maxChoices: 2,
    ...extra,
  }),
  yes_no: (sessionId: string, extra: Partial<DraftInput> = {}): DraftInput => ({
    sessionId,
    kind: 'yes_no',
    question: 'Souhlasíte s rekonstrukcí náměstí?',
    ...extra,
  }),
  rating: (sessionId: string, extra: Partial<DraftInput> = {}): DraftInput => ({
    sessionId,
    kind: 'rating',
    question: 'Jak hodnotíte úklid ulic?',
    scale: '1-5',
    ...extra,
  }),
  word_cloud: (sessionId: string, extra: Partial<DraftInput> = {}): DraftInput => ({
    sessionId,
    kind: 'word_cloud',
    question: 'Co vás napadne, když se řekne Výsluní?',
    ...extra,
  }),
};

export const saveRaw = (mod: TestSocket, draft: DraftInput) => mod.emitWithAck('poll:save', draft);
export const saveDraft = (mod: TestSocket, draft: DraftInput) => ok(saveRaw(mod, draft));

export const control = (
  mod: TestSocket,
  sessionId: string,
  pollId: string,
  action: PollControlAction,
) => mod.emitWithAck('poll:control', { sessionId, pollId, action });

export const removeDraft = (mod: TestSocket, sessionId: string, pollId: string) =>
  mod.emitWithAck('poll:delete', { sessionId, pollId });

/** Saves a draft and launches it; `mod` may be a function handing out tabs in turn. */
export async function openPoll(mod: TestSocket | (() => TestSocket), draft: DraftInput) {
  const tab = typeof mod === 'function' ? mod : () => mod;
  const saved = await saveDraft(tab(), draft);
  return ok(control(tab(), draft.sessionId, saved.id, 'launch'));
}

export const castVote = (
  socket: TestSocket,
  sessionId: string,
  pollId: string,
  choice: BallotChoice,
) => socket.emitWithAck('poll:vote', { sessionId, pollId, choice });

export const pick = (...optionIds: string[]): BallotChoice => ({ type: 'options', optionIds });
export const rated = (value: number): BallotChoice => ({ type: 'rating', value });
export const said = (...words: string[]): BallotChoice => ({ type: 'words', words });

/** A browser with its own citizen cookie (participant id known), on its own address. */
export async function person(baseUrl: string, sockets: TestSocket[], sessionId: string) {
  const client = new TestClient(baseUrl);
  const me = await client.get<{ participant: { id: string } }>('/api/me');
  const address = nextAddress();
  const tab = async () => {
    const socket = await connectSocket(baseUrl, {
      cookie: client.cookieHeader,
      forwardedFor: address,
    });
    sockets.push(socket);
    await joinSession(socket, sessionId);
    return socket;
  };
  return { client, participantId: me.body.participant.id, socket: await tab(), tab };
}

/** What the poll tests on one node start from (`startPollWorld` in beforeAll). */
export interface PollTestWorld {
  app: RunningApp;
  admin: TestClient;
  /** Marta Moderátorová's login (role 'moderator'). */
  moderator: TestClient;
  /** Marta's four tabs, in turn: one socket may send 30 events per 5 s. */
  marta: () => TestSocket;
  /** Every socket the file opens; `stopPollWorld` disconnects them. */
  sockets: TestSocket[];
  /** A citizen on their own address, already in the session's room. */
  joined(sessionId: string): Promise<TestSocket>;
  /** A browser with its own citizen cookie, in the session's room (see `person`). */
  person(sessionId: string): ReturnType<typeof person>;
}

/** The app in this process, a logged-in admin, and Marta in four tabs. */
export async function startPollWorld(): Promise<PollTestWorld> {
  const app = await startTestApp();
  const sockets: TestSocket[] = [];
  try {
    const admin = await loginAs(app.url);
    const moderator = await namedStaff(admin, 'moderator', 'Marta Moderátorová');
    const tabs: TestSocket[] = [];
    for (let i = 0; i < 4; i++) tabs.push(await staffSocket(app.url, moderator, sockets));
    return {
      app,
      admin,
      moderator,
      marta: inTurn(tabs),
      sockets,
      joined: (sessionId) => joinedCitizen(app.url, sockets, sessionId),
      person: (sessionId) => person(app.url, sockets, sessionId),
    };
  } catch (err) {
    await stopPollWorld({ app, sockets });
    throw err;
  }
}

/** Disconnects the world's sockets, closes the app and the pool of the database helpers. */
export async function stopPollWorld(world?: Pick<PollTestWorld, 'app' | 'sockets'>) {
  for (const s of world?.sockets ?? []) s.disconnect();
  await world?.app.close();
  await closeDb();
}

/** The newest results of one poll a socket has seen (poll:results and poll:changed). */
export interface ResultsWatch {
  latest: PollResultsDto | null;
  /** poll:results events that carried this poll. */
  events: number;
  /** poll:changed events for this poll. */
  changes: PollDto[];
}

export function watchResults(socket: TestSocket, pollId: string): ResultsWatch {
  const watch: ResultsWatch = { latest: null, events: 0, changes: [] };
  const keep = (results: PollResultsDto) => {
    if (!watch.latest || results.at >= watch.latest.at) watch.latest = results;
  };
  socket.on('poll:results', ({ results }) => {
    for (const r of results) {
      if (r.pollId !== pollId) continue;
      watch.events += 1;
      keep(r);
    }
  });
  socket.on('poll:changed', (poll) => {
    if (poll.id !== pollId) return;
    watch.changes.push(poll);
    if (poll.results) keep(poll.results);
  });
  socket.on('moderation:poll', (poll) => {
    if (poll.id === pollId) keep(poll.results);
  });
  return watch;
}

/** The parts of results that do not depend on when they were read. */
export const counted = (results: PollResultsDto | null | undefined) =>
  results && {
    pollId: results.pollId,
    voters: results.voters,
    tally: results.tally,
    average: results.average,
  };

// ---- the database ------------------------------------------------------------------------

let pool: pg.Pool | null = null;
const db = () => (pool ??= new pg.Pool({ connectionString: inject('databaseUrl'), max: 3 }));
export async function closeDb() {
  await pool?.end();
  pool = null;
}

export interface StoredBallot {
  participantId: string;
  optionIds: string[];
  rating: number | null;
  words: string[];
  wordKeys: string[];
  updatedAt: Date;
}

/** Every stored answer to a poll, straight from poll_votes. */
export async function storedBallots(pollId: string): Promise<StoredBallot[]> {
  const { rows } = await db().query<StoredBallot>(
    `SELECT participant_id AS "participantId", option_ids::text[] AS "optionIds", rating,
            words, word_keys AS "wordKeys", updated_at AS "updatedAt"
       FROM poll_votes WHERE poll_id = $1 ORDER BY participant_id`,
    [pollId],
  );
  return rows;
}

export async function storedBallotOf(pollId: string, participantId: string) {
  return (await storedBallots(pollId)).filter((b) => b.participantId === participantId);
}

export async function storedPoll(pollId: string) {
  const { rows } = await db().query<{ status: string; final_results: PollResultsDto | null }>(
    'SELECT status, final_results FROM polls WHERE id = $1',
    [pollId],
  );
  return rows[0] ?? null;
}

/**
 * Holds a share lock on the poll's row in an open transaction, as a vote in flight does:
 * closing the poll waits until `release`.
 */
export async function holdPollRow(pollId: string) {
  const client = await db().connect();
  await client.query('BEGIN');
  await client.query('SELECT id FROM polls WHERE id = $1 FOR SHARE', [pollId]);
  return async () => {
    await client.query('COMMIT');
    client.release();
  };
}

/** Statements of this database waiting for a lock. */
export async function lockWaiters(): Promise<number> {
  const { rows } = await db().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return rows[0]!.n;
}

const definitionOf = (poll: PollDto): PollDefinition => ({
  id: poll.id,
  kind: poll.kind,
  options: poll.options,
  maxChoices: poll.maxChoices,
  scale: poll.scale,
  allowChange: poll.allowChange,
});

/** The reference tally of what is stored, by the pure rules. */
export async function storedTally(poll: PollDto) {
  const ballots = await storedBallots(poll.id);
  return counted(tallyBallots(definitionOf(poll), ballots, new Date()));
}

/** Asserts `results` count exactly what the database holds for the poll. */
export async function expectStoredTally(poll: PollDto, results: PollResultsDto | null | undefined) {
  expect(counted(results)).toEqual(await storedTally(poll));
}

export type { ModPollDto };

// ---- the fuzz ------------------------------------------------------------------------------

/** The polls the fuzz aims at: open, draft, and open in another session. */
export interface PollWorld {
  poll: string;
  pollOption: string;
  draftPoll: string;
  foreignPoll: string;
}

export async function pollWorld(
  mod: TestSocket,
  sessionId: string,
  otherSessionId: string,
): Promise<PollWorld> {
  const poll = await openPoll(mod, draftOf.single(sessionId));
  const draftPoll = await saveDraft(mod, draftOf.word_cloud(sessionId));
  const foreignPoll = await openPoll(mod, draftOf.yes_no(otherSessionId));
  return {
    poll: poll.id,
    pollOption: poll.options[0]!.id,
    draftPoll: draftPoll.id,
    foreignPoll: foreignPoll.id,
  };
}

/**
 * Payload fields of the poll events for participation-fuzz.test.ts: plausible values drawn
 * from the world's polls (open, draft, another session's, made up), wrapped by `field`.
 */
export function pollShapes(
  w: PollWorld,
  sessions: fc.Arbitrary<unknown>,
  text: fc.Arbitrary<string>,
  field: (arb: fc.Arbitrary<unknown>) => fc.Arbitrary<unknown>,
) {
  const polls = fc.constantFrom(w.poll, w.draftPoll, w.foreignPoll, crypto.randomUUID());
  const optionIds = fc.oneof(
    fc.constant([w.pollOption]),
    fc.array(fc.constantFrom(w.pollOption, crypto.randomUUID()), { maxLength: 14 }),
  );
  const choice = fc.record(
    {
      type: field(fc.constantFrom('options', 'rating', 'words', 'vote')),
      optionIds: field(optionIds),
      value: field(fc.integer({ min: -2, max: 12 })),
      words: field(fc.array(fc.oneof(text, fc.constantFrom('park', 'Kurva')), { maxLength: 5 })),
    },
    { requiredKeys: ['type'] },
  );
  return {
    'poll:vote': { sessionId: sessions, pollId: polls, choice },
    'poll:save': {
      sessionId: sessions,
      pollId: fc.constantFrom(undefined, w.draftPoll, w.poll, crypto.randomUUID()),
      kind: fc.constantFrom('single', 'multiple', 'rating', 'word_cloud', 'yes_no', 'poll'),
      question: text,
      options: fc.array(fc.oneof(fc.constantFrom('Ano', 'Ne', 'Park', ''), text), {
        maxLength: 13,
      }),
      maxChoices: fc.oneof(fc.constant(null), fc.integer({ min: -1, max: 14 })),
      scale: fc.constantFrom(null, '1-5', '0-10', '1-100'),
      resultsVisibility: fc.constantFrom('live', 'after_close', 'hidden', 'never'),
      allowChange: fc.boolean(),
      agendaItemId: fc.constantFrom(null, crypto.randomUUID()),
    },
    'poll:delete': { sessionId: sessions, pollId: polls },
    'poll:control': {
      sessionId: sessions,
      pollId: polls,
      action: fc.constantFrom('launch', 'close', 'explode'),
    },
  } satisfies Record<string, Record<string, fc.Arbitrary<unknown>>>;
}
