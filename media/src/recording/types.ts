import type { types } from 'mediasoup';

export type TrackKind = 'audio' | 'video';

/** The broadcast (picture and the host's microphone), or a citizen's microphone on stage,
 * which is recorded on its own and mixed into the broadcast's sound at the end. */
export type RecordingTrack = 'program' | 'stage';

export interface SegmentInfo {
  index: number;
  file: string;
  startedAt: Date;
  /** null while the segment is still being written. */
  endedAt: Date | null;
  kinds: TrackKind[];
  /** Absent means 'program' (segments stored before stage recording existed). */
  track?: RecordingTrack;
}

export interface RecorderLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface RecordingSources {
  audio?: types.Producer;
  video?: types.Producer;
}

export interface SessionRecorderOptions {
  router: types.Router;
  /** Folder for segment files; created if missing. */
  dir: string;
  ffmpegPath?: string;
  /** Address mediasoup sends from and ffmpeg listens on. Default 127.0.0.1. */
  listenIp?: string;
  logger: RecorderLogger;
  /** Names the files and marks the segments; 'program' unless given. */
  track?: RecordingTrack;
  now?: () => Date;
  onSegment?: (segment: SegmentInfo) => void;
}

export interface SessionRecorder {
  /** Resolves once the recording follows the given producers. */
  setSources(sources: RecordingSources): Promise<void>;
  /** Ends the current segment; returns every segment of the session, oldest first. */
  stop(): Promise<SegmentInfo[]>;
  segments(): SegmentInfo[];
}
