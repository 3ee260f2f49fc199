// Waits around a recording ffmpeg: for its sockets (so no packet is sent into the void), for
// the first key frame mediasoup forwards, and for ffmpeg's first written video frame.
import type { types } from 'mediasoup';
import type { FfmpegProcess } from './ffmpeg-process.ts';
import { boundUdpPorts } from './ports.ts';
import type { RecorderLogger } from './types.ts';

const POLL_MS = 25;
const WAIT_WITHOUT_PROC_MS = 500;

/** Resolves once ffmpeg has bound every given port; rejects if it exits or takes too long. */
export async function waitUntilListening(
  ffmpeg: FfmpegProcess,
  ports: number[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (ffmpeg.hasExited()) {
      const exit = await ffmpeg.exited;
      throw new Error(
        `ffmpeg exited (${exit.spawnError?.message ?? exit.code ?? exit.signal}) before listening: ` +
          exit.stderrTail.slice(-5).join(' | '),
      );
    }
    const bound = await boundUdpPorts();
    if (bound === null) {
      // No kernel table to look at (not Linux): give ffmpeg a moment instead.
      await sleep(WAIT_WITHOUT_PROC_MS);
      return;
    }
    if (ports.every((port) => bound.has(port))) return;
    if (Date.now() > deadline) {
      throw new Error(`ffmpeg did not bind ports ${ports.join(', ')} within ${timeoutMs} ms`);
    }
    await sleep(POLL_MS);
  }
}

/**
 * Asks the sender for a key frame now and then every intervalMs until ffmpeg has written
 * video, at most maxRequests times. Returns the timer so the caller can cancel it.
 */
export function requestKeyFramesUntilWritten(
  consumer: types.Consumer,
  ffmpeg: FfmpegProcess,
  logger: RecorderLogger,
  intervalMs: number,
  maxRequests: number,
): NodeJS.Timeout {
  let requests = 0;
  const requestOnce = () => {
    if (ffmpeg.progress().frame > 0 || ffmpeg.hasExited()) {
      clearInterval(timer);
      return;
    }
    if (requests >= maxRequests) {
      clearInterval(timer);
      logger.warn(
        { consumerId: consumer.id, requests },
        'recording has no video yet after repeated key frame requests',
      );
      return;
    }
    requests++;
    consumer.requestKeyFrame().catch((error: unknown) => {
      logger.warn({ err: error, consumerId: consumer.id }, 'key frame request failed');
    });
  };
  const timer = setInterval(requestOnce, intervalMs);
  requestOnce();
  return timer;
}

/**
 * Call before resuming a video consumer: `sent` resolves true when it forwards its first key
 * frame (mediasoup forwards nothing of a resumed video consumer before one), or false after
 * timeoutMs. Tracing is switched off again either way.
 */
export async function watchFirstKeyFrame(
  consumer: types.Consumer,
  timeoutMs: number,
): Promise<{ sent: Promise<boolean> }> {
  let onTrace: ((trace: types.ConsumerTraceEventData) => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const outcome = new Promise<boolean>((resolve) => {
    onTrace = (trace) => {
      if (trace.type === 'keyframe' && trace.direction === 'out') resolve(true);
    };
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  if (onTrace) consumer.on('trace', onTrace);
  await consumer.enableTraceEvent(['keyframe']);
  const sent = outcome.then(async (result) => {
    clearTimeout(timer);
    if (onTrace) consumer.off('trace', onTrace);
    if (!consumer.closed) await consumer.enableTraceEvent([]);
    return result;
  });
  return { sent };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
