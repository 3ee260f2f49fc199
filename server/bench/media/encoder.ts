// The simulcast publisher: Debian's ffmpeg with libvpx in realtime mode, three VP8 layers, one
// RTP stream (own SSRC) per layer. For the load runs the layers are encoded once up front and
// replayed in real time (-re, -c copy): live encoding of three layers costs this 2-core machine
// more than a core, and would compete with the worker being measured. For the latency run the
// encoder is live, with the wall clock drawn into each frame (stamp.ts).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ownChild, stopChild } from './proc.ts';
import { stampSource } from './stamp.ts';

export const LAYERS = [
  { width: 320, height: 180, kbps: 150 },
  { width: 640, height: 360, kbps: 500 },
  { width: 1280, height: 720, kbps: 1200 },
] as const;
export const FPS = 30;
/** A key frame a second: ffmpeg does not answer PLI, so a new viewer waits at most this long. */
const GOP = FPS;
const CLIP_SECONDS = 6;
const CLIP_DIR = path.join(tmpdir(), 'namesti-bench-media-clip-v1');

export interface RtpTarget {
  ip: string;
  port: number;
  payloadType: number;
  /** One per layer, lowest first. */
  ssrcs: readonly number[];
}

/** `speed` is libvpx's -cpu-used: 16 is VP8's fastest realtime setting. */
const libvpx = (kbps: number, speed: number) => [
  ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', String(speed), '-threads', '1'],
  ...['-lag-in-frames', '0', '-auto-alt-ref', '0', '-error-resilient', '1'],
  // min = max = target is libvpx's CBR mode, as a browser's encoder behaves.
  ...['-b:v', `${kbps}k`, '-minrate', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps}k`],
  ...['-g', String(GOP), '-keyint_min', String(GOP)],
];

const layerScaling = (input: string, flags: string) =>
  `[${input}]split=3[s0][s1][s2];` +
  LAYERS.map((l, i) => `[s${i}]scale=${l.width}:${l.height}:flags=${flags}[l${i}]`).join(';');

const rtpOutput = (target: RtpTarget, layer: number) => [
  ...[
    '-f',
    'rtp',
    '-ssrc',
    String(target.ssrcs[layer]),
    '-payload_type',
    String(target.payloadType),
  ],
  // RTCP (sender reports) to the same port: the ingest socket is rtcp-muxed.
  `rtp://${target.ip}:${target.port}?pkt_size=1200&rtcpport=${target.port}`,
];

function run(args: string[], what: string) {
  const child = ownChild(
    spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  const chunks: string[] = [];
  let stopping = false;
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
  child.once('close', (code) => {
    if (code && !stopping) console.error(`${what} exited ${code}: ${chunks.join('')}`);
  });
  return {
    child,
    stderr: () => chunks.join(''),
    stop() {
      stopping = true;
      return stopChild(child);
    },
  };
}

/** The three layers of a moving test picture, encoded once and kept for later runs. */
export async function prepareClip(): Promise<string[]> {
  const files = LAYERS.map((_, i) => path.join(CLIP_DIR, `layer${i}.webm`));
  if (files.every((f) => existsSync(f))) return files;
  await mkdir(CLIP_DIR, { recursive: true });
  const partial = files.map((f) => `${f}.part.webm`);
  const encoder = run(
    [
      ...['-f', 'lavfi', '-i', `testsrc2=s=1280x720:r=${FPS}`],
      ...['-filter_complex', layerScaling('0:v', 'bicubic')],
      ...LAYERS.flatMap((l, i) => [
        ...['-map', `[l${i}]`, '-t', String(CLIP_SECONDS), ...libvpx(l.kbps, 12)],
        ...['-f', 'webm', '-y', partial[i]!],
      ]),
    ],
    'clip encoder',
  );
  const code = await new Promise((resolve) => encoder.child.once('close', resolve));
  if (code !== 0) throw new Error(`encoding the clip failed (${code}): ${encoder.stderr()}`);
  for (const [i, f] of partial.entries()) {
    if ((await stat(f)).size === 0) throw new Error(`the clip's layer ${i} is empty`);
    await rename(f, files[i]!);
  }
  return files;
}

/** Replays the clip's layers in real time, looping, as RTP (no re-encoding: -c copy). */
export function startReplay(files: string[], target: RtpTarget) {
  return run(
    [
      ...files.flatMap((f) => ['-re', '-stream_loop', '-1', '-i', f]),
      ...files.flatMap((_, i) => ['-map', `${i}:v`, '-c', 'copy', ...rtpOutput(target, i)]),
    ],
    'clip replay',
  );
}

/**
 * A live three-layer encoder whose frames carry the wall clock (stamp.ts). The picture is
 * still colour bars (only the stamp moves), at libvpx's fastest setting: about a third of the
 * cost of the load's encoding, so the encoder keeps 30 fps on a shared 2-core machine; its
 * frames are smaller (~0.4 Mbit/s at the top layer).
 */
export function startLiveEncoder(target: RtpTarget) {
  const picture =
    `smptebars=s=1280x720:r=${FPS}[bg];${stampSource(FPS)}[st];` +
    `[bg][st]overlay=0:0,format=yuv420p[out0]`;
  return run(
    [
      ...['-re', '-f', 'lavfi', '-i', picture],
      ...['-filter_complex', layerScaling('0:v', 'fast_bilinear')],
      ...LAYERS.flatMap((l, i) => [
        ...['-map', `[l${i}]`, ...libvpx(l.kbps, 16)],
        ...rtpOutput(target, i),
      ]),
    ],
    'live encoder',
  );
}
