// One poll vote is one SQL statement, as a question vote is (questions/vote-sql.ts): a storm of
// votes must not hold pooled connections across the round trips of interactive transactions.
// It takes a shared lock on the poll — votes run side by side, closing waits for the votes in
// flight and every later vote sees it closed — checks the session and bans, makes sure the
// participant row exists, and inserts the ballot. The primary key (poll, participant) keeps it
// one per person; a second ballot replaces the first only where the poll allows it.
import type { Prisma } from '../../db/database.ts';
import type { CheckedBallot } from '../../domain/polls.ts';
import { banCte, personCte } from '../participation/vote-ctes.ts';
import type { Who } from '../participation/who.ts';

export interface PollVoteRow {
  /** Null when the poll is not in this session. */
  status: string | null;
  session_status: string | null;
  banned: boolean;
  /** The poll was open to this person's vote. */
  applied: boolean;
  /** When the stored ballot was written; null when one was there and may not be changed. */
  written_at: Date | null;
}

export async function castPollVote(
  prisma: Prisma,
  target: { sessionId: string; pollId: string; allowChange: boolean },
  ballot: CheckedBallot,
  who: Who,
  options: { exempt: boolean; now: Date },
): Promise<PollVoteRow> {
  const { sessionId, pollId, allowChange } = target;
  const { optionIds, rating, words, wordKeys } = ballot;
  const [row] = await prisma.$queryRaw<PollVoteRow[]>`
    WITH target AS (
      SELECT p.id, p.status::text AS status, s.status::text AS session_status
      FROM polls p JOIN sessions s ON s.id = p.session_id
      WHERE p.id = ${pollId}::uuid AND p.session_id = ${sessionId}::uuid
      FOR SHARE OF p
    ),
    ${banCte(sessionId, who, options)},
    allowed AS (
      SELECT id FROM target
      WHERE status = 'open' AND session_status IN ('scheduled', 'live')
        AND NOT EXISTS (SELECT 1 FROM ban)
    ),
    ${personCte(who)},
    written AS (
      INSERT INTO poll_votes
        (poll_id, participant_id, option_ids, rating, words, word_keys, ip_hash, created_at, updated_at)
      SELECT id, ${who.participantId}::uuid, ${optionIds}::uuid[], ${rating}::int,
        ${words}::text[], ${wordKeys}::text[], ${who.ipHash}, ${options.now}, ${options.now}
      FROM allowed
      ON CONFLICT (poll_id, participant_id) DO UPDATE SET
        option_ids = EXCLUDED.option_ids, rating = EXCLUDED.rating, words = EXCLUDED.words,
        word_keys = EXCLUDED.word_keys, ip_hash = EXCLUDED.ip_hash, updated_at = EXCLUDED.updated_at
      WHERE ${allowChange}
      RETURNING updated_at
    )
    SELECT
      (SELECT status FROM target) AS status,
      (SELECT session_status FROM target) AS session_status,
      EXISTS (SELECT 1 FROM ban) AS banned,
      EXISTS (SELECT 1 FROM allowed) AS applied,
      (SELECT updated_at FROM written) AS written_at`;
  return row!;
}
