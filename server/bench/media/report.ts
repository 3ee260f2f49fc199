// The media benchmark's printed figures: every run in one table, the worker against the bare
// relay at each N (ratios, in the house's baseline/náměstí table), a straight-line fit of CPU
// against viewers and what it implies for one core, and the latency percentiles.
import os from 'node:os';
import { compare, compareEach, summarize, tableHeader } from '../stats.ts';
import { LAYERS } from './encoder.ts';
import { MODE_LABEL, type FanoutFigures, type Mode } from './fanout-run.ts';
import type { LatencySamples } from './latency.ts';

const pct = (x: number) => `${x.toFixed(1)} %`;
const fixed = (digits: number) => (x: number) => x.toFixed(digits);
const pad = (text: string | number, width: number) => String(text).padStart(width);

/** CPU microseconds per packet delivered. */
const microsPerPacket = (f: FanoutFigures) =>
  f.packetsPerSecond > 0 ? (f.cpu / 100 / f.packetsPerSecond) * 1e6 : NaN;

export function printHeader(run: {
  counts: number[];
  modes: Mode[];
  warmupSeconds: number;
  seconds: number;
  loadAverage: string;
}) {
  const layers = LAYERS.map((l) => `${l.width}x${l.height} ${l.kbps}k`).join(', ');
  console.log(
    `Media fan-out: one VP8 simulcast publisher (${layers}), viewers on the top layer;\n` +
      `  ${run.counts.join('/')} viewers × ${run.modes.map((m) => MODE_LABEL[m]).join(' / ')};` +
      ` ${run.warmupSeconds} s warm-up + ${run.seconds} s window each`,
  );
  console.log(
    `machine: ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? '?'}; ` +
      `load average at start ${run.loadAverage} (shared with other jobs)`,
  );
  console.log(
    'method: CPU = utime+stime of each process from /proc/<pid>/stat over the window, % of one core;\n' +
      '  the worker (mediasoup 3.27.1, one process) and the baseline relay (its own Node process) get the\n' +
      '  same datagrams all the time, only one has viewers at a time; "Node" = this process (ingest relay\n' +
      '  + 8 sink sockets); "replay" = ffmpeg sending the pre-encoded layers; loss = gaps in each stream\'s\n' +
      '  RTP sequence numbers at the sinks; in drops / sink drops = datagrams the kernel dropped at the\n' +
      "  forwarder's receiving socket (it fell behind the publisher) / at our sink sockets (we fell behind).",
  );
}

export function printRuns(runs: FanoutFigures[]) {
  console.log(
    `\n${'viewers'.padEnd(8)}${'forwarder'.padEnd(17)}${pad('CPU', 8)}${pad('/viewer', 9)}` +
      `${pad('µs/pkt', 8)}${pad('pkt/s out', 11)}${pad('Mbit/s', 8)}${pad('slowest/top pkt/s', 19)}` +
      `${pad('loss', 8)}${pad('in drops', 9)}${pad('sink drops', 11)}${pad('Node', 8)}${pad('replay', 8)}${pad('other', 7)}`,
  );
  for (const f of runs) {
    console.log(
      `${String(f.viewers).padEnd(8)}${MODE_LABEL[f.mode].padEnd(17)}${pad(pct(f.cpu), 8)}` +
        `${pad(pct(f.cpu / f.viewers), 9)}${pad(microsPerPacket(f).toFixed(1), 8)}` +
        `${pad(f.packetsPerSecond.toFixed(0), 11)}${pad(f.megabitsPerSecond.toFixed(1), 8)}` +
        `${pad(`${f.slowestViewerPps.toFixed(0)}/${f.topLayerPps.toFixed(0)}`, 19)}` +
        `${pad(pct(f.expected ? (f.lost / f.expected) * 100 : 0), 8)}${pad(f.inputDrops, 9)}` +
        `${pad(f.sinkDrops, 11)}` +
        `${pad(pct(f.node), 8)}${pad(pct(f.encoder), 8)}${pad(pct(f.other), 7)}`,
    );
  }
}

export function printRatios(runs: FanoutFigures[]) {
  const at = (mode: Mode, viewers: number) =>
    runs.find((r) => r.mode === mode && r.viewers === viewers);
  tableHeader('Worker against the bare relay, same N (baseline = bare Node relay process)');
  for (const viewers of [...new Set(runs.map((r) => r.viewers))]) {
    const relay = at('relay', viewers);
    if (!relay) continue;
    for (const mode of ['rtp', 'srtp'] as const) {
      const worker = at(mode, viewers);
      if (!worker) continue;
      compare(
        `${viewers} viewers, CPU % of a core, ${MODE_LABEL[mode]}`,
        relay.cpu,
        worker.cpu,
        pct,
      );
      compare(
        `${viewers} viewers, µs CPU per packet, ${MODE_LABEL[mode]}`,
        microsPerPacket(relay),
        microsPerPacket(worker),
        fixed(1),
      );
    }
  }
}

/** Least squares: CPU % = intercept + slope × viewers. */
function fit(points: { x: number; y: number }[]) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const slope = sxx > 0 ? points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx : NaN;
  return { slope, intercept: my - slope * mx };
}

export function printCapacity(runs: FanoutFigures[]) {
  console.log('\nCPU against viewers, a straight line through each forwarder’s runs');
  for (const mode of ['relay', 'rtp', 'srtp'] as const) {
    const own = runs.filter((r) => r.mode === mode);
    if (own.length < 2) continue;
    const { slope, intercept } = fit(own.map((r) => ({ x: r.viewers, y: r.cpu })));
    // Runs this short or this noisy can give a flat or falling line: no capacity from that.
    const perCore = slope > 0 ? (100 - intercept) / slope : NaN;
    const pps = own.reduce((s, r) => s + r.topLayerPps, 0) / own.length;
    const micros = own.reduce((s, r) => s + microsPerPacket(r), 0) / own.length;
    console.log(
      `  ${MODE_LABEL[mode].padEnd(16)} ${pct(intercept).padStart(7)} + ${slope.toFixed(3)} % per viewer` +
        ` → one core ≈ ${Number.isFinite(perCore) ? perCore.toFixed(0) : '—'} such viewers` +
        ` (${pps.toFixed(0)} pkt/s each; mean ${micros.toFixed(1)} µs per packet` +
        ` → ${(1e6 / micros).toFixed(0)} pkt/s per core)`,
    );
    console.log(`  ${''.padEnd(16)} 500 such viewers ≈ ${pct(intercept + slope * 500)} of a core`);
  }
  console.log(
    '  mediasoup documents "~500 consumers" per worker (mediasoup.org/documentation/v3/scalability), a\n' +
      '  mix of audio (~50 pkt/s) and video; each viewer here takes a 1.2 Mbit/s video layer (~140 pkt/s).',
  );
}

export interface LatencyRun {
  label: string;
  /** With the live encoder's frame rate over the same time (top layer, at the ingest). */
  samples: LatencySamples & { encoderFps: number };
}

export function printLatency(baseline: LatencyRun, others: LatencyRun[]) {
  const base = summarize(baseline.samples.ages);
  for (const other of others) {
    tableHeader(
      `Frame age at the decoder (ms): baseline = ${baseline.label}; náměstí = ${other.label}`,
    );
    const app = summarize(other.samples.ages);
    compareEach('frame age', ['p50', 'p95', 'max'], base, app);
    compare('frames sampled', base.n, app.n, fixed(0));
    compare('unreadable stamps', baseline.samples.unreadable, other.samples.unreadable, fixed(0));
    compare('decoded frames per second', baseline.samples.fps, other.samples.fps, fixed(1));
    compare(
      'live encoder frames per second',
      baseline.samples.encoderFps,
      other.samples.encoderFps,
      fixed(1),
    );
  }
}
