export { createSessionRecorder } from './recorder.ts';
export { finalizeRecording, type FinalizeOptions, type FinalizedRecording } from './finalize.ts';
export { probeDuration } from './probe.ts';
export { ImportError, importRecording, inspectImport, type ImportedRecording } from './import.ts';
export type {
  RecorderLogger,
  RecordingSources,
  RecordingTrack,
  SegmentInfo,
  SessionRecorder,
  SessionRecorderOptions,
  TrackKind,
} from './types.ts';
