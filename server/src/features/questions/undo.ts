// Undo: a moderator takes back their own last action in a session, if nobody changed the
// question since (its version is still the one the action left). Repeatable: each undo pops
// the next older action. The audit entry keeps what undo needs (undo-record.ts).
import { isPublic, type QuestionPatch } from '../../domain/question-queue.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { say, type Actor, type StaffIdentity } from '../auth/actor.ts';
import { auditInclude, toAuditEntryDto } from '../audit/data.ts';
import { recordAudit } from '../audit/mutations.ts';
import type { Tx } from '../sessions/mutations.ts';
import { lockQuestions, lockSession, questionNotFound } from './locks.ts';
import { restorePatch, type UndoRecord } from './undo-record.ts';

export async function undoLast(
  tx: Tx,
  actor: Actor,
  staff: StaffIdentity,
  sessionId: string,
  now: Date,
) {
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
    throw new AppError('not_found', say(actor, 'Není co vrátit.', 'There is nothing to undo.'));
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
  const undoneEntry = toAuditEntryDto(
    await tx.auditLog.update({
      where: { id: last.id },
      data: { undoneAt: now },
      include: auditInclude,
    }),
  );
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
    undoneEntry,
    questionId: question.id,
  };
}
