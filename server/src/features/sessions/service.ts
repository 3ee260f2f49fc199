// Sessions: who may do what, the domain rules, then the write, then the notification.
import type { Prisma } from '../../db/database.ts';
import { expandRecurrence, recurrenceRuleSchema } from '../../domain/recurrence.ts';
import { transition, type TransitionRejection } from '../../domain/session-lifecycle.ts';
import { AppError, fieldError, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { coalesceFresh } from '../../lib/coalesce.ts';
import { issuesToDetails } from '../../lib/validation.ts';
import type { SessionDetailDto } from '../../protocol/dto.ts';
import type { LifecycleAction } from '../../protocol/enums.ts';
import type { AgendaItemInput, SessionInput, SessionUpdate } from '../../protocol/schemas.ts';
import type { SessionSettingsPatch } from '../../protocol/chat.ts';
import type { Notifier } from '../../realtime/notifier.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';
import * as data from './data.ts';
import { replaceAgenda, replaceHosts, type Tx } from './mutations.ts';
import { localToUtc, ruleFor, sessionTimes } from './schedule.ts';
import { materializeSeries } from './series.ts';

export interface SessionServiceDeps {
  prisma: Prisma;
  clock: Clock;
  notifier: Notifier;
  timeZone: string;
  /**
   * Runs inside the transaction that ends or cancels a session (its open polls close with it);
   * what it returns runs after the commit.
   */
  onFinish?: (tx: Tx, sessionId: string) => Promise<() => Promise<void>>;
  /** After the commit that put a session live (its recording starts). */
  onStarted?: (sessionId: string) => Promise<void>;
  /** After the commit of an edit (details, agenda): an archived session is indexed again. */
  onEdited?: (sessionId: string) => Promise<void>;
}

const REJECTION_TEXT: Record<TransitionRejection, [cs: string, en: string]> = {
  already_live: ['Zasedání už běží.', 'The session is already live.'],
  already_ended: ['Zasedání už skončilo.', 'The session has already ended.'],
  already_cancelled: ['Zasedání už je zrušené.', 'The session is already cancelled.'],
  cancelled: ['Zasedání je zrušené.', 'The session is cancelled.'],
  not_live: ['Zasedání neběží.', 'The session is not live.'],
  not_cancelled: ['Zasedání není zrušené.', 'The session is not cancelled.'],
};

/** The question board is always open: it is never started, ended, cancelled or rescheduled. */
function assertNotBoard(actor: Actor, kind: string) {
  if (kind === 'board') {
    throw new AppError(
      'invalid_transition',
      say(
        actor,
        'Otázky na vedení města jsou otevřené stále.',
        'The question board is always open.',
      ),
    );
  }
}

export function createSessionService({
  prisma,
  clock,
  notifier,
  timeZone,
  onFinish,
  onStarted,
  onEdited,
}: SessionServiceDeps) {
  async function detailOrThrow(actor: Actor, id: string): Promise<SessionDetailDto> {
    const detail = await data.findSessionDetail(prisma, id);
    if (!detail) throw notFound(say(actor, 'Zasedání', 'Session'));
    return detail;
  }

  async function assertHosts(actor: Actor, hostIds: string[]) {
    const unique = [...new Set(hostIds)];
    const found = await prisma.official.count({ where: { id: { in: unique }, isActive: true } });
    if (found !== unique.length) {
      const message = say(actor, 'Neznámý zastupitel nebo úředník', 'Unknown official');
      throw fieldError('hostIds', message);
    }
    return unique;
  }

  async function assertNeighbourhood(actor: Actor, neighbourhoodId: string | null | undefined) {
    if (!neighbourhoodId) return;
    if (!(await prisma.neighbourhood.findUnique({ where: { id: neighbourhoodId } }))) {
      throw fieldError('neighbourhoodId', say(actor, 'Neznámá část města', 'Unknown part of town'));
    }
  }

  /** The repetition rule, validated, and only if the first date is one of its dates. */
  function checkedRule(actor: Actor, input: SessionInput, start: Date) {
    const message = say(
      actor,
      'Datum prvního zasedání neodpovídá zvolenému opakování',
      'The first date does not match the chosen repetition',
    );
    const recurrence = input.recurrence as Exclude<
      SessionInput['recurrence'],
      { frequency: 'none' }
    >;
    const parsed = recurrenceRuleSchema.safeParse(
      ruleFor(recurrence, start, input.durationMinutes, timeZone),
    );
    if (!parsed.success) {
      throw new AppError(
        'validation_failed',
        message,
        issuesToDetails(parsed.error.issues, actor.locale),
      );
    }
    const first = expandRecurrence(parsed.data, {
      from: start,
      to: new Date(start.getTime() + 1),
      limit: 1,
    });
    if (first[0]?.start.getTime() !== start.getTime()) {
      throw fieldError('recurrence', message);
    }
    return parsed.data;
  }

  /**
   * Runs `change` in a transaction that holds the session's row lock, with the session as it
   * is under that lock: concurrent edits of one session take turns instead of interleaving.
   */
  async function lockedChange(
    actor: Actor,
    id: string,
    change: (tx: Tx, before: SessionDetailDto) => Promise<void>,
  ) {
    await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM sessions WHERE id = ${id}::uuid FOR UPDATE`;
      const before = await data.findSessionDetail(tx, id);
      if (!before) throw notFound(say(actor, 'Zasedání', 'Session'));
      await change(tx, before);
      // Agenda rows live in their own table: bump the session so clients see it changed.
      await tx.session.update({ where: { id }, data: { updatedAt: clock.now() } });
    });
    await onEdited?.(id);
  }

  async function publish(actor: Actor, id: string) {
    const detail = await detailOrThrow(actor, id);
    notifier.sessionChanged(detail);
    return detail;
  }

  const freshDetail = coalesceFresh((id) => data.findSessionDetail(prisma, id));

  return {
    get: detailOrThrow,

    /** For room joins: concurrent joiners share one read that began after they asked. */
    async snapshot(actor: Actor, id: string): Promise<SessionDetailDto> {
      const detail = await freshDetail(id);
      if (!detail) throw notFound(say(actor, 'Zasedání', 'Session'));
      return detail;
    },
    overview: () => data.sessionOverview(prisma, clock.now()),

    async listForStaff(actor: Actor) {
      authorize(actor, 'admin.view');
      return data.listAllSessions(prisma);
    },

    async create(actor: Actor, input: SessionInput): Promise<SessionDetailDto> {
      const staff = authorize(actor, 'session.manage');
      const hostIds = await assertHosts(actor, input.hostIds);
      await assertNeighbourhood(actor, input.neighbourhoodId);
      const { start, end } = sessionTimes(input.scheduledStart, input.durationMinutes, timeZone);
      const rule = input.recurrence.frequency === 'none' ? null : checkedRule(actor, input, start);
      const fields = {
        kind: input.kind,
        title: input.title,
        description: input.description,
        locality: input.locality,
      };
      // The session, its series and the series' next sessions commit together.
      const id = await prisma.$transaction(async (tx) => {
        const series = rule ? await tx.sessionSeries.create({ data: { ...fields, rule } }) : null;
        const session = await tx.session.create({
          data: {
            ...fields,
            scheduledStart: start,
            scheduledEnd: end,
            seriesId: series?.id ?? null,
            neighbourhoodId: input.neighbourhoodId,
            occurrenceStart: series ? start : null,
            createdById: staff.id,
          },
        });
        await replaceHosts(tx, session.id, hostIds);
        await replaceAgenda(tx, session.id, input.agenda);
        if (series) await materializeSeries(tx, series.id, clock.now());
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'session.created',
          entityType: 'session',
          entityId: session.id,
          after: { ...input },
        });
        return session.id;
      });
      return publish(actor, id);
    },

    async update(actor: Actor, id: string, patch: SessionUpdate): Promise<SessionDetailDto> {
      const staff = authorize(actor, 'session.manage');
      const hostIds = patch.hostIds ? await assertHosts(actor, patch.hostIds) : null;
      await assertNeighbourhood(actor, patch.neighbourhoodId);
      await lockedChange(actor, id, async (tx, before) => {
        assertNotBoard(actor, before.kind);
        // Times come from the locked row, so two concurrent edits cannot mix stale values.
        const oldStart = new Date(before.scheduledStart);
        const start = patch.scheduledStart ? localToUtc(patch.scheduledStart, timeZone) : oldStart;
        const minutes =
          patch.durationMinutes ??
          (new Date(before.scheduledEnd).getTime() - oldStart.getTime()) / 60_000;
        await tx.session.update({
          where: { id },
          data: {
            kind: patch.kind,
            title: patch.title,
            description: patch.description,
            locality: patch.locality,
            neighbourhoodId: patch.neighbourhoodId,
            scheduledStart: start,
            scheduledEnd: new Date(start.getTime() + minutes * 60_000),
          },
        });
        if (hostIds) await replaceHosts(tx, id, hostIds);
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'session.updated',
          entityType: 'session',
          entityId: id,
          before,
          after: patch,
        });
      });
      return publish(actor, id);
    },

    async replaceAgenda(actor: Actor, id: string, items: AgendaItemInput[]) {
      const staff = authorize(actor, 'session.manage');
      await lockedChange(actor, id, async (tx, before) => {
        const known = new Set(before.agenda.map((item) => item.id));
        if (items.some((item) => item.id && !known.has(item.id))) {
          const message = say(actor, 'Bod programu nepatří k zasedání', 'Unknown agenda item');
          throw fieldError('items', message);
        }
        await replaceAgenda(tx, id, items);
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'session.agenda_replaced',
          entityType: 'session',
          entityId: id,
          before: before.agenda,
          after: items,
        });
      });
      return publish(actor, id);
    },

    /** "Now discussing item N": shown to everyone live, and kept as a chapter of the
     * recording at this moment. */
    async setCurrentAgendaItem(actor: Actor, id: string, agendaItemId: string | null) {
      const staff = authorize(actor, 'session.moderate');
      await lockedChange(actor, id, async (tx, before) => {
        if (before.status !== 'live') {
          throw new AppError(
            'invalid_transition',
            say(actor, 'Zasedání neběží.', 'The session is not live.'),
          );
        }
        const item = before.agenda.find((a) => a.id === agendaItemId);
        if (agendaItemId !== null && !item) {
          throw fieldError(
            'agendaItemId',
            say(actor, 'Bod programu nepatří k zasedání', 'Unknown agenda item'),
          );
        }
        if (before.currentAgendaItemId === agendaItemId) return;
        await tx.session.update({ where: { id }, data: { currentAgendaItemId: agendaItemId } });
        if (item) {
          const recording = await tx.recording.findUnique({ where: { sessionId: id } });
          const start = recording?.startedAt ?? new Date(before.startedAt ?? clock.now());
          await tx.chapter.create({
            data: {
              sessionId: id,
              agendaItemId: item.id,
              title: item.title,
              startMs: Math.max(0, clock.now().getTime() - start.getTime()),
            },
          });
        }
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'session.agenda_current',
          entityType: 'session',
          entityId: id,
          sessionId: id,
          before: { agendaItemId: before.currentAgendaItemId },
          after: { agendaItemId },
        });
      });
      return publish(actor, id);
    },

    /** Re-reads the session and tells every open page (after a change elsewhere committed). */
    publish,

    /** Moderators switch questions, pre-moderation, chat, slow mode and names live. */
    async updateSettings(actor: Actor, input: SessionSettingsPatch): Promise<SessionDetailDto> {
      const staff = authorize(actor, 'session.moderate');
      const { sessionId: id, ...patch } = input;
      await lockedChange(actor, id, async (tx, before) => {
        await tx.session.update({ where: { id }, data: patch });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'session.settings',
          entityType: 'session',
          entityId: id,
          sessionId: id,
          before: before.settings,
          after: patch,
        });
      });
      return publish(actor, id);
    },

    /** Start, end, cancel or reopen. Two people pressing "start" at once: one wins. */
    async changeLifecycle(actor: Actor, id: string, action: LifecycleAction, reason?: string) {
      const staff = authorize(
        actor,
        action === 'start' || action === 'end' ? 'session.run' : 'session.manage',
      );
      const afterCommit = await prisma.$transaction(async (tx) => {
        const row = await tx.session.findUnique({ where: { id } });
        if (!row) throw notFound(say(actor, 'Zasedání', 'Session'));
        assertNotBoard(actor, row.kind);
        const result = transition(row, action, clock.now());
        if (!result.ok) {
          const [cs, en] = REJECTION_TEXT[result.reason];
          throw new AppError('invalid_transition', say(actor, cs, en));
        }
        // Guarded on the status we read: a concurrent change makes this match nothing.
        const { count } = await tx.session.updateMany({
          where: { id, status: row.status },
          data: {
            ...result.next,
            updatedAt: clock.now(),
            cancelReason:
              action === 'cancel' ? (reason ?? null) : action === 'reopen' ? null : undefined,
          },
        });
        if (count === 0) {
          throw new AppError(
            'invalid_transition',
            say(actor, 'Zasedání mezitím změnil někdo jiný.', 'Someone else changed it meanwhile.'),
          );
        }
        await recordAudit(tx, {
          actorId: staff.id,
          action: `session.${action}`,
          entityType: 'session',
          entityId: id,
          before: { status: row.status },
          after: { status: result.next.status, reason },
        });
        const finished = result.next.status === 'ended' || result.next.status === 'cancelled';
        return finished && onFinish ? onFinish(tx, id) : null;
      });
      const detail = await publish(actor, id);
      await afterCommit?.();
      if (detail.status === 'live' && action === 'start') await onStarted?.(id);
      return detail;
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
