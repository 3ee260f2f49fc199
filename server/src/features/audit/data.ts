import type { Prisma } from '../../db/database.ts';
import type { Prisma as PrismaTypes } from '../../generated/prisma/client.ts';
import type { AuditEntryDto } from '../../protocol/dto.ts';

export const auditInclude = {
  actor: { select: { id: true, name: true } },
} as const satisfies PrismaTypes.AuditLogInclude;

type AuditRow = PrismaTypes.AuditLogGetPayload<{ include: typeof auditInclude }>;

export function toAuditEntryDto(row: AuditRow): AuditEntryDto {
  return {
    id: row.id.toString(),
    actor: row.actor,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    undone: row.undoneAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listAudit(
  prisma: Prisma,
  limit: number,
  sessionId?: string,
): Promise<AuditEntryDto[]> {
  const rows = await prisma.auditLog.findMany({
    where: sessionId ? { sessionId } : {},
    orderBy: { id: 'desc' },
    take: limit,
    include: auditInclude,
  });
  return rows.map(toAuditEntryDto);
}
