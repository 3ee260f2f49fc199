// The speaker's own Socket.IO connection for sending to the stage. The server treats each
// connection as one media peer, and a second media:join on the page's connection would close
// the player's receiving transport; a connection of its own (same cookies, so the same
// citizen) keeps watching and speaking apart.
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type Result } from '@namesti/server/protocol';
import { AckError, type AppSocket } from '$lib/realtime/socket';

export function openStageSocket(): AppSocket {
  return io({
    path: '/socket.io',
    auth: { protocolVersion: PROTOCOL_VERSION },
    withCredentials: true,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    // Not multiplexed over the page's connection: a connection of its own.
    forceNew: true,
  });
}

type EventName = keyof ClientToServerEvents;
type Payload<E extends EventName> = Parameters<ClientToServerEvents[E]>[0];
type AckData<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends (
  result: Result<infer T>,
) => void
  ? T
  : never;

/** emitWithAck (realtime/socket.ts) on this connection instead of the page's. */
export function ask<E extends EventName>(
  socket: AppSocket,
  event: E,
  payload: Payload<E>,
  timeoutMs = 10_000,
): Promise<AckData<E>> {
  const timed = socket.timeout(timeoutMs);
  // socket.io's typed emit cannot follow a generic event name; the maps above keep it honest.
  const emit = timed.emit as unknown as (
    event: E,
    payload: Payload<E>,
    ack: (err: Error | null, result: Result<AckData<E>>) => void,
  ) => void;
  return new Promise((resolve, reject) => {
    emit.call(timed, event, payload, (err, result) => {
      if (err) reject(new AckError({ code: 'unavailable', message: err.message }));
      else if (result.ok) resolve(result.data);
      else reject(new AckError(result.error));
    });
  });
}
