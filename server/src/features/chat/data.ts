// Reads of chat messages, as the public and the moderators see them.
import type { Prisma } from '../../db/database.ts';
import type { Prisma as PrismaTypes } from '../../generated/prisma/client.ts';
import { CHAT_HISTORY, type ChatMessageDto, type ModChatMessageDto } from '../../protocol/chat.ts';
import type { Tx } from '../sessions/mutations.ts';

type Reader = Prisma | Tx;

export const chatInclude = {
  official: { select: { id: true, name: true, roleTitle: true } },
  hiddenBy: { select: { id: true, name: true } },
} as const satisfies PrismaTypes.ChatMessageInclude;

type ChatRow = PrismaTypes.ChatMessageGetPayload<{ include: typeof chatInclude }>;

export const toChatMessageDto = (row: ChatRow): ChatMessageDto => ({
  id: row.id,
  sessionId: row.sessionId,
  text: row.text,
  authorName: row.authorName,
  staff: row.staffUserId !== null,
  official: row.official,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
});

export const toModChatMessageDto = (row: ChatRow): ModChatMessageDto => ({
  ...toChatMessageDto(row),
  participantId: row.participantId,
  heldFor: row.heldFor,
  hiddenBy: row.hiddenBy,
});

export const findChatMessage = (db: Reader, id: string) =>
  db.chatMessage.findUnique({ where: { id }, include: chatInclude });

/** The last published messages, oldest first. */
export async function recentChat(db: Reader, sessionId: string): Promise<ChatMessageDto[]> {
  const rows = await db.chatMessage.findMany({
    where: { sessionId, status: 'published' },
    include: chatInclude,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: CHAT_HISTORY,
  });
  return rows.reverse().map(toChatMessageDto);
}

/** Moderators' history: every state, oldest first. */
export async function recentChatForModerators(
  db: Reader,
  sessionId: string,
  limit = 300,
): Promise<ModChatMessageDto[]> {
  const rows = await db.chatMessage.findMany({
    where: { sessionId },
    include: chatInclude,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
  return rows.reverse().map(toModChatMessageDto);
}
