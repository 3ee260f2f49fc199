// The media server: mediasoup workers, one room per live session, WHIP ingest and recording.
// Without a worker binary the app still runs, with media "off" and video unavailable.
import { accessSync, constants } from 'node:fs';
import type { types } from 'mediasoup';
import type { MediaLogger, MediaOptions, TurnServer } from './options.ts';
import type { MediaRoom, RoomEvents } from './room.ts';
import type { SegmentInfo } from './recording/index.ts';
import { recordRoom, type RoomRecording } from './room-recording.ts';
import { createRooms } from './rooms.ts';
import { createWorkerPool, type WorkerHealth, type WorkerPool } from './worker-pool.ts';

export type { MediaLogger, MediaOptions, TurnServer } from './options.ts';
export type { MediaRoom, RoomEvents } from './room.ts';
export * from './types.ts';

export type MediaStatus = 'ok' | 'off' | 'degraded';

export interface MediaHealth {
  status: MediaStatus;
  workers: WorkerHealth[];
  workerDeaths: number;
}

export interface MediaEvents {
  room(sessionId: string): RoomEvents;
  reset(sessionId: string, peerIds: string[]): void;
  /** A room was made (first join, or rebuilt after its worker died): time to record it. */
  roomOpened?(sessionId: string): void;
}

export interface MediaService {
  status(): MediaStatus;
  health(): MediaHealth;
  iceServers(): TurnServer[];
  /** The session's room, created on first use (serialized). Throws when media is off. */
  room(sessionId: string): Promise<MediaRoom>;
  findRoom(sessionId: string): Promise<MediaRoom | undefined>;
  /** Ends the session's media; its recording's last segment is closed before this resolves. */
  closeRoom(sessionId: string): Promise<void>;
  /** Records the room's program into `dir` until the room closes; false if no room or already
   * recording. */
  startRecording(
    sessionId: string,
    dir: string,
    onSegment: (segment: SegmentInfo) => void,
  ): Promise<boolean>;
  /** For tests and the benchmark: the live worker processes. */
  workers(): types.Worker[];
  close(): Promise<void>;
}

export function createDisabledMedia(): MediaService {
  const off = () => Promise.reject(new Error('media is off'));
  return {
    status: () => 'off',
    health: () => ({ status: 'off', workers: [], workerDeaths: 0 }),
    iceServers: () => [],
    room: off,
    findRoom: async () => undefined,
    closeRoom: async () => {},
    startRecording: async () => false,
    workers: () => [],
    close: async () => {},
  };
}

export function workerBinaryExists(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false; // missing or not executable: media stays off
  }
}

export async function createMedia(
  options: MediaOptions,
  events: MediaEvents,
  logger: MediaLogger,
): Promise<MediaService> {
  let pool: WorkerPool | null = null;
  const recordings = new Map<MediaRoom, RoomRecording>();
  const rooms = createRooms(
    () => {
      if (!pool) throw new Error('media is starting');
      return pool;
    },
    options,
    {
      room: events.room,
      reset: events.reset,
      opened: (sessionId) => events.roomOpened?.(sessionId),
      async closing(_sessionId, room) {
        const recording = recordings.get(room);
        recordings.delete(room);
        await recording?.stop();
      },
    },
    logger,
  );
  pool = await createWorkerPool(options, logger, (worker) => {
    rooms
      .workerDied(worker)
      .catch((err: unknown) =>
        logger.error({ err }, 'media rooms could not be recovered after a worker died'),
      );
  });
  const livePool = pool;

  const health = (): MediaHealth => {
    const { workers, deaths } = livePool.health();
    const alive = workers.filter((w) => w.alive).length;
    return {
      status: alive >= options.workers ? 'ok' : alive > 0 ? 'degraded' : 'off',
      workers,
      workerDeaths: deaths,
    };
  };

  return {
    status: () => health().status,
    health,
    iceServers: () => options.turn,
    room: (sessionId) => rooms.get(sessionId),
    findRoom: (sessionId) => rooms.find(sessionId),
    closeRoom: (sessionId) => rooms.close(sessionId),
    async startRecording(sessionId, dir, onSegment) {
      const room = await rooms.find(sessionId);
      if (!room || recordings.has(room)) return false;
      recordings.set(
        room,
        recordRoom(room, {
          dir,
          ffmpegPath: options.ffmpegPath,
          listenIp: options.listenIp,
          logger,
          onSegment,
        }),
      );
      return true;
    },
    workers: () => livePool.workers(),
    async close() {
      await rooms.closeAll();
      livePool.close();
    },
  };
}
export * from './whip/index.ts';
export {
  finalizeRecording,
  ImportError,
  importRecording,
  inspectImport,
  probeDuration,
  type SegmentInfo,
} from './recording/index.ts';
export * from './transcribe/index.ts';
