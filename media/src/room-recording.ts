// Records a room's program (the broadcast's video and microphone) for as long as the room
// lives: a new segment whenever the program's tracks change, all of them ended on stop.
import { createSessionRecorder, type SegmentInfo } from './recording/index.ts';
import type { MediaLogger } from './options.ts';
import type { MediaRoom } from './room.ts';

const SETTLE_MS = 400;

export interface RoomRecording {
  stop(): Promise<SegmentInfo[]>;
}

export function recordRoom(
  room: MediaRoom,
  options: {
    dir: string;
    ffmpegPath: string;
    listenIp: string;
    logger: MediaLogger;
    onSegment: (segment: SegmentInfo) => void;
  },
): RoomRecording {
  const recorder = createSessionRecorder({
    router: room.origin,
    dir: options.dir,
    ffmpegPath: options.ffmpegPath,
    listenIp: options.listenIp === '0.0.0.0' ? '127.0.0.1' : options.listenIp,
    logger: options.logger,
    onSegment: options.onSegment,
  });
  let following = Promise.resolve();
  let settle: NodeJS.Timeout | undefined;
  const apply = () => {
    following = following
      .then(() => recorder.setSources(room.program()))
      .catch((err: unknown) =>
        options.logger.error({ err, dir: options.dir }, 'recording could not follow the broadcast'),
      );
  };
  // A studio going live adds its camera and microphone a moment apart, and a camera switch
  // closes one track and opens another: one new segment for the whole change, not several.
  const follow = () => {
    clearTimeout(settle);
    settle = setTimeout(apply, SETTLE_MS);
  };
  const unsubscribe = room.onProducersChanged(follow);
  apply();
  return {
    async stop() {
      unsubscribe();
      clearTimeout(settle);
      await following;
      return recorder.stop();
    },
  };
}
