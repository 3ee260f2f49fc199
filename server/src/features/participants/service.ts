import type { Prisma } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { ParticipantDto } from '../../protocol/dto.ts';

/** Anonymous citizens: a row appears the first time they connect or name themselves. */
export function createParticipantService({ prisma, clock }: { prisma: Prisma; clock: Clock }) {
  return {
    async touch(id: string): Promise<ParticipantDto> {
      const now = clock.now();
      const row = await prisma.participant.upsert({
        where: { id },
        create: { id, createdAt: now, lastSeenAt: now },
        update: { lastSeenAt: now },
      });
      return { id: row.id, displayName: row.displayName };
    },

    async get(id: string): Promise<ParticipantDto> {
      const row = await prisma.participant.findUnique({ where: { id } });
      return { id, displayName: row?.displayName ?? null };
    },

    async setDisplayName(id: string, displayName: string): Promise<ParticipantDto> {
      const row = await prisma.participant.upsert({
        where: { id },
        create: { id, displayName },
        update: { displayName },
      });
      return { id: row.id, displayName: row.displayName };
    },
  };
}

export type ParticipantService = ReturnType<typeof createParticipantService>;
