// Polls across two server processes on one PostgreSQL and one Redis, as behind a load
// balancer: a poll launched on one node reaches the other, votes on both count once each,
// and every page on either node converges on the stored tally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.ts';
import { startTwoNodes, stopTwoNodes, through, type TwoNodes } from './support/two-nodes.ts';
import { joinSession, liveSession, ok } from './support/participation.ts';
import { nextEvent, type TestSocket } from './support/sockets.ts';
import { until } from './support/moderation.ts';
import {
  castVote,
  closeDb,
  control,
  counted,
  draftOf,
  pick,
  saveDraft,
  storedBallots,
  storedTally,
  watchResults,
} from './support/polls.ts';

let nodes: TwoNodes;
let modOnA: TestSocket;
let modOnB: TestSocket;

beforeAll(async () => {
  nodes = await startTwoNodes('Bára na dvou uzlech');
  modOnA = await nodes.staffOn(nodes.nodeA, nodes.moderator);
  modOnB = await nodes.staffOn(nodes.nodeB, nodes.moderator);
}, 60_000);

afterAll(async () => {
  await stopTwoNodes(nodes);
  await closeDb();
});

describe('polls on two nodes', () => {
  it('votes on both nodes converge everywhere on the distinct voters, as stored', async () => {
    const session = await liveSession(nodes.admin);
    for (const mod of [modOnA, modOnB]) {
      await ok(mod.emitWithAck('moderation:join', { sessionId: session.id }));
    }
    const readerOnA = await nodes.citizenOn(nodes.nodeA, session.id);
    const readerOnB = await nodes.citizenOn(nodes.nodeB, session.id);

    // Launched on B, announced on A.
    const draft = await saveDraft(modOnB, draftOf.single(session.id));
    const announced = nextEvent(readerOnA, 'poll:changed', (p) => p.id === draft.id);
    const poll = await ok(control(modOnB, session.id, draft.id, 'launch'));
    expect((await announced).status).toBe('open');

    const voters = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        nodes.citizenOn(i % 2 ? nodes.nodeB : nodes.nodeA, session.id),
      ),
    );
    // One person with a tab on each node: counted once.
    const browser = new TestClient(nodes.nodeA.url);
    await browser.get('/api/me');
    const tabOnA = await nodes.citizenOn(nodes.nodeA, session.id, browser.cookieHeader);
    const tabOnB = await nodes.citizenOn(
      nodes.nodeB,
      session.id,
      through(nodes.nodeB, browser).cookieHeader,
    );

    const watchers = [readerOnA, readerOnB, modOnA, modOnB, ...voters];
    const watches = watchers.map((s) => watchResults(s, poll.id));
    const results = await Promise.all(
      voters.map((s, i) => castVote(s, session.id, poll.id, pick(poll.options[i % 3]!.id))),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const twice = await Promise.all(
      [tabOnA, tabOnB].map((s) => castVote(s, session.id, poll.id, pick(poll.options[0]!.id))),
    );
    expect(twice.filter((r) => r.ok)).toHaveLength(1);
    for (const r of twice) if (!r.ok) expect(['conflict', 'rate_limited']).toContain(r.error.code);

    // Each node coalesces its own votes; the settling re-read makes the last word a fresh read.
    await until(() => {
      for (const w of watches) expect(w.latest?.voters).toBe(25);
    }, 12_000);
    expect(await storedBallots(poll.id)).toHaveLength(25);
    const stored = await storedTally(poll);
    for (const w of watches) expect(counted(w.latest)).toEqual(stored);

    // Closed on A: the final tally rides on poll:changed to pages on B.
    const closedOnB = nextEvent(readerOnB, 'poll:changed', (p) => p.status === 'closed');
    await ok(control(modOnA, session.id, poll.id, 'close'));
    expect(counted((await closedOnB).results)).toEqual(stored);
    const snapshot = await joinSession(readerOnB, session.id);
    expect(counted(snapshot.polls[0]?.results)).toEqual(stored);
  });
});
