// Citizens' side of the question queue: asking and voting. Each is acknowledged only after
// its write commits; the broadcast follows the commit.
import type { Prisma } from '../../db/database.ts';
import { canVote } from '../../domain/question-queue.ts';
import { AppError, forbidden, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Flusher } from '../../lib/flusher.ts';
import type { OwnQuestionDto, QuestionAsk, VoteResultDto } from '../../protocol/questions.ts';
import type { Notifier } from '../../realtime/notifier.ts';
import { say, type Actor } from '../auth/actor.ts';
import {
  assertNotBanned,
  ensureParticipant,
  openSession,
  requireName,
} from '../participation/gate.ts';
import type { ParticipationLimits } from '../participation/limits.ts';
import type { Who } from '../participation/who.ts';
import { questionViews } from './views.ts';

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
          throw new AppError('validation_failed', message, { agendaItemId: [message] });
        }
      }
      const person = await prisma.participant.findUnique({ where: { id: who.participantId } });
      const name = requireName(
        actor,
        session.namesRequired,
        input.authorName,
        person?.displayName ?? null,
      );
      await limits.spend('question', who, actor);

      const now = clock.now();
      const approved = !session.preModeration;
      const question = await prisma.$transaction(async (tx) => {
        await ensureParticipant(tx, who.participantId, input.authorName);
        return tx.question.create({
          data: {
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
      await assertNotBanned(prisma, clock, actor, input.sessionId, who);
      const voteCount = await prisma.$transaction(async (tx) => {
        // A shared lock: votes run side by side, but wait for (and then see) a merge or a
        // status change of this question, so no vote lands on a question being merged away.
        const [row] = await tx.$queryRaw<
          { status: string; session_id: string; session_status: string }[]
        >`
          SELECT q.status::text, q.session_id::text, s.status::text AS session_status
          FROM questions q JOIN sessions s ON s.id = q.session_id
          WHERE q.id = ${input.questionId}::uuid FOR SHARE OF q`;
        if (!row || row.session_id !== input.sessionId || row.status === 'pending') {
          throw notFound(say(actor, 'Otázka', 'Question'));
        }
        if (row.session_status !== 'live' && row.session_status !== 'scheduled') {
          throw new AppError(
            'invalid_transition',
            say(actor, 'Zasedání už skončilo.', 'The session has ended.'),
          );
        }
        if (!canVote(row.status as Parameters<typeof canVote>[0])) {
          throw new AppError(
            'invalid_transition',
            row.status === 'merged'
              ? say(actor, 'Otázka byla sloučena s jinou.', 'The question was merged into another.')
              : row.status === 'answered'
                ? say(actor, 'Otázka už je zodpovězená.', 'The question has been answered.')
                : say(
                    actor,
                    'Pro tuto otázku nelze hlasovat.',
                    'This question cannot be voted on.',
                  ),
          );
        }
        await ensureParticipant(tx, who.participantId, undefined);
        const key = { questionId: input.questionId, participantId: who.participantId };
        if (input.vote) await tx.questionVote.createMany({ data: [key], skipDuplicates: true });
        else await tx.questionVote.deleteMany({ where: key });
        return tx.questionVote.count({ where: { questionId: input.questionId } });
      });
      votes.mark(input.sessionId, input.questionId);
      return { questionId: input.questionId, voted: input.vote, voteCount };
    },
  };
}

export type QuestionService = ReturnType<typeof createQuestionService>;
