// Figures and the run around them: percentiles, formats, command-line flags, sends spread
// over a window and the event loop meanwhile, the "baseline vs náměstí" table, a CPU profile,
// and the broken invariants that make the exit code.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import type { Result } from '../src/protocol/errors.ts';
import type { Connected } from './harness.ts';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0] ?? NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? NaN,
  };
}

export function argNumber(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
export const count = (n: number) => String(n);
export const percent = (x: number) => `${(x * 100).toFixed(0)} %`;

export const sleep = (milliseconds: number) => new Promise((r) => setTimeout(r, milliseconds));

/**
 * Watches this process's event loop (server and clients share it) from now; `stop()` gives
 * the share of the time it was busy and its delay p99 (ms) over that window.
 */
export function loopMeter() {
  const loop = performance.eventLoopUtilization();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return {
    stop() {
      const loopBusy = performance.eventLoopUtilization(loop).utilization;
      delay.disable();
      return { loopBusy, loopDelayP99: delay.percentile(99) / 1e6 };
    },
  };
}

/** `--name VALUE` as a string, else `fallback`. */
export function argString(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : undefined;
  return value && !value.startsWith('--') ? value : fallback;
}

/** A small seeded generator (mulberry32) in [0, 1), so runs can be repeated. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One row of the comparison table: baseline, náměstí and the ratio. */
export function compare(label: string, baseline: number, namesti: number, format = ms) {
  const ratio = baseline > 0 ? `×${(namesti / baseline).toFixed(2)}` : '—';
  console.log(
    `${label.padEnd(44)} ${format(baseline).padStart(12)} ${format(namesti).padStart(12)}   ${ratio}`,
  );
}

export function tableHeader(title: string) {
  console.log(`\n${title}`);
  console.log(`${''.padEnd(44)} ${'baseline'.padStart(12)} ${'náměstí'.padStart(12)}   ratio`);
}

type Summary = ReturnType<typeof summarize>;

/** A row for each of `ps` of two summaries, labelled `${label}, ${p}`. */
export function compareEach(
  label: string,
  ps: readonly (keyof Summary)[],
  base: Summary,
  app: Summary,
  format = ms,
) {
  for (const p of ps) compare(`${label}, ${p}`, base[p], app[p], format);
}

export type LoopFigures = ReturnType<ReturnType<typeof loopMeter>['stop']>;

/** The event loop's rows, over the window from the first vote to the last ack. */
export function compareLoop(base: LoopFigures, app: LoopFigures) {
  compare('event loop busy, first vote → last ack', base.loopBusy, app.loopBusy, percent);
  compare('event loop delay p99, same window', base.loopDelayP99, app.loopDelayP99);
}

/** The table's first rows: connecting the clients, and joining them to the room. */
export function compareConnected(clients: number, batch: number, base: Connected, app: Connected) {
  compare(`connect ${clients} (batches of ${batch})`, base.connectMs, app.connectMs);
  compare('join the session room (app: snapshot each)', base.joinMs, app.joinMs);
}

const failedText = (failed: Record<string, number>) =>
  Object.entries(failed)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ') || 'none';

/** A row of the refused acks by code, on either side. */
export function compareFailed(base: Record<string, number>, app: Record<string, number>) {
  console.log(
    `${'acks failed, by code'.padEnd(44)} baseline: ${failedText(base)}; náměstí: ${failedText(app)}`,
  );
}

/** The outcomes that are not 'ok', counted by code, with each code's distinct messages. */
export function refusals(outcomes: { code: string; message?: string }[]) {
  const failed: Record<string, number> = {};
  const messages: Record<string, string[]> = {};
  for (const o of outcomes) {
    if (o.code === 'ok') continue;
    failed[o.code] = (failed[o.code] ?? 0) + 1;
    const seen = (messages[o.code] ??= []);
    if (o.message && !seen.includes(o.message)) seen.push(o.message);
  }
  return { failed, messages };
}

/**
 * The votes' invariant: every vote acked ok is stored, and nothing else is (but votes whose
 * ack timed out may be); each broken half as a message.
 */
export function storedOnce(who: string, okAcks: number, timedOut: number, stored: number) {
  const broken: string[] = [];
  if (stored < okAcks) broken.push(`${who}: lost votes — ${okAcks} acked ok, ${stored} stored`);
  if (stored > okAcks + timedOut) {
    broken.push(`${who}: ${stored} stored but only ${okAcks} acked ok (+${timedOut} timeouts)`);
  }
  return broken;
}

/** How one of spreadSends' sends ended. */
export interface Sent<T> {
  /** 'ok', the refusal's code, 'timeout', or the error's message. */
  code: string;
  /** The refusal's message. */
  message?: string;
  /** The ok ack's data. */
  data?: T;
  sent: number;
  acked: number;
}

/**
 * Each of `sockets` sends once, the sends spread evenly over `windowMs`; how each ended, in
 * order. `onAck` sees each as it ends, in the order they end.
 */
export function spreadSends<T>(
  sockets: Socket[],
  windowMs: number,
  send: (socket: Socket, index: number) => Promise<Result<T>>,
  onAck: (outcome: Sent<T>, index: number) => void = () => {},
): Promise<Sent<T>[]> {
  const spacing = windowMs / sockets.length;
  return Promise.all(
    sockets.map(
      (socket, i) =>
        new Promise<Sent<T>>((resolve) => {
          setTimeout(() => {
            const sent = performance.now();
            const done = (outcome: Omit<Sent<T>, 'sent' | 'acked'>) => {
              const ended = { ...outcome, sent, acked: performance.now() };
              onAck(ended, i);
              resolve(ended);
            };
            send(socket, i).then(
              (r) =>
                r.ok
                  ? done({ code: 'ok', data: r.data })
                  : done({ code: r.error.code, message: r.error.message }),
              (err: Error) =>
                done({ code: err.message.includes('timed out') ? 'timeout' : err.message }),
            );
          }, i * spacing);
        }),
    ),
  );
}

const failures: string[] = [];

/** A broken invariant: said now, listed again at the end, and the run exits 1. */
export function fail(message: string) {
  failures.push(message);
  console.error(`✗ ${message}`);
}

/** Runs a benchmark; exits 1 if it throws or an invariant broke, else says `allHeld`. */
export async function runBench(run: () => Promise<void>, allHeld: string): Promise<never> {
  let exitCode = 0;
  try {
    await run();
    if (failures.length > 0) {
      console.error(`\nINVARIANTS FAILED (${failures.length}):`);
      failures.forEach((f) => console.error(`  ✗ ${f}`));
      exitCode = 1;
    } else {
      console.log(`\n${allHeld}`);
    }
  } catch (err) {
    console.error('benchmark failed:', err);
    exitCode = 1;
  }
  process.exit(exitCode);
}

/**
 * `--profile FILE`: a CPU profile of this process (app and clients share it) around one phase,
 * written as a .cpuprofile for Chrome DevTools. Without the flag, runs `phase` alone.
 */
export async function profiled<T>(name: string, phase: () => Promise<T>): Promise<T> {
  const index = process.argv.indexOf('--profile');
  const file = index >= 0 ? process.argv[index + 1] : undefined;
  if (!file) return phase();
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    return await phase();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`CPU profile of ${name} written to ${file}`);
  }
}
