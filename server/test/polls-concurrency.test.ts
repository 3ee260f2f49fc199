// Races on the real PostgreSQL: votes racing the close of their poll, and one person voting
// from several tabs at the same instant. No vote may be lost or counted twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../src/protocol/errors.ts';
import type { BallotDto, ModPollDto } from '../src/protocol/polls.ts';
import { liveSession, ok, staffSocket } from './support/participation.ts';
import { namedStaff, until } from './support/moderation.ts';
import {
  castVote,
  startPollWorld,
  stopPollWorld,
  type PollTestWorld,
  control,
  counted,
  draftOf,
  openPoll,
  pick,
  rated,
  storedBallots,
  storedPoll,
  storedTally,
  removeDraft,
  saveDraft,
  saveRaw,
  watchResults,
  holdPollRow,
  lockWaiters,
} from './support/polls.ts';

let world: PollTestWorld;

beforeAll(async () => {
  world = await startPollWorld();
});
afterAll(() => stopPollWorld(world));

describe('votes racing the close', () => {
  it('each of 40 votes is either counted in the final tally or refused, never lost', async () => {
    const session = await liveSession(world.admin);
    let refused = 0;
    for (let round = 0; round < 3; round++) {
      const poll = await openPoll(world.marta, draftOf.single(session.id));
      const voters = await Promise.all(Array.from({ length: 40 }, () => world.joined(session.id)));
      const page = watchResults(voters[39]!, poll.id);
      let acked = 0;
      let closing: Promise<Result<ModPollDto>> | undefined;
      // The close goes out once a few votes are in (later each round), the rest race it.
      const closeAfter = 5 + round * 10;
      // Spread over ~0.4 s, so that some votes come before the close and some after it.
      const votes = voters.map(async (s, i) => {
        await new Promise((r) => setTimeout(r, i * 10));
        const r = await castVote(s, session.id, poll.id, pick(poll.options[i % 3]!.id));
        if (r.ok && ++acked === closeAfter) {
          closing = control(world.marta(), session.id, poll.id, 'close');
        }
        return r;
      });
      const results = await Promise.all(votes);
      // (TypeScript cannot see the assignment in the callback.)
      const close = closing as Promise<Result<ModPollDto>> | undefined;
      const closed = await (close ?? control(world.marta(), session.id, poll.id, 'close'));
      if (!closed.ok) throw new Error(`close failed: ${JSON.stringify(closed)}`);

      const won = results.filter((r): r is { ok: true; data: BallotDto } => r.ok);
      for (const r of results) {
        if (!r.ok) expect(r.error.code, r.error.message).toBe('invalid_transition');
      }
      expect(won.length).toBeGreaterThanOrEqual(closeAfter);
      refused += results.length - won.length;
      const stored = await storedBallots(poll.id);
      expect(stored).toHaveLength(won.length);
      // The frozen tally counts exactly the acknowledged votes, option by option.
      const expected = poll.options.map(
        (o) => won.filter((r) => r.data.optionIds[0] === o.id).length,
      );
      const final = (await storedPoll(poll.id))!;
      expect(final.status).toBe('closed');
      expect(final.final_results?.voters).toBe(won.length);
      expect(final.final_results?.tally.map((e) => e.count)).toEqual(expected);
      expect(counted(closed.data.results)).toEqual(await storedTally(poll));
      // A page keeping the newest results by `at` ends on the frozen tally, not a stale read.
      await until(() => expect(counted(page.latest)).toEqual(counted(final.final_results)), 6_000);
      const after = await castVote(voters[0]!, session.id, poll.id, pick(poll.options[0]!.id));
      expect(after).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    }
    // The race was real: some votes came too late.
    expect(refused).toBeGreaterThan(0);
  });
});

describe('two moderators at the same instant', () => {
  it('launch/launch, close/close, delete/launch and edit/launch: one wins, nothing half-done', async () => {
    const session = await liveSession(world.admin);
    // Fresh tabs of their own: one socket may send 30 events per 5 s.
    const [anna, bohdan] = await Promise.all([
      staffSocket(
        world.app.url,
        await namedStaff(world.admin, 'moderator', 'Anna Rychlá'),
        world.sockets,
      ),
      staffSocket(
        world.app.url,
        await namedStaff(world.admin, 'moderator', 'Bohdan Pomalý'),
        world.sockets,
      ),
    ]);
    for (let round = 0; round < 3; round++) {
      const poll = await saveDraft(anna, draftOf.single(session.id));
      const launches = await Promise.all(
        [anna, bohdan].map((m) => control(m, session.id, poll.id, 'launch')),
      );
      expect(
        launches.filter((r) => r.ok),
        JSON.stringify(launches),
      ).toHaveLength(1);
      const closes = await Promise.all(
        [anna, bohdan].map((m) => control(m, session.id, poll.id, 'close')),
      );
      expect(closes.filter((r) => r.ok)).toHaveLength(1);
      for (const r of [...launches, ...closes]) {
        if (!r.ok) expect(r.error.code).toBe('invalid_transition');
      }

      const doomed = await saveDraft(anna, draftOf.yes_no(session.id));
      const [removed, launched] = await Promise.all([
        removeDraft(anna, session.id, doomed.id),
        control(bohdan, session.id, doomed.id, 'launch'),
      ]);
      expect([removed.ok, launched.ok].filter(Boolean)).toHaveLength(1);
      if (!removed.ok) expect(removed.error.code).toBe('invalid_transition');
      if (!launched.ok) expect(launched.error.code).toBe('not_found');
      expect(await storedPoll(doomed.id)).toEqual(launched.ok ? expect.anything() : null);

      const draft = await saveDraft(anna, draftOf.single(session.id));
      const edit = draftOf.multiple(session.id, { pollId: draft.id, options: ['Jedna', 'Dvě'] });
      const [edited, opened] = await Promise.all([
        saveRaw(anna, edit),
        control(bohdan, session.id, draft.id, 'launch'),
      ]);
      expect(opened.ok, JSON.stringify(opened)).toBe(true);
      if (!edited.ok) expect(edited.error.code).toBe('invalid_transition');
      if (!opened.ok) continue;
      // The launched poll is wholly the old draft or wholly the edit, and takes votes as such.
      const labels = opened.data.options.map((o) => o.label);
      expect(labels).toEqual(
        edited.ok ? ['Jedna', 'Dvě'] : ['Do parku', 'Na náměstí', 'K Sokolovně'],
      );
      expect(opened.data.kind).toBe(edited.ok ? 'multiple' : 'single');
      const voter = await world.joined(session.id);
      const all = opened.data.options.map((o) => o.id);
      const vote = await castVote(voter, session.id, draft.id, pick(...all));
      expect(vote.ok).toBe(edited.ok); // two options: fine on multiple, refused on single
    }
  });
});

describe('a close that has to wait', () => {
  // A close waits for the votes in flight (their share locks on the poll). Pages keep the
  // newest results by `at`, so the frozen tally must not be dated before a read taken while
  // the close waited, or that older count stays on every page.
  it('ends every page on the frozen tally, not on a read taken while it waited', async () => {
    const session = await liveSession(world.admin);
    const poll = await openPoll(world.marta, draftOf.single(session.id));
    const [first, second, page] = await Promise.all([1, 2, 3].map(() => world.joined(session.id)));
    const seen = watchResults(page!, poll.id);
    const release = await holdPollRow(poll.id);
    let closing: Promise<Result<ModPollDto>> | undefined;
    let broadcasts = 0;
    try {
      closing = control(world.marta(), session.id, poll.id, 'close');
      await until(async () => expect(await lockWaiters()).toBeGreaterThan(0));
      // Votes share the lock, so they go through while the close waits.
      await ok(castVote(first!, session.id, poll.id, pick(poll.options[0]!.id)));
      await until(() => expect(seen.latest?.voters).toBe(1));
      await ok(castVote(second!, session.id, poll.id, pick(poll.options[1]!.id)));
      broadcasts = seen.events;
    } finally {
      await release();
    }
    const closed = await closing;
    if (!closed.ok) throw new Error(JSON.stringify(closed));
    expect(closed.data.results.voters).toBe(2);
    await until(() => expect(seen.changes.at(-1)?.status).toBe('closed'));
    // The second vote's broadcast and the settling re-read after it have both arrived.
    await until(() => expect(seen.events).toBeGreaterThanOrEqual(broadcasts + 2), 8_000);
    expect(counted(seen.latest)).toEqual(counted(closed.data.results));
  });
});

describe('one person in several tabs', () => {
  it('stores one ballot when all tabs vote at once (no change allowed)', async () => {
    const session = await liveSession(world.admin);
    const poll = await openPoll(world.marta, draftOf.yes_no(session.id));
    const voter = await world.person(session.id);
    const tabs = [voter.socket, ...(await Promise.all(Array.from({ length: 5 }, voter.tab)))];
    const results = await Promise.all(
      tabs.map((tab, i) => castVote(tab, session.id, poll.id, pick(poll.options[i % 3]!.id))),
    );
    const won = results.filter((r) => r.ok);
    expect(won, JSON.stringify(results)).toHaveLength(1);
    for (const r of results) {
      if (!r.ok) expect(['conflict', 'rate_limited']).toContain(r.error.code);
    }
    const stored = await storedBallots(poll.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.participantId).toBe(voter.participantId);
    expect(stored[0]!.optionIds).toEqual(won[0]!.ok ? won[0]!.data.optionIds : []);
    expect((await storedTally(poll))?.voters).toBe(1);
  });

  it('keeps one row, one acknowledged answer, when changes are allowed', async () => {
    const session = await liveSession(world.admin);
    const poll = await openPoll(
      world.marta,
      draftOf.rating(session.id, { scale: '0-10', allowChange: true }),
    );
    const voter = await world.person(session.id);
    const tabs = [voter.socket, ...(await Promise.all(Array.from({ length: 5 }, voter.tab)))];
    const results = await Promise.all(
      tabs.map((tab, i) => castVote(tab, session.id, poll.id, rated(i + 2))),
    );
    const won = results.flatMap((r) => (r.ok ? [r.data] : []));
    expect(won.length).toBeGreaterThanOrEqual(1);
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('rate_limited');
    const stored = await storedBallots(poll.id);
    expect(stored).toHaveLength(1);
    // The row holds one of the acknowledged answers.
    expect(won.map((b) => b.rating)).toContain(stored[0]!.rating);
    const tally = await storedTally(poll);
    expect(tally?.voters).toBe(1);
    expect(tally?.tally.reduce((sum, e) => sum + e.count, 0)).toBe(1);
  });
});
