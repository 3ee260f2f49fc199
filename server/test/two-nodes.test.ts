// Two server processes on one PostgreSQL and one Redis, as behind a load balancer:
// a change made through node A reaches a client on node B, and viewers add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './support/http-client.ts';
import { createSession, loginAs, testEnv } from './support/app.ts';
import { startNodeProcess, type NodeProcess } from './support/node-process.ts';
import { connectSocket, eventually, nextEvent, type TestSocket } from './support/sockets.ts';
import { inject } from 'vitest';

let nodeA: NodeProcess;
let nodeB: NodeProcess;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  const env = testEnv({ REDIS_URL: inject('redisUrl') });
  // Started together: migrations and the first-start bootstrap must not race.
  [nodeA, nodeB] = await Promise.all([
    startNodeProcess(env, 'node A'),
    startNodeProcess(env, 'node B'),
  ]);
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await Promise.all([nodeA?.stop(), nodeB?.stop()]);
});

describe('two nodes behind a load balancer', () => {
  it('delivers a lifecycle change made on node A to a citizen on node B', async () => {
    const admin = await loginAs(nodeA.url);
    const session = await createSession(admin);
    const onB = await connectSocket(nodeB.url);
    sockets.push(onB);
    const joined = await onB.emitWithAck('session:join', { sessionId: session.id });
    expect(joined.ok).toBe(true);
    const live = nextEvent(onB, 'session:state', (s) => s.id === session.id && s.status === 'live');
    const res = await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'start' });
    expect(res.status).toBe(200);
    expect((await live).status).toBe('live');
    // The staff login made on A is valid on B too (shared database and secret).
    const onBAsAdmin = new TestClient(nodeB.url);
    for (const [k, v] of admin.cookies) onBAsAdmin.cookies.set(k, v);
    const me = await onBAsAdmin.get<{ staff: { email: string } | null }>('/api/me');
    expect(me.body.staff?.email).toBeDefined();
  });

  it('adds up viewer counts across both nodes', async () => {
    const admin = await loginAs(nodeA.url);
    const session = await createSession(admin);
    const counts = new Map<TestSocket, number>();
    const viewers = await Promise.all(
      [nodeA, nodeB, nodeA, nodeB].map(async (node) => {
        const socket = await connectSocket(node.url);
        sockets.push(socket);
        socket.on('session:viewers', (e) => {
          if (e.sessionId === session.id) counts.set(socket, e.count);
        });
        const ack = await socket.emitWithAck('session:join', { sessionId: session.id });
        expect(ack.ok).toBe(true);
        return socket;
      }),
    );
    for (const socket of viewers) await eventually(() => counts.get(socket), 4);
    viewers[1]!.disconnect(); // leaves node B
    await eventually(() => counts.get(viewers[0]!), 3); // seen on node A
    await eventually(() => counts.get(viewers[3]!), 3); // and on node B
  });
});
