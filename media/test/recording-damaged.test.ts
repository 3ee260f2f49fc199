// A meeting's recording is finished even when one of its files is bad: real ffmpeg on files
// made here, one of them in a codec no decoder reads (what a damaged or foreign upload looks
// like to ffmpeg). The bad part is left out, the rest keeps its place, and the result says what.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalizeRecording, probeDuration, type SegmentInfo } from '../src/recording/index.ts';
import { audibleStretches } from './support/audible.ts';

const run = promisify(execFile);
const SLOW = 60_000;
const T0 = Date.parse('2026-12-07T17:00:00Z');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'namesti-damaged-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A file ffmpeg writes from its test sources, as the recorder's .mkv would hold them. */
async function made(name: string, seconds: number, content: 'picture' | 'tone' | 'both') {
  const file = path.join(dir, name);
  const picture = ['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30'];
  const silence = ['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo'];
  const tone = ['-f', 'lavfi', '-i', 'sine=frequency=880:sample_rate=48000'];
  const inputs = { picture, tone, both: [...picture, ...silence] }[content];
  await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', ...inputs, '-t', String(seconds)],
    ...(content === 'tone' ? [] : ['-c:v', 'libvpx', '-deadline', 'realtime']),
    ...(content === 'picture' ? [] : ['-c:a', 'libopus']),
    ...['-f', 'matroska', '-y', file],
  ]);
  return file;
}

/** A WAV whose header ffprobe reads (audio, 3 s) in a format no decoder knows. */
async function undecodable(name: string) {
  const file = path.join(dir, name);
  const data = Buffer.alloc(48_000 * 4 * 3, 0x5a);
  const format = Buffer.alloc(16);
  format.writeUInt16LE(0x1234, 0); // no such codec
  format.writeUInt16LE(2, 2);
  format.writeUInt32LE(48_000, 4);
  format.writeUInt32LE(192_000, 8);
  format.writeUInt16LE(4, 12);
  format.writeUInt16LE(16, 14);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0);
  header.writeUInt32LE(4 + 8 + format.length + 8 + data.length, 4);
  header.write('WAVE', 8);
  const chunk = (id: string, size: number) => {
    const head = Buffer.alloc(8);
    head.write(id, 0);
    head.writeUInt32LE(size, 4);
    return head;
  };
  await writeFile(
    file,
    Buffer.concat([header, chunk('fmt ', 16), format, chunk('data', data.length), data]),
  );
  return file;
}

/**
 * What a recorder leaves when it is stopped before its first packet: the header and the start
 * of a cluster, no duration (the writer never came back to fill it in) and no packets.
 */
async function startedButEmpty(name: string) {
  const file = path.join(dir, name);
  const { stdout } = await run(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error'],
      // A source of no known length, to a pipe: the header says nothing of the duration.
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-frames:a', '50'],
      ...['-c:a', 'libopus', '-f', 'matroska', 'pipe:1'],
    ],
    { encoding: 'buffer', maxBuffer: 1 << 20 },
  );
  const cluster = stdout.indexOf(Buffer.from([0x1f, 0x43, 0xb6, 0x75]));
  expect(cluster).toBeGreaterThan(0);
  await writeFile(file, stdout.subarray(0, cluster + 12));
  return file;
}

function segment(
  file: string,
  index: number,
  fromS: number,
  toS: number,
  track: 'program' | 'stage' = 'program',
): SegmentInfo {
  return {
    index,
    file,
    startedAt: new Date(T0 + fromS * 1000),
    endedAt: new Date(T0 + toS * 1000),
    kinds: [],
    track,
  };
}

describe('finalizing around bad files', () => {
  it(
    'mixes the stage clip that has sound and passes over one that has none',
    { timeout: SLOW },
    async () => {
      const program = await made('program-a.mkv', 8, 'both');
      const spoke = await made('stage-a.mkv', 2, 'tone');
      const mute = await made('stage-mute.mkv', 2, 'picture');
      const result = await finalizeRecording({
        segments: [
          segment(program, 0, 0, 8),
          segment(mute, 0, 1, 3, 'stage'),
          segment(spoke, 1, 5, 7, 'stage'),
        ],
        output: path.join(dir, 'a.mp4'),
      });
      expect(result.problems).toEqual([]);
      const heard = await audibleStretches(result.file);
      expect(heard).toHaveLength(1);
      expect(heard[0]![0]).toBeCloseTo(5, 0);
      expect(heard[0]![1]).toBeCloseTo(7, 0);
    },
  );

  it(
    'keeps the program when the stage sound cannot be decoded, and says so',
    { timeout: SLOW },
    async () => {
      const program = await made('program-b.mkv', 6, 'both');
      const result = await finalizeRecording({
        segments: [
          segment(program, 0, 0, 6),
          segment(await undecodable('stage-b.wav'), 0, 2, 4, 'stage'),
        ],
        output: path.join(dir, 'b.mp4'),
      });
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatch(/^the stage's sound could not be mixed in: .*decoder/i);
      expect(Math.abs(result.durationMs - 6_000)).toBeLessThan(200);
      expect(await audibleStretches(result.file)).toEqual([]);
    },
  );

  it(
    'turns a program segment no decoder reads into filler of its length',
    { timeout: SLOW },
    async () => {
      const first = await made('program-c1.mkv', 3, 'both');
      const bad = await undecodable('program-c2.wav');
      const last = await made('program-c3.mkv', 3, 'both');
      const result = await finalizeRecording({
        segments: [segment(first, 0, 0, 3), segment(bad, 1, 3, 6), segment(last, 2, 6, 9)],
        output: path.join(dir, 'c.mp4'),
      });
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatch(/^program-c2\.wav unreadable: .*decoder/i);
      // Minute N of the file is still minute N of the meeting.
      expect(Math.abs(result.durationMs - 9_000)).toBeLessThan(200);
      expect(Math.abs((await probeDuration(result.file)) - result.durationMs)).toBeLessThan(100);
    },
  );

  it(
    'fills the time of a segment stopped before its first packet, and keeps the rest',
    { timeout: SLOW },
    async () => {
      const empty = await startedButEmpty('segment-empty.mkv');
      const last = await made('program-d.mkv', 3, 'both');
      const result = await finalizeRecording({
        segments: [segment(empty, 0, 0, 2), segment(last, 1, 2, 5)],
        output: path.join(dir, 'd.mp4'),
      });
      // Nothing was lost that had been recorded: no problem to report.
      expect(result.problems).toEqual([]);
      expect(Math.abs(result.durationMs - 5_000)).toBeLessThan(200);
    },
  );
});
