// Where things are on a recording's timeline: the sentence and chapter playing at a moment
// (binary search: a council meeting has thousands of sentences and the lookup runs on every
// time update), where a marker sits on the bar, and which answers were given in writing.
import type { TimelinePollDto, TimelineQuestionDto } from '@namesti/server/protocol';

interface Timed {
  startMs: number;
}

/** The last item that starts at or before `ms` (items sorted by start), or -1. */
export function indexAt(items: readonly Timed[], ms: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((items[middle]?.startMs ?? Number.POSITIVE_INFINITY) <= ms) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** The sentence being spoken at `ms`, or -1 in a pause between sentences. */
export function segmentIndexAt(segments: readonly (Timed & { endMs: number })[], ms: number) {
  const index = indexAt(segments, ms);
  const segment = segments[index];
  return segment && ms < segment.endMs ? index : -1;
}

/**
 * Where a link to whole second `seconds` should start: search results round a sentence's start
 * down to the second, so a sentence starting within that second is the one meant.
 */
export function startOfMoment(segments: readonly Timed[], seconds: number): number {
  const ms = seconds * 1000;
  const next = indexAt(segments, ms - 1) + 1;
  const candidate = segments[next];
  return candidate && candidate.startMs < ms + 1000 ? candidate.startMs : ms;
}

/** A position on the bar, 0–100 %. */
export function percentOf(ms: number, durationMs: number): number {
  if (!(durationMs > 0)) return 0;
  return Math.min(100, Math.max(0, (ms / durationMs) * 100));
}

export interface ChapterSpan<C extends Timed> {
  chapter: C;
  endMs: number;
  left: number;
  width: number;
}

/** Chapters as stretches of the bar, each until the next one starts (the last until the end). */
export function chapterSpans<C extends Timed>(
  chapters: readonly C[],
  durationMs: number,
): ChapterSpan<C>[] {
  return chapters
    .filter((chapter) => chapter.startMs < durationMs)
    .map((chapter, index, kept) => {
      const endMs = Math.min(kept[index + 1]?.startMs ?? durationMs, durationMs);
      const left = percentOf(chapter.startMs, durationMs);
      return { chapter, endMs, left, width: percentOf(endMs, durationMs) - left };
    });
}

/** Whether `ms` is a moment the recording has (known duration, inside it). */
export function inRecording(ms: number | null, durationMs: number | null): ms is number {
  return ms !== null && durationMs !== null && ms >= 0 && ms <= durationMs;
}

/** Answered after the broadcast (or at no known moment): there is nothing to play. */
export function answeredInWriting(
  answer: NonNullable<TimelineQuestionDto['answer']>,
  durationMs: number | null,
): boolean {
  return !inRecording(answer.atMs, durationMs);
}

export type TimelineEntry =
  | { type: 'question'; id: string; atMs: number | null; question: TimelineQuestionDto }
  | { type: 'poll'; id: string; atMs: number | null; poll: TimelinePollDto };

/**
 * Questions (when asked) and polls (when opened) in the order they happened; those without a
 * moment in the recording (asked before it started, say) come last, in their own order.
 */
export function timelineEntries(
  questions: readonly TimelineQuestionDto[],
  polls: readonly TimelinePollDto[],
  durationMs: number | null,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...questions.map((question) => ({
      type: 'question' as const,
      id: question.id,
      atMs: inRecording(question.askedMs, durationMs) ? question.askedMs : null,
      question,
    })),
    ...polls.map((poll) => ({
      type: 'poll' as const,
      id: poll.poll.id,
      atMs: inRecording(poll.openedMs, durationMs) ? poll.openedMs : null,
      poll,
    })),
  ];
  const order = (entry: TimelineEntry) => entry.atMs ?? Number.POSITIVE_INFINITY;
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => order(a.entry) - order(b.entry) || a.index - b.index)
    .map(({ entry }) => entry);
}
