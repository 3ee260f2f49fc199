// WHIP ingest on the real app and worker: the stream key, every refusal with its status
// code, the answer, one broadcaster at a time, and DELETE ending the stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sdpTransform from 'sdp-transform';
import { OBS_30_OFFER } from '../../media/src/whip/fixtures/obs-30.ts';
import type { RunningApp } from '../src/app.ts';
import type { WhipDetailsDto } from '../src/protocol/media.ts';
import { createSession, loginAs, staffClient, startTestApp } from './support/app.ts';
import type { TestClient } from './support/http-client.ts';
import { citizen, liveSession, ok } from './support/participation.ts';
import { nextEvent, type TestSocket } from './support/sockets.ts';

let app: RunningApp;
let admin: TestClient;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  app = await startTestApp({ MEDIA: 'auto', MEDIA_WORKERS: '1' });
  admin = await loginAs(app.url);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app.close();
});

const whip = (path: string, init: { method?: string; key?: string; sdp?: string; type?: string }) =>
  fetch(`${app.url}${path}`, {
    method: init.method ?? 'POST',
    headers: {
      ...(init.key === undefined ? {} : { authorization: `Bearer ${init.key}` }),
      'content-type': init.type ?? 'application/sdp',
    },
    body: init.sdp,
  });

async function details(sessionId: string) {
  const res = await admin.get<WhipDetailsDto>(`/api/sessions/${sessionId}/whip`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('WHIP ingest', () => {
  it('shows hosts the URL and key, rotates it, and keeps it from moderators and citizens', async () => {
    const session = await createSession(admin);
    const first = await details(session.id);
    expect(first.url).toBe(`${app.url}/whip/${session.id}`);
    expect(first.streamKey).toMatch(/^[\w-]{32}$/);
    expect((await details(session.id)).streamKey).toBe(first.streamKey);

    const rotated = await admin.post<WhipDetailsDto>(`/api/sessions/${session.id}/whip/rotate`, {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.streamKey).not.toBe(first.streamKey);
    const oldKey = await whip(`/whip/${session.id}`, { key: first.streamKey, sdp: OBS_30_OFFER });
    expect(oldKey.status).toBe(401);

    const moderator = await staffClient(admin, 'moderator');
    expect((await moderator.get(`/api/sessions/${session.id}/whip`)).status).toBe(403);
    const anonymous = await fetch(`${app.url}/api/sessions/${session.id}/whip`);
    expect(anonymous.status).toBe(401);
  });

  it('refuses a wrong key, bad SDP, the wrong type and an ended session, each with its code', async () => {
    const session = await liveSession(admin);
    const { streamKey } = await details(session.id);
    const path = `/whip/${session.id}`;
    const noKey = await whip(path, { sdp: OBS_30_OFFER });
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await whip(path, { key: 'wrong', sdp: OBS_30_OFFER })).status).toBe(401);
    const garbage = await whip(path, { key: streamKey, sdp: 'v=0\r\nthis is not sdp' });
    expect(garbage.status).toBe(400);
    expect(await garbage.text()).toMatch(/Bad SDP offer/);
    const noMedia = OBS_30_OFFER.slice(0, OBS_30_OFFER.indexOf('m='));
    expect((await whip(path, { key: streamKey, sdp: noMedia })).status).toBe(400);
    const json = await whip(path, { key: streamKey, sdp: OBS_30_OFFER, type: 'application/json' });
    expect(json.status).toBe(415);
    expect(
      (await whip(`/whip/${crypto.randomUUID()}`, { key: streamKey, sdp: OBS_30_OFFER })).status,
    ).toBe(404);

    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'end' });
    expect((await whip(path, { key: streamKey, sdp: OBS_30_OFFER })).status).toBe(403);
  });

  it('answers an OBS offer, puts its tracks on air, refuses a second publisher, and DELETE ends it', async () => {
    const session = await liveSession(admin);
    const { streamKey } = await details(session.id);
    const viewer = await citizen(app.url, sockets);
    await ok(viewer.emitWithAck('session:join', { sessionId: session.id }));
    await ok(viewer.emitWithAck('media:join', { sessionId: session.id }));
    const onAir = nextEvent(viewer, 'media:producers', (p) => p.producers.length === 2);

    const res = await whip(`/whip/${session.id}`, { key: streamKey, sdp: OBS_30_OFFER });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/sdp/);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/whip/${session.id}/[0-9a-f-]{36}$`));
    const answer = sdpTransform.parse(await res.text());
    expect(answer.media.map((m) => [m.type, m.direction])).toEqual([
      ['audio', 'recvonly'],
      ['video', 'recvonly'],
    ]);
    expect(answer.media[1]!.rtp.map((r) => r.codec)).toContain('H264');
    expect(answer.media[0]!.candidates?.length).toBeGreaterThan(0);

    const { producers } = await onAir;
    expect(producers.map((p) => p.source).sort()).toEqual(['camera', 'microphone']);

    const second = await whip(`/whip/${session.id}`, { key: streamKey, sdp: OBS_30_OFFER });
    expect(second.status).toBe(409);

    const offAir = nextEvent(viewer, 'media:producers', (p) => p.producers.length === 0);
    expect((await whip(location, { method: 'DELETE', key: 'wrong' })).status).toBe(401);
    expect((await whip(location, { method: 'DELETE', key: streamKey })).status).toBe(200);
    await offAir;
    expect((await whip(location, { method: 'DELETE', key: streamKey })).status).toBe(404);
    expect((await whip(location, { method: 'PATCH', key: streamKey })).status).toBe(405);
  });
});
