// The realtime edge on one node: rooms, snapshots, lifecycle pushes, viewer counts,
// and bad input that must never crash or hang the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { SessionSnapshotDto } from '../src/protocol/dto.ts';
import { TestClient } from './support/http-client.ts';
import { createSession, loginAs, startTestApp } from './support/app.ts';
import {
  connectSocket,
  emitRaw,
  eventually,
  nextEvent,
  type TestSocket,
} from './support/sockets.ts';

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

async function citizenSocket(cookie?: string) {
  const socket = await connectSocket(app.url, { cookie });
  sockets.push(socket);
  return socket;
}

const newSession = () => createSession(admin);

async function join(socket: TestSocket, sessionId: string) {
  const ack = await socket.emitWithAck('session:join', { sessionId });
  if (!ack.ok) throw new Error(ack.error.message);
  return ack.data as SessionSnapshotDto;
}

describe('session rooms', () => {
  it('answers a join with a snapshot and pushes lifecycle changes to every open page', async () => {
    const session = await newSession();
    const a = await citizenSocket();
    const b = await citizenSocket();
    const snapshot = await join(a, session.id);
    expect(snapshot.session).toMatchObject({ id: session.id, status: 'scheduled' });
    await join(b, session.id);
    const seenByA = nextEvent(a, 'session:state', (s) => s.status === 'live');
    const seenByB = nextEvent(b, 'session:state', (s) => s.status === 'live');
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'start' });
    expect((await seenByA).startedAt).not.toBeNull();
    expect((await seenByB).id).toBe(session.id);
  });

  it('tells the lobby when a session goes live', async () => {
    const session = await newSession();
    const home = await citizenSocket();
    expect(await home.emitWithAck('lobby:join', {})).toEqual({ ok: true, data: null });
    const changed = nextEvent(home, 'lobby:changed', (e) => e.sessionId === session.id);
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'start' });
    expect(await changed).toEqual({ sessionId: session.id, status: 'live' });
  });

  it('lets a host start a session over the socket, and refuses citizens', async () => {
    const session = await newSession();
    const citizen = await citizenSocket();
    const refused = await citizen.emitWithAck('session:lifecycle', {
      sessionId: session.id,
      action: 'start',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const staff = await citizenSocket(admin.cookieHeader);
    const ack = await staff.emitWithAck('session:lifecycle', {
      sessionId: session.id,
      action: 'start',
    });
    expect(ack).toMatchObject({ ok: true, data: { status: 'live' } });
    const twice = await staff.emitWithAck('session:lifecycle', {
      sessionId: session.id,
      action: 'start',
    });
    expect(twice).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
  });

  it('resyncs a reconnecting client from a fresh snapshot', async () => {
    const session = await newSession();
    const first = await citizenSocket();
    await join(first, session.id);
    first.disconnect();
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'start' }); // missed while away
    const again = await citizenSocket();
    expect((await join(again, session.id)).session.status).toBe('live');
  });

  it('counts distinct viewers, live, as they come and go', async () => {
    const session = await newSession();
    const watcher = await citizenSocket();
    let count = 0;
    watcher.on('session:viewers', (e) => {
      if (e.sessionId === session.id) count = e.count;
    });
    expect((await join(watcher, session.id)).viewerCount).toBe(1);
    const citizen = new TestClient(app.url);
    await citizen.get('/api/me'); // gets a citizen cookie
    const tab1 = await citizenSocket(citizen.cookieHeader);
    const tab2 = await citizenSocket(citizen.cookieHeader); // same person, second tab
    const other = await citizenSocket();
    await Promise.all([join(tab1, session.id), join(tab2, session.id), join(other, session.id)]);
    await eventually(() => count, 3);
    other.disconnect();
    tab2.disconnect();
    await eventually(() => count, 2);
  });
});

describe('bad input', () => {
  it('answers malformed payloads with a typed error ack and keeps serving', async () => {
    const socket = await citizenSocket();
    const bad: unknown[] = [
      undefined,
      null,
      42,
      'session',
      [],
      { sessionId: 'nope' },
      { sessionId: 12 },
      { sessionId: 'x'.repeat(10_000) },
      { sessionId: crypto.randomUUID(), extra: { deep: [1, 2, 3] } },
    ];
    for (const payload of bad) {
      const ack = await emitRaw(socket, 'session:join', payload);
      expect(ack.ok).toBe(false);
      if (!ack.ok) expect(['validation_failed', 'not_found']).toContain(ack.error.code);
    }
    const lifecycle = await emitRaw(socket, 'session:lifecycle', {
      sessionId: crypto.randomUUID(),
      action: 'explode',
    });
    expect(lifecycle).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    // Unknown events and events without an ack are ignored, not fatal.
    (socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit('no:such:event', {});
    (socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit('session:join', {
      sessionId: 'x',
    });
    const session = await newSession();
    expect((await join(socket, session.id)).session.id).toBe(session.id);
    expect(socket.connected).toBe(true);
  });

  it('rate-limits a flood from one connection', async () => {
    const socket = await citizenSocket();
    const acks = await Promise.all(
      Array.from({ length: 60 }, () => emitRaw(socket, 'lobby:join', {})),
    );
    const limited = acks.filter((a) => !a.ok && a.error.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(acks.filter((a) => a.ok).length).toBeGreaterThan(0);
  });

  it('serves the HTTP long-polling transport (fallback for proxies without WebSockets)', async () => {
    const res = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^0\{"sid":/);
    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(200);
    const polling = await connectSocket(app.url, { transports: ['polling'] });
    sockets.push(polling);
    const session = await newSession();
    expect((await join(polling, session.id)).session.id).toBe(session.id);
  });

  it('refuses a client that speaks another protocol version', async () => {
    await expect(connectSocket(app.url, { protocolVersion: 999 })).rejects.toThrow(
      /protocol_mismatch/,
    );
  });
});
