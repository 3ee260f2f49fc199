// Records a room for as long as it lives: the program (the broadcast's video and microphone)
// and, beside it, the microphone of a citizen on stage, each with a new segment whenever its
// tracks change, all of them ended on stop. The stage's sound is mixed in when finishing.
import {
  createSessionRecorder,
  type RecordingSources,
  type RecordingTrack,
  type SegmentInfo,
} from './recording/index.ts';
import type { MediaLogger } from './options.ts';
import type { MediaRoom } from './room.ts';

const SETTLE_MS = 400;

export interface RoomRecording {
  stop(): Promise<SegmentInfo[]>;
}

interface RecordingOptions {
  dir: string;
  ffmpegPath: string;
  listenIp: string;
  logger: MediaLogger;
  onSegment: (segment: SegmentInfo) => void;
}

export function recordRoom(room: MediaRoom, options: RecordingOptions): RoomRecording {
  const program = followTrack(room, options, 'program', () => room.program());
  const stage = followTrack(room, options, 'stage', () => {
    const audio = room.stageAudio();
    return audio ? { audio } : {};
  });
  return {
    async stop() {
      const [programSegments, stageSegments] = await Promise.all([program.stop(), stage.stop()]);
      return [...programSegments, ...stageSegments];
    },
  };
}

/** One recorder that follows `sources()` as the room's producers change. */
function followTrack(
  room: MediaRoom,
  options: RecordingOptions,
  track: RecordingTrack,
  sources: () => RecordingSources,
): RoomRecording {
  const recorder = createSessionRecorder({
    router: room.origin,
    dir: options.dir,
    ffmpegPath: options.ffmpegPath,
    listenIp: options.listenIp === '0.0.0.0' ? '127.0.0.1' : options.listenIp,
    logger: options.logger,
    onSegment: options.onSegment,
    track,
  });
  let following = Promise.resolve();
  let settle: NodeJS.Timeout | undefined;
  const apply = () => {
    following = following
      .then(() => recorder.setSources(sources()))
      .catch((err: unknown) =>
        options.logger.error(
          { err, dir: options.dir, track },
          'recording could not follow the broadcast',
        ),
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
