// Every live session is recorded from its start to its end. Segments are stored as they start
// and end, so a crash loses at most the unfinished one; when the session ends they are
// joined into one MP4 in the background, and an interrupted join is redone at the next start.
import path from 'node:path';
import { stat } from 'node:fs/promises';
import {
  finalizeRecording,
  probeDuration,
  type MediaService,
  type SegmentInfo,
} from '@namesti/media';
import type { Prisma } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';

export interface RecordingsDeps {
  prisma: Prisma;
  media: MediaService;
  clock: Clock;
  logger: Logger;
  dir: string;
  ffmpegPath: string;
  ffprobePath: string;
  /** The MP4 is ready (transcription starts from it). */
  onReady?(sessionId: string): Promise<unknown>;
}

/** A citizen on stage may outlast the broadcast: the recording ends with whichever was last. */
function lastEnd(segments: SegmentInfo[]): Date | null {
  const ends = segments.flatMap((segment) => (segment.endedAt ? [segment.endedAt.getTime()] : []));
  return ends.length ? new Date(Math.max(...ends)) : null;
}

export function createRecordings(deps: RecordingsDeps) {
  const { prisma, media, clock, logger, dir } = deps;
  /** Segment writes per session, in order: a segment's end never overtakes its start. */
  const writes = new Map<string, Promise<void>>();
  const finishing = new Set<Promise<void>>();

  function queue(sessionId: string, write: () => Promise<void>) {
    const next = (writes.get(sessionId) ?? Promise.resolve())
      .then(write)
      .catch((err: unknown) => logger.error({ err, sessionId }, 'recording segment not stored'));
    writes.set(sessionId, next);
  }

  async function storeSegment(sessionId: string, segment: SegmentInfo) {
    const recording = await prisma.recording.upsert({
      where: { sessionId },
      create: { sessionId, startedAt: segment.startedAt },
      update: {},
    });
    const file = path.relative(dir, segment.file);
    const known = await prisma.recordingSegment.findFirst({
      where: { recordingId: recording.id, file },
    });
    if (known) {
      await prisma.recordingSegment.update({
        where: { id: known.id },
        data: { endedAt: segment.endedAt },
      });
      return;
    }
    const index = await prisma.recordingSegment.count({ where: { recordingId: recording.id } });
    await prisma.recordingSegment.create({
      data: {
        recordingId: recording.id,
        index,
        file,
        startedAt: segment.startedAt,
        endedAt: segment.endedAt,
        track: segment.track ?? 'program',
      },
    });
  }

  /** A segment cut short by a crash has no end time: its file's length gives it. */
  async function segmentsOf(recordingId: string): Promise<SegmentInfo[]> {
    const rows = await prisma.recordingSegment.findMany({
      where: { recordingId },
      orderBy: { index: 'asc' },
    });
    const segments: SegmentInfo[] = [];
    for (const row of rows) {
      const file = path.resolve(dir, row.file);
      let endedAt = row.endedAt;
      if (!endedAt) {
        try {
          endedAt = new Date(
            row.startedAt.getTime() + (await probeDuration(file, deps.ffprobePath)),
          );
        } catch (err) {
          logger.warn({ err, file }, 'unfinished recording segment left out: nothing playable');
          continue;
        }
      }
      segments.push({
        index: row.index,
        file,
        startedAt: row.startedAt,
        endedAt,
        kinds: [],
        track: row.track,
      });
    }
    return segments;
  }

  async function finalize(sessionId: string) {
    const recording = await prisma.recording.findUnique({ where: { sessionId } });
    if (!recording || recording.status === 'ready') return;
    await prisma.recording.update({ where: { id: recording.id }, data: { status: 'processing' } });
    try {
      const segments = await segmentsOf(recording.id);
      if (segments.length === 0) throw new Error('no playable segment was recorded');
      const output = path.join(dir, sessionId, 'recording.mp4');
      const result = await finalizeRecording({
        segments,
        output,
        ffmpegPath: deps.ffmpegPath,
        ffprobePath: deps.ffprobePath,
      });
      await prisma.recording.update({
        where: { id: recording.id },
        data: {
          status: 'ready',
          endedAt: lastEnd(segments),
          durationMs: Math.round(result.durationMs),
          sizeBytes: BigInt((await stat(result.file)).size),
          file: path.relative(dir, result.file),
          // Ready, yet something was left out: staff see what in the error column.
          error: result.problems.length ? result.problems.join('\n').slice(0, 500) : null,
        },
      });
      if (result.problems.length) {
        logger.warn({ sessionId, problems: result.problems }, 'recording ready with gaps');
      }
      logger.info({ sessionId, durationMs: result.durationMs }, 'recording ready');
      await deps.onReady?.(sessionId);
    } catch (err) {
      logger.error({ err, sessionId }, 'recording could not be finalized');
      await prisma.recording.update({
        where: { id: recording.id },
        data: { status: 'failed', error: (err as Error).message.slice(0, 500) },
      });
    }
  }

  function inBackground(sessionId: string, work: () => Promise<void>) {
    const running: Promise<void> = work()
      .catch((err: unknown) => logger.error({ err, sessionId }, 'recording job failed'))
      .finally(() => finishing.delete(running));
    finishing.add(running);
  }

  return {
    /** Records the session's room if the session is live (called on start and on new rooms). */
    async ensure(sessionId: string) {
      const session = await prisma.session.findUnique({
        where: { id: sessionId },
        select: { status: true },
      });
      if (session?.status !== 'live') return;
      // A rebuilt room (its worker died) records into a new part; the segments join up.
      const part = path.join(dir, sessionId, `part-${clock.now().getTime()}`);
      await media.startRecording(sessionId, part, (segment) =>
        queue(sessionId, () => storeSegment(sessionId, segment)),
      );
    },

    /** After the session ended and its room closed: join the segments into the MP4. */
    finish(sessionId: string) {
      inBackground(sessionId, async () => {
        await writes.get(sessionId);
        writes.delete(sessionId);
        await finalize(sessionId);
      });
    },

    /** At start: recordings of sessions that ended while this server was down or joining. */
    async recover() {
      const stale = await prisma.recording.findMany({
        where: {
          status: { in: ['recording', 'processing'] },
          session: { status: { in: ['ended', 'cancelled'] } },
        },
        select: { sessionId: true },
      });
      for (const { sessionId } of stale) inBackground(sessionId, () => finalize(sessionId));
    },

    /** Waits for the joins under way (their ffmpeg runs to the end). */
    async close() {
      await Promise.all([...writes.values()]);
      await Promise.all([...finishing]);
    },
  };
}

export type Recordings = ReturnType<typeof createRecordings>;
