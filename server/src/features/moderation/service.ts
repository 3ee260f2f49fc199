// The moderator console: its snapshot, and bans.
import type { Prisma } from '../../db/database.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { BanDto } from '../../protocol/chat.ts';
import type { ModerationSnapshotDto } from '../../protocol/dto.ts';
import type { Notifier } from '../../realtime/notifier.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { listAudit } from '../audit/data.ts';
import { recordAudit } from '../audit/mutations.ts';
import type { ChatService } from '../chat/service.ts';
import { recentChatForModerators } from '../chat/data.ts';
import { questionInclude } from '../questions/data.ts';
import { modViews } from '../questions/views.ts';
import { sessionPolls, toModPollDto, withResults } from '../polls/data.ts';
import { banInclude, bansInForce, findBan, toBanDto } from './bans.ts';

export interface ModerationServiceDeps {
  prisma: Prisma;
  clock: Clock;
  notifier: Notifier;
  chat: ChatService;
}

const QUESTION_LIMIT = 2000;

export function createModerationService({ prisma, clock, notifier, chat }: ModerationServiceDeps) {
  async function sessionExists(actor: Actor, sessionId: string) {
    const found = await prisma.session.count({ where: { id: sessionId } });
    if (!found) throw notFound(say(actor, 'Zasedání', 'Session'));
  }

  return {
    async snapshot(actor: Actor, sessionId: string): Promise<ModerationSnapshotDto> {
      authorize(actor, 'session.moderate');
      await sessionExists(actor, sessionId);
      const rows = await prisma.question.findMany({
        where: { sessionId },
        include: questionInclude,
        orderBy: { createdAt: 'desc' },
        take: QUESTION_LIMIT,
      });
      const [questions, chatMessages, bans, log, departments, polls] = await Promise.all([
        modViews(prisma, sessionId, rows.reverse()),
        recentChatForModerators(prisma, sessionId),
        bansInForce(prisma, sessionId),
        listAudit(prisma, 50, sessionId),
        prisma.department.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
        sessionPolls(prisma, sessionId, false).then((rows) =>
          withResults(prisma, rows, clock.now()),
        ),
      ]);
      return {
        sessionId,
        questions,
        chat: chatMessages,
        bans,
        log,
        departments,
        polls: polls.map(({ row, results }) => toModPollDto(row, results)),
      };
    },

    /** Bars a participant here or everywhere; their chat messages here are hidden too. */
    async ban(
      actor: Actor,
      input: { sessionId: string; participantId: string; scope: BanDto['scope']; reason: string },
    ): Promise<BanDto> {
      const staff = authorize(actor, 'session.moderate');
      await sessionExists(actor, input.sessionId);
      const ban = await prisma.$transaction(async (tx) => {
        const person = await tx.participant.findUnique({ where: { id: input.participantId } });
        if (!person) throw notFound(say(actor, 'Účastník', 'Participant'));
        const existing = await tx.ban.findFirst({
          where: {
            participantId: input.participantId,
            liftedAt: null,
            sessionId: input.scope === 'session' ? input.sessionId : null,
          },
        });
        if (existing) {
          throw new AppError('conflict', say(actor, 'Už je vyloučen(a).', 'Already banned.'));
        }
        // The address they last wrote from, to catch a new cookie identity (see bans.ts).
        // One query at a time: a transaction is one connection.
        const latestOf = { participantId: input.participantId, ipHash: { not: null } };
        const newest = {
          orderBy: { createdAt: 'desc' },
          select: { ipHash: true, createdAt: true },
        } as const;
        const question = await tx.question.findFirst({ where: latestOf, ...newest });
        const message = await tx.chatMessage.findFirst({ where: latestOf, ...newest });
        const latest = [question, message]
          .filter((row) => row !== null)
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
        const created = await tx.ban.create({
          data: {
            sessionId: input.scope === 'session' ? input.sessionId : null,
            participantId: input.participantId,
            ipHash: latest?.ipHash ?? null,
            reason: input.reason,
            createdById: staff.id,
            createdAt: clock.now(),
          },
          include: banInclude,
        });
        const entry = await recordAudit(tx, {
          actorId: staff.id,
          action: 'participant.ban',
          entityType: 'participant',
          entityId: input.participantId,
          sessionId: input.sessionId,
          after: { scope: input.scope, reason: input.reason },
        });
        return { dto: toBanDto(created), entry };
      });
      notifier.banChanged(ban.dto, input.sessionId);
      notifier.logged(input.sessionId, ban.entry);
      await chat.hideAllOf(staff.id, input.sessionId, input.participantId);
      return ban.dto;
    },

    async unban(actor: Actor, input: { sessionId: string; banId: string }): Promise<BanDto> {
      const staff = authorize(actor, 'session.moderate');
      const lifted = await prisma.$transaction(async (tx) => {
        const { count } = await tx.ban.updateMany({
          where: {
            id: input.banId,
            liftedAt: null,
            OR: [{ sessionId: input.sessionId }, { sessionId: null }],
          },
          data: { liftedAt: clock.now() },
        });
        if (count === 0) throw notFound(say(actor, 'Vyloučení', 'Ban'));
        const row = await findBan(tx, input.banId);
        const entry = await recordAudit(tx, {
          actorId: staff.id,
          action: 'participant.unban',
          entityType: 'participant',
          entityId: row!.participantId,
          sessionId: input.sessionId,
        });
        return { dto: toBanDto(row!), entry };
      });
      notifier.banChanged(lifted.dto, input.sessionId);
      notifier.logged(input.sessionId, lifted.entry);
      return lifted.dto;
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
