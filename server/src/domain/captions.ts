// Timed transcripts of meetings: parse WebVTT and SRT into segments, write them back out (WebVTT,
// SRT, plain text), and cut them into sentences for search. Pure and I/O-free: no dependencies.
//
// Decisions for the ambiguous cases (the tests pin each one down):
// - Format: a `WEBVTT` first line means WebVTT. Without it, the first timing line decides: a dot
//   before the milliseconds means header-less WebVTT, anything else SRT. Both parsers accept "." and
//   "," before the milliseconds, 1–3 fraction digits ("1.5" is 1 s 500 ms), and hours optional.
// - Cues with end <= start are kept (their words matter for search) and get a new end: the start
//   of the next later cue, but at most FALLBACK_CUE_MS after their own start.
// - Cues whose text is empty after removing markup are dropped; a file left without cues is
//   'no_cues'.
// - WebVTT: a cue with voices of several speakers ("<v A>Ano.</v> <v B>Ne.</v>") becomes one segment
//   per speaker, the cue's time shared out by text length. Text outside any voice span belongs to
//   the speaker before it ("</v>" does not reset it). A "<" that does not start a tag is kept as
//   text. Any line containing "-->" is a timing line, even without a blank line before it.
// - SRT: text is literal (no entities; "SPEAKER: text" stays text); only <i> <b> <u> <s> <font>
//   and {\an8}-style tags are removed. A block without a timing line after a cue is the cue's text
//   continued (a stray blank line) and is appended; before the first cue it is ignored. A text line
//   with "-->" that is not a timing stays text.
// - A line that starts like a timestamp where no cue text can be ("00:00:01,000 - 00:00:02,000")
//   is a 'malformed_timing' error, not something to skip silently.
// - Whitespace: runs of ASCII whitespace become one space; no-break spaces (&nbsp;, common in Czech
//   typography) are kept as U+00A0.

export {
  CaptionsError,
  FALLBACK_CUE_MS,
  MAX_CAPTION_CUES,
  MAX_CAPTIONS_BYTES,
  MAX_SENTENCE_CHARS,
  type CaptionFormat,
  type CaptionSegment,
  type CaptionsErrorReason,
  type TimestampStyle,
} from './captions/types.ts';
export { formatTimestamp, parseTimestamp } from './captions/text.ts';
export { detectCaptionFormat, parseCaptions } from './captions/parse.ts';
export { toPlainText, toSrt, toWebVtt } from './captions/write.ts';
export { splitIntoSentences } from './captions/sentences.ts';
