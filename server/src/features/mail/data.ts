// Reads for the admin's outbox view. Bodies stay out: the list says what went where.
import type { Prisma } from '../../db/database.ts';
import type { Prisma as PrismaTypes } from '../../generated/prisma/client.ts';
import {
  OUTBOX_STATUSES,
  type OutboxMessageDto,
  type OutboxPageDto,
  type OutboxQuery,
  type OutboxStatus,
} from '../../protocol/mail.ts';

export const OUTBOX_PAGE_SIZE = 50;

export const outboxSelect = {
  id: true,
  kind: true,
  recipient: true,
  subject: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  messageId: true,
  sentAt: true,
  createdAt: true,
} as const satisfies PrismaTypes.OutboxMessageSelect;

type OutboxRow = PrismaTypes.OutboxMessageGetPayload<{ select: typeof outboxSelect }>;

export function toOutboxMessageDto(row: OutboxRow): OutboxMessageDto {
  return {
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'queued' ? row.nextAttemptAt.toISOString() : null,
    lastError: row.lastError,
    messageId: row.messageId,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listOutbox(
  prisma: Prisma,
  query: OutboxQuery,
  smtpConfigured: boolean,
): Promise<OutboxPageDto> {
  const page = query.page ?? 1;
  const [rows, groups] = await Promise.all([
    prisma.outboxMessage.findMany({
      where: query.status ? { status: query.status } : {},
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      select: outboxSelect,
    }),
    prisma.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<
    OutboxStatus,
    number
  >;
  for (const group of groups) counts[group.status] = group._count._all;
  const total = query.status
    ? counts[query.status]
    : Object.values(counts).reduce((sum, n) => sum + n, 0);
  return {
    messages: rows.map(toOutboxMessageDto),
    counts,
    smtpConfigured,
    total,
    page,
    pageSize: OUTBOX_PAGE_SIZE,
  };
}
