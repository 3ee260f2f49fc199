// Bans: reads and the rule for who they catch.
//
// A ban names a participant (their cookie identity) and, as a fallback for someone who clears
// the cookie, the salted hash of their address. Citizens in a council chamber share one Wi-Fi
// address, so the address alone only catches identities created *after* the ban (ids are
// UUIDv7, so the cookie tells), and only for a day; the person themself stays banned.
import type { Prisma } from '../../db/database.ts';
import type { Prisma as PrismaTypes } from '../../generated/prisma/client.ts';
import type { BanDto } from '../../protocol/chat.ts';
import { uuidv7Time } from '../../lib/ids.ts';
import type { Tx } from '../sessions/mutations.ts';
import type { Who } from '../participation/who.ts';

type Reader = Prisma | Tx;

export const IP_BAN_HOURS = 24;

export const banInclude = {
  participant: { select: { displayName: true } },
  createdBy: { select: { id: true, name: true } },
} as const satisfies PrismaTypes.BanInclude;

type BanRow = PrismaTypes.BanGetPayload<{ include: typeof banInclude }>;

export function toBanDto(row: BanRow): BanDto {
  return {
    id: row.id,
    sessionId: row.sessionId,
    participantId: row.participantId,
    participantName: row.participant.displayName,
    scope: row.sessionId ? 'session' : 'everywhere',
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    liftedAt: row.liftedAt?.toISOString() ?? null,
  };
}

/** Bans in force for a session: its own and the town-wide ones. */
const inForce = (sessionId: string) =>
  ({
    liftedAt: null,
    OR: [{ sessionId }, { sessionId: null }],
  }) satisfies PrismaTypes.BanWhereInput;

export async function bansInForce(db: Reader, sessionId: string): Promise<BanDto[]> {
  const rows = await db.ban.findMany({
    where: inForce(sessionId),
    include: banInclude,
    orderBy: { createdAt: 'desc' },
  });
  return rows.map(toBanDto);
}

/** Whether a ban catches this person in this session (see the rule at the top). */
export async function isBanned(db: Reader, sessionId: string, who: Who, now: Date) {
  const personal = await db.ban.findFirst({
    where: { ...inForce(sessionId), participantId: who.participantId },
    select: { id: true },
  });
  if (personal) return true;
  const since = new Date(now.getTime() - IP_BAN_HOURS * 3600_000);
  const byAddress = await db.ban.findMany({
    where: { ...inForce(sessionId), ipHash: who.ipHash, createdAt: { gte: since } },
    select: { createdAt: true },
  });
  if (byAddress.length === 0) return false;
  // Participant ids are UUIDv7: the signed cookie tells when the identity appeared.
  const born = uuidv7Time(who.participantId);
  return born !== null && byAddress.some((ban) => born >= ban.createdAt);
}

export const findBan = (db: Reader, id: string) =>
  db.ban.findUnique({ where: { id }, include: banInclude });
