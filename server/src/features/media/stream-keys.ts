// Per-session WHIP stream keys: made on first view, rotated on demand, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Prisma } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';

const newKey = () => randomBytes(24).toString('base64url');
const digest = (value: string) => createHash('sha256').update(value).digest();

export function createStreamKeys(prisma: Prisma, clock: Clock) {
  return {
    /** The session's key for the studio's OBS panel (hosts and admins). */
    async current(actor: Actor, sessionId: string) {
      authorize(actor, 'session.run');
      return prisma.streamKey.upsert({
        where: { sessionId },
        create: { sessionId, key: newKey(), rotatedAt: clock.now() },
        update: {},
        select: { key: true, rotatedAt: true },
      });
    },

    async rotate(actor: Actor, sessionId: string) {
      const staff = authorize(actor, 'session.run');
      return prisma.$transaction(async (tx) => {
        const row = await tx.streamKey.upsert({
          where: { sessionId },
          create: { sessionId, key: newKey(), rotatedAt: clock.now() },
          update: { key: newKey(), rotatedAt: clock.now() },
          select: { key: true, rotatedAt: true },
        });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'session.stream_key_rotate',
          entityType: 'session',
          entityId: sessionId,
          before: null,
          after: { rotatedAt: row.rotatedAt.toISOString() },
        });
        return row;
      });
    },

    async verify(sessionId: string, presented: string): Promise<boolean> {
      const row = await prisma.streamKey.findUnique({
        where: { sessionId },
        select: { key: true },
      });
      // Hashing first gives equal lengths, so the comparison leaks nothing about the key.
      return row !== null && timingSafeEqual(digest(row.key), digest(presented));
    },
  };
}

export type StreamKeys = ReturnType<typeof createStreamKeys>;
