// Importing a recording made elsewhere, on the real app with real ffmpeg: a past session gets
// a browser-playable MP4 and joins the archive; wrong types, oversized files, future or live
// sessions and non-admins are refused, and nothing is left behind.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { ArchivePageDto, ReplayDto } from '../src/protocol/archive.ts';
import { createSession, loginAs, staffClient, startTestApp } from './support/app.ts';
import type { TestClient } from './support/http-client.ts';

const run = promisify(execFile);
let app: RunningApp;
let admin: TestClient;
let clip: Uint8Array;

beforeAll(async () => {
  app = await startTestApp({ UPLOAD_MAX_MB: '1' });
  admin = await loginAs(app.url);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'namesti-import-'));
  const file = path.join(dir, 'camcorder.mkv');
  // What a camcorder might give: VP9 in Matroska, odd size, Opus sound.
  await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc=size=318x182:rate=10:duration=2'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2'],
    ...['-c:v', 'libvpx-vp9', '-b:v', '100k', '-c:a', 'libopus', file],
  ]);
  clip = new Uint8Array(await readFile(file));
});

afterAll(async () => {
  await app.close();
});

const upload = (sessionId: string, body: Uint8Array, type = 'video/x-matroska', client = admin) =>
  client.request('POST', `/api/sessions/${sessionId}/recording/upload`, body, {
    'content-type': type,
  });

/** A session that took place in January, never broadcast through Náměstí; its own locality
 * finds its card however many other tests' sessions the archive holds. */
const locality = `Sál ${crypto.randomUUID().slice(0, 8)}`;
const pastSession = () =>
  createSession(admin, { scheduledStart: '2026-01-15T17:00', title: 'Zasedání z ledna', locality });

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('importing a recording', () => {
  it('converts a past session’s file for the browser and puts the session in the archive', async () => {
    const session = await pastSession();
    const res = await upload(session.id, clip);
    expect(res.status).toBe(202);
    const replay = await until(
      async () => (await admin.get<ReplayDto>(`/api/archive/${session.id}`)).body,
      (r) => r.recording?.status === 'ready' || r.recording?.status === 'failed',
    );
    expect(replay.recording).toMatchObject({ status: 'ready' });
    expect(Math.abs(replay.recording.durationMs! - 2000)).toBeLessThan(300);
    expect(replay.session.date).toBe(new Date('2026-01-15T16:00:00Z').toISOString());
    const mp4 = await fetch(`${app.url}${replay.recording.url}`, {
      headers: { range: 'bytes=0-15' },
    });
    expect(mp4.status).toBe(206);
    expect(
      Buffer.from(await mp4.arrayBuffer())
        .subarray(4, 8)
        .toString(),
    ).toBe('ftyp');
    const archive = (
      await admin.get<ArchivePageDto>(
        `/api/archive?year=2026&locality=${encodeURIComponent(locality)}`,
      )
    ).body;
    const card = archive.sessions.find((s) => s.id === session.id)!;
    expect(card.posterUrl).toBe(`/api/archive/${session.id}/poster.jpg`);
    // A still from the recording, made on the first request (JPEG starts FF D8).
    const poster = await fetch(`${app.url}${card.posterUrl}`);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    expect([...new Uint8Array(await poster.arrayBuffer()).subarray(0, 2)]).toEqual([0xff, 0xd8]);
  });

  it('refuses what is not audio or video, oversized files, and sessions still to come', async () => {
    const session = await pastSession();
    expect((await upload(session.id, clip, 'text/plain')).status).toBe(415);
    const junk = new TextEncoder().encode('this is not a video at all');
    expect((await upload(session.id, junk, 'video/mp4')).status).toBe(415);
    const big = new Uint8Array(1_200_000);
    expect((await upload(session.id, big, 'video/mp4')).status).toBe(413);
    const future = await createSession(admin);
    expect((await upload(future.id, clip)).status).toBe(409);
    const moderator = await staffClient(admin, 'moderator');
    expect((await upload(session.id, clip, 'video/x-matroska', moderator)).status).toBe(403);
    // Nothing was stored for the refused uploads: the session is still to be imported.
    const still = await admin.get(`/api/archive/${session.id}`);
    expect(still.status).toBe(404);
  });
});
