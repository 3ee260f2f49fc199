// The departments' side of the board: each department's queue (paged), answering in public, and
// handing a question on to another department with a note. Clerks act only for their own
// departments; moderators, hosts and admins for any. Every change goes through the question
// queue's moderation (locks, audit, live updates), so the moderator console sees it at once.
import type { Prisma } from '../../db/database.ts';
import { forbidden, notFound } from '../../lib/app-error.ts';
import type { DepartmentQueueDto } from '../../protocol/board.ts';
import type { ModerationAction, ModQuestionDto } from '../../protocol/questions.ts';
import { authorize, say, type Actor, type StaffIdentity } from '../auth/actor.ts';
import type { QuestionModeration } from '../questions/moderate.ts';
import {
  questionFields,
  questionsInOrder,
  toQuestionDto,
  withVoteCounts,
} from '../questions/data.ts';

const RECENTLY_ANSWERED = 20;
export const DESK_PAGE_SIZE = 50;

/**
 * One page of the questions waiting for `departmentId`, longest waiting first: since the last
 * routing to it, else since approval (else asking).
 */
async function waitingPage(
  prisma: Prisma,
  boardId: string,
  departmentId: string,
  page: number,
): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT q.id FROM questions q
    LEFT JOIN LATERAL (
      SELECT r.created_at FROM question_routings r
      WHERE r.question_id = q.id AND r.department_id = ${departmentId}::uuid
      ORDER BY r.created_at DESC, r.id DESC LIMIT 1
    ) routed ON true
    WHERE q.session_id = ${boardId}::uuid AND q.department_id = ${departmentId}::uuid
      AND q.status = 'approved'
    ORDER BY coalesce(routed.created_at, q.approved_at, q.created_at), q.id
    LIMIT ${DESK_PAGE_SIZE} OFFSET ${(page - 1) * DESK_PAGE_SIZE}`;
  return rows.map((row) => row.id);
}

/**
 * The last routing to `departmentId` of each of `questionIds`, in one query (Prisma's `take: 1`
 * per question in an include read them question by question).
 */
async function latestRoutings(prisma: Prisma, departmentId: string, questionIds: string[]) {
  if (questionIds.length === 0) return new Map<string, never>();
  const rows = await prisma.$queryRaw<
    { questionId: string; createdAt: Date; note: string; fromDepartmentId: string | null }[]
  >`
    SELECT DISTINCT ON (question_id) question_id AS "questionId", created_at AS "createdAt",
           note, from_department_id AS "fromDepartmentId"
    FROM question_routings
    WHERE department_id = ${departmentId}::uuid AND question_id = ANY(${questionIds}::uuid[])
    ORDER BY question_id, created_at DESC, id DESC`;
  return new Map(rows.map((row) => [row.questionId, row]));
}

export function createBoardDesk(deps: {
  prisma: Prisma;
  moderation: Pick<QuestionModeration, 'moderateAs'>;
  boardId: string;
}) {
  const { prisma, moderation, boardId } = deps;

  async function assertActsFor(actor: Actor, staff: StaffIdentity, departmentId: string | null) {
    if (staff.role !== 'clerk') return;
    const member =
      departmentId !== null &&
      (await prisma.departmentMembership.count({
        where: { staffUserId: staff.id, departmentId },
      })) > 0;
    if (!member) {
      throw forbidden(
        say(actor, 'Tato otázka nepatří vašemu odboru.', 'This question is not your department’s.'),
      );
    }
  }

  async function boardQuestion(actor: Actor, questionId: string) {
    const question = await prisma.question.findFirst({
      where: { id: questionId, sessionId: boardId },
      select: { id: true, departmentId: true },
    });
    if (!question) throw notFound(say(actor, 'Otázka', 'Question'));
    return question;
  }

  /** A clerk's action on a board question of their department, through the queue's moderation. */
  async function actOn(
    actor: Actor,
    questionId: string,
    action: ModerationAction,
  ): Promise<ModQuestionDto> {
    const staff = authorize(actor, 'board.answer');
    const question = await boardQuestion(actor, questionId);
    await assertActsFor(actor, staff, question.departmentId);
    return moderation.moderateAs(actor, staff, { sessionId: boardId, questionId, action });
  }

  return {
    async queue(actor: Actor, departmentId: string, page = 1): Promise<DepartmentQueueDto> {
      const staff = authorize(actor, 'board.answer');
      await assertActsFor(actor, staff, departmentId);
      const department = await prisma.department.findUnique({
        where: { id: departmentId },
        select: { id: true, name: true },
      });
      if (!department) throw notFound(say(actor, 'Odbor', 'Department'));
      const mine = { sessionId: boardId, departmentId };
      const [ids, waitingTotal, answered, departments, officials] = await Promise.all([
        waitingPage(prisma, boardId, departmentId, page),
        prisma.question.count({ where: { ...mine, status: 'approved' } }),
        prisma.question
          .findMany({
            where: { ...mine, status: 'answered' },
            include: questionFields,
            orderBy: [{ answeredAt: 'desc' }, { id: 'desc' }],
            take: RECENTLY_ANSWERED,
          })
          .then((rows) => withVoteCounts(prisma, rows)),
        prisma.department.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
        prisma.official.findMany({
          where: { isActive: true },
          select: { id: true, name: true, roleTitle: true, departmentId: true },
          orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
        }),
      ]);
      const waiting = await questionsInOrder(prisma, ids);
      const routed = await latestRoutings(
        prisma,
        departmentId,
        waiting.map((row) => row.id),
      );
      const named = new Map(departments.map((d) => [d.id, d]));
      const queued = waiting.map((row) => {
        const routing = routed.get(row.id);
        const from = routing?.fromDepartmentId ?? null;
        return {
          ...toQuestionDto(row),
          routedAt: (routing?.createdAt ?? row.approvedAt ?? row.createdAt).toISOString(),
          note: routing?.note || null,
          handedOnBy: from ? (named.get(from) ?? null) : null,
        };
      });
      return {
        department,
        waitingTotal,
        page,
        pageSize: DESK_PAGE_SIZE,
        // Longest waiting first (waitingPage): the queue is worked from the top.
        waiting: queued,
        answered: answered.map(toQuestionDto),
        departments,
        // The department's own people first: they usually sign its answers.
        officials: [
          ...officials.filter((o) => o.departmentId === departmentId),
          ...officials.filter((o) => o.departmentId !== departmentId),
        ],
      };
    },

    answer(actor: Actor, questionId: string, input: { answer: string; officialId: string }) {
      return actOn(actor, questionId, { type: 'answer', ...input });
    },

    handOn(actor: Actor, questionId: string, input: { departmentId: string; note: string }) {
      return actOn(actor, questionId, { type: 'assign', ...input });
    },
  };
}

export type BoardDesk = ReturnType<typeof createBoardDesk>;
