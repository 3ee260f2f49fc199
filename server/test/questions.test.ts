// The question queue end to end on one node, on the real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { TestClient } from './support/http-client.ts';
import { loginAs, staffClient, startTestApp } from './support/app.ts';
import { citizen, joinSession, liveSession, ok, staffSocket } from './support/participation.ts';
import { nextEvent, type TestSocket } from './support/sockets.ts';

let app: RunningApp;
let admin: TestClient;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  app = await startTestApp();
  admin = await loginAs(app.url);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app.close();
});

describe('asking, approving and voting', () => {
  it('goes from a citizen question to an approved, upvoted one that everyone sees', async () => {
    const session = await liveSession(admin);
    const a = await citizen(app.url, sockets, '10.0.0.1');
    const b = await citizen(app.url, sockets, '10.0.0.2');
    const mod = await staffSocket(app.url, await staffClient(admin, 'moderator'), sockets);
    await joinSession(a, session.id);
    await joinSession(b, session.id);
    await joinSession(mod, session.id);
    const console = await ok(mod.emitWithAck('moderation:join', { sessionId: session.id }));
    expect(console.questions).toEqual([]);

    const incoming = nextEvent(mod, 'moderation:question');
    const asked = await ok(
      a.emitWithAck('question:ask', {
        sessionId: session.id,
        text: 'Kdy opraví parkoviště u nádraží?',
        authorName: 'Jana',
      }),
    );
    expect(asked).toMatchObject({ status: 'pending', authorName: 'Jana', voteCount: 0 });
    expect((await incoming).author).toMatchObject({ name: 'Jana', questionsAsked: 1 });

    const seenByB = nextEvent(b, 'question:changed', (q) => q.id === asked.id);
    const toldA = nextEvent(a, 'question:mine', (q) => q.status === 'approved');
    await ok(
      mod.emitWithAck('question:moderate', {
        sessionId: session.id,
        questionId: asked.id,
        action: { type: 'approve' },
      }),
    );
    expect((await seenByB).status).toBe('approved');
    await toldA;

    const counted = nextEvent(a, 'question:votes', (e) => e.counts[asked.id] === 1);
    const vote = await ok(
      b.emitWithAck('question:vote', { sessionId: session.id, questionId: asked.id, vote: true }),
    );
    expect(vote).toEqual({ questionId: asked.id, voted: true, voteCount: 1 });
    const again = await ok(
      b.emitWithAck('question:vote', { sessionId: session.id, questionId: asked.id, vote: true }),
    );
    expect(again.voteCount).toBe(1);
    await counted;

    const snapshot = await joinSession(b, session.id);
    expect(snapshot.questions.map((q) => q.id)).toEqual([asked.id]);
    expect(snapshot.me.votedIds).toEqual([asked.id]);
  });
});
