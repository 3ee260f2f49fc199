// Writes of sessions. Each runs in the caller's transaction.
import type { Prisma } from '../../db/database.ts';
import type { AgendaItemInput } from '../../protocol/schemas.ts';

type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];

export async function replaceHosts(tx: Tx, sessionId: string, officialIds: string[]) {
  await tx.sessionHost.deleteMany({ where: { sessionId } });
  await tx.sessionHost.createMany({
    data: officialIds.map((officialId, position) => ({ sessionId, officialId, position })),
  });
}

/** The whole ordered list: kept items move, new ones are added, missing ones removed. */
export async function replaceAgenda(tx: Tx, sessionId: string, items: AgendaItemInput[]) {
  const keep = items.flatMap((item) => (item.id ? [item.id] : []));
  await tx.agendaItem.deleteMany({ where: { sessionId, id: { notIn: keep } } });
  for (const [position, item] of items.entries()) {
    const data = {
      position,
      title: item.title,
      description: item.description,
      offsetMinutes: item.offsetMinutes,
    };
    if (item.id) {
      await tx.agendaItem.update({ where: { id: item.id, sessionId }, data });
    } else {
      await tx.agendaItem.create({ data: { ...data, sessionId } });
    }
  }
}

export type { Tx };
