// The session recorder against a real mediasoup worker and real ffmpeg: producers fed by an
// ffmpeg RTP source are recorded into segment files, across source switches and crashes.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { MEDIA_CODECS } from '../src/codecs.ts';
import { createSessionRecorder, type SegmentInfo } from '../src/recording/index.ts';
import { startRtpSource, type RtpSource, type RtpSourceOptions } from './support/rtp-source.ts';

const WORKER_BIN =
  process.env.MEDIASOUP_WORKER_BIN ??
  fileURLToPath(new URL('../../.cache/mediasoup-worker', import.meta.url));
const run = promisify(execFile);

let worker: types.Worker;
let router: types.Router;
const sources: RtpSource[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  worker = await mediasoup.createWorker({ workerBin: WORKER_BIN, logLevel: 'warn' });
  router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
});
afterEach(async () => {
  await Promise.all(sources.splice(0).map((source) => source.stop()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
afterAll(() => worker?.close());

async function source(options: Omit<RtpSourceOptions, 'router'> = {}) {
  const started = await startRtpSource({ router, ...options });
  sources.push(started);
  return started;
}

async function recorderInTempDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'namesti-recording-'));
  dirs.push(dir);
  const logs: { level: string; obj: Record<string, unknown>; msg?: string }[] = [];
  const log = (level: string) => (obj: object, msg?: string) =>
    logs.push({ level, obj: obj as Record<string, unknown>, msg });
  const events: SegmentInfo[] = [];
  const recorder = createSessionRecorder({
    router,
    dir,
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    onSegment: (segment) => events.push(segment),
  });
  return { dir, logs, events, recorder };
}

describe('session recorder', () => {
  it('records a VP8 + Opus program into one segment with both streams', async () => {
    const camera = await source();
    const { recorder, events } = await recorderInTempDir();

    await recorder.setSources(camera.producers);
    const sentAtStart = camera.mediaTimeS();
    expect(events).toMatchObject([{ index: 0, endedAt: null, kinds: ['audio', 'video'] }]);
    await sleep(4000);
    const sent = camera.mediaTimeS() - sentAtStart;
    const segments = await recorder.stop();

    expect(segments).toHaveLength(1);
    const [segment] = segments as [SegmentInfo];
    expect(events.at(-1)).toMatchObject({ index: 0, file: segment.file });
    expect(segment.endedAt!.getTime() - segment.startedAt.getTime()).toBeGreaterThan(3500);
    const probed = await ffprobe(segment.file);
    expect(probed.video).toMatchObject({ codec_name: 'vp8', width: 640, height: 360 });
    expect(probed.audio).toMatchObject({ codec_name: 'opus' });
    // Everything the sender sent while recording is in the file.
    const lengths = `file ${probed.durationS} s, sent ${sent} s`;
    expect(Math.abs(probed.durationS - sent), lengths).toBeLessThan(0.5);
  });

  it('ends the segment and starts a new one when the producers change', async () => {
    const studio = await source();
    const obs = await source({ video: 'h264' });
    const { recorder, logs } = await recorderInTempDir();

    await recorder.setSources(studio.producers);
    await sleep(2500);
    await recorder.setSources(obs.producers);
    await recorder.setSources({ ...obs.producers }); // same producers: no new segment
    await studio.stop();
    await sleep(2500);
    const [first, second, ...rest] = await recorder.stop();

    expect(rest).toEqual([]);
    expect(first!.endedAt!.getTime()).toBeLessThanOrEqual(second!.startedAt.getTime());
    expect(second!.startedAt.getTime() - first!.endedAt!.getTime()).toBeLessThan(2000);
    expect((await ffprobe(first!.file, logs)).video?.codec_name).toBe('vp8');
    const probed = await ffprobe(second!.file, logs);
    expect(probed.video?.codec_name).toBe('h264');
    expect(probed.audio?.codec_name).toBe('opus');
  });

  it('applies rapid changes one at a time, never running two ffmpeg at once', async () => {
    const a = await source({ video: 'none' });
    const b = await source({ video: 'none' });
    const { recorder, dir } = await recorderInTempDir();

    const changes = [
      recorder.setSources(a.producers),
      recorder.setSources({}),
      recorder.setSources(b.producers),
      recorder.setSources(a.producers),
    ];
    await Promise.all(changes);
    expect(await pidsMentioning(dir)).toHaveLength(1);
    await sleep(1000);
    const segments = await recorder.stop();

    expect(await pidsMentioning(dir)).toHaveLength(0);
    for (const [earlier, later] of segments.slice(0, -1).map((s, i) => [s, segments[i + 1]!])) {
      expect(earlier!.endedAt!.getTime()).toBeLessThanOrEqual(later!.startedAt.getTime());
    }
    expect(segments.at(-1)?.kinds).toEqual(['audio']);
    expect((await ffprobe(segments.at(-1)!.file)).audio?.codec_name).toBe('opus');
  });

  it('logs a killed ffmpeg and records the same producers in a new segment', async () => {
    const camera = await source();
    const { recorder, events, logs, dir } = await recorderInTempDir();

    await recorder.setSources(camera.producers);
    await sleep(2000);
    const [pid, ...others] = await pidsMentioning(path.join(dir, 'segment-0000.sdp'));
    expect(others).toEqual([]);
    process.kill(pid!, 'SIGKILL');
    await waitFor(() => events.some((e) => e.index === 1 && !e.endedAt), 10_000, 'segment 1');
    await sleep(2500);
    const segments = await recorder.stop();

    expect(segments.map((s) => s.index)).toEqual([0, 1]);
    const crash = logs.find((entry) => entry.level === 'error');
    expect(crash?.msg).toMatch(/exited unexpectedly/);
    expect(crash?.obj).toMatchObject({ signal: 'SIGKILL', stderr: expect.any(Array) });
    const probed = await ffprobe(segments[1]!.file);
    expect(probed.video?.codec_name).toBe('vp8');
    expect(probed.audio?.codec_name).toBe('opus');
    // What the killed ffmpeg wrote is kept: readable, if without an index.
    expect((await ffprobe(segments[0]!.file)).video?.codec_name).toBe('vp8');
  });

  it('ends the segment when the recorded producers close (the host left)', async () => {
    const camera = await source();
    const { recorder, events } = await recorderInTempDir();

    await recorder.setSources(camera.producers);
    await sleep(2000);
    const leftAt = Date.now();
    await camera.stop();
    await waitFor(() => events.length === 2, 10_000, 'the segment to end');
    const segments = await recorder.stop();

    expect(segments).toHaveLength(1);
    expect(Math.abs(segments[0]!.endedAt!.getTime() - leftAt)).toBeLessThan(1500);
    expect((await ffprobe(segments[0]!.file)).video?.codec_name).toBe('vp8');
  });

  it('gives up after a bounded number of failed starts, leaving nothing open', async () => {
    const camera = await source();
    const { dir, logs } = await recorderInTempDir();
    const transportsBefore = (await router.dump()).transportIds.length;
    const recorder = createSessionRecorder({
      router,
      dir,
      ffmpegPath: path.join(dir, 'no-such-ffmpeg'),
      logger: {
        info: () => {},
        warn: () => {},
        error: (obj, msg) =>
          logs.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
      },
    });

    await recorder.setSources(camera.producers);

    const attempts = logs.filter((entry) => entry.msg?.startsWith('could not start'));
    expect(attempts.length).toBe(5);
    expect(String(attempts[0]!.obj.err)).toMatch(/ENOENT/);
    expect(logs.at(-1)?.msg).toMatch(/gave up/);
    expect((await router.dump()).transportIds.length).toBe(transportsBefore);
    expect(await recorder.stop()).toEqual([]);
  });

  it('records H.264 constrained baseline as OBS sends it', async () => {
    const obs = await source({ video: 'h264' });
    const { recorder } = await recorderInTempDir();

    await recorder.setSources(obs.producers);
    await sleep(3000);
    const [segment] = await recorder.stop();

    const probed = await ffprobe(segment!.file);
    expect(probed.video).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
    expect(probed.video?.profile).toMatch(/Baseline/);
    expect(probed.audio?.codec_name).toBe('opus');
    expect(probed.durationS).toBeGreaterThan(2);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

interface Stream {
  codec_type: string;
  codec_name: string;
  profile?: string;
  width?: number;
  height?: number;
}

/** ffprobe a file; if it cannot, say what the recorder logged, which is what explains it. */
async function ffprobe(file: string, logs: unknown[] = []) {
  const { stdout } = await run('ffprobe', [
    ...['-v', 'error', '-show_entries', 'format=duration:stream', '-of', 'json', file],
  ]).catch((error: Error) => {
    throw new Error(`${error.message}\nrecorder log: ${JSON.stringify(logs, null, 1)}`);
  });
  const parsed = JSON.parse(stdout) as { format: { duration?: string }; streams: Stream[] };
  return {
    durationS: Number(parsed.format.duration),
    video: parsed.streams.find((stream) => stream.codec_type === 'video'),
    audio: parsed.streams.find((stream) => stream.codec_type === 'audio'),
  };
}

/** Pids of processes whose command line mentions the text: the recorder's own ffmpeg. */
async function pidsMentioning(text: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    // A process may end while we look; it then mentions nothing.
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').then(String, () => '');
    if (cmdline.includes(text)) pids.push(Number(entry));
  }
  return pids;
}
