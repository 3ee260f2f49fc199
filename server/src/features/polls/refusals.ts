// Why a poll vote was not stored, in the voter's language.
import type { BallotProblem } from '../../domain/polls.ts';
import { AppError, fieldError, notFound } from '../../lib/app-error.ts';
import { say, type Actor } from '../auth/actor.ts';
import { bannedError, sessionEndedError } from '../participation/gate.ts';
import type { PollVoteRow } from './vote-sql.ts';

const PROBLEMS: Record<BallotProblem, [cs: string, en: string]> = {
  wrong_kind: ['Tato odpověď k anketě nepatří.', 'This answer does not fit the poll.'],
  unknown_option: ['Taková možnost v anketě není.', 'The poll has no such option.'],
  repeated_option: ['Každou možnost lze vybrat jen jednou.', 'Each option can be picked once.'],
  one_option_only: ['Vyberte jednu možnost.', 'Pick one option.'],
  too_many_options: ['Vybrali jste víc možností, než anketa dovoluje.', 'Too many options picked.'],
  out_of_scale: ['Hodnocení je mimo stupnici.', 'The rating is outside the scale.'],
  empty_words: ['Napište aspoň jedno slovo.', 'Write at least one word.'],
};

export const pollNotFound = (actor: Actor) => notFound(say(actor, 'Anketa', 'Poll'));

export const ballotError = (actor: Actor, problem: BallotProblem) =>
  fieldError('choice', say(actor, ...PROBLEMS[problem]));

export const blockedWordError = (actor: Actor) =>
  fieldError(
    'choice',
    say(
      actor,
      'Odpověď obsahuje nevhodné slovo.',
      'The answer contains a word that is not allowed.',
    ),
  );

export const pollClosedError = (actor: Actor) =>
  new AppError(
    'invalid_transition',
    say(actor, 'Anketa je uzavřená, hlas nebyl uložen.', 'The poll is closed; no vote was stored.'),
  );

/** From what the vote statement saw. */
export function voteRefusal(actor: Actor, row: PollVoteRow): AppError {
  if (!row.status || row.status === 'draft') return pollNotFound(actor);
  if (row.banned) return bannedError(actor);
  if (row.session_status !== 'live' && row.session_status !== 'scheduled') {
    return sessionEndedError(actor);
  }
  if (row.status === 'closed') return pollClosedError(actor);
  // Applied but nothing written: a ballot was stored before and may not be changed.
  return new AppError('conflict', say(actor, 'Už jste hlasoval(a).', 'You have already voted.'));
}
