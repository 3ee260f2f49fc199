// Row locks of poll management, always session first, then the poll: launching waits for a
// session that is ending (which closes its open polls), and two moderators take turns.
import { AppError, notFound } from '../../lib/app-error.ts';
import { say, type Actor } from '../auth/actor.ts';
import { sessionEndedError } from '../participation/gate.ts';
import type { Tx } from '../sessions/mutations.ts';
import { pollNotFound } from './refusals.ts';

/** Shared lock on the session; throws unless it is scheduled or live. */
export async function lockOpenSession(tx: Tx, actor: Actor, sessionId: string) {
  const [row] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text FROM sessions WHERE id = ${sessionId}::uuid FOR SHARE`;
  if (!row) throw notFound(say(actor, 'Zasedání', 'Session'));
  if (row.status !== 'scheduled' && row.status !== 'live') {
    throw sessionEndedError(actor);
  }
}

/** Locks the poll for a change and reads its status; it must belong to the session. */
export async function lockPoll(tx: Tx, actor: Actor, sessionId: string, pollId: string) {
  const [row] = await tx.$queryRaw<{ status: 'draft' | 'open' | 'closed'; version: number }[]>`
    SELECT status::text AS status, version FROM polls
    WHERE id = ${pollId}::uuid AND session_id = ${sessionId}::uuid FOR UPDATE`;
  if (!row) throw pollNotFound(actor);
  return row;
}

export const notADraftError = (actor: Actor) =>
  new AppError(
    'invalid_transition',
    say(
      actor,
      'Spuštěnou anketu už nelze upravit ani smazat.',
      'A launched poll can no longer be edited or deleted.',
    ),
  );
