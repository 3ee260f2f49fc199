// Moderators' side of the question queue. Every action runs under the session's row lock and
// the question's, so two moderators acting at once take turns: the second sees the first's
// result and gets "already approved by …" instead of applying anything twice.
import type { Prisma } from '../../db/database.ts';
import {
  applyModeration,
  auditActionOf,
  isPublic,
  snapshotOf,
  supportersToAdd,
  type QuestionState,
  type Rejection,
} from '../../domain/question-queue.ts';
import { AppError, fieldError, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Flusher } from '../../lib/flusher.ts';
import type {
  ModQuestionDto,
  ModerationAction,
  ModerationActionType,
  UndoResultDto,
} from '../../protocol/questions.ts';
import type { Notifier } from '../../realtime/notifier.ts';
import { authorize, say, type Actor, type StaffIdentity } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';
import { assertActiveOfficial } from '../officials/data.ts';
import type { Tx } from '../sessions/mutations.ts';
import { rejectionMessage } from './rejections.ts';
import { type UndoRecord } from './undo-record.ts';
import { lockQuestions, lockSession, questionNotFound } from './locks.ts';
import { undoLast } from './undo.ts';
import { publishModeration } from './publish.ts';

export interface ModerationDeps {
  prisma: Prisma;
  clock: Clock;
  notifier: Notifier;
  votes: Flusher;
  /** Re-reads and broadcasts the session (its "now answering" changed). */
  publishSession(actor: Actor, sessionId: string): Promise<unknown>;
  /** After a change committed (an archived session's answers are searchable). */
  onModerated?(sessionId: string): Promise<unknown>;
  /** After an answer committed (the board tells those who follow the question). */
  onAnswered?(questionId: string): Promise<unknown>;
}

async function checkReferences(tx: Tx, actor: Actor, action: ModerationAction) {
  if (action.type === 'assign' && action.departmentId) {
    const found = await tx.department.count({ where: { id: action.departmentId } });
    if (!found) throw fieldError('departmentId', say(actor, 'Neznámý odbor', 'Unknown department'));
  }
  if (action.type === 'answer' && action.officialId) {
    await assertActiveOfficial(tx, actor, action.officialId);
  }
}

/** The merged question's supporters become the target's, counted once each. */
async function moveSupporters(tx: Tx, source: QuestionRowLite, target: QuestionRowLite) {
  const voters = async (questionId: string) =>
    (
      await tx.questionVote.findMany({ where: { questionId }, select: { participantId: true } })
    ).map((vote) => vote.participantId);
  const added = supportersToAdd(
    { authorId: target.participantId, voterIds: await voters(target.id) },
    { authorId: source.participantId, voterIds: await voters(source.id) },
  );
  await tx.questionVote.createMany({
    data: added.map((participantId) => ({ questionId: target.id, participantId })),
    skipDuplicates: true,
  });
  return added;
}

/** The action whose author a rejection names ("already approved by …"). */
const ACTION_BEHIND: Partial<Record<Rejection, ModerationActionType>> = {
  already_approved: 'approve',
  already_rejected: 'reject',
  already_answered: 'answer',
  already_merged: 'merge',
  already_pinned: 'pin',
};

/**
 * Who took the action that got there first: the author of its latest audit entry still in
 * force, not whoever touched the question last (an edit after an approval is not an approval).
 */
async function firstBy(tx: Tx, question: QuestionRowLite, reason: Rejection) {
  const type = ACTION_BEHIND[reason];
  if (!type) return question.moderatedBy?.name ?? null;
  const entry = await tx.auditLog.findFirst({
    where: {
      entityType: 'question',
      entityId: question.id,
      action: auditActionOf(type),
      undoneAt: null,
    },
    orderBy: { id: 'desc' },
    select: { actor: { select: { name: true } } },
  });
  return entry?.actor?.name ?? null;
}

type QuestionRowLite = QuestionState & {
  sessionId: string;
  participantId: string;
  version: number;
  moderatedBy: { name: string } | null;
};

export function createQuestionModeration({
  prisma,
  clock,
  notifier,
  votes,
  publishSession,
  onModerated,
  onAnswered,
}: ModerationDeps) {
  async function applyInTx(
    tx: Tx,
    actor: Actor,
    staff: StaffIdentity,
    input: { sessionId: string; questionId: string; action: ModerationAction },
  ) {
    const { sessionId, questionId, action } = input;
    const session = await lockSession(tx, sessionId);
    if (!session) throw notFound(say(actor, 'Zasedání', 'Session'));
    const targetId = action.type === 'merge' ? action.targetId : null;
    const locked = await lockQuestions(tx, targetId ? [questionId, targetId] : [questionId]);
    const question = locked.get(questionId);
    if (!question || question.sessionId !== sessionId) throw questionNotFound(actor);
    const target = targetId ? locked.get(targetId) : undefined;
    if (targetId && (!target || target.sessionId !== sessionId)) throw questionNotFound(actor);
    await checkReferences(tx, actor, action);

    const now = clock.now();
    const result = applyModeration(question, action, {
      now,
      nowAnsweringId: session.now_answering_id,
      target,
    });
    if (!result.ok) {
      throw new AppError(
        result.reason === 'unchanged' ? 'conflict' : 'invalid_transition',
        rejectionMessage(actor, result.reason, await firstBy(tx, question, result.reason)),
      );
    }
    const version = question.version + 1;
    await tx.question.update({
      where: { id: questionId },
      data: { ...result.patch, version, moderatedById: staff.id, moderatedAt: now },
    });
    const pinChanged = result.nowAnsweringId !== session.now_answering_id;
    if (pinChanged) {
      await tx.session.update({
        where: { id: sessionId },
        data: { nowAnsweringId: result.nowAnsweringId, updatedAt: now },
      });
    }
    if (action.type === 'assign') {
      // The routing history behind "who had it, and for how long" (response-time figures).
      await tx.questionRouting.create({
        data: {
          questionId,
          departmentId: action.departmentId,
          fromDepartmentId: question.departmentId,
          note: action.note ?? '',
          byStaffId: staff.id,
          createdAt: now,
        },
      });
    }
    const added = target ? await moveSupporters(tx, question, target) : [];
    if (target)
      await tx.question.update({ where: { id: target.id }, data: { version: { increment: 1 } } });

    const record: UndoRecord = {
      before: {
        question: snapshotOf(question, result.patch),
        nowAnsweringId: session.now_answering_id,
      },
      after: {
        question: result.patch,
        nowAnsweringId: result.nowAnsweringId,
        version,
        ...(target ? { targetId: target.id, addedSupporters: added } : {}),
      },
    };
    const entry = await recordAudit(tx, {
      actorId: staff.id,
      action: auditActionOf(action.type),
      entityType: 'question',
      entityId: questionId,
      sessionId,
      ...record,
    });
    return {
      wasPublic: isPublic(question.status),
      targetId: target?.id ?? null,
      pinChanged,
      entry,
    };
  }

  /** One action by a staff member whose right to take it the caller has checked. */
  async function moderateAs(
    actor: Actor,
    staff: StaffIdentity,
    input: { sessionId: string; questionId: string; action: ModerationAction },
  ): Promise<ModQuestionDto> {
    const done = await prisma.$transaction((tx) => applyInTx(tx, actor, staff, input));
    await onModerated?.(input.sessionId);
    if (input.action.type === 'answer') await onAnswered?.(input.questionId);
    return publishModeration({ prisma, notifier, votes, publishSession }, actor, input.sessionId, {
      questionId: input.questionId,
      ...done,
    });
  }

  return {
    moderateAs,

    async moderate(
      actor: Actor,
      input: { sessionId: string; questionId: string; action: ModerationAction },
    ): Promise<ModQuestionDto> {
      return moderateAs(actor, authorize(actor, 'session.moderate'), input);
    },

    /** Undoes the caller's own last action in the session, if nothing changed it since. */
    async undo(actor: Actor, sessionId: string): Promise<UndoResultDto> {
      const staff = authorize(actor, 'session.moderate');
      const done = await prisma.$transaction((tx) =>
        undoLast(tx, actor, staff, sessionId, clock.now()),
      );
      await onModerated?.(sessionId);
      // The undone entry again, marked: every console's log shows it was taken back.
      notifier.logged(sessionId, done.undoneEntry);
      const question = await publishModeration(
        { prisma, notifier, votes, publishSession },
        actor,
        sessionId,
        done,
      );
      return { undone: done.undone, question };
    },
  };
}

export type QuestionModeration = ReturnType<typeof createQuestionModeration>;
