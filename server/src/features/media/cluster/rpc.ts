// Media calls between nodes over Redis pub/sub: each node listens on its own channel, runs
// what it is asked on its own rooms and publishes the result back to the asker's channel.
// Failures travel as typed reasons, so the asker answers its client as if the room were local.
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { MediaError, WhipSdpError, type WhipSdpErrorReason } from '@namesti/media';
import type { Logger } from '../../../lib/logger.ts';
import type { MediaOpName, MediaOps } from './ops.ts';

type WireError =
  | { kind: 'media'; reason: MediaError['reason']; message: string }
  | { kind: 'whip'; reason: WhipSdpErrorReason; message: string }
  | { kind: 'internal'; message: string };

type Message =
  | { type: 'call'; id: string; from: string; op: MediaOpName; args: unknown[] }
  | { type: 'reply'; id: string; ok: true; value: unknown }
  | { type: 'reply'; id: string; ok: false; error: WireError };

export interface MediaRpc {
  call<K extends MediaOpName>(
    node: string,
    op: K,
    args: Parameters<MediaOps[K]>,
  ): Promise<Awaited<ReturnType<MediaOps[K]>>>;
  close(): Promise<void>;
}

/** A generous bound: a WHIP publish on a busy worker takes a few hundred milliseconds. */
const CALL_TIMEOUT_MS = 8_000;

function encode(err: unknown): WireError {
  if (err instanceof MediaError) return { kind: 'media', reason: err.reason, message: err.message };
  if (err instanceof WhipSdpError)
    return { kind: 'whip', reason: err.reason, message: err.message };
  return { kind: 'internal', message: 'The media server failed' };
}

function decode(err: WireError): Error {
  if (err.kind === 'media') return new MediaError(err.reason, err.message);
  if (err.kind === 'whip') return new WhipSdpError(err.reason, err.message);
  return new Error(err.message);
}

export async function createMediaRpc(deps: {
  redis: RedisClientType;
  prefix: string;
  self: string;
  /** What this node runs when another node asks. */
  serve: MediaOps;
  logger: Logger;
  timeoutMs?: number;
}): Promise<MediaRpc> {
  const { redis, prefix, self, serve, logger } = deps;
  const channel = (node: string) => `${prefix}:media:rpc:${node}`;
  const pending = new Map<
    string,
    { resolve(value: unknown): void; reject(err: Error): void; timer: NodeJS.Timeout }
  >();
  const send = (node: string, message: Message) =>
    redis.publish(channel(node), JSON.stringify(message));

  async function answer(call: Extract<Message, { type: 'call' }>) {
    let reply: Message;
    try {
      const op = serve[call.op] as (...args: unknown[]) => Promise<unknown>;
      reply = { type: 'reply', id: call.id, ok: true, value: (await op(...call.args)) ?? null };
    } catch (err) {
      if (!(err instanceof MediaError) && !(err instanceof WhipSdpError)) {
        logger.error({ err, op: call.op, from: call.from }, 'media call from another node failed');
      }
      reply = { type: 'reply', id: call.id, ok: false, error: encode(err) };
    }
    await send(call.from, reply);
  }

  function settle(reply: Extract<Message, { type: 'reply' }>) {
    const waiting = pending.get(reply.id);
    if (!waiting) return; // timed out already
    pending.delete(reply.id);
    clearTimeout(waiting.timer);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(decode(reply.error));
  }

  const sub = redis.duplicate();
  sub.on('error', (err: unknown) => logger.error({ err }, 'redis (media calls) error'));
  await sub.connect();
  await sub.subscribe(channel(self), (raw) => {
    const message = JSON.parse(raw) as Message;
    if (message.type === 'reply') settle(message);
    else
      answer(message).catch((err: unknown) =>
        logger.warn({ err, op: message.op }, 'media call answer not sent'),
      );
  });

  return {
    call(node, op, args) {
      const id = randomUUID();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new MediaError('unreachable', `Media node ${node} did not answer ${op}`));
        }, deps.timeoutMs ?? CALL_TIMEOUT_MS);
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
        send(node, { type: 'call', id, from: self, op, args })
          .then((receivers) => {
            // Nobody listens on that channel: the node is gone, no need to wait.
            if (receivers === 0) {
              clearTimeout(timer);
              pending.delete(id);
              reject(new MediaError('unreachable', `Media node ${node} is gone`));
            }
          })
          .catch((err: unknown) => {
            clearTimeout(timer);
            pending.delete(id);
            reject(err instanceof Error ? err : new Error(String(err)));
          });
      });
    },
    async close() {
      for (const { timer, reject } of pending.values()) {
        clearTimeout(timer);
        reject(new MediaError('unreachable', 'This node is shutting down'));
      }
      pending.clear();
      await sub.quit();
    },
  };
}
