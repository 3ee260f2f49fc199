// Sessions for the open-data API: a filtered, paged list, and one session with its agenda,
// hosts, recording and transcript. Shapes come from the sessions feature's own readers.
import type { Prisma } from '../../db/database.ts';
import { zonedWallTimeToUtc } from '../../domain/time-zone.ts';
import type { Prisma as Sql } from '../../generated/prisma/client.ts';
import { toRecordingDto } from '../media/recording-dto.ts';
import { findSessionDetail, toSummaryDto } from '../sessions/data.ts';
import type { SessionsQuery } from './params.ts';

export const SESSIONS_PAGE_SIZE = 50;

/** Midnight starting a calendar day (YYYY-MM-DD, `days` later) on the town's clocks. */
function startOfDay(date: string, timeZone: string, days = 0): Date {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const next = new Date(Date.UTC(year, month - 1, day + days));
  return zonedWallTimeToUtc(
    {
      year: next.getUTCFullYear(),
      month: next.getUTCMonth() + 1,
      day: next.getUTCDate(),
      hour: 0,
      minute: 0,
    },
    timeZone,
  );
}

export async function sessionList(prisma: Prisma, query: SessionsQuery, timeZone: string) {
  const page = query.page ?? 1;
  const where: Sql.SessionWhereInput = {
    ...(query.status ? { status: query.status } : {}),
    // The question board is a session only inside; it is published as questions.
    kind: query.kind ?? { not: 'board' },
    ...(query.from || query.to
      ? {
          scheduledStart: {
            ...(query.from ? { gte: startOfDay(query.from, timeZone) } : {}),
            ...(query.to ? { lt: startOfDay(query.to, timeZone, 1) } : {}),
          },
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.session.findMany({
      where,
      orderBy: [{ scheduledStart: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * SESSIONS_PAGE_SIZE,
      take: SESSIONS_PAGE_SIZE,
    }),
    prisma.session.count({ where }),
  ]);
  return { sessions: rows.map(toSummaryDto), total, page, pageSize: SESSIONS_PAGE_SIZE };
}

export async function sessionWithMedia(prisma: Prisma, id: string) {
  const [detail, media] = await Promise.all([
    findSessionDetail(prisma, id),
    prisma.session.findUnique({
      where: { id },
      select: {
        recording: true,
        transcript: { select: { status: true, _count: { select: { segments: true } } } },
      },
    }),
  ]);
  if (!detail) return null;
  const recording = toRecordingDto(media?.recording ?? null);
  const archived = detail.status === 'ended';
  // The transcript exports answer for archived sessions with sentences (archive/http.ts).
  const transcript = media?.transcript;
  const hasTranscript =
    archived && transcript?.status === 'ready' && transcript._count.segments > 0;
  const api = `/api/sessions/${id}`;
  return {
    id: detail.id,
    kind: detail.kind,
    title: detail.title,
    locality: detail.locality,
    status: detail.status,
    scheduledStart: detail.scheduledStart,
    scheduledEnd: detail.scheduledEnd,
    startedAt: detail.startedAt,
    endedAt: detail.endedAt,
    seriesId: detail.seriesId,
    updatedAt: detail.updatedAt,
    description: detail.description,
    cancelReason: detail.cancelReason,
    agenda: detail.agenda,
    hosts: detail.hosts,
    recording: { status: recording.status, durationMs: recording.durationMs, url: recording.url },
    transcript: hasTranscript
      ? { vttUrl: `${api}/transcript.vtt`, txtUrl: `${api}/transcript.txt` }
      : null,
    links: {
      web: archived ? `/archive/${id}` : `/sessions/${id}`,
      questions: `/api/v1/questions?sessionId=${id}`,
      polls: `/api/v1/polls?sessionId=${id}`,
      calendar: `${api}/calendar.ics`,
    },
  };
}
