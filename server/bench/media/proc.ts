// What the media benchmark reads from Linux: CPU time per process (/proc/<pid>/stat), the
// kernel's drop counter per UDP socket (/proc/net/udp), and a register of the child processes
// it started, so that none outlives the run, whatever way the run ends.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ; 100 on every usual kernel). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch (err) {
    console.warn(`getconf CLK_TCK failed (${(err as Error).message}); assuming 100`);
    return 100;
  }
})();

/** User + system CPU seconds a process (all its threads) has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name, in parentheses, may hold spaces: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of proc(5) are utime and stime; after the name, state is field 3.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Starts a window; `stop()` gives each process's CPU over it as % of one core. */
export function cpuWindow(pids: Record<string, number>) {
  const started = performance.now();
  const before = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuSeconds(pid)]));
  const self = process.cpuUsage();
  return {
    stop() {
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(self);
      const percent: Record<string, number> = {
        node: ((used.user + used.system) / 1e6 / seconds) * 100,
      };
      for (const [k, pid] of Object.entries(pids)) {
        percent[k] = ((cpuSeconds(pid) - before[k]!) / seconds) * 100;
      }
      return { seconds, percent };
    },
  };
}

/** Datagrams the kernel dropped (receive buffer full) on the 127.0.0.1 sockets at `ports`. */
export function udpDrops(ports: Iterable<number>): number {
  const wanted = new Set(
    [...ports].map((p) => `0100007F:${p.toString(16).toUpperCase().padStart(4, '0')}`),
  );
  let drops = 0;
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] && wanted.has(fields[1])) drops += Number(fields.at(-1));
  }
  return drops;
}

const children = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];

/** Kills `child` when the run ends, if it is still running then. */
export function ownChild(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** A synchronous last resort for what is not a ChildProcess of ours (the mediasoup worker). */
export function onExit(cleanup: () => void) {
  cleanups.push(cleanup);
}

function killEverything() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch (err) {
      console.error('cleanup on exit failed:', err);
    }
  }
}

process.on('exit', killEverything);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping every child process`);
    process.exit(130); // the 'exit' handler kills them
  });
}

/** Ends a child politely (SIGTERM), then for good after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 2_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
