// A running ffmpeg: its last stderr lines for error reports, its -progress counters, and a
// stop that lets it finalize the file ('q', then SIGINT, then SIGKILL as a last resort).
import { spawn } from 'node:child_process';

const STDERR_LINES_KEPT = 30;
const SECOND_SIGNAL_DELAY_MS = 300;

export interface FfmpegExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when ffmpeg could not be started at all (e.g. ENOENT). */
  spawnError?: Error;
  stderrTail: string[];
}

export interface FfmpegProgress {
  /** Video frames written so far (0 for audio-only outputs). */
  frame: number;
  totalSizeBytes: number;
}

export interface FfmpegProcess {
  readonly pid: number | undefined;
  readonly exited: Promise<FfmpegExit>;
  hasExited(): boolean;
  progress(): FfmpegProgress;
  stderrTail(): string[];
  /** Graceful stop; resolves when the process is gone. */
  stop(graceMs?: number): Promise<FfmpegExit>;
}

export interface SpawnFfmpegOptions {
  /** Run under `nice -n 10` so encoding yields to the live media path. */
  nice?: boolean;
}

/** Start ffmpeg; `-progress pipe:1` is added so callers can see what was written. */
export function spawnFfmpeg(
  ffmpegPath: string,
  args: string[],
  options: SpawnFfmpegOptions = {},
): FfmpegProcess {
  const fullArgs = ['-hide_banner', '-nostats', '-progress', 'pipe:1', ...args];
  const [command, commandArgs] = options.nice
    ? ['nice', ['-n', '10', ffmpegPath, ...fullArgs]]
    : [ffmpegPath, fullArgs];
  const child = spawn(command, commandArgs, { stdio: ['pipe', 'pipe', 'pipe'] });

  const tail: string[] = [];
  const progress: FfmpegProgress = { frame: 0, totalSizeBytes: 0 };
  let done = false;

  eachLine(child.stderr, (line) => {
    tail.push(line);
    if (tail.length > STDERR_LINES_KEPT) tail.shift();
  });
  eachLine(child.stdout, (line) => {
    const [key, value] = line.split('=');
    if (key === 'frame') progress.frame = Number(value) || progress.frame;
    if (key === 'total_size') progress.totalSizeBytes = Number(value) || progress.totalSizeBytes;
  });
  // Writing 'q' races with ffmpeg exiting on its own; the exit handler reports what happened.
  child.stdin.on('error', () => undefined);

  const exited = new Promise<FfmpegExit>((resolve) => {
    child.once('error', (spawnError) => {
      done = true;
      resolve({ code: null, signal: null, spawnError, stderrTail: [...tail] });
    });
    child.once('close', (code, signal) => {
      done = true;
      resolve({ code, signal, stderrTail: [...tail] });
    });
  });

  // ffmpeg reads 'q' between packets, and a single SIGINT is only noticed there too; with no
  // packets arriving (the sender left) it takes a second SIGINT to interrupt the blocked read.
  const stop = async (graceMs = 1500): Promise<FfmpegExit> => {
    if (done) return exited;
    child.stdin.end('q');
    if (await settlesWithin(exited, graceMs)) return exited;
    child.kill('SIGINT');
    if (await settlesWithin(exited, SECOND_SIGNAL_DELAY_MS)) return exited;
    child.kill('SIGINT');
    if (await settlesWithin(exited, graceMs * 2)) return exited;
    child.kill('SIGKILL');
    return exited;
  };

  return {
    pid: child.pid,
    exited,
    hasExited: () => done,
    progress: () => ({ ...progress }),
    stderrTail: () => [...tail],
    stop,
  };
}

/** Run ffmpeg (or ffprobe) to completion; rejects with its last stderr lines on failure. */
export async function runFfmpeg(
  ffmpegPath: string,
  args: string[],
  options: SpawnFfmpegOptions = {},
): Promise<void> {
  const result = await spawnFfmpeg(ffmpegPath, ['-nostdin', ...args], options).exited;
  if (result.spawnError) throw result.spawnError;
  if (result.code !== 0) {
    throw new Error(
      `ffmpeg exited with ${result.code ?? result.signal}: ${result.stderrTail.slice(-8).join('\n')}`,
    );
  }
}

function eachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split(/\r?\n|\r/);
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  });
  stream.on('end', () => {
    if (pending.trim()) onLine(pending);
  });
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([promise.then(() => true as const), timeout]);
  clearTimeout(timer);
  return result;
}
