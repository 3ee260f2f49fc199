// Reads for the archive: the list of ended sessions with their counts, and one session's replay
// with everything placed on the recording's timeline (ms from the recording's start): the
// questions, the polls and the chat.
import type { Prisma } from '../../db/database.ts';
import { Prisma as Sql } from '../../generated/prisma/client.ts';
import {
  REPLAY_CHAT_LIMIT,
  type ArchivePageDto,
  type ArchiveQuery,
  type ArchiveSessionDto,
  type ReplayDto,
  type TranscriptInfoDto,
} from '../../protocol/archive.ts';
import { chatInclude, toChatMessageDto } from '../chat/data.ts';
import { officialInclude, toOfficialDto } from '../officials/data.ts';
import { sessionPolls, toPollDto, withResults } from '../polls/data.ts';
import { toRecordingDto } from '../media/recording-dto.ts';
import { PUBLIC_STATUSES } from '../../domain/question-queue.ts';
import { ARCHIVED } from './indexer.ts';

export const ARCHIVE_PAGE_SIZE = 24;

const archiveInclude = {
  recording: { select: { status: true, durationMs: true } },
  transcript: { select: { status: true } },
  hosts: { orderBy: { position: 'asc' }, include: { official: { select: { name: true } } } },
  _count: { select: { questions: { where: { status: { in: PUBLIC_STATUSES } } } } },
} satisfies Sql.SessionInclude;

type ArchiveRow = Sql.SessionGetPayload<{ include: typeof archiveInclude }>;

async function voteCounts(prisma: Prisma, sessionIds: string[]): Promise<Map<string, number>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ session_id: string; votes: bigint }[]>`
    SELECT q.session_id, count(*) AS votes
    FROM question_votes v JOIN questions q ON q.id = v.question_id
    WHERE q.session_id = ANY(${sessionIds}::uuid[])
    GROUP BY q.session_id`;
  return new Map(rows.map((r) => [r.session_id, Number(r.votes)]));
}

function toArchiveDto(row: ArchiveRow, votes: Map<string, number>): ArchiveSessionDto {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    locality: row.locality,
    date: (row.startedAt ?? row.scheduledStart).toISOString(),
    durationMs:
      row.recording?.durationMs ??
      (row.startedAt && row.endedAt ? row.endedAt.getTime() - row.startedAt.getTime() : null),
    hasRecording: row.recording?.status === 'ready',
    posterUrl: row.recording?.status === 'ready' ? `/api/archive/${row.id}/poster.jpg` : null,
    hasTranscript: row.transcript?.status === 'ready',
    questionCount: row._count.questions,
    voteCount: votes.get(row.id) ?? 0,
    officials: row.hosts.map((h) => h.official.name),
  };
}

export async function archivePage(prisma: Prisma, query: ArchiveQuery): Promise<ArchivePageDto> {
  const page = query.page ?? 1;
  const where: Sql.SessionWhereInput = {
    status: ARCHIVED,
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.locality ? { locality: query.locality } : {}),
    ...(query.officialId ? { hosts: { some: { officialId: query.officialId } } } : {}),
    ...(query.year
      ? {
          scheduledStart: {
            gte: new Date(Date.UTC(query.year, 0, 1)),
            lt: new Date(Date.UTC(query.year + 1, 0, 1)),
          },
        }
      : {}),
  };
  const [rows, total, years, localities] = await Promise.all([
    prisma.session.findMany({
      where,
      include: archiveInclude,
      orderBy: { scheduledStart: 'desc' },
      skip: (page - 1) * ARCHIVE_PAGE_SIZE,
      take: ARCHIVE_PAGE_SIZE,
    }),
    prisma.session.count({ where }),
    prisma.$queryRaw<{ year: number }[]>`
      SELECT DISTINCT extract(year FROM scheduled_start)::int AS year FROM sessions
      WHERE status = 'ended' ORDER BY year DESC`,
    prisma.session.findMany({
      where: { status: ARCHIVED, locality: { not: '' } },
      distinct: ['locality'],
      select: { locality: true },
      orderBy: { locality: 'asc' },
    }),
  ]);
  const votes = await voteCounts(
    prisma,
    rows.map((r) => r.id),
  );
  return {
    sessions: rows.map((row) => toArchiveDto(row, votes)),
    total,
    page,
    pageSize: ARCHIVE_PAGE_SIZE,
    years: years.map((y) => y.year),
    localities: localities.map((l) => l.locality),
  };
}

/** Milliseconds from the recording's start; null before it (asked ahead) or without a start. */
const offsetFrom = (start: Date | null) => (at: Date | null | undefined) => {
  if (!start || !at) return null;
  const ms = at.getTime() - start.getTime();
  return ms >= 0 ? ms : null;
};

function transcriptInfo(
  row: {
    status: TranscriptInfoDto['status'];
    source: NonNullable<TranscriptInfoDto['source']>;
    progress: number;
    etaSeconds: number | null;
    error: string | null;
  } | null,
  engineOn: boolean,
): TranscriptInfoDto {
  if (!row) {
    const status = engineOn ? 'none' : 'off';
    return { status, source: null, progress: 0, etaSeconds: null, error: null };
  }
  const { status, source, progress, etaSeconds, error } = row;
  return { status, source, progress, etaSeconds, error };
}

export async function findReplay(
  prisma: Prisma,
  sessionId: string,
  options: { now: Date; transcriptionOn: boolean },
): Promise<ReplayDto | null> {
  const row = await prisma.session.findFirst({
    where: { id: sessionId, status: ARCHIVED },
    include: {
      ...archiveInclude,
      recording: true,
      transcript: true,
      hosts: { orderBy: { position: 'asc' }, include: { official: { include: officialInclude } } },
      chapters: { orderBy: { startMs: 'asc' } },
      questions: {
        where: { status: { in: PUBLIC_STATUSES } },
        include: { answeredBy: { select: { name: true } }, _count: { select: { votes: true } } },
        orderBy: { createdAt: 'asc' },
      },
      // What viewers saw: held and hidden messages never were public.
      chatMessages: {
        where: { status: 'published' },
        include: chatInclude,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: REPLAY_CHAT_LIMIT,
      },
    },
  });
  if (!row) return null;
  const [votes, segments, polls] = await Promise.all([
    voteCounts(prisma, [row.id]),
    row.transcript?.status === 'ready'
      ? prisma.transcriptSegment.findMany({
          where: { transcriptId: row.transcript.id },
          orderBy: { position: 'asc' },
          include: { official: { select: { name: true } } },
        })
      : [],
    sessionPolls(prisma, row.id, true).then((rows) => withResults(prisma, rows, options.now)),
  ]);
  const offset = offsetFrom(row.recording?.startedAt ?? row.startedAt);
  return {
    session: { ...toArchiveDto(row, votes), description: row.description },
    recording: toRecordingDto(row.recording),
    chapters: row.chapters.map((c) => ({
      id: c.id,
      title: c.title,
      agendaItemId: c.agendaItemId,
      startMs: c.startMs,
    })),
    transcript: transcriptInfo(row.transcript, options.transcriptionOn),
    segments: segments.map((s) => ({
      id: s.id,
      startMs: s.startMs,
      endMs: s.endMs,
      text: s.text,
      speaker: s.official?.name ?? s.speakerName,
      officialId: s.officialId,
      edited: s.edited,
    })),
    questions: row.questions.map((q) => ({
      id: q.id,
      text: q.text,
      authorName: q.anonymous ? null : q.authorName,
      votes: q._count.votes,
      askedMs: offset(q.createdAt),
      answer: q.answerText
        ? { text: q.answerText, official: q.answeredBy?.name ?? null, atMs: offset(q.answeredAt) }
        : null,
    })),
    polls: polls.map(({ row: poll, results }) => ({
      poll: toPollDto(poll, results),
      openedMs: offset(poll.openedAt),
      closedMs: offset(poll.closedAt),
    })),
    chat: row.chatMessages.map((message) => ({
      message: toChatMessageDto(message),
      atMs: offset(message.createdAt),
    })),
    officials: row.hosts.map((h) => toOfficialDto(h.official)),
  };
}
