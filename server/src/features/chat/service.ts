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
import { assertActiveOfficial } from '../officials/data.ts';
import { blockedWords } from '../moderation/settings.ts';
import { assertNotBanned, ensureParticipant, openSession, nameFor } from '../participation/gate.ts';
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
    const views = { mod: toModChatMessageDto(row), public: toChatMessageDto(row) };
    notifier.chatChanged(views.mod, row.status === 'published' ? views.public : null);
    return views;
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
        await assertActiveOfficial(prisma, actor, input.officialId);
      }
      await assertNotBanned(prisma, clock, actor, session.id, who);
      const name = staff
        ? staff.name
        : await nameFor(prisma, actor, session.namesRequired, input.authorName, who.participantId);
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
      // The author's ack says whether it was published or held for review.
      return (await publish(message.id)).public;
    },

    /** Hide (gone for everyone) or release a held message. One moderator wins a race. */
    async moderate(
      actor: Actor,
      input: { sessionId: string; messageId: string; action: 'hide' | 'release' },
    ): Promise<ModChatMessageDto> {
      const staff = authorize(actor, 'session.moderate');
      const entry = await prisma.$transaction(async (tx) => {
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
      });
      notifier.logged(input.sessionId, entry);
      return (await publish(input.messageId)).mod;
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
