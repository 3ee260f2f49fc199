// One fan-out measurement: N viewers of the publisher's top layer, fed either by the worker
// (plain RTP or SRTP) or by the bare relay; after a warm-up (key frame, layer switch), a window
// over which CPU per process, packets delivered and sequence gaps are counted.
import type { types } from 'mediasoup';
import { sleep } from '../stats.ts';
import { countSince, type Ingest } from './ingest.ts';
import { cpuWindow, udpDrops } from './proc.ts';
import type { Relay } from './relay.ts';
import { lossOf, type Sinks } from './sinks.ts';
import { openViewers, type ViewerOptions } from './viewers.ts';

export type Mode = 'relay' | 'rtp' | 'srtp';

export const MODE_LABEL: Record<Mode, string> = {
  relay: 'bare Node relay',
  rtp: 'mediasoup, RTP',
  srtp: 'mediasoup, SRTP',
};

export interface Publisher {
  router: types.Router;
  producerId: string;
  /** The top layer's SSRC, the one every viewer gets. */
  topSsrc: number;
  /** The worker's port receiving this publisher (its PlainTransport). */
  workerPort: number;
  ingest: Ingest;
}

export interface Rig {
  publisher: Publisher;
  relay: Relay;
  sinks: Sinks;
  workerPid: number;
  encoderPid: number;
  viewerOptions: ViewerOptions;
}

export interface FanoutFigures {
  mode: Mode;
  viewers: number;
  /** % of one core: the forwarder measured (worker or relay), this process, the replay. */
  cpu: number;
  node: number;
  encoder: number;
  /** The forwarder not in use this time, idle but receiving (worker or relay). */
  other: number;
  seconds: number;
  packetsPerSecond: number;
  megabitsPerSecond: number;
  /** Top-layer packets per second the publisher sent: what each viewer should get. */
  topLayerPps: number;
  /** Per viewer, packets per second: the slowest. */
  slowestViewerPps: number;
  receiving: number;
  lost: number;
  expected: number;
  /** Datagrams the kernel dropped at our sink sockets (the measuring end, not the forwarder). */
  sinkDrops: number;
  /** Datagrams the kernel dropped at the forwarder's receiving socket (it fell behind). */
  inputDrops: number;
  /** Worker viewers not on the top layer at the end (0 for the relay). */
  offTopLayer: number;
}

export async function runFanout(
  rig: Rig,
  mode: Mode,
  count: number,
  timing: { warmupSeconds: number; seconds: number },
): Promise<FanoutFigures> {
  const { publisher, relay, sinks } = rig;
  const ports = Array.from({ length: count }, (_, i) => sinks.portFor(i));
  let sources: number[];
  let offTopLayer = () => 0;
  let close: () => Promise<unknown> | void;
  if (mode === 'relay') {
    sources = await relay.fanout(publisher.topSsrc, ports);
    close = () => relay.fanout(publisher.topSsrc, []);
  } else {
    const viewers = await openViewers(
      publisher.router,
      publisher.producerId,
      count,
      sinks.portFor,
      {
        ...rig.viewerOptions,
        srtp: mode === 'srtp',
      },
    );
    sources = viewers.sources;
    offTopLayer = viewers.offTopLayer;
    close = viewers.close;
  }
  try {
    await sleep(timing.warmupSeconds * 1000);
    sinks.reset();
    const ingested = publisher.ingest.snapshot();
    const inputPort = mode === 'relay' ? relay.port : publisher.workerPort;
    const dropsBefore = udpDrops(sinks.ports);
    const inputDropsBefore = udpDrops([inputPort]);
    const window = cpuWindow({
      worker: rig.workerPid,
      relay: relay.pid,
      encoder: rig.encoderPid,
    });
    await sleep(timing.seconds * 1000);
    const { seconds, percent } = window.stop();
    const streams = sinks.streams(sources);
    const sent = countSince(ingested, publisher.ingest.snapshot()).get(publisher.topSsrc);
    const sinkDrops = udpDrops(sinks.ports) - dropsBefore;
    const inputDrops = udpDrops([inputPort]) - inputDropsBefore;
    const packets = streams.reduce((sum, s) => sum + s.packets, 0);
    const bytes = streams.reduce((sum, s) => sum + s.bytes, 0);
    const forwarder = mode === 'relay' ? 'relay' : 'worker';
    return {
      mode,
      viewers: count,
      cpu: percent[forwarder]!,
      node: percent.node!,
      encoder: percent.encoder!,
      other: percent[mode === 'relay' ? 'worker' : 'relay']!,
      seconds,
      packetsPerSecond: packets / seconds,
      megabitsPerSecond: (bytes * 8) / seconds / 1e6,
      topLayerPps: (sent?.packets ?? 0) / seconds,
      slowestViewerPps:
        streams.length < count ? 0 : Math.min(...streams.map((s) => s.packets)) / seconds,
      receiving: streams.length,
      ...lossOf(streams),
      sinkDrops,
      inputDrops,
      offTopLayer: offTopLayer(),
    };
  } finally {
    await close();
    await sleep(300); // the last packets in flight land before the next run counts
  }
}
