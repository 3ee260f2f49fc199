// An archived session's public questions and answers as CSV, timed on the recording.
import { formatTimestamp } from '../../domain/captions.ts';
import { csvDocument } from '../../lib/csv.ts';
import type { TimelineQuestionDto } from '../../protocol/archive.ts';

const HEADER = ['asked_at', 'question', 'author', 'votes', 'answer', 'answered_by', 'answered_at'];

const clock = (ms: number | null) => (ms === null ? null : formatTimestamp(ms, 'clock'));

export function questionsCsv(questions: readonly TimelineQuestionDto[]): string {
  return csvDocument(
    HEADER,
    questions.map((q) => [
      clock(q.askedMs),
      q.text,
      q.authorName,
      q.votes,
      q.answer?.text ?? null,
      q.answer?.official ?? null,
      clock(q.answer?.atMs ?? null),
    ]),
  );
}
