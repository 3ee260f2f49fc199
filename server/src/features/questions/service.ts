// Citizens' side of the question queue: asking and voting. Each is acknowledged only after
// its write commits; the broadcast follows the commit.
import type { Prisma } from '../../db/database.ts';
import { AppError, fieldError, forbidden, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Flusher } from '../../lib/flusher.ts';
import type { OwnQuestionDto, QuestionAsk, VoteResultDto } from '../../protocol/questions.ts';
import type { Notifier } from '../../realtime/notifier.ts';
import { say, type Actor } from '../auth/actor.ts';
import {
  assertNotBanned,
  bannedError,
  ensureParticipant,
  openSession,
  nameFor,
  sessionEndedError,
} from '../participation/gate.ts';
import type { ParticipationLimits } from '../participation/limits.ts';
import type { Who } from '../participation/who.ts';
import { placeQuestion } from './placing.ts';
import { questionViews } from './views.ts';
import { castVote, type VoteRow } from './vote-sql.ts';

/** Why a vote was not applied, from what the vote statement saw. */
function voteRefusal(actor: Actor, row: VoteRow, sessionId: string): AppError {
  if (!row.status || row.session_id !== sessionId || row.status === 'pending') {
    return notFound(say(actor, 'Otázka', 'Question'));
  }
  if (row.banned) return bannedError(actor);
  if (row.session_status !== 'live' && row.session_status !== 'scheduled') {
    return sessionEndedError(actor);
  }
  const [cs, en] =
    row.status === 'merged'
      ? ['Otázka byla sloučena s jinou.', 'The question was merged into another.']
      : row.status === 'answered'
        ? ['Otázka už je zodpovězená.', 'The question has been answered.']
        : ['Pro tuto otázku nelze hlasovat.', 'This question cannot be voted on.'];
  return new AppError('invalid_transition', say(actor, cs, en));
}

export interface QuestionServiceDeps {
  prisma: Prisma;
  clock: Clock;
  notifier: Notifier;
  limits: ParticipationLimits;
  /** Coalesces vote-count broadcasts per session. */
  votes: Flusher;
}

export function createQuestionService({
  prisma,
  clock,
  notifier,
  limits,
  votes,
}: QuestionServiceDeps) {
  return {
    async ask(actor: Actor, who: Who, input: QuestionAsk): Promise<OwnQuestionDto> {
      const session = await openSession(prisma, actor, input.sessionId);
      if (!session.questionsOpen) {
        throw forbidden(say(actor, 'Otázky jsou teď uzavřené.', 'Questions are closed right now.'));
      }
      await assertNotBanned(prisma, clock, actor, session.id, who);
      if (input.agendaItemId) {
        const item = await prisma.agendaItem.findFirst({
          where: { id: input.agendaItemId, sessionId: session.id },
          select: { id: true },
        });
        if (!item) {
          const message = say(actor, 'Bod programu nepatří k zasedání', 'Unknown agenda item');
          throw fieldError('agendaItemId', message);
        }
      }
      const name = await nameFor(
        prisma,
        actor,
        session.namesRequired,
        input.authorName,
        who.participantId,
      );
      const placing = await placeQuestion(prisma, actor, session, input);
      await limits.spend('question', who, actor);

      const now = clock.now();
      const approved = !session.preModeration;
      const question = await prisma.$transaction(async (tx) => {
        await ensureParticipant(tx, who.participantId, input.authorName);
        const created = await tx.question.create({
          data: {
            ...placing,
            sessionId: session.id,
            participantId: who.participantId,
            authorName: name,
            anonymous: input.anonymous,
            text: input.text,
            agendaItemId: input.agendaItemId,
            status: approved ? 'approved' : 'pending',
            approvedAt: approved ? now : null,
            ipHash: who.ipHash,
            createdAt: now,
          },
          select: { id: true },
        });
        if (placing.departmentId) {
          await tx.questionRouting.create({
            data: { questionId: created.id, departmentId: placing.departmentId, createdAt: now },
          });
        }
        return created;
      });
      const views = await questionViews(prisma, question.id, false);
      notifier.questionChanged(views);
      return views.own;
    },

    /** Upvote or take it back. Idempotent: voting twice counts once (the key says so). */
    async vote(
      actor: Actor,
      who: Who,
      input: { sessionId: string; questionId: string; vote: boolean },
    ): Promise<VoteResultDto> {
      await limits.spend('vote', who, actor);
      const row = await castVote(prisma, input, who, {
        exempt: actor.staff !== null,
        now: clock.now(),
      });
      if (!row.applied) throw voteRefusal(actor, row, input.sessionId);
      votes.mark(input.sessionId, input.questionId);
      return { questionId: input.questionId, voted: input.vote, voteCount: row.vote_count };
    },
  };
}

export type QuestionService = ReturnType<typeof createQuestionService>;
