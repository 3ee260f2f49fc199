// Transcription as a background job, on the real PostgreSQL with real ffmpeg and the real
// HTTP engine talking to a local stand-in of an OpenAI-compatible service: a recording becomes
// searchable sentences; a job left running by a node that died is taken over; failures are
// retried, then given up; a shutdown puts the job back without counting it.
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createHttpEngine } from '@namesti/media';
import type { RunningApp } from '../src/app.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { createTranscriptionJobs } from '../src/features/transcripts/jobs.ts';
import { createTranscriptService } from '../src/features/transcripts/service.ts';
import { systemClock } from '../src/lib/clock.ts';
import { logger } from '../src/lib/logger.ts';
import type { ReplayDto, SearchResultsDto } from '../src/protocol/archive.ts';
import { createSession, loginAs, staffClient, startTestApp, testEnv } from './support/app.ts';
import type { TestClient } from './support/http-client.ts';

const run = promisify(execFile);
const dataDir = testEnv().DATA_DIR!;
const recordingsDir = path.join(dataDir, 'recordings');

/** The service's answer for every request: sentences at their seconds, or a failure. */
let answer: (res: ServerResponse) => void = ok;
let requests = 0;
function ok(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      text: '…',
      segments: [
        { start: 0.2, end: 1.4, text: ' Dobrý den, zahajuji zasedání.' },
        { start: 1.4, end: 2.8, text: ' Parkoviště u nádraží bude rozšířeno.' },
      ],
    }),
  );
}

let service: Server;
let serviceUrl: string;
let app: RunningApp;
let admin: TestClient;
let db: Database;

beforeAll(async () => {
  service = createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
  // Transcription off here: the jobs of the later tests have no competitor.
  app = await startTestApp();
  admin = await loginAs(app.url);
  db = await openDatabase({ databaseUrl: inject('databaseUrl'), dataDir, logger });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await new Promise((resolve) => service?.close(resolve));
});

/** An ended session with a 3-second recording made by ffmpeg, as the recorder leaves it. */
async function recordedSession(): Promise<string> {
  const session = await createSession(admin);
  for (const action of ['start', 'end'])
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action });
  const file = path.join(session.id, 'recording.mp4');
  await mkdir(path.join(recordingsDir, session.id), { recursive: true });
  await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=300:duration=3'],
    ...['-c:a', 'aac', path.join(recordingsDir, file)],
  ]);
  await db.prisma.recording.upsert({
    where: { sessionId: session.id },
    create: {
      sessionId: session.id,
      status: 'ready',
      startedAt: new Date(),
      durationMs: 3000,
      file,
    },
    update: { status: 'ready', file },
  });
  return session.id;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const transcriptOf = (sessionId: string) =>
  db.prisma.transcript.findUniqueOrThrow({ where: { sessionId } });

function runner(extra: { leaseMs?: number; retryDelayMs?: number } = {}) {
  return createTranscriptionJobs({
    prisma: db.prisma,
    engine: createHttpEngine({ url: serviceUrl, model: 'whisper-1', retries: 0 }),
    transcripts: createTranscriptService({ prisma: db.prisma }),
    clock: systemClock,
    logger,
    recordingsDir,
    ffmpegPath: 'ffmpeg',
    language: 'cs',
    pollMs: 100,
    ...extra,
  });
}

describe('transcription jobs', () => {
  it('transcribes a recording when staff ask, and the sentences become searchable', async () => {
    answer = ok;
    const sessionId = await recordedSession();
    const off = await admin.post(`/api/sessions/${sessionId}/transcript/transcribe`);
    expect(off.status).toBe(503);
    expect((await admin.get<ReplayDto>(`/api/archive/${sessionId}`)).body.transcript.status).toBe(
      'off',
    );

    const withEngine = await startTestApp({
      TRANSCRIBE_ENGINE: 'http',
      TRANSCRIBE_URL: serviceUrl,
    });
    try {
      await transcribeThrough(withEngine.url, sessionId);
    } finally {
      await withEngine.close();
    }
  });

  async function transcribeThrough(url: string, sessionId: string) {
    const staff = await loginAs(url);
    const moderator = await staffClient(staff, 'moderator');
    expect((await moderator.post(`/api/sessions/${sessionId}/transcript/transcribe`)).status).toBe(
      403,
    );
    const asked = await staff.post(`/api/sessions/${sessionId}/transcript/transcribe`);
    expect(asked.status).toBe(202);
    const replay = await until(
      async () => (await staff.get<ReplayDto>(`/api/archive/${sessionId}`)).body,
      (r) => r.transcript.status === 'ready',
    );
    expect(replay.transcript).toMatchObject({ status: 'ready', source: 'recording', progress: 1 });
    expect(replay.segments.map((s) => [s.startMs, s.text])).toEqual([
      [200, 'Dobrý den, zahajuji zasedání.'],
      [1400, 'Parkoviště u nádraží bude rozšířeno.'],
    ]);
    const found = await staff.get<SearchResultsDto>('/api/search?q=nadrazi&kind=sentence');
    expect(found.body.hits.filter((h) => h.sessionId === sessionId)).toMatchObject([
      { seconds: 1 },
    ]);

    const live = await createSession(staff);
    const none = await staff.post(`/api/sessions/${live.id}/transcript/transcribe`);
    expect(none.status).toBe(409);
  }

  it('takes over a job whose node died while running it', async () => {
    answer = ok;
    const sessionId = await recordedSession();
    await db.prisma.transcript.create({
      data: {
        sessionId,
        source: 'recording',
        status: 'running',
        attempts: 1,
        leaseUntil: new Date(Date.now() - 1000),
      },
    });
    const jobs = runner();
    jobs.start();
    try {
      const done = await until(
        () => transcriptOf(sessionId),
        (t) => t.status === 'ready',
      );
      expect(done).toMatchObject({ status: 'ready', attempts: 2, error: null });
    } finally {
      await jobs.stop();
    }
  });

  it('tries a failing job again later, then gives up with the error kept', async () => {
    answer = (res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'model crashed' } }));
    };
    const sessionId = await recordedSession();
    const jobs = runner({ retryDelayMs: 50 });
    jobs.start();
    try {
      await jobs.enqueue(sessionId);
      const failed = await until(
        () => transcriptOf(sessionId),
        (t) => t.status === 'failed',
      );
      expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
      expect(failed.error).toMatch(/500|model crashed/);
    } finally {
      await jobs.stop();
      answer = ok;
    }
  });

  it('puts the job under way back in the queue when its node stops', async () => {
    const waiting: ServerResponse[] = [];
    answer = (res) => waiting.push(res); // the service takes its time
    const sessionId = await recordedSession();
    const before = requests;
    const jobs = runner();
    jobs.start();
    await jobs.enqueue(sessionId);
    await until(
      async () => requests,
      (n) => n > before,
    );
    await jobs.stop();
    for (const res of waiting) res.destroy();
    expect(await transcriptOf(sessionId)).toMatchObject({ status: 'queued', attempts: 0 });
    answer = ok;
  });
});
