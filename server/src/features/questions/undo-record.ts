// What the audit log keeps of a moderation action so that undo can put things back.
import type { QuestionPatch } from '../../domain/question-queue.ts';

export interface UndoRecord {
  before: { question: QuestionPatch; nowAnsweringId: string | null };
  after: {
    question: QuestionPatch;
    nowAnsweringId: string | null;
    /** The question's version right after the action: undo only if nothing changed since. */
    version: number;
    /** For a merge: the target, and the supporters the merge gave it. */
    targetId?: string;
    addedSupporters?: string[];
  };
}

const DATE_FIELDS = ['answeredAt', 'approvedAt'] as const;

/** A stored snapshot back into Prisma data (JSON turned the dates into strings). */
export function restorePatch(stored: QuestionPatch): QuestionPatch {
  const patch: QuestionPatch = { ...stored };
  for (const field of DATE_FIELDS) {
    const value = stored[field] as Date | string | null | undefined;
    if (typeof value === 'string') patch[field] = new Date(value);
  }
  return patch;
}
