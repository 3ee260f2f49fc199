// Typed Socket.IO test clients that speak the real protocol.
import { io, type Socket } from 'socket.io-client';
import type { Result } from '../../src/protocol/errors.ts';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../src/protocol/events.ts';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function connectSocket(
  baseUrl: string,
  options: {
    cookie?: string;
    protocolVersion?: number;
    transports?: ('websocket' | 'polling')[];
    /** X-Forwarded-For, as a trusted proxy would send it: another citizen's address. */
    forwardedFor?: string;
  } = {},
): Promise<TestSocket> {
  const socket: TestSocket = io(baseUrl, {
    transports: options.transports ?? ['websocket'],
    auth: { protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION },
    extraHeaders: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
    },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Emits any event with any payload (to test bad input) and waits for the ack. */
export function emitRaw(
  socket: TestSocket,
  event: string,
  ...args: unknown[]
): Promise<Result<unknown>> {
  return (socket as unknown as Socket).timeout(5_000).emitWithAck(event, ...args) as Promise<
    Result<unknown>
  >;
}

/** Resolves with the first event matching `predicate`, or rejects after `ms`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  predicate: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  ms = 5_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${event} within ${ms} ms`));
    }, ms);
    const listener = (...args: Parameters<ServerToClientEvents[E]>) => {
      if (!predicate(...args)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(args[0]);
    };
    socket.on(event, listener as never);
  });
}

/** Polls `read` until it returns `expected` (viewer counts settle asynchronously). */
export async function eventually<T>(
  read: () => T | Promise<T>,
  expected: T,
  ms = 6_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (last === expected) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected ${String(expected)}, last saw ${String(last)}`);
}
