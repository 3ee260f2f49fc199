// Bans: reads and the rule for who they catch.
//
// A ban names a participant (their cookie identity) and, as a fallback for someone who clears
// the cookie, the salted hash of their address. Citizens in a council chamber share one Wi-Fi
// address, so the address alone only catches identities created *after* the ban (ids are
// UUIDv7, so the cookie tells), and only for a day; the person themself stays banned.
import type { Prisma } from '../../db/database.ts';
import { Prisma as PrismaTypes } from '../../generated/prisma/client.ts';
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

/**
 * The SQL condition (on `bans b`) of a ban in force that catches this person in this session
 * (the rule at the top). The vote statement embeds it; isBanned runs it alone.
 */
export function banCatches(sessionId: string, who: Who, now: Date): PrismaTypes.Sql {
  const born = uuidv7Time(who.participantId);
  const since = new Date(now.getTime() - IP_BAN_HOURS * 3600_000);
  return PrismaTypes.sql`b.lifted_at IS NULL
    AND (b.session_id = ${sessionId}::uuid OR b.session_id IS NULL)
    AND (b.participant_id = ${who.participantId}::uuid
      OR (b.ip_hash = ${who.ipHash} AND b.created_at >= ${since}
          AND ${born}::timestamptz IS NOT NULL AND b.created_at <= ${born}::timestamptz))`;
}

export async function isBanned(db: Reader, sessionId: string, who: Who, now: Date) {
  const [row] = await db.$queryRaw<{ banned: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM bans b WHERE ${banCatches(sessionId, who, now)}) AS banned`;
  return row?.banned ?? false;
}

export const findBan = (db: Reader, id: string) =>
  db.ban.findUnique({ where: { id }, include: banInclude });
