// The parts that both one-statement votes (questions/vote-sql.ts, polls/vote-sql.ts) share:
// the ban check, and the participant row made when the vote is allowed (CTE `allowed`).
import { Prisma as PrismaTypes } from '../../generated/prisma/client.ts';
import { banCatches } from '../moderation/bans.ts';
import type { Who } from './who.ts';

/** `ban`: one row when a ban catches this person here (staff are exempt). */
export const banCte = (sessionId: string, who: Who, options: { exempt: boolean; now: Date }) =>
  PrismaTypes.sql`ban AS (
      SELECT 1 FROM bans b
      WHERE NOT ${options.exempt} AND ${banCatches(sessionId, who, options.now)}
      LIMIT 1
    )`;

/** `person`: the participant row exists before the vote refers to it. */
export const personCte = (who: Who) =>
  PrismaTypes.sql`person AS (
      INSERT INTO participants (id)
      SELECT ${who.participantId}::uuid FROM allowed
      ON CONFLICT (id) DO NOTHING
    )`;
