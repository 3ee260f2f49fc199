// Speech to text as a persisted background job: a recording that is ready gets a queued
// transcript; any node claims the oldest queued job (SKIP LOCKED), holds a lease it renews while
// it works, and stores the sentences. A job whose node died is taken over when its lease runs
// out; one stopped by a shutdown goes back to the queue at once. Three failures end it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { toTranscriptionWav, type TranscriptionEngine } from '@namesti/media';
import type { Prisma } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { TranscriptService } from './service.ts';

export const MAX_ATTEMPTS = 3;

export interface TranscriptionJobsDeps {
  prisma: Prisma;
  engine: TranscriptionEngine | null;
  transcripts: TranscriptService;
  clock: Clock;
  logger: Logger;
  recordingsDir: string;
  ffmpegPath: string;
  language: string;
  /** How long a claim holds without renewal. */
  leaseMs?: number;
  /** How often an idle node looks for work (enqueueing on this node wakes it at once). */
  pollMs?: number;
  /** Wait before a failed job is tried again, times the attempts so far. */
  retryDelayMs?: number;
}

interface Claimed {
  id: string;
  session_id: string;
  language: string;
  source: 'recording' | 'upload';
}

export function createTranscriptionJobs(deps: TranscriptionJobsDeps) {
  const { prisma, engine, clock, logger } = deps;
  const leaseMs = deps.leaseMs ?? 60_000;
  const pollMs = deps.pollMs ?? 15_000;
  const retryDelayMs = deps.retryDelayMs ?? 60_000;
  let stopping = false;
  let running: Promise<void> | null = null;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | null = null;

  const later = (ms: number) => new Date(clock.now().getTime() + ms);

  async function claim(): Promise<Claimed | null> {
    const now = clock.now();
    // Jobs out of attempts whose node died while running them: failed for good.
    await prisma.$executeRaw`
      UPDATE transcripts SET status = 'failed', lease_until = NULL, updated_at = ${now},
        error = coalesce(error, 'The transcription stopped and was tried too often')
      WHERE status = 'running' AND lease_until < ${now} AND attempts >= ${MAX_ATTEMPTS}`;
    const [job] = await prisma.$queryRaw<Claimed[]>`
      UPDATE transcripts SET status = 'running', attempts = attempts + 1, progress = 0,
        eta_seconds = NULL, started_at = ${now}, lease_until = ${later(leaseMs)}, updated_at = ${now}
      WHERE id = (
        SELECT id FROM transcripts
        WHERE source <> 'captions' AND attempts < ${MAX_ATTEMPTS}
          AND ((status = 'queued' AND (lease_until IS NULL OR lease_until < ${now}))
            OR (status = 'running' AND lease_until < ${now}))
        ORDER BY created_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
      RETURNING id, session_id, language, source::text AS source`;
    return job ?? null;
  }

  async function audioOf(sessionId: string): Promise<string> {
    const recording = await prisma.recording.findUnique({ where: { sessionId } });
    if (recording?.status !== 'ready' || !recording.file) {
      throw new Error('The session has no finished recording to transcribe');
    }
    return path.resolve(deps.recordingsDir, recording.file);
  }

  async function transcribe(job: Claimed, active: TranscriptionEngine) {
    const started = clock.now().getTime();
    let progress = 0;
    // The lease is renewed with the progress, so the admin page sees both move.
    const renew = setInterval(
      () => {
        const fraction = Math.max(progress, 0.001);
        const elapsed = (clock.now().getTime() - started) / 1000;
        prisma.transcript
          .updateMany({
            where: { id: job.id, status: 'running' },
            data: {
              leaseUntil: later(leaseMs),
              progress,
              etaSeconds: progress > 0 ? Math.round((elapsed / fraction) * (1 - fraction)) : null,
            },
          })
          .catch((err: unknown) =>
            logger.warn({ err, jobId: job.id }, 'transcription lease not renewed'),
          );
      },
      Math.max(50, leaseMs / 4),
    );
    const folder = await mkdtemp(path.join(os.tmpdir(), 'namesti-transcribe-'));
    try {
      const wav = path.join(folder, 'audio.wav');
      await toTranscriptionWav(await audioOf(job.session_id), wav, deps.ffmpegPath, {
        signal: abort.signal,
      });
      const segments = await active.transcribe(wav, {
        language: job.language,
        signal: abort.signal,
        onProgress: (fraction) => {
          progress = Math.min(0.99, Math.max(progress, fraction));
        },
      });
      await deps.transcripts.store(
        job.session_id,
        {
          source: job.source,
          engine: active.name,
          language: job.language,
          segments: segments.map((s) => ({ ...s, speaker: s.speaker ?? null })),
        },
        null,
      );
      logger.info({ sessionId: job.session_id, segments: segments.length }, 'transcript ready');
    } finally {
      clearInterval(renew);
      await rm(folder, { recursive: true, force: true });
    }
  }

  async function settleFailure(job: Claimed, err: unknown) {
    if (stopping) {
      // Not the job's fault: back to the queue for the next start, the attempt not counted.
      await prisma.transcript.updateMany({
        where: { id: job.id, status: 'running' },
        data: { status: 'queued', attempts: { decrement: 1 }, leaseUntil: null },
      });
      return;
    }
    const row = await prisma.transcript.findUnique({ where: { id: job.id } });
    const attempts = row?.attempts ?? MAX_ATTEMPTS;
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    logger.warn({ err, sessionId: job.session_id, attempts }, 'transcription failed');
    await prisma.transcript.updateMany({
      where: { id: job.id, status: 'running' },
      data:
        attempts >= MAX_ATTEMPTS
          ? { status: 'failed', error: message, leaseUntil: null, etaSeconds: null }
          : {
              status: 'queued',
              error: message,
              etaSeconds: null,
              leaseUntil: later(retryDelayMs * attempts),
            },
    });
  }

  /** Runs queued jobs one after another until none is left (or the node stops). */
  async function drain() {
    if (!engine) return;
    while (!stopping) {
      const job = await claim();
      if (!job) return;
      try {
        await transcribe(job, engine);
      } catch (err) {
        await settleFailure(job, err);
      }
    }
  }

  function wake() {
    if (running || stopping || !engine) return;
    running = drain()
      .catch((err: unknown) => logger.error({ err }, 'transcription queue failed'))
      .finally(() => {
        running = null;
      });
  }

  return {
    enabled: engine !== null,

    /** A recording is ready (or staff asked again): transcribe it, unless captions were
     * imported for the session, which win. */
    async enqueue(sessionId: string, source: 'recording' | 'upload' = 'recording') {
      if (!engine) return false;
      const existing = await prisma.transcript.findUnique({ where: { sessionId } });
      if (existing?.source === 'captions' && existing.status === 'ready') return false;
      if (existing?.status === 'running') return true;
      await prisma.transcript.upsert({
        where: { sessionId },
        create: { sessionId, source, language: deps.language },
        update: {
          source,
          status: 'queued',
          attempts: 0,
          error: null,
          leaseUntil: null,
        },
      });
      wake();
      return true;
    },

    start() {
      if (!engine) return;
      wake();
      timer = setInterval(wake, pollMs);
      timer.unref();
    },

    /** Stops taking jobs; the one under way is aborted and goes back to the queue. */
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      abort.abort(new Error('the server is stopping'));
      await running;
      await engine?.close?.();
    },
  };
}

export type TranscriptionJobs = ReturnType<typeof createTranscriptionJobs>;
