// Participation across two server processes on one PostgreSQL and one Redis, as behind a
// load balancer: questions, votes, chat, hiding and bans made on one node reach the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.ts';
import { startTwoNodes, stopTwoNodes, through, type TwoNodes } from './support/two-nodes.ts';
import { joinSession, liveSession, ok } from './support/participation.ts';
import { nextEvent, type TestSocket } from './support/sockets.ts';
import { ask, fails, moderate, until, vote, voteTracker } from './support/moderation.ts';

let nodes: TwoNodes;
let modOnB: TestSocket;

beforeAll(async () => {
  nodes = await startTwoNodes('Bára na uzlu B');
  modOnB = await nodes.staffOn(nodes.nodeB, nodes.moderator);
}, 60_000);

afterAll(() => stopTwoNodes(nodes));

describe('participation on two nodes', () => {
  it('a question asked on A, approved on B, seen on B, voted on both, converges everywhere', async () => {
    const session = await liveSession(nodes.admin);
    await ok(modOnB.emitWithAck('moderation:join', { sessionId: session.id }));
    const author = await nodes.citizenOn(nodes.nodeA, session.id);
    const readerOnB = await nodes.citizenOn(nodes.nodeB, session.id);

    const incoming = nextEvent(modOnB, 'moderation:question');
    const asked = await ask(author, session.id, { authorName: 'Jana z uzlu A' });
    expect((await incoming).id).toBe(asked.id);

    const seenOnB = nextEvent(readerOnB, 'question:changed', (q) => q.id === asked.id);
    const toldAuthor = nextEvent(author, 'question:mine', (q) => q.status === 'approved');
    await ok(moderate(modOnB, session.id, asked.id, { type: 'approve' }));
    expect((await seenOnB).status).toBe('approved');
    await toldAuthor;

    const voters = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        nodes.citizenOn(i % 2 ? nodes.nodeB : nodes.nodeA, session.id),
      ),
    );
    const watchers = [author, readerOnB, ...voters];
    const trackers = watchers.map((s) => voteTracker(s, session.id));
    const results = await Promise.all(voters.map((s) => vote(s, session.id, asked.id)));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    // Each node coalesces its own votes; the settle flush makes the last word a fresh read.
    await until(() => {
      for (const t of trackers) expect(t.get(asked.id)).toBe(24);
    }, 10_000);
    const snapshot = await joinSession(readerOnB, session.id);
    expect(snapshot.questions[0]?.voteCount).toBe(24);

    // A moderation on B reaches the author's tab on A, reason and all.
    const rejected = nextEvent(author, 'question:mine', (q) => q.status === 'rejected');
    const removedOnA = nextEvent(voters[0]!, 'question:removed', (e) => e.questionId === asked.id);
    await ok(moderate(modOnB, session.id, asked.id, { type: 'reject', reason: 'mimo téma' }));
    expect(await rejected).toMatchObject({ id: asked.id, rejectReason: 'mimo téma' });
    await removedOnA;
  });

  it('chat from A reaches B; hiding on B removes it on A; a ban on B binds the citizen on A', async () => {
    const session = await liveSession(nodes.admin);
    await ok(modOnB.emitWithAck('moderation:join', { sessionId: session.id }));
    const browser = new TestClient(nodes.nodeA.url);
    const me = await browser.get<{ participant: { id: string } }>('/api/me');
    const writer = await nodes.citizenOn(nodes.nodeA, session.id, browser.cookieHeader);
    const neighbourOnA = await nodes.citizenOn(nodes.nodeA, session.id);
    const readerOnB = await nodes.citizenOn(nodes.nodeB, session.id);

    const arrived = nextEvent(readerOnB, 'chat:message', (m) => m.text === 'Zdravím z uzlu A');
    const sent = await ok(
      writer.emitWithAck('chat:send', { sessionId: session.id, text: 'Zdravím z uzlu A' }),
    );
    expect((await arrived).id).toBe(sent.id);

    const removed = nextEvent(neighbourOnA, 'chat:removed', (e) => e.messageId === sent.id);
    await ok(
      modOnB.emitWithAck('chat:moderate', {
        sessionId: session.id,
        messageId: sent.id,
        action: 'hide',
      }),
    );
    await removed;

    const told = nextEvent(writer, 'participant:banned', (e) => e.banned);
    const ban = await ok(
      modOnB.emitWithAck('moderation:ban', {
        sessionId: session.id,
        participantId: me.body.participant.id,
        scope: 'session',
      }),
    );
    expect(await told).toEqual({ sessionId: session.id, banned: true });
    await fails(
      writer.emitWithAck('chat:send', { sessionId: session.id, text: 'Ještě tu jsem' }),
      'forbidden',
    );
    // And through node B as well, with the same cookie.
    const sameOnB = await nodes.citizenOn(
      nodes.nodeB,
      session.id,
      through(nodes.nodeB, browser).cookieHeader,
    );
    await fails(
      sameOnB.emitWithAck('question:ask', { sessionId: session.id, text: 'Smím se zeptat?' }),
      'forbidden',
    );

    const lifted = nextEvent(writer, 'participant:banned', (e) => !e.banned);
    await ok(modOnB.emitWithAck('moderation:unban', { sessionId: session.id, banId: ban.id }));
    await lifted;
    await ok(writer.emitWithAck('chat:send', { sessionId: session.id, text: 'Díky' }));
  });
});
