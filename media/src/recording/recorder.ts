// A session's recording: follows the program's producers, one segment per set of producers,
// one change at a time. ffmpeg dying is logged and answered with a fresh segment.
import { mkdir } from 'node:fs/promises';
import type { types } from 'mediasoup';
import type { FfmpegExit } from './ffmpeg-process.ts';
import { startSegment, type RunningSegment } from './segment.ts';
import type {
  RecordingSources,
  SegmentInfo,
  SessionRecorder,
  SessionRecorderOptions,
} from './types.ts';

const MAX_CONSECUTIVE_FAILURES = 5;
const RETRY_BASE_DELAY_MS = 300;
/** A segment that ran this long proves the setup works; its crash starts the count afresh. */
const HEALTHY_SEGMENT_MS = 30_000;

export function createSessionRecorder(options: SessionRecorderOptions): SessionRecorder {
  const { router, dir, logger } = options;
  const now = options.now ?? (() => new Date());
  const segments: SegmentInfo[] = [];
  let desired: RecordingSources = {};
  let current: RunningSegment | null = null;
  let failures = 0;
  let stopped = false;
  let queue: Promise<void> = Promise.resolve();

  // Every change runs after the previous one finished: never two ffmpeg for one recorder.
  const enqueue = (task: () => Promise<void>): Promise<void> => {
    const run = queue.then(task).catch((error: unknown) => {
      logger.error({ err: error, dir }, 'recording step failed');
    });
    queue = run;
    return run;
  };

  // A throwing listener must not derail the recording it listens to.
  const report = (segment: SegmentInfo) => {
    try {
      options.onSegment?.({ ...segment, kinds: [...segment.kinds] });
    } catch (error) {
      logger.error({ err: error, file: segment.file }, 'onSegment listener threw');
    }
  };

  const endCurrent = async () => {
    const segment = current;
    if (!segment) return;
    current = null;
    await segment.stop();
    report(segment.info);
  };

  const startFor = async (sources: RecordingSources) => {
    while (!stopped && failures < MAX_CONSECUTIVE_FAILURES) {
      let started: RunningSegment | null = null;
      try {
        await mkdir(dir, { recursive: true });
        started = await startSegment({
          router,
          sources,
          index: segments.length,
          track: options.track ?? 'program',
          dir,
          ffmpegPath: options.ffmpegPath ?? 'ffmpeg',
          listenIp: options.listenIp ?? '127.0.0.1',
          logger,
          now,
          onUnexpectedExit: (exit) => void enqueue(() => recoverFrom(started, exit)),
          onProducerClosed: () => void enqueue(followSources),
        });
      } catch (error) {
        failures++;
        logger.error({ err: error, dir, attempt: failures }, 'could not start a recording segment');
        await delay(RETRY_BASE_DELAY_MS * failures);
        sources = liveSources(desired);
        if (!hasAny(sources)) return;
        continue;
      }
      current = started;
      segments.push(started.info);
      logger.info(
        { file: started.info.file, kinds: started.info.kinds },
        'recording segment started',
      );
      report(started.info);
      return;
    }
    if (!stopped) {
      logger.error(
        { dir, failures },
        'recording gave up after repeated failures; nothing is being recorded',
      );
    }
  };

  // ffmpeg died on its own: keep what it wrote, then record the same producers anew.
  const recoverFrom = async (segment: RunningSegment | null, exit: FfmpegExit) => {
    if (!segment || current !== segment) return;
    logger.error(
      { file: segment.info.file, code: exit.code, signal: exit.signal, stderr: exit.stderrTail },
      'recording ffmpeg exited unexpectedly; starting a new segment',
    );
    const ranMs = now().getTime() - segment.info.startedAt.getTime();
    if (ranMs >= HEALTHY_SEGMENT_MS) failures = 0;
    failures++;
    await endCurrent();
    if (failures >= MAX_CONSECUTIVE_FAILURES) {
      logger.error({ dir, failures }, 'recording gave up after repeated ffmpeg crashes');
      return;
    }
    await delay(RETRY_BASE_DELAY_MS * failures);
    const sources = liveSources(desired);
    if (!stopped && hasAny(sources)) await startFor(sources);
  };

  const followSources = async () => {
    if (stopped) return;
    const wanted = liveSources(desired);
    if (current && sameProducers(current.producerIds, wanted)) return;
    await endCurrent();
    // Read again: producers that closed while ffmpeg was finishing need no segment of their own.
    const sources = liveSources(desired);
    if (hasAny(sources)) await startFor(sources);
  };

  return {
    setSources(sources) {
      if (stopped) {
        logger.warn({ dir }, 'setSources after stop is ignored');
        return Promise.resolve();
      }
      if (!sameProducers(producerIds(desired), sources)) failures = 0;
      desired = { ...sources };
      return enqueue(followSources);
    },
    async stop() {
      stopped = true;
      await enqueue(endCurrent);
      return segments.map((segment) => ({ ...segment, kinds: [...segment.kinds] }));
    },
    segments: () => segments.map((segment) => ({ ...segment, kinds: [...segment.kinds] })),
  };
}

function liveSources(sources: RecordingSources): RecordingSources {
  const live: RecordingSources = {};
  if (sources.audio && !sources.audio.closed) live.audio = sources.audio;
  if (sources.video && !sources.video.closed) live.video = sources.video;
  return live;
}

function producerIds(sources: RecordingSources): string[] {
  return [sources.audio, sources.video]
    .filter((producer): producer is types.Producer => producer !== undefined)
    .map((producer) => producer.id);
}

function sameProducers(ids: string[], sources: RecordingSources): boolean {
  const wanted = producerIds(sources);
  return ids.length === wanted.length && wanted.every((id) => ids.includes(id));
}

function hasAny(sources: RecordingSources): boolean {
  return sources.audio !== undefined || sources.video !== undefined;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
