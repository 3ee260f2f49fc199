// The replay's chat, as it was at a moment of the recording: like a live viewer saw it then.
import { indexAt } from './timeline';

/** Each message's place on the timeline; one written before the recording began is at its
 * very start. Made once per replay: the lookup runs on every time update. */
export function chatStarts(messages: readonly { atMs: number | null }[]): { startMs: number }[] {
  return messages.map(({ atMs }) => ({ startMs: atMs ?? -1 }));
}

/** How many of the messages (oldest first) had been written by `ms` into the recording. */
export function writtenBy(starts: readonly { startMs: number }[], ms: number): number {
  return indexAt(starts, ms) + 1;
}
