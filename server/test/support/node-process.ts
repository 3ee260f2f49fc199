// Starts the app as a separate Node process, as production runs it, and reads its URL from the log.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '../../..');

export interface NodeProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function startNodeProcess(env: Record<string, string>, name: string): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    // Port 0 (the system picks) unless the caller chose one.
    env: { ...process.env, PORT: '0', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return; // exited, or killed
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start in time:\n${output.join('')}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${output.join('')}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line + '\n');
      if (!line.includes('listening')) return;
      const { url } = JSON.parse(line) as { url: string };
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: url.replace('localhost', '127.0.0.1'), child, stop });
    });
  });
}
