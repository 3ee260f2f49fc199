// Moderators' side of polls: prepare drafts, launch, close. Every change runs under the
// session's and the poll's row locks and is audited; broadcasts follow the commit.
import type { Prisma } from '../../db/database.ts';
import { pollTransition, YES_NO_LABELS } from '../../domain/polls.ts';
import { AppError, fieldError } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditEntryDto } from '../../protocol/dto.ts';
import {
  POLL_SCALES,
  type ModPollDto,
  type PollControlAction,
  type PollDraft,
} from '../../protocol/polls.ts';
import type { Notifier } from '../../realtime/notifier.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';
import type { Tx } from '../sessions/mutations.ts';
import { findPoll, resultsOf, tally, toDefinition, toModPollDto, toPollDto } from './data.ts';
import { lockOpenSession, lockPoll, notADraftError } from './locks.ts';

export interface PollManagerDeps {
  prisma: Prisma;
  clock: Clock;
  notifier: Notifier;
}

const TRANSITION_REFUSALS: Record<PollControlAction, [cs: string, en: string]> = {
  launch: ['Anketa už byla spuštěna.', 'The poll has already been launched.'],
  close: ['Anketa neprobíhá.', 'The poll is not open.'],
};

function draftData(draft: PollDraft) {
  const scale = draft.scale ? POLL_SCALES[draft.scale] : null;
  const labels =
    draft.kind === 'yes_no'
      ? [...YES_NO_LABELS]
      : draft.kind === 'single' || draft.kind === 'multiple'
        ? draft.options
        : [];
  return {
    fields: {
      kind: draft.kind,
      question: draft.question,
      maxChoices: draft.kind === 'multiple' ? draft.maxChoices : null,
      scaleMin: scale?.[0] ?? null,
      scaleMax: scale?.[1] ?? null,
      resultsVisibility: draft.resultsVisibility,
      allowChange: draft.allowChange,
      agendaItemId: draft.agendaItemId,
    },
    options: labels.map((label, position) => ({ label, position })),
  };
}

/** Closes a poll inside the caller's transaction, freezing its tally. */
async function closeLocked(tx: Tx, pollId: string, now: Date) {
  const row = (await findPoll(tx, pollId))!;
  const finalResults = await tally(tx, toDefinition(row), now);
  await tx.poll.update({
    where: { id: pollId },
    data: {
      status: 'closed',
      closedAt: now,
      finalResults: JSON.parse(JSON.stringify(finalResults)),
      version: { increment: 1 },
    },
  });
}

export function createPollManager({ prisma, clock, notifier }: PollManagerDeps) {
  /** After a commit: everyone who may see the poll learns of it; returns the moderators' view. */
  async function publish(pollId: string, entry: AuditEntryDto | null): Promise<ModPollDto> {
    const row = (await findPoll(prisma, pollId))!;
    const results = await resultsOf(prisma, row, clock.now());
    const mod = toModPollDto(row, results);
    notifier.pollChanged(mod, row.status === 'draft' ? null : toPollDto(row, results));
    if (entry) notifier.logged(row.sessionId, entry);
    return mod;
  }

  return {
    async save(actor: Actor, draft: PollDraft): Promise<ModPollDto> {
      const staff = authorize(actor, 'session.moderate');
      const { fields, options } = draftData(draft);
      const { pollId, entry } = await prisma.$transaction(async (tx) => {
        await lockOpenSession(tx, actor, draft.sessionId);
        if (draft.agendaItemId) {
          const item = await tx.agendaItem.count({
            where: { id: draft.agendaItemId, sessionId: draft.sessionId },
          });
          if (!item) {
            const message = say(actor, 'Bod programu nepatří k zasedání', 'Unknown agenda item');
            throw fieldError('agendaItemId', message);
          }
        }
        let id = draft.pollId;
        let before: unknown = undefined;
        if (id) {
          const locked = await lockPoll(tx, actor, draft.sessionId, id);
          if (locked.status !== 'draft') throw notADraftError(actor);
          before = await tx.poll.findUnique({ where: { id }, include: { options: true } });
          await tx.pollOption.deleteMany({ where: { pollId: id } });
          await tx.poll.update({
            where: { id },
            data: { ...fields, version: { increment: 1 }, options: { create: options } },
          });
        } else {
          const last = await tx.poll.aggregate({
            where: { sessionId: draft.sessionId },
            _max: { position: true },
          });
          const created = await tx.poll.create({
            data: {
              ...fields,
              sessionId: draft.sessionId,
              position: (last._max.position ?? -1) + 1,
              createdById: staff.id,
              options: { create: options },
            },
            select: { id: true },
          });
          id = created.id;
        }
        const audit = await recordAudit(tx, {
          actorId: staff.id,
          action: draft.pollId ? 'poll.update' : 'poll.create',
          entityType: 'poll',
          entityId: id,
          sessionId: draft.sessionId,
          before,
          after: { ...fields, options: options.map((option) => option.label) },
        });
        return { pollId: id, entry: audit };
      });
      return publish(pollId, entry);
    },

    async remove(actor: Actor, ref: { sessionId: string; pollId: string }): Promise<null> {
      const staff = authorize(actor, 'session.moderate');
      const entry = await prisma.$transaction(async (tx) => {
        const locked = await lockPoll(tx, actor, ref.sessionId, ref.pollId);
        if (locked.status !== 'draft') throw notADraftError(actor);
        const before = await tx.poll.findUnique({
          where: { id: ref.pollId },
          include: { options: true },
        });
        await tx.poll.delete({ where: { id: ref.pollId } });
        return recordAudit(tx, {
          actorId: staff.id,
          action: 'poll.delete',
          entityType: 'poll',
          entityId: ref.pollId,
          sessionId: ref.sessionId,
          before,
        });
      });
      notifier.pollRemoved(ref.sessionId, ref.pollId);
      notifier.logged(ref.sessionId, entry);
      return null;
    },

    async control(
      actor: Actor,
      input: { sessionId: string; pollId: string; action: PollControlAction },
    ): Promise<ModPollDto> {
      const staff = authorize(actor, 'session.moderate');
      const entry = await prisma.$transaction(async (tx) => {
        if (input.action === 'launch') await lockOpenSession(tx, actor, input.sessionId);
        const locked = await lockPoll(tx, actor, input.sessionId, input.pollId);
        // Read the time only once the lock is held: votes in flight have committed by then, so
        // the frozen tally is newer than any results read while the close waited.
        const now = clock.now();
        const next = pollTransition(locked.status, input.action);
        if (!next) {
          throw new AppError(
            'invalid_transition',
            say(actor, ...TRANSITION_REFUSALS[input.action]),
          );
        }
        if (next === 'open') {
          await tx.poll.update({
            where: { id: input.pollId },
            data: { status: 'open', openedAt: now, version: { increment: 1 } },
          });
        } else await closeLocked(tx, input.pollId, now);
        return recordAudit(tx, {
          actorId: staff.id,
          action: `poll.${input.action}`,
          entityType: 'poll',
          entityId: input.pollId,
          sessionId: input.sessionId,
          before: { status: locked.status },
          after: { status: next },
        });
      });
      return publish(input.pollId, entry);
    },

    /**
     * A session is ending or being cancelled, inside its lifecycle transaction: close its open
     * polls. Returns what to broadcast after the commit.
     */
    async closeAllIn(tx: Tx, sessionId: string): Promise<() => Promise<void>> {
      const open = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM polls WHERE session_id = ${sessionId}::uuid AND status = 'open'
        ORDER BY id FOR UPDATE`;
      const now = clock.now();
      for (const { id } of open) await closeLocked(tx, id, now);
      return async () => {
        for (const { id } of open) await publish(id, null);
      };
    },
  };
}

export type PollManager = ReturnType<typeof createPollManager>;
