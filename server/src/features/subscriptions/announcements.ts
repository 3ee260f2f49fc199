// The town's targeted announcements (the "harmonogram rozesílek"): admins write one for some
// topics × parts of town, see how many it reaches, schedule it, and may edit or cancel it until
// it is sent. The sweep sends a due one exactly once: its status turns to sent in the
// transaction that enqueues all its e-mails, guarded on 'scheduled', so a concurrent sweep (or
// a cancel) finds it taken. Every staff action is audited.
import type { Prisma } from '../../db/database.ts';
import type { Announcement, Prisma as PrismaTypes } from '../../generated/prisma/client.ts';
import { AppError, fieldError, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type {
  AnnouncementAudience,
  AnnouncementDto,
  AnnouncementInput,
  AnnouncementPreviewDto,
  AnnouncementStatus,
  AnnouncementUpdate,
} from '../../protocol/subscriptions.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';
import type { Mail } from '../mail/index.ts';
import type { Tx } from '../sessions/mutations.ts';
import { localToUtc } from '../sessions/schedule.ts';
import { announcementAudienceWhere } from './audience.ts';
import type { Letters } from './letters.ts';
import { BATCH_TRANSACTION, enqueueEach, lockedRecipients } from './recipients.ts';

export interface AnnouncementsDeps {
  prisma: Prisma;
  mail: Pick<Mail, 'enqueueMany' | 'nudge'>;
  letters: Letters;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  /** One is due now: run the sweep without waiting for its next turn. */
  onDue: () => void;
}

const PERMISSION = 'announcement.send';

const include = { createdBy: { select: { id: true, name: true } } } as const;
type Row = PrismaTypes.AnnouncementGetPayload<{ include: typeof include }>;

function toDto(row: Row, reach: number | null): AnnouncementDto {
  return {
    id: row.id,
    subject: row.subject,
    text: row.text,
    topicIds: row.topicIds,
    neighbourhoodIds: row.neighbourhoodIds,
    sendAt: row.sendAt.toISOString(),
    status: row.status,
    recipients: row.recipients,
    reach: row.status === 'scheduled' ? reach : null,
    sentAt: row.sentAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function createAnnouncements(deps: AnnouncementsDeps) {
  const { prisma, mail, letters, clock, logger, timeZone, onDue } = deps;

  /** Only topics and parts of town that exist: a stale id would silently narrow the audience. */
  async function assertAudience(actor: Actor, audience: Partial<AnnouncementAudience>) {
    const { topicIds = [], neighbourhoodIds = [] } = audience;
    const [topics, parts] = await Promise.all([
      prisma.topic.count({ where: { id: { in: topicIds } } }),
      prisma.neighbourhood.count({ where: { id: { in: neighbourhoodIds } } }),
    ]);
    if (topics !== topicIds.length) {
      throw fieldError('topicIds', say(actor, 'Neznámé téma', 'Unknown topic'));
    }
    if (parts !== neighbourhoodIds.length) {
      throw fieldError(
        'neighbourhoodIds',
        say(actor, 'Neznámá část obce', 'Unknown neighbourhood'),
      );
    }
  }

  /** The instant of a town wall-clock time; none = now. A time before the current minute is
   * refused: it would go out at once, which the admin did not ask for. */
  function sendAtOf(actor: Actor, local: string | null | undefined): Date {
    const now = clock.now();
    if (!local) return now;
    const at = localToUtc(local, timeZone);
    if (at.getTime() < now.getTime() - (now.getTime() % 60_000)) {
      throw fieldError(
        'sendAt',
        say(actor, 'Tento čas už uplynul', 'This time has already passed'),
      );
    }
    return at;
  }

  const audienceCount = (audience: AnnouncementAudience) =>
    prisma.subscription.count({ where: announcementAudienceWhere(audience) });

  /** The DTOs, with the reach of the scheduled ones (one count per distinct audience). */
  async function withReach(rows: Row[]): Promise<AnnouncementDto[]> {
    const keyOf = (row: Row) =>
      `${[...row.topicIds].sort().join(',')}|${[...row.neighbourhoodIds].sort().join(',')}`;
    const counts = new Map<string, Promise<number>>();
    for (const row of rows) {
      const key = keyOf(row);
      if (row.status !== 'scheduled' || counts.has(key)) continue;
      counts.set(key, audienceCount(row));
    }
    return Promise.all(rows.map(async (row) => toDto(row, (await counts.get(keyOf(row))) ?? null)));
  }
  const oneWithReach = async (row: Row) => (await withReach([row]))[0]!;

  /** Locks a scheduled announcement for a change; anything else is refused. */
  async function lockScheduled(tx: Tx, actor: Actor, id: string): Promise<Announcement> {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM announcements WHERE id = ${id}::uuid FOR UPDATE`;
    const row = locked ? await tx.announcement.findUnique({ where: { id } }) : null;
    if (!row) throw notFound(say(actor, 'Oznámení', 'Announcement'));
    if (row.status !== 'scheduled') {
      const text: Record<Exclude<AnnouncementStatus, 'scheduled'>, [string, string]> = {
        sent: ['Oznámení už bylo odesláno.', 'The announcement was already sent.'],
        cancelled: ['Oznámení bylo zrušeno.', 'The announcement was cancelled.'],
      };
      const [cs, en] = text[row.status];
      throw new AppError('invalid_transition', say(actor, cs, en));
    }
    return row;
  }

  const dueNow = (row: { sendAt: Date }) => row.sendAt.getTime() <= clock.now().getTime();

  /** Sends one due announcement unless another sweep (or a cancel) took it first. */
  async function send(id: string): Promise<number | null> {
    const now = clock.now();
    const sent = await prisma.$transaction(async (tx) => {
      const [taken] = await tx.announcement.updateManyAndReturn({
        where: { id, status: 'scheduled', sendAt: { lte: now } },
        data: { status: 'sent', sentAt: now },
      });
      if (!taken) return null;
      const audience = { topicIds: taken.topicIds, neighbourhoodIds: taken.neighbourhoodIds };
      const recipients = await lockedRecipients(tx, announcementAudienceWhere(audience));
      const count = await enqueueEach(tx, mail, recipients, (to) =>
        letters.announcement(to, taken),
      );
      await tx.announcement.update({ where: { id }, data: { recipients: count } });
      await recordAudit(tx, {
        actorId: null,
        action: 'announcement.sent',
        entityType: 'announcement',
        entityId: id,
        after: { recipients: count },
      });
      return count;
    }, BATCH_TRANSACTION);
    if (sent !== null) logger.info({ announcementId: id, recipients: sent }, 'announcement sent');
    return sent;
  }

  return {
    async preview(actor: Actor, audience: AnnouncementAudience): Promise<AnnouncementPreviewDto> {
      authorize(actor, PERMISSION);
      await assertAudience(actor, audience);
      return { recipients: await audienceCount(audience) };
    },

    /** The staff's calendar: all, or the scheduled ones, in the order they go out; the sent
     * or cancelled ones newest first, as a history is read. */
    async list(actor: Actor, status?: AnnouncementStatus): Promise<AnnouncementDto[]> {
      authorize(actor, PERMISSION);
      const direction = status === 'sent' || status === 'cancelled' ? 'desc' : 'asc';
      const rows = await prisma.announcement.findMany({
        where: status ? { status } : {},
        orderBy: [{ sendAt: direction }, { id: direction }],
        take: 500,
        include,
      });
      return withReach(rows);
    },

    async get(actor: Actor, id: string): Promise<AnnouncementDto> {
      authorize(actor, PERMISSION);
      const row = await prisma.announcement.findUnique({ where: { id }, include });
      if (!row) throw notFound(say(actor, 'Oznámení', 'Announcement'));
      return oneWithReach(row);
    },

    async create(actor: Actor, input: AnnouncementInput): Promise<AnnouncementDto> {
      const staff = authorize(actor, PERMISSION);
      await assertAudience(actor, input);
      const sendAt = sendAtOf(actor, input.sendAt);
      const row = await prisma.$transaction(async (tx) => {
        const created = await tx.announcement.create({
          data: {
            subject: input.subject,
            text: input.text,
            topicIds: input.topicIds,
            neighbourhoodIds: input.neighbourhoodIds,
            sendAt,
            createdById: staff.id,
          },
          include,
        });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'announcement.created',
          entityType: 'announcement',
          entityId: created.id,
          after: input,
        });
        return created;
      });
      if (dueNow(row)) onDue();
      return oneWithReach(row);
    },

    async update(actor: Actor, id: string, patch: AnnouncementUpdate): Promise<AnnouncementDto> {
      const staff = authorize(actor, PERMISSION);
      await assertAudience(actor, patch);
      const sendAt = patch.sendAt === undefined ? undefined : sendAtOf(actor, patch.sendAt);
      const row = await prisma.$transaction(async (tx) => {
        const before = await lockScheduled(tx, actor, id);
        const updated = await tx.announcement.update({
          where: { id },
          data: {
            subject: patch.subject,
            text: patch.text,
            topicIds: patch.topicIds,
            neighbourhoodIds: patch.neighbourhoodIds,
            sendAt,
          },
          include,
        });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'announcement.updated',
          entityType: 'announcement',
          entityId: id,
          before,
          after: patch,
        });
        return updated;
      });
      if (dueNow(row)) onDue();
      return oneWithReach(row);
    },

    async cancel(actor: Actor, id: string): Promise<AnnouncementDto> {
      const staff = authorize(actor, PERMISSION);
      const row = await prisma.$transaction(async (tx) => {
        await lockScheduled(tx, actor, id);
        const cancelled = await tx.announcement.update({
          where: { id },
          data: { status: 'cancelled', cancelledAt: clock.now() },
          include,
        });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'announcement.cancelled',
          entityType: 'announcement',
          entityId: id,
          before: { status: 'scheduled' },
          after: { status: 'cancelled' },
        });
        return cancelled;
      });
      return toDto(row, null);
    },

    /** Sends every due announcement (the sweep's part); returns how many went. */
    async sendDue(): Promise<number> {
      const due = await prisma.announcement.findMany({
        where: { status: 'scheduled', sendAt: { lte: clock.now() } },
        orderBy: { sendAt: 'asc' },
        select: { id: true },
      });
      let sent = 0;
      for (const { id } of due) if ((await send(id)) !== null) sent += 1;
      if (sent > 0) mail.nudge();
      return sent;
    },
  };
}

export type Announcements = ReturnType<typeof createAnnouncements>;
