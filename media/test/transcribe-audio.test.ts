// Audio for the transcription engines, with the real ffmpeg: any recording in, 16 kHz mono
// 16-bit WAV out, and clear errors for files that hold no sound.
import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  audioDurationMs,
  decodeTranscriptionWav,
  readTranscriptionWav,
  toTranscriptionWav,
  TranscriptionError,
} from '../src/transcribe/index.ts';
import { rejection } from './support/rejection.ts';

const run = promisify(execFile);
const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg';
const FFPROBE = process.env.FFPROBE_PATH ?? 'ffprobe';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'namesti-transcribe-audio-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function ffmpeg(...args: string[]) {
  await run(FFMPEG, ['-hide_banner', '-v', 'error', '-y', ...args]);
}

async function exists(file: string) {
  return access(file).then(
    () => true,
    () => false,
  );
}

describe('toTranscriptionWav', () => {
  it('turns a video recording with stereo 48 kHz Opus into 16 kHz mono 16-bit WAV', async () => {
    const input = path.join(dir, 'meeting.mkv');
    await ffmpeg(
      ...['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=10:duration=2'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=48000:duration=2'],
      ...['-c:v', 'ffv1', '-ac', '2', '-c:a', 'libopus', input],
    );
    const output = path.join(dir, 'meeting.wav');
    await toTranscriptionWav(input, output, FFMPEG);

    const bytes = await readFile(output);
    expect(bytes.toString('latin1', 0, 4)).toBe('RIFF');
    const { stdout } = await run(FFPROBE, [
      ...['-v', 'error', '-show_entries', 'stream=codec_name,sample_rate,channels'],
      ...['-of', 'json', output],
    ]);
    expect((JSON.parse(stdout) as { streams: unknown }).streams).toEqual([
      { codec_name: 'pcm_s16le', sample_rate: '16000', channels: 1 },
    ]);
    const samples = await readTranscriptionWav(output);
    expect(samples.length).toBeGreaterThan(1.9 * 16_000);
    expect(samples.length).toBeLessThan(2.1 * 16_000);
    expect(Math.max(...samples.subarray(8000, 24000))).toBeGreaterThan(0.05); // the tone (lavfi sine: amplitude 1/8)
    const durationMs = await audioDurationMs(output, FFPROBE);
    expect(Math.abs(durationMs - 2000)).toBeLessThan(100);
    expect(await exists(`${output}.part`)).toBe(false);
  });

  it('says bad_audio for a file without an audio stream and leaves no output', async () => {
    const input = path.join(dir, 'silent-film.mkv');
    await ffmpeg(
      ...['-f', 'lavfi', '-i', 'color=c=black:size=64x48:rate=10:duration=1'],
      ...['-c:v', 'ffv1', input],
    );
    const output = path.join(dir, 'silent-film.wav');
    const error = await rejection(toTranscriptionWav(input, output, FFMPEG));
    expect(error.reason).toBe('bad_audio');
    expect(error.message).toContain('no audio stream');
    expect(await exists(output)).toBe(false);
    expect(await exists(`${output}.part`)).toBe(false);
  });

  it('says bad_audio for a file that is not media, or missing', async () => {
    const junk = path.join(dir, 'junk.webm');
    await writeFile(junk, 'definitely not a webm file');
    expect((await rejection(toTranscriptionWav(junk, `${junk}.wav`, FFMPEG))).reason).toBe(
      'bad_audio',
    );
    const missing = path.join(dir, 'missing.webm');
    expect((await rejection(toTranscriptionWav(missing, `${missing}.wav`, FFMPEG))).reason).toBe(
      'bad_audio',
    );
    expect((await rejection(audioDurationMs(missing, FFPROBE))).reason).toBe('bad_audio');
  });

  it('says engine_unavailable without ffmpeg, and aborted when asked to stop', async () => {
    const input = path.join(dir, 'any.ogg');
    await ffmpeg('-f', 'lavfi', '-i', 'sine=duration=1', '-c:a', 'libopus', input);
    const noFfmpeg = toTranscriptionWav(input, path.join(dir, 'x.wav'), '/nonexistent/ffmpeg');
    expect((await rejection(noFfmpeg)).reason).toBe('engine_unavailable');
    const aborted = toTranscriptionWav(input, path.join(dir, 'y.wav'), FFMPEG, {
      signal: AbortSignal.abort(),
    });
    expect((await rejection(aborted)).reason).toBe('aborted');
    expect(await exists(path.join(dir, 'y.wav'))).toBe(false);
  });
});

describe('decodeTranscriptionWav', () => {
  it('refuses WAV files in another format, pointing at toTranscriptionWav', async () => {
    const input = path.join(dir, 'cd.wav');
    await ffmpeg('-f', 'lavfi', '-i', 'sine=sample_rate=44100:duration=0.5', '-ac', '2', input);
    const error = await rejection(readTranscriptionWav(input));
    expect(error.reason).toBe('bad_audio');
    expect(error.message).toContain('toTranscriptionWav');
    expect(() => decodeTranscriptionWav(Buffer.from('RIFF'))).toThrow(TranscriptionError);
  });
});
