// Row locks of moderation: the session first, then its questions in id order, so two
// moderators (or two merges in opposite directions) take turns and never deadlock.
import { notFound } from '../../lib/app-error.ts';
import { say, type Actor } from '../auth/actor.ts';
import type { Tx } from '../sessions/mutations.ts';

export const questionNotFound = (actor: Actor) => notFound(say(actor, 'Otázka', 'Question'));

export async function lockSession(tx: Tx, sessionId: string) {
  const [row] = await tx.$queryRaw<{ now_answering_id: string | null }[]>`
    SELECT now_answering_id::text FROM sessions WHERE id = ${sessionId}::uuid FOR NO KEY UPDATE`;
  return row;
}

/** Locks the questions in id order (no deadlock between two merges) and reads them. */
export async function lockQuestions(tx: Tx, ids: string[]) {
  const sorted = [...new Set(ids)].sort();
  await tx.$queryRaw`SELECT id FROM questions WHERE id = ANY(${sorted}::uuid[]) ORDER BY id FOR UPDATE`;
  const rows = await tx.question.findMany({
    where: { id: { in: sorted } },
    include: { moderatedBy: { select: { name: true } } },
  });
  return new Map(rows.map((row) => [row.id, row]));
}
