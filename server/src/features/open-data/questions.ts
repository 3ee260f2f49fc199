// Public questions for the open-data API: only what every visitor of a session page sees
// (approved and answered), shaped by the questions feature's public view (anonymity applied),
// then narrowed to the published fields. Authors' identities and moderation data never leave.
import type { Prisma } from '../../db/database.ts';
import { isPublic, PUBLIC_STATUSES } from '../../domain/question-queue.ts';
import type { QuestionDto, QuestionStatus } from '../../protocol/questions.ts';
import { questionInclude, toQuestionDto } from '../questions/data.ts';
import type { QuestionsQuery } from './params.ts';

export const QUESTIONS_PAGE_SIZE = 100;

function statusesFor(answered: QuestionsQuery['answered']): QuestionStatus[] {
  if (answered === undefined) return PUBLIC_STATUSES;
  return PUBLIC_STATUSES.filter((status) => (status === 'answered') === (answered === 'true'));
}

/** The public view's rule (domain/question-queue.ts), as a type guard. */
const published = (status: QuestionStatus): status is 'approved' | 'answered' => isPublic(status);

function toOpenQuestion(dto: QuestionDto) {
  const { status } = dto;
  // Checked again here, so a change of the query can never publish more.
  if (!published(status)) return null;
  const official = dto.answer?.official;
  return {
    id: dto.id,
    sessionId: dto.sessionId,
    text: dto.text,
    authorName: dto.authorName,
    status,
    voteCount: dto.voteCount,
    agendaItemId: dto.agendaItemId,
    department: dto.department,
    createdAt: dto.createdAt,
    approvedAt: dto.approvedAt,
    answer: dto.answer && {
      text: dto.answer.text,
      official: official
        ? { id: official.id, name: official.name, roleTitle: official.roleTitle }
        : null,
      answeredAt: dto.answer.answeredAt,
    },
  };
}

export async function publicQuestionPage(prisma: Prisma, query: QuestionsQuery) {
  const page = query.page ?? 1;
  const where = {
    status: { in: statusesFor(query.answered) },
    ...(query.sessionId ? { sessionId: query.sessionId } : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.question.findMany({
      where,
      include: questionInclude,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * QUESTIONS_PAGE_SIZE,
      take: QUESTIONS_PAGE_SIZE,
    }),
    prisma.question.count({ where }),
  ]);
  return {
    questions: rows
      .map((row) => toOpenQuestion(toQuestionDto(row)))
      .filter((question) => question !== null),
    total,
    page,
    pageSize: QUESTIONS_PAGE_SIZE,
  };
}
