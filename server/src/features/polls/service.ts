// Citizens' side of polls: voting. Acknowledged only after the ballot is stored; the
// coalesced results broadcast follows.
import type { Prisma } from '../../db/database.ts';
import { findBlockedWords } from '../../domain/czech-text.ts';
import { checkBallot } from '../../domain/polls.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Flusher } from '../../lib/flusher.ts';
import type { BallotDto, PollVote } from '../../protocol/polls.ts';
import type { Notifier } from '../../realtime/notifier.ts';
import type { Actor } from '../auth/actor.ts';
import { blockedWords } from '../moderation/settings.ts';
import type { ParticipationLimits } from '../participation/limits.ts';
import type { Who } from '../participation/who.ts';
import type { PollDefinitions } from './definitions.ts';
import { ballotError, blockedWordError, pollNotFound, voteRefusal } from './refusals.ts';
import { castPollVote } from './vote-sql.ts';

export interface PollServiceDeps {
  prisma: Prisma;
  clock: Clock;
  notifier: Notifier;
  limits: ParticipationLimits;
  definitions: PollDefinitions;
  /** Coalesces results broadcasts per session. */
  results: Flusher;
}

export function createPollService(deps: PollServiceDeps) {
  const { prisma, clock, notifier, limits, definitions, results } = deps;
  return {
    async vote(actor: Actor, who: Who, input: PollVote): Promise<BallotDto> {
      await limits.spend('poll', who, actor);
      const poll = await definitions.launched(input.pollId);
      if (!poll || poll.sessionId !== input.sessionId) throw pollNotFound(actor);
      const check = checkBallot(poll, input.choice);
      if (!check.ok) throw ballotError(actor, check.problem);
      const { ballot } = check;
      if (ballot.words.length && !actor.staff) {
        const blocked = await blockedWords(prisma);
        if (ballot.words.some((word) => findBlockedWords(word, blocked).length)) {
          throw blockedWordError(actor);
        }
      }
      const row = await castPollVote(
        prisma,
        { sessionId: input.sessionId, pollId: poll.id, allowChange: poll.allowChange },
        ballot,
        who,
        { exempt: actor.staff !== null, now: clock.now() },
      );
      if (!row.applied || !row.written_at) throw voteRefusal(actor, row);
      results.mark(input.sessionId, poll.id);
      const stored: BallotDto = {
        pollId: poll.id,
        sessionId: input.sessionId,
        optionIds: ballot.optionIds,
        rating: ballot.rating,
        words: ballot.words,
        updatedAt: new Date(row.written_at).toISOString(),
      };
      notifier.ballotStored(who.participantId, stored);
      return stored;
    },
  };
}

export type PollService = ReturnType<typeof createPollService>;
