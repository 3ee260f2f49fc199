// Voting in polls on one node, on the real PostgreSQL: each kind stored as acknowledged,
// changing one's answer where allowed, and every bad ballot refused with nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../src/protocol/errors.ts';
import type { BallotChoice, ModPollDto } from '../src/protocol/polls.ts';
import { liveSession, ok } from './support/participation.ts';
import { emitRaw, nextEvent } from './support/sockets.ts';
import { fails } from './support/moderation.ts';
import {
  castVote,
  startPollWorld,
  stopPollWorld,
  type PollTestWorld,
  control,
  draftOf,
  openPoll,
  pick,
  rated,
  said,
  saveDraft,
  storedBallotOf,
  storedBallots,
} from './support/polls.ts';

let world: PollTestWorld;

beforeAll(async () => {
  world = await startPollWorld();
});
afterAll(() => stopPollWorld(world));
const ids = (poll: ModPollDto) => poll.options.map((o) => o.id);

describe('a vote of each kind', () => {
  it('is acknowledged once stored, in the form the rules store it, and told to other tabs', async () => {
    const session = await liveSession(world.admin);
    const polls = {
      single: await openPoll(world.marta, draftOf.single(session.id)),
      multiple: await openPoll(world.marta, draftOf.multiple(session.id)),
      yesNo: await openPoll(world.marta, draftOf.yes_no(session.id)),
      rating: await openPoll(world.marta, draftOf.rating(session.id)),
      rating10: await openPoll(world.marta, draftOf.rating(session.id, { scale: '0-10' })),
      cloud: await openPoll(world.marta, draftOf.word_cloud(session.id)),
    };
    const [, s1] = ids(polls.single);
    const [m0, , m2] = ids(polls.multiple);
    const [, no] = ids(polls.yesNo);
    const cases: [ModPollDto, BallotChoice, Partial<Record<string, unknown>>][] = [
      [polls.single, pick(s1!), { optionIds: [s1], rating: null, words: [], wordKeys: [] }],
      // Stored in the poll's order, whatever order they were picked in.
      [polls.multiple, pick(m2!, m0!), { optionIds: [m0, m2] }],
      [polls.yesNo, pick(no!), { optionIds: [no] }],
      [polls.rating, rated(4), { optionIds: [], rating: 4 }],
      [polls.rating10, rated(0), { rating: 0 }],
      [
        polls.cloud,
        said('  Nové   hřiště ', 'park', 'Parku'),
        {
          optionIds: [],
          rating: null,
          words: ['Nové hřiště', 'park'],
          wordKeys: ['nov hrist', 'park'],
        },
      ],
    ];
    for (const [poll, choice, row] of cases) {
      const voter = await world.person(session.id);
      const otherTab = await voter.tab();
      const told = nextEvent(otherTab, 'poll:ballot', (b) => b.pollId === poll.id);
      const ballot = await ok(castVote(voter.socket, session.id, poll.id, choice));
      // The ack comes after the row is committed.
      const stored = await storedBallotOf(poll.id, voter.participantId);
      expect(stored, poll.kind).toHaveLength(1);
      expect(stored[0]).toMatchObject(row);
      expect(ballot).toMatchObject({
        pollId: poll.id,
        sessionId: session.id,
        optionIds: stored[0]!.optionIds,
        rating: stored[0]!.rating,
        words: stored[0]!.words,
      });
      expect(Date.parse(ballot.updatedAt)).not.toBeNaN();
      expect(await told).toEqual(ballot);
    }
  });

  it('lets staff vote too', async () => {
    const session = await liveSession(world.admin);
    const poll = await openPoll(world.marta, draftOf.yes_no(session.id));
    const ballot = await ok(
      castVote(world.marta(), session.id, poll.id, pick(poll.options[0]!.id)),
    );
    expect(ballot.optionIds).toEqual([poll.options[0]!.id]);
    expect(await storedBallots(poll.id)).toHaveLength(1);
  });
});

describe('voting again', () => {
  it('is refused as a conflict when the poll does not allow a change; the first answer stays', async () => {
    const session = await liveSession(world.admin);
    const poll = await openPoll(world.marta, draftOf.single(session.id));
    const [a, b] = ids(poll);
    const voter = await world.person(session.id);
    await ok(castVote(voter.socket, session.id, poll.id, pick(a!)));
    const before = await storedBallots(poll.id);
    const error = await fails(castVote(voter.socket, session.id, poll.id, pick(b!)), 'conflict');
    expect(error.message).toBe('Už jste hlasoval(a).');
    // Even the same answer again, and from another tab.
    const tab = await voter.tab();
    await fails(castVote(tab, session.id, poll.id, pick(a!)), 'conflict');
    expect(await storedBallots(poll.id)).toEqual(before);
  });

  it('replaces the answer when the poll allows it: still one row', async () => {
    const session = await liveSession(world.admin);
    const choice = await openPoll(world.marta, draftOf.multiple(session.id, { allowChange: true }));
    const cloud = await openPoll(
      world.marta,
      draftOf.word_cloud(session.id, { allowChange: true }),
    );
    const rating = await openPoll(world.marta, draftOf.rating(session.id, { allowChange: true }));
    const [a, b, c] = ids(choice);
    // Five votes a second per person: one person per poll.
    const voter = await world.person(session.id);
    const tab = await voter.tab();

    const first = await ok(castVote(voter.socket, session.id, choice.id, pick(a!, b!)));
    const told = nextEvent(
      tab,
      'poll:ballot',
      (x) => x.pollId === choice.id && x.optionIds.length === 1,
    );
    const second = await ok(castVote(voter.socket, session.id, choice.id, pick(c!)));
    expect(second.optionIds).toEqual([c]);
    expect(Date.parse(second.updatedAt)).toBeGreaterThanOrEqual(Date.parse(first.updatedAt));
    expect(await told).toEqual(second);
    expect(await storedBallots(choice.id)).toMatchObject([
      { participantId: voter.participantId, optionIds: [c] },
    ]);

    const writer = await world.person(session.id);
    await ok(castVote(writer.socket, session.id, cloud.id, said('Park', 'Lavičky')));
    await ok(castVote(await writer.tab(), session.id, cloud.id, said('Hřiště')));
    expect(await storedBallots(cloud.id)).toMatchObject([
      { words: ['Hřiště'], wordKeys: ['hrist'] },
    ]);

    const rater = await world.person(session.id);
    await ok(castVote(rater.socket, session.id, rating.id, rated(1)));
    await ok(castVote(await rater.tab(), session.id, rating.id, rated(5)));
    expect(await storedBallots(rating.id)).toMatchObject([
      { participantId: rater.participantId, rating: 5, optionIds: [] },
    ]);
  });
});

describe('bad ballots', () => {
  it('are refused with a typed error, and nothing is stored', async () => {
    const session = await liveSession(world.admin);
    const other = await liveSession(world.admin);
    const single = await openPoll(world.marta, draftOf.single(session.id));
    const multiple = await openPoll(world.marta, draftOf.multiple(session.id)); // at most 2
    const yesNo = await openPoll(world.marta, draftOf.yes_no(session.id));
    const rating = await openPoll(world.marta, draftOf.rating(session.id));
    const rating10 = await openPoll(world.marta, draftOf.rating(session.id, { scale: '0-10' }));
    const cloud = await openPoll(world.marta, draftOf.word_cloud(session.id));
    const draft = await saveDraft(world.marta(), draftOf.single(session.id));
    const foreign = await openPoll(world.marta, draftOf.single(other.id));
    const [s0, s1] = ids(single);
    const [m0, m1, m2] = ids(multiple);
    const [yes, no] = ids(yesNo);

    type Case = [string, string, unknown, ErrorCode, string?];
    const cases: Case[] = [
      ['unknown option', single.id, pick(crypto.randomUUID()), 'validation_failed', 'choice'],
      ['another poll’s option', single.id, pick(m0!), 'validation_failed', 'choice'],
      ['two options on single', single.id, pick(s0!, s1!), 'validation_failed', 'choice'],
      ['two options on yes/no', yesNo.id, pick(yes!, no!), 'validation_failed', 'choice'],
      ['more than maxChoices', multiple.id, pick(m0!, m1!, m2!), 'validation_failed', 'choice'],
      ['a repeated option', multiple.id, pick(m0!, m0!), 'validation_failed', 'choice'],
      ['a rating on a choice poll', single.id, rated(3), 'validation_failed', 'choice'],
      ['words on a rating poll', rating.id, said('pět'), 'validation_failed', 'choice'],
      ['options on a word cloud', cloud.id, pick(s0!), 'validation_failed', 'choice'],
      ['below the scale', rating.id, rated(0), 'validation_failed', 'choice'],
      ['above the scale', rating.id, rated(6), 'validation_failed', 'choice'],
      ['beyond any scale', rating10.id, rated(11), 'validation_failed', 'choice.value'],
      ['a fraction', rating10.id, rated(2.5), 'validation_failed', 'choice.value'],
      ['a word too long', cloud.id, said('x'.repeat(41)), 'validation_failed', 'choice.words.0'],
      ['four words', cloud.id, said('a', 'b', 'c', 'd'), 'validation_failed', 'choice.words'],
      ['no words', cloud.id, said(), 'validation_failed', 'choice.words'],
      ['words without letters', cloud.id, said('!!!', '…'), 'validation_failed', 'choice'],
      ['a blocked word', cloud.id, said('park', 'Kurva'), 'validation_failed', 'choice'],
      ['a blocked word inside', cloud.id, said('ty kokote'), 'validation_failed', 'choice'],
      ['an unknown choice type', single.id, { type: 'vote', optionIds: [s0] }, 'validation_failed'],
      ['a draft poll', draft.id, pick(ids(draft)[0]!), 'not_found'],
      ['another session’s poll', foreign.id, pick(ids(foreign)[0]!), 'not_found'],
      ['an unknown poll', crypto.randomUUID(), pick(s0!), 'not_found'],
    ];
    for (const [name, pollId, choice, code, detail] of cases) {
      // A citizen each: five votes a second per person would get in the way.
      const voter = await world.joined(session.id);
      const result = await emitRaw(voter, 'poll:vote', { sessionId: session.id, pollId, choice });
      expect(result.ok, `${name}: ${JSON.stringify(result)}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, `${name}: ${result.error.message}`).toBe(code);
      if (detail) expect(Object.keys(result.error.details ?? {}), name).toContain(detail);
    }
    for (const poll of [single, multiple, yesNo, rating, rating10, cloud, draft, foreign]) {
      expect(await storedBallots(poll.id), poll.kind).toEqual([]);
    }
    // The same polls take a good vote: the refusals were about the ballots.
    await ok(castVote(await world.joined(session.id), session.id, cloud.id, said('park')));
    expect(await storedBallots(cloud.id)).toHaveLength(1);
  });

  it('a closed poll refuses votes and says so', async () => {
    const session = await liveSession(world.admin);
    const poll = await openPoll(world.marta, draftOf.yes_no(session.id, { allowChange: true }));
    const early = await world.person(session.id);
    await ok(castVote(early.socket, session.id, poll.id, pick(poll.options[0]!.id)));
    await ok(control(world.marta(), session.id, poll.id, 'close'));
    const late = await world.joined(session.id);
    const error = await fails(
      castVote(late, session.id, poll.id, pick(poll.options[1]!.id)),
      'invalid_transition',
    );
    expect(error.message).toBe('Anketa je uzavřená, hlas nebyl uložen.');
    // A change of an earlier answer is refused as well.
    await fails(
      castVote(early.socket, session.id, poll.id, pick(poll.options[1]!.id)),
      'invalid_transition',
    );
    expect(await storedBallots(poll.id)).toMatchObject([{ optionIds: [poll.options[0]!.id] }]);
  });

  it('an ended session refuses votes', async () => {
    const session = await liveSession(world.admin);
    const poll = await openPoll(world.marta, draftOf.rating(session.id));
    const voter = await world.joined(session.id);
    const ended = await world.admin.post(`/api/sessions/${session.id}/lifecycle`, {
      action: 'end',
    });
    expect(ended.status).toBe(200);
    await fails(castVote(voter, session.id, poll.id, rated(3)), 'invalid_transition');
    expect(await storedBallots(poll.id)).toEqual([]);
  });

  it('a citizen banned in the session is refused, and may vote again once unbanned', async () => {
    const session = await liveSession(world.admin);
    const poll = await openPoll(world.marta, draftOf.single(session.id));
    const voter = await world.person(session.id);
    // A first write makes the participant known to moderators.
    await ok(voter.socket.emitWithAck('chat:send', { sessionId: session.id, text: 'Dobrý den' }));
    const ban = await ok(
      world.marta().emitWithAck('moderation:ban', {
        sessionId: session.id,
        participantId: voter.participantId,
        scope: 'session',
      }),
    );
    await fails(
      castVote(voter.socket, session.id, poll.id, pick(poll.options[0]!.id)),
      'forbidden',
    );
    expect(await storedBallots(poll.id)).toEqual([]);
    await ok(
      world.marta().emitWithAck('moderation:unban', { sessionId: session.id, banId: ban.id }),
    );
    await ok(castVote(voter.socket, session.id, poll.id, pick(poll.options[0]!.id)));
    expect(await storedBallots(poll.id)).toHaveLength(1);
  });
});
