// Live video signalling on the real app with the real mediasoup worker: who may send, what a
// viewer gets, bad input, limits, cleanup, serialized room creation and a worker that dies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { HealthDto } from '../src/protocol/dto.ts';
import { loginAs, startTestApp, staffClient, createSession } from './support/app.ts';
import type { TestClient } from './support/http-client.ts';
import { citizen, liveSession, ok, staffSocket } from './support/participation.ts';
import { emitRaw, eventually, nextEvent, type TestSocket } from './support/sockets.ts';

let app: RunningApp;
let admin: TestClient;
let host: TestClient;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  app = await startTestApp({ MEDIA: 'auto', MEDIA_WORKERS: '1' });
  admin = await loginAs(app.url);
  host = await staffClient(admin, 'host');
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app.close();
});

const health = async () => (await admin.get<HealthDto>('/api/health')).body;

/** A VP8 track from a local encoder, through the room's plain-RTP ingest. */
async function plainVideoProducer(sessionId: string) {
  const room = await app.media.room(sessionId);
  const { producerId } = await room.createPlainIngest('test-encoder', {
    kind: 'video',
    source: 'camera',
    rtpParameters: {
      codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }],
      encodings: [{ ssrc: 22222222 }],
    },
  });
  return {
    id: producerId,
    close: () => room.closeProducer(producerId),
  };
}

const caps = async (socket: TestSocket, sessionId: string) =>
  (await ok(socket.emitWithAck('media:join', { sessionId }))).routerRtpCapabilities;

describe('media signalling', () => {
  it('reports media on in health, and offers no router before a session is live', async () => {
    const h = await health();
    expect(h.media).toBe('ok');
    expect(h.mediaWorkers).toHaveLength(1);
    const scheduled = await createSession(admin);
    const viewer = await citizen(app.url, sockets);
    const joined = await ok(viewer.emitWithAck('media:join', { sessionId: scheduled.id }));
    expect(joined).toMatchObject({ available: true, routerRtpCapabilities: null, producers: [] });
    const send = await emitRaw(viewer, 'media:transport', {
      sessionId: scheduled.id,
      direction: 'recv',
    });
    expect(send).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('lets anyone receive, only hosts send, and a citizen never', async () => {
    const session = await liveSession(admin);
    const viewer = await citizen(app.url, sockets);
    expect(await caps(viewer, session.id)).toHaveProperty('codecs');
    const recv = await ok(
      viewer.emitWithAck('media:transport', { sessionId: session.id, direction: 'recv' }),
    );
    expect(recv.iceCandidates.length).toBeGreaterThan(0);
    expect(recv.dtlsParameters).toHaveProperty('fingerprints');

    const refused = await emitRaw(viewer, 'media:transport', {
      sessionId: session.id,
      direction: 'send',
      purpose: 'broadcast',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const stage = await emitRaw(viewer, 'media:transport', {
      sessionId: session.id,
      direction: 'send',
      purpose: 'stage',
    });
    expect(stage).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const studio = await staffSocket(app.url, host, sockets);
    await caps(studio, session.id);
    const send = await ok(
      studio.emitWithAck('media:transport', {
        sessionId: session.id,
        direction: 'send',
        purpose: 'broadcast',
      }),
    );
    // mediasoup itself rejects parameters it cannot use; the server answers and stays up.
    const bad = await emitRaw(studio, 'media:produce', {
      sessionId: session.id,
      transportId: send.id,
      kind: 'video',
      source: 'camera',
      rtpParameters: { codecs: [{ mimeType: 'video/NOPE', payloadType: 1, clockRate: 1 }] },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const wrongDirection = await emitRaw(studio, 'media:produce', {
      sessionId: session.id,
      transportId: recv.id,
      kind: 'video',
      source: 'camera',
      rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }] },
    });
    expect(wrongDirection).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await health()).media).toBe('ok');
  });

  it('tells viewers about a new track, and gives them a paused consumer of it', async () => {
    const session = await liveSession(admin);
    const viewer = await citizen(app.url, sockets);
    const rtpCapabilities = await caps(viewer, session.id);
    await ok(viewer.emitWithAck('session:join', { sessionId: session.id }));
    const recv = await ok(
      viewer.emitWithAck('media:transport', { sessionId: session.id, direction: 'recv' }),
    );
    const announced = nextEvent(viewer, 'media:producers', (p) => p.producers.length === 1);
    const producer = await plainVideoProducer(session.id);
    const { producers } = await announced;
    expect(producers[0]).toMatchObject({ id: producer.id, kind: 'video', paused: false });

    const consumer = await ok(
      viewer.emitWithAck('media:consume', {
        sessionId: session.id,
        transportId: recv.id,
        producerId: producer.id,
        rtpCapabilities: rtpCapabilities!,
      }),
    );
    expect(consumer).toMatchObject({ producerId: producer.id, kind: 'video', type: 'simple' });
    await ok(
      viewer.emitWithAck('media:consumer', {
        sessionId: session.id,
        consumerId: consumer.id,
        action: 'resume',
      }),
    );
    const unknown = await emitRaw(viewer, 'media:consume', {
      sessionId: session.id,
      transportId: recv.id,
      producerId: crypto.randomUUID(),
      rtpCapabilities,
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const closed = nextEvent(viewer, 'media:consumer-closed');
    producer.close();
    expect(await closed).toEqual({ sessionId: session.id, consumerId: consumer.id });
  });

  it('caps the transports one connection may open, and frees them on disconnect', async () => {
    const session = await liveSession(admin);
    const viewer = await citizen(app.url, sockets);
    await caps(viewer, session.id);
    const open = () =>
      emitRaw(viewer, 'media:transport', { sessionId: session.id, direction: 'recv' });
    for (let i = 0; i < 6; i++) expect((await open()).ok).toBe(true);
    expect(await open()).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    const room = await app.media.room(session.id);
    const peerId = viewer.id!;
    expect(room.peerLoad(peerId).transports).toBe(6);
    viewer.disconnect();
    await eventually(() => room.peerLoad(peerId).transports, 0);
  });

  it('creates one router when many viewers join at once, and closes it when the session ends', async () => {
    const session = await liveSession(admin);
    const before = (await health()).mediaWorkers[0]!.routers;
    const viewers = await Promise.all(Array.from({ length: 8 }, () => citizen(app.url, sockets)));
    await Promise.all(viewers.map((v) => caps(v, session.id)));
    expect((await health()).mediaWorkers[0]!.routers).toBe(before + 1);

    const res = await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'end' });
    expect(res.status).toBe(200);
    await eventually(async () => (await app.media.findRoom(session.id)) === undefined, true);
    expect((await health()).mediaWorkers[0]!.routers).toBe(before);
  });

  it('survives a worker that dies: health says so, viewers are reset, a new broadcast works', async () => {
    const session = await liveSession(admin);
    const viewer = await citizen(app.url, sockets);
    await caps(viewer, session.id);
    await ok(viewer.emitWithAck('media:transport', { sessionId: session.id, direction: 'recv' }));
    const [worker] = app.media.workers();
    const reset = nextEvent(viewer, 'media:reset', () => true, 10_000);
    process.kill(worker!.pid, 'SIGKILL');

    expect(await reset).toEqual({ sessionId: session.id });
    const after = await health();
    expect(after.mediaWorkerDeaths).toBeGreaterThanOrEqual(1);
    await eventually(async () => (await health()).media, 'ok', 10_000);
    expect((await health()).mediaWorkers[0]!.pid).not.toBe(worker!.pid);

    // Join again: a fresh room on the new worker carries a new producer to the viewer.
    const rtpCapabilities = await caps(viewer, session.id);
    const recv = await ok(
      viewer.emitWithAck('media:transport', { sessionId: session.id, direction: 'recv' }),
    );
    const producer = await plainVideoProducer(session.id);
    const consumer = await ok(
      viewer.emitWithAck('media:consume', {
        sessionId: session.id,
        transportId: recv.id,
        producerId: producer.id,
        rtpCapabilities: rtpCapabilities!,
      }),
    );
    expect(consumer.producerId).toBe(producer.id);
  });
});

describe('media off', () => {
  it('answers that video is unavailable, and health says off', async () => {
    const off = await startTestApp({ MEDIA: 'off' });
    try {
      const c = await loginAs(off.url);
      const session = await liveSession(c);
      const viewer = await citizen(off.url, sockets);
      const joined = await ok(viewer.emitWithAck('media:join', { sessionId: session.id }));
      expect(joined).toMatchObject({ available: false, routerRtpCapabilities: null });
      const refused = await emitRaw(viewer, 'media:transport', {
        sessionId: session.id,
        direction: 'recv',
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect((await c.get<HealthDto>('/api/health')).body).toMatchObject({
        media: 'off',
        mediaWorkers: [],
      });
    } finally {
      await off.close();
    }
  });
});
