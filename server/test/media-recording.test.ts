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

/** The chamber's encoder: a test picture (VP8) and a tone (Opus) into the room's RTP ingest. */
async function goOnAir(sessionId: string) {
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
    ...['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('recording', () => {
  it('records from start to end across a reconnect, and serves a playable MP4', async () => {
    const session = await liveSession(admin);
    expect((await recordingOf(session.id)).status).toBe('none');

    let onAir = await goOnAir(session.id);
    // On air from the first picture the recording has (the encoder's start-up is not air time).
    const recording = await until(
      () => recordingOf(session.id),
      (r) => r.status === 'recording',
      20_000,
    );
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
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'end' });

    const ready = await until(
      () => recordingOf(session.id),
      (r) => r.status === 'ready' || r.status === 'failed',
      90_000,
    );
    expect(ready.status).toBe('ready');
    // From the first segment's start to the last one's end, gap included.
    expect(Math.abs(ready.durationMs! - liveMs)).toBeLessThan(1_500);

    const head = await fetch(`${app.url}${ready.url}`, { headers: { range: 'bytes=0-99' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-type')).toBe('video/mp4');
    expect((await head.arrayBuffer()).byteLength).toBe(100);

    const file = path.join(testEnv().DATA_DIR!, 'recordings', session.id, 'recording.mp4');
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

  it('has nothing to record when nobody broadcast', async () => {
    const session = await liveSession(admin);
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'end' });
    await sleep(500);
    expect((await recordingOf(session.id)).status).toBe('none');
  });
});
