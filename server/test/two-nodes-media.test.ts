// Live video across two app processes on one Redis and PostgreSQL, as behind a load balancer:
// a session's media lives on one node (its home) and every other node forwards there, so a
// viewer on either node sees the same broadcast, one broadcaster holds across nodes, and a
// home that stops or dies hands its sessions over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { OBS_30_OFFER } from '../../media/src/whip/fixtures/obs-30.ts';
import type { WhipDetailsDto } from '../src/protocol/media.ts';
import { loginAs, testEnv } from './support/app.ts';
import type { TestClient } from './support/http-client.ts';
import { startNodeProcess, type NodeProcess } from './support/node-process.ts';
import { citizen, joinSession, liveSession, ok } from './support/participation.ts';
import { emitRaw, nextEvent, type TestSocket } from './support/sockets.ts';

const env = () => testEnv({ REDIS_URL: inject('redisUrl'), MEDIA: 'auto', MEDIA_WORKERS: '1' });
let nodeA: NodeProcess;
let nodeB: NodeProcess;
let admin: TestClient;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  [nodeA, nodeB] = await Promise.all([
    startNodeProcess(env(), 'node A'),
    startNodeProcess(env(), 'node B'),
  ]);
  admin = await loginAs(nodeA.url);
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await Promise.all([nodeA?.stop(), nodeB?.stop()]);
});

/** A citizen on `node` who joined the session and its media; returns the router's caps. */
async function viewerOn(node: NodeProcess, sessionId: string) {
  const socket = await citizen(node.url, sockets);
  await joinSession(socket, sessionId);
  const joined = await ok(socket.emitWithAck('media:join', { sessionId }));
  return { socket, joined };
}

const whip = (node: NodeProcess, path: string, key: string, method = 'POST') =>
  fetch(`${node.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/sdp' },
    ...(method === 'POST' ? { body: OBS_30_OFFER } : {}),
  });

async function streamKey(sessionId: string) {
  return (await admin.get<WhipDetailsDto>(`/api/sessions/${sessionId}/whip`)).body.streamKey;
}

describe('live video on two nodes', () => {
  it('shows a broadcast sent through one node to viewers on both, with one broadcaster at a time', async () => {
    const session = await liveSession(admin);
    const key = await streamKey(session.id);
    // The first join opens the room, on node B.
    const onB = await viewerOn(nodeB, session.id);
    const onA = await viewerOn(nodeA, session.id);
    expect(onA.joined.routerRtpCapabilities).toEqual(onB.joined.routerRtpCapabilities);
    const seenOnA = nextEvent(onA.socket, 'media:producers', (p) => p.producers.length === 2);
    const seenOnB = nextEvent(onB.socket, 'media:producers', (p) => p.producers.length === 2);

    // OBS posts to node A; the stream goes to the room on node B.
    const published = await whip(nodeA, `/whip/${session.id}`, key);
    expect(published.status).toBe(201);
    expect(await published.text()).toMatch(/^v=0/);
    const { producers } = await seenOnA;
    await seenOnB;
    expect((await whip(nodeB, `/whip/${session.id}`, key)).status).toBe(409);
    expect((await whip(nodeA, `/whip/${session.id}`, key)).status).toBe(409);

    // The viewer on node A receives the video from the room on node B.
    const video = producers.find((p) => p.kind === 'video')!;
    const recv = await ok(
      onA.socket.emitWithAck('media:transport', { sessionId: session.id, direction: 'recv' }),
    );
    const consumer = await ok(
      onA.socket.emitWithAck('media:consume', {
        sessionId: session.id,
        transportId: recv.id,
        producerId: video.id,
        rtpCapabilities: onA.joined.routerRtpCapabilities!,
      }),
    );
    expect(consumer).toMatchObject({ producerId: video.id, kind: 'video' });
    await ok(
      onA.socket.emitWithAck('media:consumer', {
        sessionId: session.id,
        consumerId: consumer.id,
        action: 'resume',
      }),
    );
    // Errors from the home node arrive typed.
    const missing = await emitRaw(onA.socket, 'media:connect', {
      sessionId: session.id,
      transportId: crypto.randomUUID(),
      dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AB' }] },
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // DELETE through node B ends it; the viewer on node A hears so from node B's room.
    const offAir = nextEvent(onA.socket, 'media:producers', (p) => p.producers.length === 0);
    const location = published.headers.get('location')!;
    expect((await whip(nodeB, location, key, 'DELETE')).status).toBe(200);
    await offAir;
    expect((await whip(nodeA, location, key, 'DELETE')).status).toBe(404);
  });

  it('closes the room on its home node when the session ends through the other', async () => {
    const session = await liveSession(admin);
    const onB = await viewerOn(nodeB, session.id);
    expect(onB.joined.routerRtpCapabilities).not.toBeNull();
    const ended = await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'end' });
    expect(ended.status).toBe(200);
    const refused = await emitRaw(onB.socket, 'media:transport', {
      sessionId: session.id,
      direction: 'recv',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    const again = await ok(onB.socket.emitWithAck('media:join', { sessionId: session.id }));
    expect(again.routerRtpCapabilities).toBeNull();
  });

  it('moves a session to the other node when its home shuts down', async () => {
    const session = await liveSession(admin);
    await viewerOn(nodeA, session.id); // opens the room on node A
    const onB = await viewerOn(nodeB, session.id);
    const reset = nextEvent(onB.socket, 'media:reset', (e) => e.sessionId === session.id);
    await nodeA.stop();
    await reset;
    // Joining again opens the room on node B, which carries the session from now on.
    const rejoined = await ok(onB.socket.emitWithAck('media:join', { sessionId: session.id }));
    expect(rejoined.routerRtpCapabilities).toHaveProperty('codecs');
    await ok(
      onB.socket.emitWithAck('media:transport', { sessionId: session.id, direction: 'recv' }),
    );
    nodeA = await startNodeProcess(env(), 'node A again');
  }, 60_000);

  it('opens the room on a node that answers when the home was killed', async () => {
    // Node A was restarted on another port: the admin works through node B.
    const session = await liveSession(await loginAs(nodeB.url));
    await viewerOn(nodeA, session.id); // opens the room on node A
    const onB = await viewerOn(nodeB, session.id);
    nodeA.child.kill('SIGKILL');
    await new Promise((resolve) => nodeA.child.once('exit', resolve));
    // Node A's claim has not expired yet; node B notices nobody answers and takes over.
    const started = performance.now();
    const rejoined = await ok(onB.socket.emitWithAck('media:join', { sessionId: session.id }));
    expect(rejoined.routerRtpCapabilities).toHaveProperty('codecs');
    expect(performance.now() - started).toBeLessThan(5_000);
    await ok(
      onB.socket.emitWithAck('media:transport', { sessionId: session.id, direction: 'recv' }),
    );
  }, 60_000);
});
