// The one Socket.IO connection of a browser tab, typed by the shared protocol.
import { io, type Socket } from 'socket.io-client';
import { browser } from '$app/environment';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type Result,
  type ServerToClientEvents,
  type WireError,
} from '@namesti/server/protocol';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | null = null;

/** The shared socket; connects on first use. Browser only. */
export function getSocket(): AppSocket {
  if (!browser) throw new Error('getSocket() is browser-only');
  socket ??= openSocket();
  return socket;
}

/**
 * A Socket.IO connection to the app. `separate`: a connection of its own rather than the
 * page's (the stage speaker's media peer, which must not replace the player's).
 */
export function openSocket(separate = false): AppSocket {
  return io({
    path: '/socket.io',
    auth: { protocolVersion: PROTOCOL_VERSION },
    withCredentials: true,
    // WebSocket first; HTTP long-polling only where a proxy blocks WebSockets (the load
    // balancer in docker-compose.yml keeps such clients on one node).
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    forceNew: separate,
  });
}

/** A failed ack (or a timeout), carrying the server's WireError. */
export class AckError extends Error {
  readonly code: WireError['code'];
  readonly details: Record<string, string[]>;
  constructor(error: WireError) {
    super(error.message);
    this.name = 'AckError';
    this.code = error.code;
    this.details = error.details ?? {};
  }
}

type EventName = keyof ClientToServerEvents;
/** Listeners by event: the server's events, and the socket's own connect and disconnect. */
export type Listeners = Partial<ServerToClientEvents> & {
  connect?: () => void;
  disconnect?: () => void;
};

/**
 * Adds the listeners and returns the function that removes the same ones again, so a page
 * cannot forget one when it leaves.
 */
export function listen(target: AppSocket, listeners: Listeners): () => void {
  // socket.io's typed on/off cannot follow an event name from a loop; Listeners keeps it honest.
  type Untyped = (event: string, listener: (...args: never[]) => void) => unknown;
  const { on, off } = target as unknown as { on: Untyped; off: Untyped };
  const entries = Object.entries(listeners) as [string, (...args: never[]) => void][];
  for (const [event, listener] of entries) on.call(target, event, listener);
  return () => {
    for (const [event, listener] of entries) off.call(target, event, listener);
  };
}

type Payload<E extends EventName> = Parameters<ClientToServerEvents[E]>[0];
type AckData<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends (
  result: Result<infer T>,
) => void
  ? T
  : never;

/**
 * Emits a client event and resolves with the ack's data; rejects with AckError when the server
 * answers `{ ok: false }` or does not answer within `timeoutMs`.
 */
export function emitWithAck<E extends EventName>(
  event: E,
  payload: Payload<E>,
  timeoutMs = 10_000,
): Promise<AckData<E>> {
  return emitOn(getSocket(), event, payload, timeoutMs);
}

/** emitWithAck on a given connection. */
export function emitOn<E extends EventName>(
  target: AppSocket,
  event: E,
  payload: Payload<E>,
  timeoutMs = 10_000,
): Promise<AckData<E>> {
  const timed = target.timeout(timeoutMs);
  // socket.io's typed emit cannot follow a generic event name; the maps above keep it honest.
  const emit = timed.emit as unknown as (
    event: E,
    payload: Payload<E>,
    ack: (err: Error | null, result: Result<AckData<E>>) => void,
  ) => void;
  return new Promise((resolve, reject) => {
    emit.call(timed, event, payload, (err, result) => {
      if (err) {
        reject(new AckError({ code: 'unavailable', message: err.message }));
      } else if (result.ok) {
        resolve(result.data);
      } else {
        reject(new AckError(result.error));
      }
    });
  });
}
