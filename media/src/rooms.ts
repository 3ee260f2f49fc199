// Every live session's room, created on first use. Creation is serialized per session: two
// viewers joining at the same instant get the same router, never two.
import type { types } from 'mediasoup';
import { createFanout } from './fanout.ts';
import type { MediaLogger, MediaOptions } from './options.ts';
import { createRoom, type MediaRoom, type RoomEvents } from './room.ts';
import type { WorkerPool } from './worker-pool.ts';

export interface RoomsEvents {
  room(sessionId: string): RoomEvents;
  /** These peers lost their transports (a worker died) and must reconnect. */
  reset(sessionId: string, peerIds: string[]): void;
  opened?(sessionId: string): void;
  closing?(sessionId: string, room: MediaRoom): Promise<void>;
}

export function createRooms(
  pool: () => WorkerPool,
  options: MediaOptions,
  events: RoomsEvents,
  logger: MediaLogger,
) {
  const rooms = new Map<string, Promise<MediaRoom>>();

  async function open(sessionId: string): Promise<MediaRoom> {
    let room: MediaRoom | null = null;
    const fanout = await createFanout(pool(), options.consumersPerRouter, () =>
      room ? room.producers().map((p) => p.id) : [],
    );
    room = createRoom(fanout, options, events.room(sessionId));
    // After the awaits above, so the registry already holds this room for the listener.
    queueMicrotask(() => events.opened?.(sessionId));
    return room;
  }

  async function close(sessionId: string): Promise<void> {
    const pending = rooms.get(sessionId);
    if (!pending) return;
    rooms.delete(sessionId);
    const room = await pending;
    await events.closing?.(sessionId, room);
    room.close();
  }

  return {
    get(sessionId: string): Promise<MediaRoom> {
      let pending = rooms.get(sessionId);
      if (!pending) {
        pending = open(sessionId);
        rooms.set(sessionId, pending);
        // A failed creation must not stay cached: the next join tries again.
        pending.catch((err: unknown) => {
          if (rooms.get(sessionId) === pending) rooms.delete(sessionId);
          logger.error({ err, sessionId }, 'media room could not be created');
        });
      }
      return pending;
    },
    async find(sessionId: string): Promise<MediaRoom | undefined> {
      return rooms.get(sessionId)?.catch(() => undefined);
    },
    close,

    /** After a worker died: rooms whose origin it carried are dropped and rebuilt on the
     * next join; everyone who lost a transport is told to reconnect. */
    async workerDied(worker: types.Worker) {
      for (const [sessionId, pending] of [...rooms]) {
        const room = await pending.catch(() => null);
        if (!room) continue;
        const { origin } = room.fanout.onWorker(worker);
        const peers = origin ? room.peerIds() : room.takeLostPeers();
        if (origin) {
          logger.warn({ sessionId, pid: worker.pid }, 'media room lost its worker; rebuilding');
          await close(sessionId);
        }
        if (peers.length > 0) events.reset(sessionId, peers);
      }
    },

    async closeAll() {
      await Promise.all([...rooms.keys()].map(close));
    },
    sessionIds: () => [...rooms.keys()],
  };
}

export type MediaRooms = ReturnType<typeof createRooms>;
