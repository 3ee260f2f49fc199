// `npm run bench:media [-- --consumers 25,50,100,200 --seconds 10 --quick]`: what ONE
// mediasoup worker sustains on this machine, against a bare Node UDP relay measured in the
// same run (machines here are shared and noisy: read the ratios).
//  - Publisher: Debian's ffmpeg, libvpx realtime, three VP8 simulcast layers (320x180 150k,
//    640x360 500k, 1280x720 1.2M, CBR, a key frame a second), each its own RTP stream and SSRC.
//    For the load the layers are encoded once and replayed in real time (-re, -c copy), so the
//    encoder does not take the 2 cores from the worker. All three go to ONE Node UDP socket
//    that relays them into the room's PlainTransport (comedia: one source address), produced
//    with three `encodings`, so viewers are real simulcast consumers.
//  - Viewers: a PlainTransport each (comedia off, connected to one of 8 Node sink sockets),
//    a simulcast consumer preferring the top layer; plain RTP, then SRTP (the worker encrypts
//    per viewer, as for browsers). Sinks tell streams apart by source port, count packets and
//    find losses from RTP sequence numbers; the kernel's drops at the sinks are shown apart.
//  - Baseline: a separate Node process receiving the same datagrams and forwarding the top
//    layer's packets unchanged to the same sinks, one connected socket per viewer.
//  - CPU: utime+stime from /proc/<pid>/stat over the window (after a warm-up), % of one core.
//  - Latency: a live encoder draws the wall clock into each frame (stamp.ts); ffmpeg decodes a
//    viewer's RTP and we read the clock back. It covers encode → RTP → forwarder → depacketize
//    → decode → our pipe; not a camera, a browser's jitter buffer or a display.
// Exits 1 when a run breaks (a viewer gets nothing, a consumer is off the top layer, no frame
// is read back, the worker dies); loss is reported, and warned of past 20 %.
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createMedia, workerBinaryExists, type MediaRoom } from '@namesti/media';
import { BUILT_WORKER } from '../src/features/media/start.ts';
import { logger } from '../src/lib/logger.ts';
import { LAYERS, prepareClip, startLiveEncoder, startReplay } from './media/encoder.ts';
import {
  runFanout,
  MODE_LABEL,
  type FanoutFigures,
  type Mode,
  type Rig,
} from './media/fanout-run.ts';
import { openIngest } from './media/ingest.ts';
import { runLatency } from './media/latency-run.ts';
import { onExit } from './media/proc.ts';
import { startRelay, type Relay } from './media/relay.ts';
import {
  printCapacity,
  printHeader,
  printLatency,
  printRatios,
  printRuns,
} from './media/report.ts';
import { openSinks } from './media/sinks.ts';
import { argNumber, fail, runBench, sleep } from './stats.ts';

const QUICK = process.argv.includes('--quick');
const IP = '127.0.0.1';
const PORT_RANGE = { min: 40000, max: 49999 };
const SINK_SOCKETS = 8;

function argList(name: string, fallback: number[]): number[] {
  const index = process.argv.indexOf(`--${name}`);
  const values = (index >= 0 ? (process.argv[index + 1] ?? '') : '').split(',').map(Number);
  return values.every((n) => Number.isInteger(n) && n > 0) && values.length > 0 && index >= 0
    ? values
    : fallback;
}

const COUNTS = argList('consumers', QUICK ? [5, 20] : [25, 50, 100, 200]);
const SECONDS = argNumber('seconds', QUICK ? 3 : 10);
const WARMUP_SECONDS = argNumber('warmup', QUICK ? 2 : 3);
const LATENCY_SECONDS = argNumber('latency-seconds', QUICK ? 2 : 5);
const MODES: Mode[] = ['relay', 'rtp', 'srtp'];

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** A simulcast publisher in the room: three SSRCs, one ingest socket, one PlainTransport. */
async function publish(room: MediaRoom, peerId: string, relay: Relay) {
  const ingest = await openIngest(IP);
  const vp8 = room.rtpCapabilities().codecs?.find((c) => c.mimeType === 'video/VP8');
  if (vp8?.preferredPayloadType === undefined) throw new Error('the router offers no VP8');
  const payloadType = vp8.preferredPayloadType;
  const ssrcs = LAYERS.map(() => randomInt(1, 2 ** 31));
  const { producerId, port } = await room.createPlainIngest(peerId, {
    kind: 'video',
    source: 'camera',
    rtpParameters: {
      codecs: [
        {
          mimeType: 'video/VP8',
          clockRate: 90000,
          payloadType,
          rtcpFeedback: [
            { type: 'nack' },
            { type: 'nack', parameter: 'pli' },
            { type: 'ccm', parameter: 'fir' },
          ],
        },
      ],
      encodings: ssrcs.map((ssrc, i) => ({ ssrc, maxBitrate: LAYERS[i]!.kbps * 1000 })),
    },
  });
  ingest.forwardTo([port, relay.port]);
  return {
    router: room.origin,
    producerId,
    topSsrc: ssrcs.at(-1)!,
    workerPort: port,
    ingest,
    payloadType,
    target: { ip: IP, port: ingest.port, payloadType, ssrcs },
  };
}

function check(run: FanoutFigures) {
  const what = `${run.viewers} viewers, ${MODE_LABEL[run.mode]}`;
  if (run.receiving < run.viewers) fail(`${what}: only ${run.receiving} streams arrived`);
  if (run.offTopLayer > 0) fail(`${what}: ${run.offTopLayer} consumers not on the top layer`);
  // Loss is a finding, not a broken run: on a shared machine it follows the load.
  if (run.slowestViewerPps < run.topLayerPps * 0.8) {
    console.log(
      `  ⚠ ${what}: the slowest viewer got ${run.slowestViewerPps.toFixed(0)} of ` +
        `${run.topLayerPps.toFixed(0)} pkt/s (${run.inputDrops} dropped at the forwarder's input)`,
    );
  }
}

await runBench(async () => {
  if (!workerBinaryExists(BUILT_WORKER)) throw new Error(`no mediasoup worker at ${BUILT_WORKER}`);
  const startedAt = performance.now();
  printHeader({
    counts: COUNTS,
    modes: MODES,
    warmupSeconds: WARMUP_SECONDS,
    seconds: SECONDS,
    loadAverage: loadAverage(),
  });

  const recordingsDir = await mkdtemp(path.join(os.tmpdir(), 'namesti-bench-media-'));
  logger.level = process.env.BENCH_LOG_LEVEL ?? 'warn';
  const media = await createMedia(
    {
      workerBin: BUILT_WORKER,
      workers: 1,
      listenIp: IP,
      rtcMinPort: PORT_RANGE.min,
      rtcMaxPort: PORT_RANGE.max,
      maxIncomingBitrate: 5_000_000,
      initialOutgoingBitrate: 1_000_000,
      consumersPerRouter: 10_000,
      turn: [],
      recordingsDir,
      ffmpegPath: 'ffmpeg',
      ffprobePath: 'ffprobe',
    },
    {
      room: () => ({ producersChanged() {}, consumerClosed() {}, quality() {} }),
      reset: (sessionId) => fail(`media reset of ${sessionId}: a worker died`),
    },
    logger,
  );
  const worker = media.workers()[0]!;
  onExit(() => {
    if (!worker.closed) process.kill(worker.pid, 'SIGKILL');
  });
  worker.on('died', (err) => fail(`the mediasoup worker died: ${err.message}`));
  const cleanups: (() => Promise<unknown> | void)[] = [
    () => rm(recordingsDir, { recursive: true, force: true }),
    () => media.close(),
  ];
  try {
    const room = await media.room('bench-session');
    const relay = await startRelay();
    cleanups.unshift(relay.stop);
    const publisher = await publish(room, 'publisher', relay);
    cleanups.unshift(publisher.ingest.close);
    const clip = await prepareClip();
    const replay = startReplay(clip, publisher.target);
    cleanups.unshift(replay.stop);
    const sinks = await openSinks(SINK_SOCKETS, IP);
    cleanups.unshift(sinks.close);
    const rig: Rig = {
      publisher,
      relay,
      sinks,
      workerPid: worker.pid,
      encoderPid: replay.child.pid!,
      viewerOptions: { ip: IP, portRange: PORT_RANGE, srtp: false },
    };
    console.log(`worker pid ${worker.pid} (${BUILT_WORKER}), relay pid ${relay.pid}`);
    await sleep(2_000); // the producer sees its three streams and a key frame on each

    const runs: FanoutFigures[] = [];
    for (const count of COUNTS) {
      for (const mode of MODES) {
        const run = await runFanout(rig, mode, count, {
          warmupSeconds: WARMUP_SECONDS,
          seconds: SECONDS,
        });
        check(run);
        runs.push(run);
        console.log(
          `  ${count} viewers, ${MODE_LABEL[mode]}: ${run.cpu.toFixed(1)} % CPU, ` +
            `${run.packetsPerSecond.toFixed(0)} pkt/s out (load average ${loadAverage()})`,
        );
      }
    }

    const live = await publish(room, 'latency-publisher', relay);
    cleanups.unshift(live.ingest.close);
    const encoder = startLiveEncoder(live.target);
    cleanups.unshift(encoder.stop);
    await sleep(WARMUP_SECONDS * 1000); // the encoder up to speed, a key frame sent
    const latency = await runLatency(rig, live, {
      seconds: LATENCY_SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      loadViewers: Math.max(...COUNTS),
    });
    for (const run of [latency.baseline, ...latency.others]) {
      if (run.samples.ages.length === 0) fail(`latency, ${run.label}: no stamp read back`);
    }

    printRuns(runs);
    printRatios(runs);
    printCapacity(runs);
    printLatency(latency.baseline, latency.others);
    console.log(
      `\nload average at the end ${loadAverage()}; the run took ${((performance.now() - startedAt) / 1000).toFixed(0)} s`,
    );
  } finally {
    for (const cleanup of cleanups) {
      await Promise.resolve()
        .then(cleanup)
        .catch((err: unknown) => console.error('cleanup failed:', err));
    }
  }
}, 'every viewer got the top layer; every path read stamps back');
