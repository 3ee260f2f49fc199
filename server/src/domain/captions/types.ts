// Captions: the segment they describe and the typed error a bad file gives.
export interface CaptionSegment {
  startMs: number;
  endMs: number;
  text: string;
  speaker: string | null;
}

export type CaptionFormat = 'vtt' | 'srt';
export type CaptionsErrorReason = 'empty' | 'malformed_timing' | 'no_cues' | 'too_large';
export type TimestampStyle = 'vtt' | 'srt' | 'clock';

/** Largest accepted input, in UTF-8 bytes. */
export const MAX_CAPTIONS_BYTES = 5 * 1024 * 1024;
/** Most cues (timing lines) accepted in one file. */
export const MAX_CAPTION_CUES = 50_000;
/** Longest sentence splitIntoSentences returns, in UTF-16 code units. */
export const MAX_SENTENCE_CHARS = 300;
/** Longest duration given to a cue whose end was not after its start. */
export const FALLBACK_CUE_MS = 1000;

const MESSAGES: Record<CaptionsErrorReason, string> = {
  empty: 'The captions file is empty',
  malformed_timing: 'Malformed cue timing',
  no_cues: 'The captions file has no cues with text',
  too_large: 'The captions file is too large',
};

/**
 * Why captions could not be parsed. `line` is 1-based in the input as given (CRLF, CR and LF each
 * end a line), or null when the problem is the input as a whole (empty, too many bytes, no cues).
 */
export class CaptionsError extends Error {
  readonly reason: CaptionsErrorReason;
  readonly line: number | null;

  constructor(reason: CaptionsErrorReason, line: number | null, detail?: string) {
    const where = line === null ? '' : ` on line ${line}`;
    super(`${MESSAGES[reason]}${where}${detail === undefined ? '' : `: ${detail}`}`);
    this.name = 'CaptionsError';
    this.reason = reason;
    this.line = line;
  }
}
