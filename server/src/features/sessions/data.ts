// Reads of sessions, shaped as wire DTOs.
import type { Prisma } from '../../db/database.ts';
import { recurrenceRuleSchema } from '../../domain/recurrence.ts';
import type {
  SessionDetailDto,
  SessionOverviewDto,
  SessionSummaryDto,
} from '../../protocol/dto.ts';
import { officialInclude, toOfficialDto } from '../officials/data.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;

interface SessionRow {
  id: string;
  kind: SessionSummaryDto['kind'];
  title: string;
  locality: string;
  status: SessionSummaryDto['status'];
  scheduledStart: Date;
  scheduledEnd: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  seriesId: string | null;
  updatedAt: Date;
}

export function toSummaryDto(row: SessionRow): SessionSummaryDto {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    locality: row.locality,
    status: row.status,
    scheduledStart: row.scheduledStart.toISOString(),
    scheduledEnd: row.scheduledEnd.toISOString(),
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    seriesId: row.seriesId,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const sessionDetailInclude = {
  agendaItems: { orderBy: { position: 'asc' } },
  hosts: { orderBy: { position: 'asc' }, include: { official: { include: officialInclude } } },
  series: { select: { id: true, rule: true } },
  neighbourhood: { select: { id: true, name: true } },
} as const;

export async function findSessionDetail(
  prisma: Pick<Prisma, 'session'>,
  id: string,
): Promise<SessionDetailDto | null> {
  const row = await prisma.session.findUnique({ where: { id }, include: sessionDetailInclude });
  if (!row) return null;
  const rule = row.series ? recurrenceRuleSchema.safeParse(row.series.rule) : null;
  return {
    ...toSummaryDto(row),
    description: row.description,
    cancelReason: row.cancelReason,
    agenda: row.agendaItems.map((item) => ({
      id: item.id,
      position: item.position,
      title: item.title,
      description: item.description,
      offsetMinutes: item.offsetMinutes,
    })),
    hosts: row.hosts.map((host) => toOfficialDto(host.official)),
    series: row.series && rule?.success ? { id: row.series.id, rule: rule.data } : null,
    neighbourhood: row.neighbourhood,
    settings: {
      questionsOpen: row.questionsOpen,
      preModeration: row.preModeration,
      chatEnabled: row.chatEnabled,
      chatSlowModeSeconds: row.chatSlowModeSeconds,
      namesRequired: row.namesRequired,
    },
    nowAnsweringId: row.nowAnsweringId,
    currentAgendaItemId: row.currentAgendaItemId,
  };
}

/** The question board is a session only inside: it is never listed with the meetings. */
const meetings = { kind: { not: 'board' } } as const;

export async function sessionOverview(prisma: Prisma, now: Date): Promise<SessionOverviewDto> {
  const [live, upcoming, recent] = await Promise.all([
    prisma.session.findMany({
      where: { ...meetings, status: 'live' },
      orderBy: { startedAt: 'desc' },
    }),
    prisma.session.findMany({
      where: { ...meetings, status: 'scheduled', scheduledEnd: { gte: now } },
      orderBy: { scheduledStart: 'asc' },
      take: 20,
    }),
    prisma.session.findMany({
      where: { ...meetings, status: 'ended' },
      orderBy: { endedAt: 'desc' },
      take: 10,
    }),
  ]);
  return {
    live: live.map(toSummaryDto),
    upcoming: upcoming.map(toSummaryDto),
    recent: recent.map(toSummaryDto),
  };
}

export async function listAllSessions(prisma: Prisma): Promise<SessionSummaryDto[]> {
  const rows = await prisma.session.findMany({
    where: meetings,
    orderBy: { scheduledStart: 'desc' },
    take: 500,
  });
  return rows.map(toSummaryDto);
}

export async function upcomingForCalendar(prisma: Prisma, now: Date) {
  return prisma.session.findMany({
    where: { ...meetings, status: { in: ['scheduled', 'live'] }, scheduledEnd: { gte: now } },
    orderBy: { scheduledStart: 'asc' },
    take: 200,
  });
}
