// What everyone sees of the board: its topics and parts of town, the list of questions with
// filters (topic, neighbourhood, department, answered or not) sorted by support, date or answer, and
// a question's permanent page with its way through the town hall.
import type { Prisma } from '../../db/database.ts';
import { PUBLIC_STATUSES } from '../../domain/question-queue.ts';
import type {
  BoardDto,
  BoardPageDto,
  BoardQuery,
  BoardQuestionDto,
  RoutingStepDto,
} from '../../protocol/board.ts';
import { questionInclude, questionsInOrder, toQuestionDto } from '../questions/data.ts';
import { boardFilter, boardPageIds, boardTotal } from './list-page.ts';

export const BOARD_PAGE_SIZE = 20;

export async function findBoard(prisma: Prisma) {
  return prisma.session.findFirst({
    where: { kind: 'board' },
    select: { id: true, title: true, questionsOpen: true, namesRequired: true },
  });
}

/** `questionId` when it is one of the board's questions (not a live session's), else null. */
export async function onBoard(
  prisma: Prisma,
  boardId: string,
  questionId: string,
): Promise<string | null> {
  const found = await prisma.question.count({ where: { id: questionId, sessionId: boardId } });
  return found ? questionId : null;
}

export async function boardOverview(prisma: Prisma, boardId: string): Promise<BoardDto> {
  const board = await prisma.session.findUniqueOrThrow({
    where: { id: boardId },
    select: { id: true, title: true, questionsOpen: true, namesRequired: true },
  });
  const [topics, neighbourhoods, departments, answered, unanswered] = await Promise.all([
    prisma.topic.findMany({ orderBy: [{ position: 'asc' }, { name: 'asc' }] }),
    prisma.neighbourhood.findMany({ orderBy: [{ position: 'asc' }, { name: 'asc' }] }),
    prisma.department.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    prisma.question.count({ where: { sessionId: boardId, status: 'answered' } }),
    prisma.question.count({ where: { sessionId: boardId, status: 'approved' } }),
  ]);
  return {
    sessionId: board.id,
    title: board.title,
    questionsOpen: board.questionsOpen,
    namesRequired: board.namesRequired,
    topics: topics.map(({ id, name, slug, departmentId }) => ({ id, name, slug, departmentId })),
    neighbourhoods: neighbourhoods.map(({ id, name, slug }) => ({ id, name, slug })),
    departments,
    counts: { answered, unanswered },
  };
}

/** Which of `questionIds` the participant supports (none for a reader without a cookie yet). */
async function supportedBy(
  prisma: Prisma,
  participantId: string | null,
  questionIds: string[],
): Promise<string[]> {
  if (!participantId || questionIds.length === 0) return [];
  const votes = await prisma.questionVote.findMany({
    where: { participantId, questionId: { in: questionIds } },
    select: { questionId: true },
  });
  return votes.map((vote) => vote.questionId);
}

export async function boardQuestions(
  prisma: Prisma,
  boardId: string,
  query: BoardQuery,
  reader: { participantId: string | null },
): Promise<BoardPageDto> {
  const page = query.page ?? 1;
  const filter = boardFilter(query);
  const [ids, total] = await Promise.all([
    boardPageIds(prisma, boardId, filter, query.sort ?? 'support', {
      skip: (page - 1) * BOARD_PAGE_SIZE,
      take: BOARD_PAGE_SIZE,
    }),
    boardTotal(prisma, boardId, filter),
  ]);
  const rows = await questionsInOrder(prisma, ids);
  return {
    questions: rows.map(toQuestionDto),
    total,
    page,
    pageSize: BOARD_PAGE_SIZE,
    supported: await supportedBy(prisma, reader.participantId, ids),
  };
}

/** A public question's page; a merged one shows where it went (its `mergedIntoId`). */
export async function boardQuestion(
  prisma: Prisma,
  boardId: string,
  questionId: string,
  options: { staff: boolean; participantId: string | null },
): Promise<BoardQuestionDto | null> {
  const row = await prisma.question.findFirst({
    where: { id: questionId, sessionId: boardId, status: { in: [...PUBLIC_STATUSES, 'merged'] } },
    include: {
      ...questionInclude,
      _count: { select: { votes: true, merged: true } },
      promotedTo: {
        select: { session: { select: { id: true, title: true, scheduledStart: true } } },
      },
      routings: {
        orderBy: { createdAt: 'asc' },
        include: {
          department: { select: { id: true, name: true } },
          fromDepartment: { select: { id: true, name: true } },
        },
      },
    },
  });
  if (!row) return null;
  const routing: RoutingStepDto[] = row.routings.map((step) => ({
    department: step.department,
    fromDepartment: step.fromDepartment,
    note: options.staff ? step.note || null : null,
    at: step.createdAt.toISOString(),
  }));
  const live = row.promotedTo?.session;
  return {
    question: toQuestionDto(row),
    mergedCount: row._count.merged,
    routing,
    promotedTo: live
      ? { sessionId: live.id, title: live.title, scheduledStart: live.scheduledStart.toISOString() }
      : null,
    supported: (await supportedBy(prisma, options.participantId, [row.id])).length > 0,
  };
}
