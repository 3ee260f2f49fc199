// Poll results as they happen, on one node: coalesced broadcasts that converge on the stored
// tally, who sees them when, and the snapshots a joining or reconnecting page starts from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinSession, liveSession, ok, staffSocket } from './support/participation.ts';
import { nextEvent, type TestSocket } from './support/sockets.ts';
import { until } from './support/moderation.ts';
import {
  castVote,
  startPollWorld,
  stopPollWorld,
  type PollTestWorld,
  control,
  counted,
  draftOf,
  expectStoredTally,
  openPoll,
  pick,
  rated,
  said,
  saveDraft,
  storedTally,
  watchResults,
} from './support/polls.ts';

let world: PollTestWorld;

beforeAll(async () => {
  world = await startPollWorld();
});
afterAll(() => stopPollWorld(world));

/** A moderator's socket in the console room of the session. */
async function consoleOf(sessionId: string) {
  const socket = await staffSocket(world.app.url, world.moderator, world.sockets);
  await ok(socket.emitWithAck('moderation:join', { sessionId }));
  return socket;
}

/**
 * Waits until `watcher` has seen its own chat message: one node sends a socket's events in
 * order, so anything broadcast to it before has arrived by then.
 */
async function barrier(watcher: TestSocket, sessionId: string) {
  const text = `kontrola ${crypto.randomUUID().slice(0, 8)}`;
  const seen = nextEvent(watcher, 'chat:message', (m) => m.text === text);
  await ok(watcher.emitWithAck('chat:send', { sessionId, text }));
  await seen;
}

describe('live results', () => {
  it('reach a listener within a second or so of a vote, equal to the stored tally', async () => {
    const session = await liveSession(world.admin);
    const poll = await openPoll(world.marta, draftOf.rating(session.id));
    const listener = await world.joined(session.id);
    const voter = await world.joined(session.id);
    const arrived = nextEvent(
      listener,
      'poll:results',
      (e) => e.results.some((r) => r.pollId === poll.id && r.voters === 1),
      2_500,
    );
    await ok(castVote(voter, session.id, poll.id, rated(4)));
    const started = Date.now();
    const event = await arrived;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(event.sessionId).toBe(session.id);
    const results = event.results.find((r) => r.pollId === poll.id)!;
    expect(results.average).toBe(4);
    expect(results.tally.find((e) => e.key === '4')?.count).toBe(1);
    await expectStoredTally(poll, results);
  });

  it('are coalesced: 30 quick votes give a few broadcasts, the last equal to the stored tally', async () => {
    const session = await liveSession(world.admin);
    const poll = await openPoll(world.marta, draftOf.multiple(session.id, { maxChoices: null }));
    const listener = await world.joined(session.id);
    const desk = await consoleOf(session.id);
    const voters = await Promise.all(Array.from({ length: 30 }, () => world.joined(session.id)));
    const seen = watchResults(listener, poll.id);
    const seenByMod = watchResults(desk, poll.id);
    const [a, b, c, d] = poll.options.map((o) => o.id);
    const started = Date.now();
    const acks = await Promise.all(
      voters.map((s, i) =>
        castVote(s, session.id, poll.id, i % 3 === 0 ? pick(a!, b!, c!) : pick(i % 2 ? b! : d!)),
      ),
    );
    const burst = (Date.now() - started) / 1_000;
    expect(acks.filter((r) => !r.ok)).toEqual([]);
    await until(() => {
      expect(seen.latest?.voters).toBe(30);
      expect(seenByMod.latest?.voters).toBe(30);
    }, 8_000);
    // The settling re-read follows 1.5 s after the burst, with the same counts.
    const before = seen.events;
    await until(() => expect(seen.events).toBeGreaterThan(before), 6_000);
    // At most four a second while the burst lasts, plus the settling re-read.
    expect(seen.events).toBeLessThan(30);
    expect(seen.events).toBeLessThanOrEqual(Math.ceil(4 * (burst + 1)) + 2);
    const stored = await storedTally(poll);
    expect(counted(seen.latest)).toEqual(stored);
    expect(counted(seenByMod.latest)).toEqual(stored);
    // Picks add up to more than the voters: 10 people picked three.
    expect(stored!.tally.reduce((sum, e) => sum + e.count, 0)).toBe(50);
  });

  it('merge spellings of a word cloud, shown in the commonest spelling', async () => {
    const session = await liveSession(world.admin);
    const poll = await openPoll(world.marta, draftOf.word_cloud(session.id));
    const listener = await world.joined(session.id);
    const seen = watchResults(listener, poll.id);
    const answers = [
      said('Hřiště', 'park'),
      said('hřiště'),
      said('hriste', 'Parku'),
      said('HŘIŠTĚM', 'nové lavičky'),
      said('hřiště', 'nove lavicky'),
    ];
    for (const choice of answers) {
      await ok(castVote(await world.joined(session.id), session.id, poll.id, choice));
    }
    await until(() => expect(seen.latest?.voters).toBe(5), 8_000);
    expect(seen.latest!.tally).toEqual([
      { key: 'hrist', label: 'hřiště', count: 5 },
      { key: 'nov lavick', label: 'nove lavicky', count: 2 },
      { key: 'park', label: 'park', count: 2 },
    ]);
    await expectStoredTally(poll, seen.latest);
  });
});

describe('who sees results', () => {
  it('after_close: none while open, the final tally on close; hidden: never; staff: always', async () => {
    const session = await liveSession(world.admin);
    const desk = await consoleOf(session.id);
    const live = await openPoll(world.marta, draftOf.yes_no(session.id));
    const later = await openPoll(
      world.marta,
      draftOf.single(session.id, { resultsVisibility: 'after_close' }),
    );
    const hidden = await openPoll(
      world.marta,
      draftOf.rating(session.id, { resultsVisibility: 'hidden' }),
    );
    const citizen = await world.joined(session.id);
    const liveSeen = watchResults(citizen, live.id);
    const laterSeen = watchResults(citizen, later.id);
    const hiddenSeen = watchResults(citizen, hidden.id);
    const laterByMod = watchResults(desk, later.id);
    const hiddenByMod = watchResults(desk, hidden.id);
    for (let i = 0; i < 3; i++) {
      const voter = await world.joined(session.id);
      await ok(castVote(voter, session.id, live.id, pick(live.options[i]!.id)));
      await ok(castVote(voter, session.id, later.id, pick(later.options[0]!.id)));
      await ok(castVote(voter, session.id, hidden.id, rated(i + 2)));
    }
    await until(() => {
      expect(liveSeen.latest?.voters).toBe(3);
      expect(laterByMod.latest?.voters).toBe(3);
      expect(hiddenByMod.latest?.voters).toBe(3);
    }, 8_000);
    await barrier(citizen, session.id);
    expect([laterSeen.events, hiddenSeen.events]).toEqual([0, 0]);
    expect(JSON.stringify(liveSeen)).not.toContain(later.id);
    const snapshot = await joinSession(citizen, session.id);
    expect(snapshot.polls.map((p) => [p.id, p.results?.voters ?? null])).toEqual([
      [live.id, 3],
      [later.id, null],
      [hidden.id, null],
    ]);

    const laterClosed = nextEvent(citizen, 'poll:changed', (p) => p.id === later.id);
    const closed = await ok(control(world.marta(), session.id, later.id, 'close'));
    const final = (await laterClosed).results;
    expect(final).toMatchObject({ voters: 3 });
    expect(counted(final)).toEqual(counted(closed.results));
    await expectStoredTally(later, final);

    const hiddenClosed = nextEvent(citizen, 'poll:changed', (p) => p.id === hidden.id);
    const hiddenFinal = await ok(control(world.marta(), session.id, hidden.id, 'close'));
    expect((await hiddenClosed).results).toBeNull();
    expect(hiddenFinal.results).toMatchObject({ voters: 3, average: 3 });

    const after = await joinSession(citizen, session.id);
    expect(after.polls.map((p) => [p.id, p.status, p.results?.voters ?? null])).toEqual([
      [live.id, 'open', 3],
      [later.id, 'closed', 3],
      [hidden.id, 'closed', null],
    ]);
    const staffView = await ok(desk.emitWithAck('moderation:join', { sessionId: session.id }));
    expect(staffView.polls.map((p) => p.results.voters)).toEqual([3, 3, 3]);
    await expectStoredTally(hidden, staffView.polls[2]!.results);
  });
});

describe('snapshots', () => {
  it('carry launched polls (no drafts) and the joiner’s own ballots; a reconnect resyncs', async () => {
    const session = await liveSession(world.admin);
    const draft = await saveDraft(world.marta(), draftOf.multiple(session.id));
    const choice = await openPoll(world.marta, draftOf.single(session.id));
    const cloud = await openPoll(world.marta, draftOf.word_cloud(session.id));
    const voter = await world.person(session.id);
    const fresh = await voter.tab();
    expect((await joinSession(fresh, session.id)).me.ballots).toEqual([]);

    const mine = [
      await ok(castVote(voter.socket, session.id, choice.id, pick(choice.options[2]!.id))),
      await ok(castVote(voter.socket, session.id, cloud.id, said('Park', 'Lavičky'))),
    ];
    const other = await world.joined(session.id);
    await ok(castVote(other, session.id, choice.id, pick(choice.options[0]!.id)));

    // The page goes away; meanwhile a poll is launched and one closes.
    voter.socket.disconnect();
    fresh.disconnect();
    const later = await openPoll(world.marta, draftOf.yes_no(session.id));
    await ok(control(world.marta(), session.id, cloud.id, 'close'));
    const back = await voter.tab();
    const snapshot = await joinSession(back, session.id);
    expect(snapshot.polls.map((p) => [p.id, p.status])).toEqual([
      [choice.id, 'open'],
      [cloud.id, 'closed'],
      [later.id, 'open'],
    ]);
    expect(snapshot.polls.map((p) => p.id)).not.toContain(draft.id);
    expect(snapshot.me.ballots.sort((a, b) => a.pollId.localeCompare(b.pollId))).toEqual(
      mine.sort((a, b) => a.pollId.localeCompare(b.pollId)),
    );
    const current = snapshot.polls.find((p) => p.id === choice.id)!;
    expect(current.results?.voters).toBe(2);
    await expectStoredTally(choice, current.results);
    // Someone else's page has only its own ballots.
    expect((await joinSession(other, session.id)).me.ballots.map((b) => b.pollId)).toEqual([
      choice.id,
    ]);
  });
});
