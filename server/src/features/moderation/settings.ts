// Town-wide moderation settings: the blocked-words list (one row, created by the migration
// with a Czech default list).
import type { Prisma } from '../../db/database.ts';
import type { BlockedWordsDto } from '../../protocol/chat.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';

const SETTINGS_ID = 1;

export async function blockedWords(prisma: Prisma): Promise<string[]> {
  const row = await prisma.moderationSettings.findUnique({ where: { id: SETTINGS_ID } });
  return row?.blockedWords ?? [];
}

export function createModerationSettingsService({ prisma }: { prisma: Prisma }) {
  return {
    async get(actor: Actor): Promise<BlockedWordsDto> {
      authorize(actor, 'moderation.settings');
      const row = await prisma.moderationSettings.findUnique({ where: { id: SETTINGS_ID } });
      return { words: row?.blockedWords ?? [], updatedAt: row?.updatedAt.toISOString() ?? null };
    },

    async setBlockedWords(actor: Actor, words: string[]): Promise<BlockedWordsDto> {
      const staff = authorize(actor, 'moderation.settings');
      const unique = [...new Set(words.map((word) => word.trim()).filter(Boolean))];
      const row = await prisma.$transaction(async (tx) => {
        const before = await tx.moderationSettings.findUnique({ where: { id: SETTINGS_ID } });
        const saved = await tx.moderationSettings.upsert({
          where: { id: SETTINGS_ID },
          create: { id: SETTINGS_ID, blockedWords: unique },
          update: { blockedWords: unique },
        });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'moderation.blocked_words',
          entityType: 'moderation_settings',
          entityId: String(SETTINGS_ID),
          before: before?.blockedWords ?? [],
          after: unique,
        });
        return saved;
      });
      return { words: row.blockedWords, updatedAt: row.updatedAt.toISOString() };
    },
  };
}

export type ModerationSettingsService = ReturnType<typeof createModerationSettingsService>;
