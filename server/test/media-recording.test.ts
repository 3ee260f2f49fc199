// A live session is recorded from start to end on the real app: ffmpeg plays the encoder in
// the chamber, a reconnect makes a second segment, and the ended session's MP4 lasts as long
// as the broadcast did, serves range requests, and is marked ready in the database.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { RecordingDto } from '../src/protocol/media.ts';
import { loginAs, startTestApp, testEnv } from './support/app.ts';
import type { TestClient } from './support/http-client.ts';
import { liveSession } from './support/participation.ts';
import { audibleStretches } from '../../media/test/support/audible.ts';

const run = promisify(execFile);
let app: RunningApp;
let admin: TestClient;
const encoders: ChildProcess[] = [];

beforeAll(async () => {
  app = await startTestApp({ MEDIA: 'auto', MEDIA_WORKERS: '1' });
  admin = await loginAs(app.url);
});

afterAll(async () => {
  for (const encoder of encoders) encoder.kill('SIGKILL');
  await app.close();
});

/** The chamber's encoder: a test picture (VP8) and a tone (Opus, or silence) into the room's
 * RTP ingest. */
async function goOnAir(sessionId: string, sound: 'tone' | 'silence' = 'tone') {
  const room = await app.media.room(sessionId);
  const video = await room.createPlainIngest('chamber', {
    kind: 'video',
    source: 'camera',
    rtpParameters: {
      codecs: [
        {
          mimeType: 'video/VP8',
          payloadType: 101,
          clockRate: 90000,
          rtcpFeedback: [
            { type: 'nack', parameter: 'pli' },
            { type: 'ccm', parameter: 'fir' },
          ],
        },
      ],
      encodings: [{ ssrc: 22222222 }],
    },
  });
  const audio = await room.createPlainIngest('chamber', {
    kind: 'audio',
    source: 'microphone',
    rtpParameters: {
      codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
      encodings: [{ ssrc: 33333333 }],
    },
  });
  const rtp = (to: { port: number; rtcpPort: number }) =>
    `rtp://127.0.0.1:${to.port}?rtcpport=${to.rtcpPort}&pkt_size=1200`;
  const encoder = spawn('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-nostdin'],
    // -re on each input: both must run at real time, or the tone floods the picture out.
    ...['-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30'],
    ...['-re', '-f', 'lavfi', '-i', sound === 'tone' ? TONE : SILENCE],
    ...['-map', '0:v', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '16'],
    ...['-b:v', '600k', '-g', '30', '-keyint_min', '30'],
    ...['-payload_type', '101', '-ssrc', '22222222'],
    ...['-f', 'rtp', rtp(video)],
    ...['-map', '1:a', '-c:a', 'libopus', '-ac', '2', '-b:a', '64k'],
    ...['-payload_type', '100', '-ssrc', '33333333', '-f', 'rtp', rtp(audio)],
  ]);
  encoders.push(encoder);
  return {
    async leave() {
      encoder.kill('SIGINT');
      room.closePeer('chamber');
      await new Promise((resolve) => encoder.once('exit', resolve));
    },
  };
}

const TONE = 'sine=frequency=440:sample_rate=48000';
const SILENCE = 'anullsrc=r=48000:cl=stereo';

/** A citizen's microphone on stage: a higher tone (Opus) into the room's RTP ingest. */
async function citizenSpeaks(sessionId: string) {
  const room = await app.media.room(sessionId);
  const audio = await room.createPlainIngest('citizen', {
    kind: 'audio',
    source: 'stage-audio',
    rtpParameters: {
      codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
      encodings: [{ ssrc: 44444444 }],
    },
  });
  const encoder = spawn('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-nostdin'],
    ...['-re', '-f', 'lavfi', '-i', 'sine=frequency=880:sample_rate=48000'],
    ...['-c:a', 'libopus', '-ac', '2', '-b:a', '64k', '-payload_type', '100'],
    ...['-ssrc', '44444444', '-f', 'rtp'],
    `rtp://127.0.0.1:${audio.port}?rtcpport=${audio.rtcpPort}&pkt_size=1200`,
  ]);
  encoders.push(encoder);
  return {
    async stop() {
      encoder.kill('SIGINT');
      room.closePeer('citizen');
      await new Promise((resolve) => encoder.once('exit', resolve));
    },
  };
}

const recordingOf = async (sessionId: string) =>
  (await admin.get<RecordingDto>(`/api/sessions/${sessionId}/recording`)).body;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number) {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}

/** On air from the first picture the recording has (the encoder's start-up is not air time). */
const recordingStarts = (sessionId: string) =>
  until(
    () => recordingOf(sessionId),
    (r) => r.status === 'recording',
    20_000,
  );

/** Ends the session and waits for its recording to be finished. */
async function endAndFinish(sessionId: string): Promise<RecordingDto> {
  await admin.post(`/api/sessions/${sessionId}/lifecycle`, { action: 'end' });
  const ready = await until(
    () => recordingOf(sessionId),
    (r) => r.status === 'ready' || r.status === 'failed',
    90_000,
  );
  // Staff see why a recording failed, or what a ready one left out: the message to show here.
  expect(ready.status, ready.problem ?? '').toBe('ready');
  return ready;
}

const recordingFile = (sessionId: string) =>
  path.join(testEnv().DATA_DIR!, 'recordings', sessionId, 'recording.mp4');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('recording', () => {
  it('records from start to end across a reconnect, and serves a playable MP4', async () => {
    const session = await liveSession(admin);
    expect((await recordingOf(session.id)).status).toBe('none');

    let onAir = await goOnAir(session.id);
    const recording = await recordingStarts(session.id);
    expect(recording.status).toBe('recording');
    const started = Date.parse(recording.startedAt!);
    await sleep(4_000);
    // The host's encoder drops out for a moment and comes back: a second segment.
    await onAir.leave();
    await sleep(1_000);
    onAir = await goOnAir(session.id);
    await sleep(4_000);
    await onAir.leave();
    const liveMs = Date.now() - started;
    const ready = await endAndFinish(session.id);
    expect(ready.problem).toBeNull();
    // From the first segment's start to the last one's end, gap included.
    expect(Math.abs(ready.durationMs! - liveMs)).toBeLessThan(1_500);

    const head = await fetch(`${app.url}${ready.url}`, { headers: { range: 'bytes=0-99' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-type')).toBe('video/mp4');
    expect((await head.arrayBuffer()).byteLength).toBe(100);

    const file = recordingFile(session.id);
    const { stdout } = await run('ffprobe', [
      ...['-v', 'error', '-show_entries', 'format=duration:stream=codec_name'],
      ...['-of', 'json', file],
    ]);
    const probe = JSON.parse(stdout) as {
      format: { duration: string };
      streams: { codec_name: string }[];
    };
    expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(Math.abs(Number(probe.format.duration) * 1000 - ready.durationMs!)).toBeLessThan(500);
  }, 120_000);

  it('mixes the microphone of a citizen on stage into the recording at its moment', async () => {
    const session = await liveSession(admin);
    // The chamber is silent: any sound in the recording is the citizen's.
    const onAir = await goOnAir(session.id, 'silence');
    const recording = await recordingStarts(session.id);
    const started = Date.parse(recording.startedAt!);
    await sleep(2_000);
    const citizen = await citizenSpeaks(session.id);
    const spokeFrom = Date.now();
    await sleep(3_000);
    await citizen.stop();
    const spokeTo = Date.now();
    await sleep(2_000);
    await onAir.leave();
    const ready = await endAndFinish(session.id);

    const heard = await audibleStretches(recordingFile(session.id));
    expect(heard, ready.problem ?? 'no problem reported').toHaveLength(1);
    expect(ready.problem).toBeNull();
    const [from, to] = heard[0]!;
    // Where the citizen spoke on the wall clock: the start may lose the moment the recording
    // of a new track takes to begin, the end is where the sound stopped.
    expect(from).toBeGreaterThan((spokeFrom - started) / 1000 - 0.3);
    expect(from).toBeLessThan((spokeFrom - started) / 1000 + 2);
    expect(Math.abs(to - (spokeTo - started) / 1000)).toBeLessThan(1);
  }, 120_000);

  it('records a citizen on stage when nobody broadcasts', async () => {
    const session = await liveSession(admin);
    const citizen = await citizenSpeaks(session.id);
    await recordingStarts(session.id);
    await sleep(3_000);
    await citizen.stop();
    const ready = await endAndFinish(session.id);
    expect(ready.durationMs).toBeGreaterThan(2_000);
    const file = recordingFile(session.id);
    const heard = await audibleStretches(file);
    expect(heard.length).toBeGreaterThan(0);
    expect(heard[0]![1] - heard[0]![0]).toBeGreaterThan(2);
  }, 120_000);

  it('has nothing to record when nobody broadcast', async () => {
    const session = await liveSession(admin);
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'end' });
    await sleep(500);
    expect((await recordingOf(session.id)).status).toBe('none');
  });
});
