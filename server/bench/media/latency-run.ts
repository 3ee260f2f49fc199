// The latency runs: a live encoder stamps each frame with the wall clock; ffmpeg decodes one
// viewer's stream and reads it back. Three paths, one after another: through the bare relay
// (baseline), through the worker with nothing else to do, and through the worker while it also
// feeds the load's viewers over SRTP.
import { sleep } from '../stats.ts';
import type { Publisher, Rig } from './fanout-run.ts';
import { countSince } from './ingest.ts';
import { freePortPair, measureLatency, type LatencySamples } from './latency.ts';
import type { LatencyRun } from './report.ts';
import { openDecoderViewer, openViewers } from './viewers.ts';

export async function runLatency(
  rig: Rig,
  live: Publisher & { payloadType: number },
  options: { seconds: number; warmupSeconds: number; loadViewers: number },
): Promise<{ baseline: LatencyRun; others: LatencyRun[] }> {
  const ip = rig.viewerOptions.ip;
  const codec = { mimeType: 'video/VP8', clockRate: 90000, payloadType: live.payloadType };

  // The encoder's own pace while a path is measured: below 30 fps, frames queue in it.
  const withEncoderRate = async (measure: () => Promise<LatencySamples>) => {
    const before = live.ingest.snapshot();
    const started = performance.now();
    const samples = await measure();
    const top = countSince(before, live.ingest.snapshot()).get(live.topSsrc);
    return { ...samples, encoderFps: ((top?.frames ?? 0) * 1000) / (performance.now() - started) };
  };

  const relayPort = await freePortPair(ip);
  await rig.relay.fanout(live.topSsrc, [relayPort]);
  const viaRelay = await withEncoderRate(() =>
    measureLatency(codec, ip, relayPort, options.seconds),
  ).finally(() => rig.relay.fanout(live.topSsrc, []));

  const viaWorker = () =>
    withEncoderRate(async () => {
      const port = await freePortPair(ip);
      const viewer = await openDecoderViewer(live.router, live.producerId, port, {
        ...rig.viewerOptions,
        srtp: false,
      });
      try {
        const samples = await measureLatency(viewer.codec, ip, port, options.seconds);
        if (viewer.offTopLayer()) throw new Error('the decoder’s consumer is not on the top layer');
        return samples;
      } finally {
        viewer.close();
      }
    });
  const idle = await viaWorker();

  const load = await openViewers(
    rig.publisher.router,
    rig.publisher.producerId,
    options.loadViewers,
    rig.sinks.portFor,
    { ...rig.viewerOptions, srtp: true },
  );
  let loaded;
  try {
    await sleep(options.warmupSeconds * 1000);
    loaded = await viaWorker();
  } finally {
    load.close();
  }
  return {
    baseline: { label: 'bare relay', samples: viaRelay },
    others: [
      { label: 'worker, no other viewers', samples: idle },
      { label: `worker + ${options.loadViewers} SRTP viewers of the load`, samples: loaded },
    ],
  };
}
