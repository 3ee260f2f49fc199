export { createSessionRecorder } from './recorder.ts';
export { finalizeRecording, type FinalizeOptions, type FinalizedRecording } from './finalize.ts';
export { probeDuration } from './probe.ts';
export type {
  RecorderLogger,
  RecordingSources,
  SegmentInfo,
  SessionRecorder,
  SessionRecorderOptions,
  TrackKind,
} from './types.ts';
