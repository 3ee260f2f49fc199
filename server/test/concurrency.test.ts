// Races on the real PostgreSQL (PGlite runs one transaction at a time and would hide them):
// moderators acting on the same question at the same instant, vote storms, votes racing a merge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { AuditEntryDto } from '../src/protocol/dto.ts';
import type { Result } from '../src/protocol/errors.ts';
import { TestClient } from './support/http-client.ts';
import { loginAs, startTestApp } from './support/app.ts';
import { joinSession, liveSession, ok, staffSocket } from './support/participation.ts';
import { connectSocket, type TestSocket } from './support/sockets.ts';
import {
  approvedQuestion,
  ask,
  moderate,
  namedStaff,
  until,
  vote,
  voteTracker,
  inTurn,
  joinedCitizen,
} from './support/moderation.ts';

let app: RunningApp;
let admin: TestClient;
let anna: TestSocket;
let bohdan: TestSocket;
let emma: TestSocket; // reads English
const sockets: TestSocket[] = [];
const NAMES = new Map<TestSocket, string>();
/** Tabs of a fourth moderator for setup steps: one socket may send 30 events per 5 s. */
const helpers: TestSocket[] = [];
const helper = inTurn(helpers);

beforeAll(async () => {
  app = await startTestApp();
  admin = await loginAs(app.url);
  const [a, b, e] = await Promise.all([
    namedStaff(admin, 'moderator', 'Anna Rychlá'),
    namedStaff(admin, 'moderator', 'Bohdan Pomalý'),
    namedStaff(admin, 'host', 'Emma English'),
  ]);
  anna = await staffSocket(app.url, a, sockets);
  bohdan = await staffSocket(app.url, b, sockets);
  emma = await connectSocket(app.url, { cookie: `${e.cookieHeader}; PARAGLIDE_LOCALE=en` });
  sockets.push(emma);
  const cyril = await namedStaff(admin, 'moderator', 'Cyril Pomocník');
  for (let i = 0; i < 4; i++) helpers.push(await staffSocket(app.url, cyril, sockets));
  NAMES.set(anna, 'Anna Rychlá').set(bohdan, 'Bohdan Pomalý').set(emma, 'Emma English');
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app.close();
});

const joined = (sessionId: string, address?: string) =>
  joinedCitizen(app.url, sockets, sessionId, address);

async function modQuestions(sessionId: string) {
  const snapshot = await ok(helper().emitWithAck('moderation:join', { sessionId }));
  return new Map(snapshot.questions.map((q) => [q.id, q]));
}

/** Splits racing acks into the one that won and the ones that lost. */
function outcome<T>(results: Result<T>[]) {
  const won = results.flatMap((r, i) => (r.ok ? [i] : []));
  const lost = results.flatMap((r, i) => (r.ok ? [] : [{ i, error: r.error }]));
  return { won, lost };
}

/** Questions asked by as many citizens (five questions a minute per person), ready to race. */
async function questions(sessionId: string, count: number, approved = false) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const author = await joined(sessionId);
      return approved ? approvedQuestion(author, helper(), sessionId) : ask(author, sessionId);
    }),
  );
}

describe('two moderators at the same instant', () => {
  it('approve: exactly one wins; the other is told who was first', async () => {
    const session = await liveSession(admin);
    const pairs: [TestSocket, TestSocket][] = [
      [anna, bohdan],
      [bohdan, anna],
      [anna, emma],
      [emma, bohdan],
      [anna, bohdan],
      [bohdan, emma],
    ];
    const asked = await questions(session.id, pairs.length);
    const winners: string[] = [];
    for (const [round, [first, second]] of pairs.entries()) {
      const q = asked[round]!;
      const results = await Promise.all(
        [first, second].map((s) => moderate(s, session.id, q.id, { type: 'approve' })),
      );
      const { won, lost } = outcome(results);
      expect(won, JSON.stringify(results)).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = NAMES.get([first, second][won[0]!]!)!;
      const loser = [first, second][lost[0]!.i]!;
      expect(lost[0]!.error.code).toBe('invalid_transition');
      expect(lost[0]!.error.message).toBe(
        loser === emma ? `Already approved by ${winner}.` : `Otázku už schválil(a) ${winner}.`,
      );
      winners.push(winner);
    }
    const stored = await modQuestions(session.id);
    for (const [round, q] of asked.entries()) {
      expect(stored.get(q.id)).toMatchObject({
        status: 'approved',
        moderatedBy: { name: winners[round] },
        version: q.version + 1, // applied once, not twice
      });
    }
    // One audit entry per question, not two.
    const log = (await ok(helper().emitWithAck('moderation:join', { sessionId: session.id }))).log;
    expect(log.filter((e) => e.action === 'question.approve')).toHaveLength(pairs.length);
  });

  it('merge against approve: the question always ends merged, never half-applied', async () => {
    const session = await liveSession(admin);
    const voter = await joined(session.id);
    const targets = await questions(session.id, 4, true);
    const sources = await questions(session.id, 4);
    const approvals: boolean[] = [];
    for (const [round, target] of targets.entries()) {
      const source = sources[round]!;
      const [merge, approve] = await Promise.all([
        moderate(anna, session.id, source.id, { type: 'merge', targetId: target.id }),
        moderate(bohdan, session.id, source.id, { type: 'approve' }),
      ]);
      expect(merge.ok, JSON.stringify(merge)).toBe(true);
      if (!approve.ok) {
        expect(approve.error).toMatchObject({
          code: 'invalid_transition',
          message: 'Otázku už sloučil(a) Anna Rychlá s jinou.',
        });
      }
      approvals.push(approve.ok);
    }
    const stored = await modQuestions(session.id);
    const audit = (await admin.get<AuditEntryDto[]>('/api/admin/audit?limit=100')).body;
    for (const [round, target] of targets.entries()) {
      const source = sources[round]!;
      expect(stored.get(source.id)).toMatchObject({
        status: 'merged',
        mergedIntoId: target.id,
        moderatedBy: { name: 'Anna Rychlá' },
      });
      // The source's author now supports the target: one vote, however the race went.
      expect(stored.get(target.id)?.voteCount).toBe(1);
      const actions = audit.filter((e) => e.entityId === source.id).map((e) => e.action);
      expect(actions.reverse()).toEqual(
        approvals[round] ? ['question.approve', 'question.merge'] : ['question.merge'],
      );
      const refused = await vote(voter, session.id, source.id);
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    }
  });

  it('merge A→B against merge B→A: one applies, no deadlock leaks out', async () => {
    const session = await liveSession(admin);
    const fan = await joined(session.id);
    const left = await questions(session.id, 4, true);
    const right = await questions(session.id, 4, true);
    const kept: string[] = [];
    for (const [round, a] of left.entries()) {
      const b = right[round]!;
      await ok(vote(fan, session.id, a.id));
      const results = await Promise.all([
        moderate(anna, session.id, a.id, { type: 'merge', targetId: b.id }),
        moderate(bohdan, session.id, b.id, { type: 'merge', targetId: a.id }),
      ]);
      const { won, lost } = outcome(results);
      expect(won, JSON.stringify(results)).toHaveLength(1);
      expect(lost[0]!.error.code).toBe('invalid_transition');
      expect(lost[0]!.error.message).toMatch(/nelze sloučit|už sloučil/);
      kept.push(won[0] === 0 ? b.id : a.id);
    }
    const stored = await modQuestions(session.id);
    for (const [round, a] of left.entries()) {
      const b = right[round]!;
      const merged = kept[round] === a.id ? b.id : a.id;
      expect(stored.get(merged)).toMatchObject({ status: 'merged', mergedIntoId: kept[round] });
      expect(stored.get(kept[round]!)).toMatchObject({ status: 'approved', mergedIntoId: null });
      // Either way the kept one has two supporters: the fan (who voted for a) and the merged
      // question's author (its own author is not counted as a vote).
      expect(stored.get(kept[round]!)?.voteCount).toBe(2);
    }
  });
});

describe('vote storms', () => {
  it('counts 50 citizens voting at once exactly, and every page converges to 50', async () => {
    const session = await liveSession(admin);
    const author = await joined(session.id);
    const q = await approvedQuestion(author, helper(), session.id);
    const voters = await Promise.all(Array.from({ length: 50 }, () => joined(session.id)));
    const trackers = voters.map((s) => voteTracker(s, session.id));
    const authorSees = voteTracker(author, session.id);
    const results = await Promise.all(voters.map((s) => vote(s, session.id, q.id)));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const counts = results.map((r) => (r.ok ? r.data.voteCount : -1));
    // Each ack counts what had committed when it read: they overlapped, none saw more than 50.
    expect(Math.max(...counts)).toBeLessThanOrEqual(50);
    expect(new Set(counts).size).toBeGreaterThan(1);
    await until(() => {
      for (const t of [...trackers, authorSees]) expect(t.get(q.id)).toBe(50);
    }, 8_000);
    expect((await modQuestions(session.id)).get(q.id)?.voteCount).toBe(50);
  });

  it('counts one person once, however many tabs vote at the same time', async () => {
    const session = await liveSession(admin);
    const author = await joined(session.id);
    const q = await approvedQuestion(author, helper(), session.id);
    const browser = new TestClient(app.url);
    await browser.get('/api/me');
    const tabs = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const s = await connectSocket(app.url, { cookie: browser.cookieHeader });
        sockets.push(s);
        return s;
      }),
    );
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => vote(tabs[i % tabs.length]!, session.id, q.id)),
    );
    const accepted = results.filter((r) => r.ok);
    // Five votes a second per person: the rest are refused as too fast, never counted.
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    for (const r of results) {
      if (r.ok) expect(r.data).toMatchObject({ voted: true, voteCount: 1 });
      else expect(r.error.code).toBe('rate_limited');
    }
    expect((await modQuestions(session.id)).get(q.id)?.voteCount).toBe(1);
    const snapshot = await joinSession(tabs[0]!, session.id);
    expect(snapshot.me.votedIds).toEqual([q.id]);
  });

  it('votes racing a merge: the target ends with exactly the distinct supporters', async () => {
    const session = await liveSession(admin);
    const watcher = await joined(session.id);
    for (let round = 0; round < 3; round++) {
      // New people each round: five votes a second per person stays out of the way.
      const [targetAuthor, sourceAuthor, ...crowd] = await Promise.all(
        Array.from({ length: 22 }, () => joined(session.id)),
      );
      const target = await approvedQuestion(targetAuthor!, helper(), session.id);
      const source = await approvedQuestion(sourceAuthor!, helper(), session.id);
      const seen = voteTracker(watcher, session.id);
      // Each person votes for the target, the duplicate, or both, while the merge runs.
      const planned = crowd.flatMap((s, i) =>
        i % 3 === 0
          ? [[s, target.id]]
          : i % 3 === 1
            ? [[s, source.id]]
            : [
                [s, target.id],
                [s, source.id],
              ],
      ) as [TestSocket, string][];
      const votes = planned.map(([s, qid]) =>
        vote(s, session.id, qid).then((r) => ({ s, qid, r })),
      );
      const merge = moderate(anna, session.id, source.id, { type: 'merge', targetId: target.id });
      const [done, merged] = await Promise.all([Promise.all(votes), merge]);
      expect(merged.ok, JSON.stringify(merged)).toBe(true);
      const supporters = new Set<TestSocket | string>(['source-author']);
      for (const { s, qid, r } of done) {
        if (r.ok) supporters.add(s);
        // A vote for the duplicate after the merge is refused, not silently lost.
        else
          expect({ qid, code: r.error.code }).toEqual({
            qid: source.id,
            code: 'invalid_transition',
          });
      }
      const questions = await modQuestions(session.id);
      expect(questions.get(target.id)?.voteCount).toBe(supporters.size);
      await until(() => expect(seen.get(target.id)).toBe(supporters.size), 8_000);
    }
  });
});
