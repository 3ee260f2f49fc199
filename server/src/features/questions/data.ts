// Reads of questions, shaped as the three wire views: public, the author's, the moderators'.
import type { Prisma } from '../../db/database.ts';
import type { Prisma as PrismaTypes } from '../../generated/prisma/client.ts';
import type {
  AuthorActivityDto,
  ModQuestionDto,
  OwnQuestionDto,
  QuestionDto,
} from '../../protocol/questions.ts';
import { photoUrl } from '../officials/data.ts';
import type { Tx } from '../sessions/mutations.ts';

type Reader = Prisma | Tx;

/** Everything a question's views show but its vote count (see withVoteCounts). */
export const questionFields = {
  department: { select: { id: true, name: true } },
  topic: { select: { id: true, name: true } },
  neighbourhood: { select: { id: true, name: true } },
  answeredBy: {
    select: {
      id: true,
      name: true,
      roleTitle: true,
      photoId: true,
      department: { select: { name: true } },
    },
  },
  moderatedBy: { select: { id: true, name: true } },
} as const satisfies PrismaTypes.QuestionInclude;

export const questionInclude = {
  _count: { select: { votes: true } },
  ...questionFields,
} as const satisfies PrismaTypes.QuestionInclude;

export type QuestionRow = PrismaTypes.QuestionGetPayload<{ include: typeof questionInclude }>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toQuestionDto(row: QuestionRow): QuestionDto {
  const official = row.answeredBy;
  return {
    id: row.id,
    sessionId: row.sessionId,
    text: row.text,
    authorName: row.anonymous ? null : row.authorName,
    status: row.status,
    voteCount: row._count.votes,
    agendaItemId: row.agendaItemId,
    mergedIntoId: row.mergedIntoId,
    department: row.department,
    topic: row.topic,
    neighbourhood: row.neighbourhood,
    answer: row.answeredAt
      ? {
          text: row.answerText,
          official: official
            ? {
                id: official.id,
                name: official.name,
                roleTitle: official.roleTitle,
                photoUrl: official.photoId ? photoUrl(official.photoId) : null,
                departmentName: official.department?.name ?? null,
              }
            : null,
          answeredAt: row.answeredAt.toISOString(),
        }
      : null,
    createdAt: row.createdAt.toISOString(),
    approvedAt: iso(row.approvedAt),
    version: row.version,
  };
}

export const toOwnQuestionDto = (row: QuestionRow): OwnQuestionDto => ({
  ...toQuestionDto(row),
  rejectReason: row.rejectReason,
});

export function toModQuestionDto(row: QuestionRow, author: AuthorActivityDto): ModQuestionDto {
  return {
    ...toOwnQuestionDto(row),
    participantId: row.participantId,
    anonymous: row.anonymous,
    givenName: row.authorName,
    moderatedBy: row.moderatedBy,
    moderatedAt: iso(row.moderatedAt),
    author,
  };
}

export const findQuestion = (db: Reader, id: string) =>
  db.question.findUnique({ where: { id }, include: questionInclude });

/** Approved and answered questions of a session: what every visitor sees. */
export const publicQuestions = (db: Reader, sessionId: string) =>
  db.question.findMany({
    where: { sessionId, status: { in: ['approved', 'answered'] } },
    include: questionInclude,
    orderBy: { createdAt: 'asc' },
  });

export const ownQuestions = (db: Reader, sessionId: string, participantId: string) =>
  db.question.findMany({
    where: { sessionId, participantId },
    include: questionInclude,
    orderBy: { createdAt: 'asc' },
  });

export async function votedIds(db: Reader, sessionId: string, participantId: string) {
  const votes = await db.questionVote.findMany({
    where: { participantId, question: { sessionId } },
    select: { questionId: true },
  });
  return votes.map((vote) => vote.questionId);
}

/** Vote counts of some questions, for the coalesced `question:votes` broadcast. */
export async function voteCounts(db: Reader, questionIds: string[]) {
  const groups = await db.questionVote.groupBy({
    by: ['questionId'],
    where: { questionId: { in: questionIds } },
    _count: { _all: true },
  });
  const counts: Record<string, number> = Object.fromEntries(questionIds.map((id) => [id, 0]));
  for (const group of groups) counts[group.questionId] = group._count._all;
  return counts;
}

/**
 * Rows read with `questionFields`, given their vote counts as `questionInclude` would. Counts
 * only the votes of these rows: Prisma's `_count` on a list counts the votes of every row the
 * `where` matches, the whole board's on its first page.
 */
export async function withVoteCounts<T extends { id: string }>(
  db: Reader,
  rows: T[],
): Promise<(T & { _count: { votes: number } })[]> {
  if (rows.length === 0) return [];
  const counts = await voteCounts(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, _count: { votes: counts[row.id] ?? 0 } }));
}

/** The questions `ids` names, in that order (any gone meanwhile left out), with vote counts. */
export async function questionsInOrder(db: Reader, ids: string[]): Promise<QuestionRow[]> {
  const found = await db.question.findMany({ where: { id: { in: ids } }, include: questionFields });
  const byId = new Map(found.map((row) => [row.id, row]));
  return withVoteCounts(
    db,
    ids.flatMap((id) => byId.get(id) ?? []),
  );
}

/** What moderators see of the people asking: in this session, and whether they are banned. */
export async function authorActivity(
  db: Reader,
  sessionId: string,
  participantIds: string[],
  bannedIds: ReadonlySet<string>,
): Promise<Map<string, AuthorActivityDto>> {
  const unique = [...new Set(participantIds)];
  if (unique.length === 0) return new Map();
  const [people, asked, rejected, chats] = await Promise.all([
    db.participant.findMany({ where: { id: { in: unique } } }),
    db.question.groupBy({
      by: ['participantId'],
      where: { sessionId, participantId: { in: unique } },
      _count: { _all: true },
    }),
    db.question.groupBy({
      by: ['participantId'],
      where: { sessionId, participantId: { in: unique }, status: 'rejected' },
      _count: { _all: true },
    }),
    db.chatMessage.groupBy({
      by: ['participantId'],
      where: { sessionId, participantId: { in: unique } },
      _count: { _all: true },
    }),
  ]);
  const count = (groups: { participantId: string; _count: { _all: number } }[], id: string) =>
    groups.find((g) => g.participantId === id)?._count._all ?? 0;
  return new Map(
    people.map((person) => [
      person.id,
      {
        participantId: person.id,
        name: person.displayName,
        questionsAsked: count(asked, person.id),
        questionsRejected: count(rejected, person.id),
        chatMessages: count(chats, person.id),
        firstSeenAt: person.createdAt.toISOString(),
        banned: bannedIds.has(person.id),
      },
    ]),
  );
}
