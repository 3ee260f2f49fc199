// One vote is one SQL statement: a vote storm (every citizen upvoting at once) must not hold a
// pooled connection across several round trips of an interactive transaction. The statement
// takes a shared lock on the question (votes run side by side, but wait for a merge or a status
// change and then see it), checks the session, the question and bans (moderation/bans.ts), makes sure the participant row exists, inserts or deletes the vote
// (the primary key keeps it one per person), and returns the count including this change.
// ON CONFLICT waits for a concurrent insert of the same vote; then the count is re-read.
import type { Prisma } from '../../db/database.ts';
import { banCte, personCte } from '../participation/vote-ctes.ts';
import type { Who } from '../participation/who.ts';

export interface VoteRow {
  /** Null when the question does not exist. */
  status: string | null;
  session_id: string | null;
  session_status: string | null;
  banned: boolean;
  applied: boolean;
  /** Whether this statement inserted or deleted a vote row. */
  changed: boolean;
  vote_count: number;
}

export async function castVote(
  prisma: Prisma,
  input: { sessionId: string; questionId: string; vote: boolean },
  who: Who,
  options: { exempt: boolean; now: Date },
): Promise<VoteRow> {
  const { sessionId, questionId, vote } = input;
  const [row] = await prisma.$queryRaw<VoteRow[]>`
    WITH target AS (
      SELECT q.id, q.status, q.session_id, s.status AS session_status
      FROM questions q JOIN sessions s ON s.id = q.session_id
      WHERE q.id = ${questionId}::uuid
      FOR SHARE OF q
    ),
    ${banCte(sessionId, who, options)},
    allowed AS (
      SELECT id FROM target
      WHERE status = 'approved' AND session_id = ${sessionId}::uuid
        AND session_status IN ('scheduled', 'live')
        AND NOT EXISTS (SELECT 1 FROM ban)
    ),
    ${personCte(who)},
    added AS (
      INSERT INTO question_votes (question_id, participant_id)
      SELECT id, ${who.participantId}::uuid FROM allowed WHERE ${vote}
      ON CONFLICT DO NOTHING
      RETURNING 1
    ),
    removed AS (
      DELETE FROM question_votes
      WHERE NOT ${vote} AND participant_id = ${who.participantId}::uuid
        AND question_id IN (SELECT id FROM allowed)
      RETURNING 1
    )
    SELECT
      (SELECT status::text FROM target) AS status,
      (SELECT session_id::text FROM target) AS session_id,
      (SELECT session_status::text FROM target) AS session_status,
      EXISTS (SELECT 1 FROM ban) AS banned,
      EXISTS (SELECT 1 FROM allowed) AS applied,
      EXISTS (SELECT 1 FROM added) OR EXISTS (SELECT 1 FROM removed) AS changed,
      ((SELECT count(*) FROM question_votes WHERE question_id = ${questionId}::uuid)
        + (SELECT count(*) FROM added) - (SELECT count(*) FROM removed))::int AS vote_count`;
  const result = row!;
  // Nothing inserted: the vote was there already — perhaps from another tab, whose insert this
  // statement waited for but cannot count in its snapshot. A fresh statement sees it.
  if (result.applied && !result.changed) {
    result.vote_count = await prisma.questionVote.count({ where: { questionId } });
  }
  return result;
}
