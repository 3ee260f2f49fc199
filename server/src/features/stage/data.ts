// Stage requests as each audience sees them, and the queries every stage action shares.
import type { Prisma } from '../../db/database.ts';
import type {
  ModStageRequestDto,
  OwnStageRequestDto,
  StageSpeakerDto,
} from '../../protocol/stage.ts';
import type { Tx } from '../sessions/mutations.ts';

type Db = Prisma | Tx;

export interface StageRow {
  id: string;
  sessionId: string;
  participantId: string;
  name: string;
  topic: string;
  status: OwnStageRequestDto['status'];
  declineReason: string | null;
  startedAt: Date | null;
  endsAt: Date | null;
  muted: boolean;
  createdAt: Date;
}

export const ACTIVE = ['waiting', 'accepted'] as const;

/** The speaking list: the speaker first, then the waiting in the order they raised a hand. */
export async function activeRequests(db: Db, sessionId: string): Promise<StageRow[]> {
  const rows = await db.stageRequest.findMany({
    where: { sessionId, status: { in: [...ACTIVE] } },
    orderBy: { createdAt: 'asc' },
  });
  return [
    ...rows.filter((r) => r.status === 'accepted'),
    ...rows.filter((r) => r.status === 'waiting'),
  ];
}

export function positionIn(list: StageRow[], id: string): number | null {
  const waiting = list.filter((r) => r.status === 'waiting');
  const at = waiting.findIndex((r) => r.id === id);
  return at < 0 ? null : at + 1;
}

export const toOwnDto = (row: StageRow, position: number | null): OwnStageRequestDto => ({
  id: row.id,
  sessionId: row.sessionId,
  topic: row.topic,
  status: row.status,
  position,
  declineReason: row.declineReason,
  endsAt: row.endsAt?.toISOString() ?? null,
  muted: row.muted,
});

export const toModDto = (row: StageRow, position: number | null): ModStageRequestDto => ({
  ...toOwnDto(row, position),
  name: row.name,
  participantId: row.participantId,
  createdAt: row.createdAt.toISOString(),
});

export const toSpeakerDto = (row: StageRow): StageSpeakerDto => ({
  requestId: row.id,
  name: row.name,
  topic: row.topic,
  startedAt: (row.startedAt ?? row.createdAt).toISOString(),
  endsAt: row.endsAt?.toISOString() ?? null,
  muted: row.muted,
});

/** Row lock on the session: raising, accepting and ending take turns per session. */
export async function lockStage(tx: Tx, sessionId: string) {
  const [row] = await tx.$queryRaw<{ status: string; kind: string }[]>`
    SELECT status::text, kind::text FROM sessions
    WHERE id = ${sessionId}::uuid FOR NO KEY UPDATE`;
  return row ?? null;
}
