// Transcription engines for the archive: a 16 kHz mono WAV in, timed text segments out.
// Plain data only; the server decides when to run them and where the results go.
export {
  DEFAULT_TRANSCRIPTION_LANGUAGE,
  TranscriptionError,
  type TranscribeOptions,
  type TranscriptionEngine,
  type TranscriptionErrorReason,
  type TranscriptSegment,
} from './types.ts';
export {
  audioDurationMs,
  decodeTranscriptionWav,
  readTranscriptionWav,
  toTranscriptionWav,
  TRANSCRIPTION_SAMPLE_RATE,
  type ToWavOptions,
} from './audio.ts';
export {
  createWhisperEngine,
  whisperAvailable,
  type WhisperAvailability,
  type WhisperEngineOptions,
  type WhisperParams,
} from './whisper.ts';
export { createHttpEngine, type HttpEngineOptions } from './http.ts';
export { createEngineFromConfig, type TranscriptionConfig } from './config.ts';
