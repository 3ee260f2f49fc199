import type { Prisma as PrismaTypes } from '../../generated/prisma/client.ts';
import type { Prisma } from '../../db/database.ts';
import type { AuditEntryDto } from '../../protocol/dto.ts';
import { auditInclude, toAuditEntryDto } from './data.ts';

export interface AuditRecord {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** The session a moderation action happened in. */
  sessionId?: string;
  before?: unknown;
  after?: unknown;
}

type Tx = Pick<Prisma, 'auditLog'>;

/** Call inside the transaction of the change it describes. */
export async function recordAudit(tx: Tx, record: AuditRecord): Promise<AuditEntryDto> {
  const row = await tx.auditLog.create({
    data: {
      actorId: record.actorId,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      sessionId: record.sessionId ?? null,
      before: toJson(record.before),
      after: toJson(record.after),
    },
    include: auditInclude,
  });
  return toAuditEntryDto(row);
}

function toJson(value: unknown): PrismaTypes.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as PrismaTypes.InputJsonValue;
}
