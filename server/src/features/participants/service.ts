import type { Prisma } from '../../db/database.ts';
import type { ParticipantDto } from '../../protocol/dto.ts';

/** Anonymous citizens: a row appears only when they first act (name themselves, post). */
export function createParticipantService({ prisma }: { prisma: Prisma }) {
  return {
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
