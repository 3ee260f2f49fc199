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
  type QuestionPatch,
  type QuestionState,
} from '../../domain/question-queue.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Flusher } from '../../lib/flusher.ts';
import type { ModQuestionDto, ModerationAction, UndoResultDto } from '../../protocol/questions.ts';
import type { Notifier } from '../../realtime/notifier.ts';
import { authorize, say, type Actor, type StaffIdentity } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';
import type { Tx } from '../sessions/mutations.ts';
import { rejectionMessage } from './rejections.ts';
import { restorePatch, type UndoRecord } from './undo-record.ts';
import { questionViews } from './views.ts';
import { publishModeration } from './publish.ts';

export interface ModerationDeps {
  prisma: Prisma;
  clock: Clock;
  notifier: Notifier;
  votes: Flusher;
  /** Re-reads and broadcasts the session (its "now answering" changed). */
  publishSession(actor: Actor, sessionId: string): Promise<unknown>;
}

const questionNotFound = (actor: Actor) => notFound(say(actor, 'Otázka', 'Question'));

async function lockSession(tx: Tx, sessionId: string) {
  const [row] = await tx.$queryRaw<{ now_answering_id: string | null }[]>`
    SELECT now_answering_id::text FROM sessions WHERE id = ${sessionId}::uuid FOR NO KEY UPDATE`;
  return row;
}

/** Locks the questions in id order (no deadlock between two merges) and reads them. */
async function lockQuestions(tx: Tx, ids: string[]) {
  const sorted = [...new Set(ids)].sort();
  await tx.$queryRaw`SELECT id FROM questions WHERE id = ANY(${sorted}::uuid[]) ORDER BY id FOR UPDATE`;
  const rows = await tx.question.findMany({
    where: { id: { in: sorted } },
    include: { moderatedBy: { select: { name: true } } },
  });
  return new Map(rows.map((row) => [row.id, row]));
}

async function checkReferences(tx: Tx, actor: Actor, action: ModerationAction) {
  const invalid = (field: string, cs: string, en: string) => {
    const message = say(actor, cs, en);
    return new AppError('validation_failed', message, { [field]: [message] });
  };
  if (action.type === 'assign' && action.departmentId) {
    const found = await tx.department.count({ where: { id: action.departmentId } });
    if (!found) throw invalid('departmentId', 'Neznámý odbor', 'Unknown department');
  }
  if (action.type === 'answer' && action.officialId) {
    const found = await tx.official.count({ where: { id: action.officialId, isActive: true } });
    if (!found) throw invalid('officialId', 'Neznámý zastupitel', 'Unknown official');
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
        rejectionMessage(actor, result.reason, question.moderatedBy?.name ?? null),
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

  return {
    async moderate(
      actor: Actor,
      input: { sessionId: string; questionId: string; action: ModerationAction },
    ): Promise<ModQuestionDto> {
      const staff = authorize(actor, 'session.moderate');
      const done = await prisma.$transaction((tx) => applyInTx(tx, actor, staff, input));
      return publishModeration(
        { prisma, notifier, votes, publishSession },
        actor,
        input.sessionId,
        { questionId: input.questionId, ...done },
      );
    },

    /** Undoes the caller's own last action in the session, if nothing changed it since. */
    async undo(actor: Actor, sessionId: string): Promise<UndoResultDto> {
      const staff = authorize(actor, 'session.moderate');
      const done = await prisma.$transaction(async (tx) => {
        const session = await lockSession(tx, sessionId);
        if (!session) throw notFound(say(actor, 'Zasedání', 'Session'));
        const last = await tx.auditLog.findFirst({
          where: {
            sessionId,
            actorId: staff.id,
            entityType: 'question',
            undoneAt: null,
            action: { startsWith: 'question.' },
            NOT: { action: 'question.undo' },
          },
          orderBy: { id: 'desc' },
        });
        if (!last) {
          throw new AppError(
            'not_found',
            say(actor, 'Není co vrátit.', 'There is nothing to undo.'),
          );
        }
        const record = last as unknown as {
          before: UndoRecord['before'];
          after: UndoRecord['after'];
        };
        const locked = await lockQuestions(
          tx,
          [last.entityId, record.after.targetId].filter((id): id is string => !!id),
        );
        const question = locked.get(last.entityId);
        if (!question) throw questionNotFound(actor);
        if (question.version !== record.after.version) {
          throw new AppError(
            'conflict',
            say(
              actor,
              `Otázku mezitím změnil(a) ${question.moderatedBy?.name ?? 'někdo jiný'}; vrátit nelze.`,
              `${question.moderatedBy?.name ?? 'Someone else'} changed the question since; cannot undo.`,
            ),
          );
        }
        const now = clock.now();
        await tx.question.update({
          where: { id: question.id },
          data: {
            ...restorePatch(record.before.question as QuestionPatch),
            version: question.version + 1,
            moderatedById: staff.id,
            moderatedAt: now,
          },
        });
        const pinChanged =
          record.after.nowAnsweringId !== record.before.nowAnsweringId &&
          session.now_answering_id === record.after.nowAnsweringId;
        if (pinChanged) {
          await tx.session.update({
            where: { id: sessionId },
            data: { nowAnsweringId: record.before.nowAnsweringId, updatedAt: now },
          });
        }
        const targetId = record.after.targetId ?? null;
        if (targetId) {
          await tx.questionVote.deleteMany({
            where: {
              questionId: targetId,
              participantId: { in: record.after.addedSupporters ?? [] },
            },
          });
          await tx.question.update({
            where: { id: targetId },
            data: { version: { increment: 1 } },
          });
        }
        await tx.auditLog.update({ where: { id: last.id }, data: { undoneAt: now } });
        const entry = await recordAudit(tx, {
          actorId: staff.id,
          action: 'question.undo',
          entityType: 'question',
          entityId: question.id,
          sessionId,
          before: record.after,
          after: { undone: last.action, auditId: last.id.toString() },
        });
        return {
          undone: last.action,
          wasPublic: isPublic(question.status),
          targetId,
          pinChanged,
          entry,
          questionId: question.id,
        };
      });
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

export { questionViews };
