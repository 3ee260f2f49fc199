import type { Prisma } from '../../db/database.ts';
import type { AuditEntryDto } from '../../protocol/dto.ts';

export async function listAudit(prisma: Prisma, limit: number): Promise<AuditEntryDto[]> {
  const rows = await prisma.auditLog.findMany({
    orderBy: { id: 'desc' },
    take: limit,
    include: { actor: { select: { id: true, name: true } } },
  });
  return rows.map((row) => ({
    id: row.id.toString(),
    actor: row.actor,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    createdAt: row.createdAt.toISOString(),
  }));
}
