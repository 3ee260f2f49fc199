// Live chat: citizens and staff post; messages with a blocked word wait for review;
// moderators hide or release. Acknowledged after the write, broadcast after the commit.
import type { Prisma } from '../../db/database.ts';
import { findBlockedWords } from '../../domain/czech-text.ts';
import { AppError, forbidden, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { ChatMessageDto, ChatSend, ModChatMessageDto } from '../../protocol/chat.ts';
import type { Notifier } from '../../realtime/notifier.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';
import { blockedWords } from '../moderation/settings.ts';
import {
  assertNotBanned,
  ensureParticipant,
  openSession,
  requireName,
} from '../participation/gate.ts';
import type { ParticipationLimits } from '../participation/limits.ts';
import type { Who } from '../participation/who.ts';
import { findChatMessage, toChatMessageDto, toModChatMessageDto } from './data.ts';

export interface ChatServiceDeps {
  prisma: Prisma;
  clock: Clock;
  notifier: Notifier;
  limits: ParticipationLimits;
}

export function createChatService({ prisma, clock, notifier, limits }: ChatServiceDeps) {
  async function publish(id: string) {
    const row = await findChatMessage(prisma, id);
    if (!row) throw new Error(`chat message ${id} vanished after its change`);
    const mod = toModChatMessageDto(row);
    notifier.chatChanged(mod, row.status === 'published' ? toChatMessageDto(row) : null);
    return mod;
  }

  return {
    async send(actor: Actor, who: Who, input: ChatSend): Promise<ChatMessageDto> {
      const session = await openSession(prisma, actor, input.sessionId);
      const staff = actor.staff;
      if (!session.chatEnabled && !staff) {
        throw forbidden(say(actor, 'Chat je teď vypnutý.', 'The chat is switched off.'));
      }
      if (input.officialId) {
        if (!staff) throw forbidden(say(actor, 'Jen pro úřad.', 'Staff only.'));
        const found = await prisma.official.count({
          where: { id: input.officialId, isActive: true },
        });
        if (!found) {
          const message = say(actor, 'Neznámý zastupitel', 'Unknown official');
          throw new AppError('validation_failed', message, { officialId: [message] });
        }
      }
      await assertNotBanned(prisma, clock, actor, session.id, who);
      const person = await prisma.participant.findUnique({ where: { id: who.participantId } });
      const name = staff
        ? staff.name
        : requireName(actor, session.namesRequired, input.authorName, person?.displayName ?? null);
      await limits.spend('chat', who, actor);
      if (!staff) await limits.slowMode(session.chatSlowModeSeconds, session.id, who, actor);
      const held = staff ? [] : findBlockedWords(input.text, await blockedWords(prisma));

      const message = await prisma.$transaction(async (tx) => {
        await ensureParticipant(tx, who.participantId, staff ? undefined : input.authorName);
        return tx.chatMessage.create({
          data: {
            sessionId: session.id,
            participantId: who.participantId,
            authorName: name,
            staffUserId: staff?.id ?? null,
            officialId: input.officialId,
            text: input.text,
            status: held.length ? 'held' : 'published',
            heldFor: held,
            ipHash: who.ipHash,
            createdAt: clock.now(),
          },
          select: { id: true },
        });
      });
      const mod = await publish(message.id);
      return {
        id: mod.id,
        sessionId: mod.sessionId,
        text: mod.text,
        authorName: mod.authorName,
        staff: mod.staff,
        official: mod.official,
        status: mod.status,
        createdAt: mod.createdAt,
      };
    },

    /** Hide (gone for everyone) or release a held message. One moderator wins a race. */
    async moderate(
      actor: Actor,
      input: { sessionId: string; messageId: string; action: 'hide' | 'release' },
    ): Promise<ModChatMessageDto> {
      const staff = authorize(actor, 'session.moderate');
      await prisma
        .$transaction(async (tx) => {
          await tx.$queryRaw`SELECT id FROM chat_messages WHERE id = ${input.messageId}::uuid FOR UPDATE`;
          const row = await findChatMessage(tx, input.messageId);
          if (!row || row.sessionId !== input.sessionId) {
            throw notFound(say(actor, 'Zpráva', 'Message'));
          }
          const allowed = input.action === 'hide' ? row.status !== 'hidden' : row.status === 'held';
          if (!allowed) {
            const by = row.hiddenBy?.name ?? say(actor, 'jiný moderátor', 'another moderator');
            throw new AppError(
              'invalid_transition',
              row.status === 'hidden'
                ? say(actor, `Zprávu už skryl(a) ${by}.`, `Already hidden by ${by}.`)
                : say(actor, 'Zpráva už je zveřejněná.', 'The message is already published.'),
            );
          }
          const now = clock.now();
          await tx.chatMessage.update({
            where: { id: row.id },
            data:
              input.action === 'hide'
                ? { status: 'hidden', hiddenById: staff.id, hiddenAt: now }
                : { status: 'published' },
          });
          const entry = await recordAudit(tx, {
            actorId: staff.id,
            action: `chat.${input.action}`,
            entityType: 'chat_message',
            entityId: row.id,
            sessionId: input.sessionId,
            before: { status: row.status, text: row.text },
            after: { status: input.action === 'hide' ? 'hidden' : 'published' },
          });
          return entry;
        })
        .then((entry) => notifier.logged(input.sessionId, entry));
      return publish(input.messageId);
    },

    /** Hides a banned person's messages in the session (after the ban committed). */
    async hideAllOf(staffId: string, sessionId: string, participantId: string) {
      const rows = await prisma.chatMessage.findMany({
        where: { sessionId, participantId, status: { not: 'hidden' } },
        select: { id: true },
      });
      if (rows.length === 0) return;
      await prisma.chatMessage.updateMany({
        where: { id: { in: rows.map((row) => row.id) } },
        data: { status: 'hidden', hiddenById: staffId, hiddenAt: clock.now() },
      });
      for (const row of rows) await publish(row.id);
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;
