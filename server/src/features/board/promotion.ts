// "We'll answer this live on Monday": a moderator takes an approved board question to an
// upcoming or live session's queue. The live queue gets a copy (with the question's supporters)
// linked back to it; when the copy is answered, the answer is written back to the board
// question, so the board and those who follow it hear of it too.
import type { Prisma } from '../../db/database.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Notifier } from '../../realtime/notifier.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';
import { questionViews } from '../questions/views.ts';

export function createBoardPromotion(deps: {
  prisma: Prisma;
  clock: Clock;
  notifier: Notifier;
  boardId: string;
}) {
  const { prisma, clock, notifier, boardId } = deps;

  return {
    async promote(actor: Actor, questionId: string, input: { sessionId: string }) {
      const staff = authorize(actor, 'session.moderate');
      const now = clock.now();
      const copyId = await prisma.$transaction(async (tx) => {
        // The board question's row lock: two moderators promoting at once make one copy.
        await tx.$queryRaw`SELECT id FROM questions WHERE id = ${questionId}::uuid FOR UPDATE`;
        const question = await tx.question.findFirst({
          where: { id: questionId, sessionId: boardId },
          include: { promotedTo: { select: { id: true } }, votes: true },
        });
        if (!question) throw notFound(say(actor, 'Otázka', 'Question'));
        if (question.status !== 'approved' || question.promotedTo) {
          throw new AppError(
            'invalid_transition',
            say(
              actor,
              'Na živé setkání lze vzít jen schválenou, dosud nezodpovězenou otázku, a jen jednou.',
              'Only an approved, unanswered question can go to a live session, and only once.',
            ),
          );
        }
        const target = await tx.session.findUnique({
          where: { id: input.sessionId },
          select: { kind: true, status: true },
        });
        if (!target || target.kind === 'board' || !['scheduled', 'live'].includes(target.status)) {
          throw new AppError(
            'invalid_transition',
            say(
              actor,
              'Vyberte setkání, které teprve bude nebo právě běží.',
              'Choose a session that is upcoming or live.',
            ),
          );
        }
        const copy = await tx.question.create({
          data: {
            sessionId: input.sessionId,
            participantId: question.participantId,
            authorName: question.authorName,
            anonymous: question.anonymous,
            text: question.text,
            topicId: question.topicId,
            neighbourhoodId: question.neighbourhoodId,
            departmentId: question.departmentId,
            ipHash: question.ipHash,
            status: 'approved',
            approvedAt: now,
            moderatedById: staff.id,
            moderatedAt: now,
            promotedFromId: question.id,
            createdAt: now,
          },
          select: { id: true },
        });
        await tx.questionVote.createMany({
          data: question.votes.map((vote) => ({
            questionId: copy.id,
            participantId: vote.participantId,
          })),
        });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'question.promote',
          entityType: 'question',
          entityId: question.id,
          sessionId: input.sessionId,
          after: { copyId: copy.id, sessionId: input.sessionId },
        });
        return copy.id;
      });
      // The live queue shows it at once.
      notifier.questionChanged(await questionViews(prisma, copyId, false));
      return { questionId: copyId, sessionId: input.sessionId };
    },

    /** After `questionId` was answered: if it came from the board, the board question gets
     * the same answer. Returns the board question's id, or null. */
    async carryAnswerBack(questionId: string): Promise<string | null> {
      const copy = await prisma.question.findUnique({
        where: { id: questionId },
        select: {
          promotedFromId: true,
          answerText: true,
          answeredById: true,
          answeredAt: true,
        },
      });
      if (!copy?.promotedFromId || !copy.answeredAt) return null;
      const { count } = await prisma.question.updateMany({
        where: { id: copy.promotedFromId, status: 'approved' },
        data: {
          status: 'answered',
          answerText: copy.answerText,
          answeredById: copy.answeredById,
          answeredAt: copy.answeredAt,
          version: { increment: 1 },
        },
      });
      if (count === 0) return null; // answered on the board meanwhile: that answer stands
      notifier.questionChanged(await questionViews(prisma, copy.promotedFromId, true));
      return copy.promotedFromId;
    },
  };
}

export type BoardPromotion = ReturnType<typeof createBoardPromotion>;
