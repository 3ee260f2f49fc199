// From segments to the archive file: real recordings (real worker, real ffmpeg) are joined
// into one faststart MP4 whose timeline matches the session's wall clock.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { MEDIA_CODECS } from '../src/codecs.ts';
import {
  createSessionRecorder,
  finalizeRecording,
  probeDuration,
  type SegmentInfo,
} from '../src/recording/index.ts';
import { startRtpSource, type RtpSource, type RtpSourceOptions } from './support/rtp-source.ts';

const WORKER_BIN =
  process.env.MEDIASOUP_WORKER_BIN ??
  fileURLToPath(new URL('../../.cache/mediasoup-worker', import.meta.url));
const run = promisify(execFile);
const SLOW = 90_000;

let worker: types.Worker;
let router: types.Router;
let dir: string;
const warnings: unknown[] = [];
const sources: RtpSource[] = [];

beforeAll(async () => {
  worker = await mediasoup.createWorker({ workerBin: WORKER_BIN, logLevel: 'warn' });
  router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
});
afterEach(async () => {
  await Promise.all(sources.splice(0).map((source) => source.stop()));
  if (dir) await rm(dir, { recursive: true, force: true });
});
afterAll(() => worker?.close());

async function source(options: Omit<RtpSourceOptions, 'router'> = {}) {
  const started = await startRtpSource({ router, ...options });
  sources.push(started);
  return started;
}

async function newRecorder() {
  dir = await mkdtemp(path.join(os.tmpdir(), 'namesti-finalize-'));
  warnings.length = 0;
  const logger = {
    info: () => {},
    warn: (o: object) => warnings.push(o),
    error: (o: object) => warnings.push(o),
  };
  return createSessionRecorder({ router, dir, logger });
}

function spanMs(segments: SegmentInfo[]) {
  return segments.at(-1)!.endedAt!.getTime() - segments[0]!.startedAt.getTime();
}

async function timedFinalize(segments: SegmentInfo[], name: string) {
  const started = performance.now();
  const result = await finalizeRecording({ segments, output: path.join(dir, name) });
  const tookMs = Math.round(performance.now() - started);
  console.info(`finalize ${name}: ${result.durationMs} ms of video in ${tookMs} ms`);
  return result;
}

describe('finalizeRecording', () => {
  it(
    'joins two segments and the 2 s gap between them into one faststart MP4',
    { timeout: SLOW },
    async () => {
      const camera = await source();
      const recorder = await newRecorder();
      await recorder.setSources(camera.producers);
      await sleep(3000);
      await recorder.setSources({}); // the host drops out
      await sleep(2000);
      await recorder.setSources(camera.producers);
      await sleep(3000);
      const segments = await recorder.stop();
      expect(segments).toHaveLength(2);
      const gapMs = segments[1]!.startedAt.getTime() - segments[0]!.endedAt!.getTime();
      expect(gapMs).toBeGreaterThan(1800);

      const result = await timedFinalize(segments, 'session.mp4');

      expect(Math.abs(result.durationMs - spanMs(segments))).toBeLessThan(1000);
      expect(result.sizeBytes).toBeGreaterThan(50_000);
      const boxes = await mp4Boxes(result.file);
      expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
      expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
      const probed = await ffprobe(result.file);
      expect(probed.video).toMatchObject({
        codec_name: 'h264',
        width: 1280,
        height: 720,
        pix_fmt: 'yuv420p',
      });
      expect(probed.audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
      // The gap is the only black stretch: the test picture is never black.
      const firstMs = segments[0]!.endedAt!.getTime() - segments[0]!.startedAt.getTime();
      const black = await blackStretches(result.file);
      const layout = JSON.stringify({ segments, black, warnings });
      expect(black, layout).toHaveLength(1);
      expect(Math.abs(black[0]!.start * 1000 - firstMs), layout).toBeLessThan(300);
      expect(Math.abs((black[0]!.end - black[0]!.start) * 1000 - gapMs), layout).toBeLessThan(300);
      expect((await readdir(dir)).filter((name) => name.startsWith('.finalize-'))).toEqual([]);
    },
  );

  it('keeps sound and picture aligned from the source to the MP4', { timeout: SLOW }, async () => {
    const camera = await source({ pattern: 'sync', video: 'h264' });
    const recorder = await newRecorder();
    await recorder.setSources(camera.producers);
    await sleep(5000);
    const segments = await recorder.stop();

    const result = await timedFinalize(segments, 'sync.mp4');
    const { flashes, beeps } = await flashesAndBeeps(result.file);

    expect(flashes.length).toBeGreaterThanOrEqual(3);
    for (const flash of flashes) {
      const nearest = Math.min(...beeps.map((beep) => Math.abs(beep - flash)));
      expect(nearest).toBeLessThan(0.1);
    }
  });

  it(
    'gives an audio-only segment black picture and a video-only one silence',
    { timeout: SLOW },
    async () => {
      const phone = await source({ video: 'none' });
      const screen = await source({ audio: false });
      const recorder = await newRecorder();
      await recorder.setSources(phone.producers);
      await sleep(2000);
      await recorder.setSources(screen.producers);
      await sleep(2000);
      const segments = await recorder.stop();
      expect(segments.map((s) => s.kinds)).toEqual([['audio'], ['video']]);

      const result = await timedFinalize(segments, 'mixed.mp4');

      expect(Math.abs(result.durationMs - spanMs(segments))).toBeLessThan(1000);
      const probed = await ffprobe(result.file);
      expect(probed.video?.codec_name).toBe('h264');
      expect(probed.audio?.codec_name).toBe('aac');
      const black = await blackStretches(result.file);
      expect(black[0]?.start).toBeLessThan(0.1);
      expect(black[0]!.end).toBeGreaterThan(1.5);
    },
  );
});

describe('probeDuration', () => {
  it('measures a file whose writer was killed before it wrote the duration', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'namesti-probe-'));
    const file = path.join(dir, 'killed.mkv');
    const writer = spawn('ffmpeg', [
      ...['-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'sine', '-c:a', 'libopus'],
      ...['-cluster_time_limit', '500', '-flush_packets', '1', '-f', 'matroska', file],
    ]);
    await sleep(2500);
    writer.kill('SIGKILL');
    await new Promise((resolve) => writer.once('close', resolve));

    const header = await run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'format=duration',
      '-of',
      'csv=p=0',
      file,
    ]);
    expect(header.stdout.trim()).toBe('N/A');
    const durationMs = await probeDuration(file);
    expect(durationMs).toBeGreaterThan(1000);
    expect(durationMs).toBeLessThan(3000);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ffprobe(file: string) {
  const { stdout } = await run('ffprobe', [
    ...['-v', 'error', '-show_entries', 'stream', '-of', 'json', file],
  ]);
  const { streams } = JSON.parse(stdout) as { streams: Record<string, unknown>[] };
  return {
    video: streams.find((stream) => stream.codec_type === 'video'),
    audio: streams.find((stream) => stream.codec_type === 'audio'),
  };
}

async function detect(file: string, args: string[]) {
  const { stderr } = await run('ffmpeg', [
    '-hide_banner',
    '-nostdin',
    '-i',
    file,
    ...args,
    '-f',
    'null',
    '-',
  ]);
  return stderr;
}

async function blackStretches(file: string) {
  const log = await detect(file, ['-an', '-vf', 'blackdetect=d=0.2:pix_th=0.1']);
  return [...log.matchAll(/black_start:([\d.]+) black_end:([\d.]+)/g)].map((m) => ({
    start: Number(m[1]),
    end: Number(m[2]),
  }));
}

/** Start times (s) of the white flashes and the beeps of a 'sync' source. */
async function flashesAndBeeps(file: string) {
  const log = await detect(file, [
    '-vf',
    'blackdetect=d=0.05:pix_th=0.5',
    '-af',
    'silencedetect=d=0.05',
  ]);
  const times = (pattern: RegExp) => [...log.matchAll(pattern)].map((m) => Number(m[1]));
  return { flashes: times(/black_end:([\d.]+)/g), beeps: times(/silence_end: ([\d.]+)/g) };
}

/** Top-level MP4 boxes in file order, e.g. ftyp, moov, free, mdat. */
async function mp4Boxes(file: string): Promise<string[]> {
  const data = await readFile(file);
  const boxes: string[] = [];
  for (let offset = 0; offset + 8 <= data.length;) {
    const size = data.readUInt32BE(offset);
    boxes.push(data.toString('latin1', offset + 4, offset + 8));
    if (size < 8) break;
    offset += size;
  }
  return boxes;
}
