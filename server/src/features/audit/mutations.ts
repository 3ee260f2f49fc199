import type { Prisma as PrismaTypes } from '../../generated/prisma/client.ts';
import type { Prisma } from '../../db/database.ts';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

type Tx = Pick<Prisma, 'auditLog'>;

/** Call inside the transaction of the change it describes. */
export async function recordAudit(tx: Tx, record: AuditRecord): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: record.actorId,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      before: toJson(record.before),
      after: toJson(record.after),
    },
  });
}

function toJson(value: unknown): PrismaTypes.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as PrismaTypes.InputJsonValue;
}
