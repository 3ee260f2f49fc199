// The parent's handle on the baseline relay process (udp-relay.ts).
import { fork } from 'node:child_process';
import path from 'node:path';
import { ownChild, stopChild } from './proc.ts';

export type RelayCommand = { type: 'fanout'; ssrc: number; ports: number[] };
export type RelayReply = { type: 'listening'; port: number } | { type: 'ready'; sources: number[] };

export async function startRelay() {
  const child = ownChild(
    fork(path.join(import.meta.dirname, 'udp-relay.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const next = <T extends RelayReply['type']>(type: T) =>
    new Promise<Extract<RelayReply, { type: T }>>((resolve, reject) => {
      const onMessage = (reply: RelayReply) => {
        if (reply.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(reply as Extract<RelayReply, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`the relay exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { port } = await next('listening');
  return {
    pid: child.pid!,
    /** Where the publisher's datagrams go. */
    port,
    /** From now on, forwards `ssrc`'s packets to each of `ports`; the sockets it sends from. */
    async fanout(ssrc: number, ports: number[]): Promise<number[]> {
      const ready = next('ready');
      child.send({ type: 'fanout', ssrc, ports } satisfies RelayCommand);
      return (await ready).sources;
    },
    stop: () => {
      child.disconnect();
      return stopChild(child);
    },
  };
}

export type Relay = Awaited<ReturnType<typeof startRelay>>;
