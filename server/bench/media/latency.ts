// The receiving end of the latency run: ffmpeg decodes one viewer's RTP (told by an SDP file
// which port and codec), crops the stamp and hands one grey byte per bit to us through a pipe;
// each frame's age is the clock now minus the clock drawn into it (stamp.ts).
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { types } from 'mediasoup';
import { ownChild, stopChild } from './proc.ts';
import { STAMP_BITS, readStamp, stampAge, stampReader } from './stamp.ts';

/** Frames decoded before this are not samples: ffmpeg catching up on what it probed. */
const SETTLE_MS = 1_000;
const FIRST_FRAME_TIMEOUT_MS = 10_000;

/** An even port with the next one free too (ffmpeg's RTP and RTCP), on `ip`. */
export async function freePortPair(ip: string): Promise<number> {
  const bind = (port: number) =>
    new Promise<dgram.Socket | null>((resolve) => {
      const socket = dgram.createSocket('udp4');
      socket.once('error', () => resolve(null));
      socket.bind(port, ip, () => resolve(socket));
    });
  const close = (s: dgram.Socket | null) =>
    new Promise<void>((r) => (s ? s.close(() => r()) : r()));
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = await bind(0);
    const port = first?.address().port ?? 0;
    const second = port && port % 2 === 0 ? await bind(port + 1) : null;
    await close(first);
    await close(second);
    if (second) return port;
  }
  throw new Error(`no free pair of UDP ports on ${ip}`);
}

function sdpFor(codec: types.RtpCodecParameters, ip: string, port: number): string {
  const [, name] = codec.mimeType.split('/');
  return [
    'v=0',
    `o=- 0 0 IN IP4 ${ip}`,
    's=namesti-latency',
    `c=IN IP4 ${ip}`,
    't=0 0',
    `m=video ${port} RTP/AVP ${codec.payloadType}`,
    `a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}`,
    'a=recvonly',
    '',
  ].join('\n');
}

export interface LatencySamples {
  /** Frame age in ms, one per decoded frame after the settle time. */
  ages: number[];
  /** Frames whose stamp could not be read. */
  unreadable: number;
  /** Frames decoded per second while sampling. */
  fps: number;
}

/** Decodes RTP arriving on `port` for `seconds` after it settles; the frames' ages. */
export async function measureLatency(
  codec: types.RtpCodecParameters,
  ip: string,
  port: number,
  seconds: number,
): Promise<LatencySamples> {
  const dir = await mkdtemp(path.join(tmpdir(), 'namesti-bench-latency-'));
  const sdp = path.join(dir, 'viewer.sdp');
  await writeFile(sdp, sdpFor(codec, ip, port));
  const child = ownChild(
    spawn(
      'ffmpeg',
      [
        ...['-hide_banner', '-loglevel', 'error', '-nostdin'],
        ...['-protocol_whitelist', 'file,udp,rtp', '-reorder_queue_size', '0'],
        ...['-fflags', 'nobuffer', '-flags', 'low_delay', '-probesize', '32'],
        ...['-analyzeduration', '0', '-i', sdp],
        // passthrough: each decoded frame once (rawvideo would otherwise repeat frames to fill
        // the 90 kHz RTP clock).
        ...['-an', '-vf', stampReader(), '-fps_mode', 'passthrough'],
        ...['-f', 'rawvideo', '-flush_packets', '1', 'pipe:1'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const ages: number[] = [];
  let unreadable = 0;
  let firstFrameAt = 0;
  let pending = Buffer.alloc(0);
  let onExit = (_code: number | null) => {};
  const sampling = new Promise<void>((resolve, reject) => {
    onExit = (code) => reject(new Error(`the decoder exited (${code}): ${stderr.join('')}`));
    const timeout = setTimeout(
      () =>
        reject(new Error(`no frame decoded in ${FIRST_FRAME_TIMEOUT_MS} ms: ${stderr.join('')}`)),
      FIRST_FRAME_TIMEOUT_MS,
    );
    child.once('exit', onExit);
    child.stdout!.on('data', (chunk: Buffer) => {
      const now = Date.now();
      if (!firstFrameAt) {
        firstFrameAt = now;
        clearTimeout(timeout);
      }
      pending = Buffer.concat([pending, chunk]);
      for (; pending.length >= STAMP_BITS; pending = pending.subarray(STAMP_BITS)) {
        if (now - firstFrameAt < SETTLE_MS) continue;
        const stamp = readStamp(pending.subarray(0, STAMP_BITS));
        const age = stamp === null ? NaN : stampAge(stamp, now);
        if (age >= 0 && age < 10_000) ages.push(age);
        else unreadable += 1;
      }
      if (now - firstFrameAt >= SETTLE_MS + seconds * 1000) resolve();
    });
  });
  try {
    await sampling;
  } finally {
    child.off('exit', onExit);
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  }
  return { ages, unreadable, fps: (ages.length + unreadable) / seconds };
}
