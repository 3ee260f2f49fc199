// What every transcription engine takes and gives: a 16 kHz mono WAV file in, timed text out.

export interface TranscriptSegment {
  startMs: number;
  endMs: number;
  text: string;
  /** Who spoke, when the engine knows (neither engine here does yet). */
  speaker: string | null;
}

export interface TranscribeOptions {
  /** ISO 639-1 code of the spoken language, e.g. 'cs' (the default when empty). */
  language: string;
  /** Called with 0…1 as the engine gets through the audio; it may never be called. */
  onProgress?(fraction: number): void;
  signal?: AbortSignal;
}

export interface TranscriptionEngine {
  readonly name: string;
  /** `wavFile` should come from {@link toTranscriptionWav}. Rejects with TranscriptionError. */
  transcribe(wavFile: string, options: TranscribeOptions): Promise<TranscriptSegment[]>;
  /** Releases the model or connections; waits for work already running in native code. */
  close?(): Promise<void>;
}

export const DEFAULT_TRANSCRIPTION_LANGUAGE = 'cs';

export type TranscriptionErrorReason =
  'engine_unavailable' | 'bad_audio' | 'engine_failed' | 'aborted' | 'http_error';

/** An expected failure of a transcription: the caller records the reason and moves on. */
export class TranscriptionError extends Error {
  readonly reason: TranscriptionErrorReason;
  /** The HTTP status, for 'http_error' answers from a service. */
  readonly status: number | undefined;

  constructor(
    reason: TranscriptionErrorReason,
    message: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TranscriptionError';
    this.reason = reason;
    this.status = options.status;
  }
}

export function abortedError(signal: AbortSignal | undefined): TranscriptionError {
  const reason: unknown = signal?.reason;
  const detail = reason instanceof Error ? `: ${reason.message}` : '';
  return new TranscriptionError('aborted', `transcription aborted${detail}`, { cause: reason });
}

export function languageOrDefault(language: string | undefined): string {
  const trimmed = language?.trim();
  return trimmed ? trimmed : DEFAULT_TRANSCRIPTION_LANGUAGE;
}
