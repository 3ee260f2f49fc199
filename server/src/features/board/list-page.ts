// Which questions fill a page of the board list, in order. By support it joins each matched
// question's own votes and sorts there (Prisma's orderBy on a relation count aggregates every
// vote of the table first); newest walks the (session_id, created_at, id) index; answered puts
// the latest answers first (the embeds' list), unanswered ones last.
import type { Prisma } from '../../db/database.ts';
import { PUBLIC_STATUSES } from '../../domain/question-queue.ts';
import { Prisma as Sql } from '../../generated/prisma/client.ts';
import type { BoardQuery, BoardSort } from '../../protocol/board.ts';

export interface BoardFilter {
  statuses: readonly string[];
  topic?: string;
  neighbourhood?: string;
  department?: string;
}

/** The statuses and filters a query of the public list selects. */
export function boardFilter(query: BoardQuery): BoardFilter {
  return {
    statuses:
      query.state === 'answered'
        ? ['answered']
        : query.state === 'unanswered'
          ? ['approved']
          : PUBLIC_STATUSES,
    topic: query.topic,
    neighbourhood: query.neighbourhood,
    department: query.department,
  };
}

function whereSql(boardId: string, filter: BoardFilter) {
  const statuses = filter.statuses.map((status) => Sql.sql`${status}::question_status`);
  return Sql.sql`q.session_id = ${boardId}::uuid AND q.status IN (${Sql.join(statuses)})
    ${filter.topic ? Sql.sql`AND q.topic_id = ${filter.topic}::uuid` : Sql.empty}
    ${filter.neighbourhood ? Sql.sql`AND q.neighbourhood_id = ${filter.neighbourhood}::uuid` : Sql.empty}
    ${filter.department ? Sql.sql`AND q.department_id = ${filter.department}::uuid` : Sql.empty}`;
}

/** The ids of one page: most supported first (then newest), newest first, or latest answer
 * first (then newest). */
export async function boardPageIds(
  prisma: Prisma,
  boardId: string,
  filter: BoardFilter,
  sort: BoardSort,
  page: { skip: number; take: number },
): Promise<string[]> {
  const where = whereSql(boardId, filter);
  const rows =
    sort === 'newest'
      ? await prisma.$queryRaw<{ id: string }[]>`
          SELECT q.id FROM questions q WHERE ${where}
          ORDER BY q.created_at DESC, q.id DESC
          LIMIT ${page.take} OFFSET ${page.skip}`
      : sort === 'answered'
        ? await prisma.$queryRaw<{ id: string }[]>`
          SELECT q.id FROM questions q WHERE ${where}
          ORDER BY q.answered_at DESC NULLS LAST, q.created_at DESC, q.id DESC
          LIMIT ${page.take} OFFSET ${page.skip}`
        : await prisma.$queryRaw<{ id: string }[]>`
          SELECT q.id FROM questions q
          LEFT JOIN question_votes v ON v.question_id = q.id
          WHERE ${where}
          GROUP BY q.id
          ORDER BY count(v.question_id) DESC, q.created_at DESC, q.id DESC
          LIMIT ${page.take} OFFSET ${page.skip}`;
  return rows.map((row) => row.id);
}

/** How many questions the filter selects. */
export async function boardTotal(
  prisma: Prisma,
  boardId: string,
  filter: BoardFilter,
): Promise<number> {
  const [row] = await prisma.$queryRaw<{ total: number }[]>`
    SELECT count(*)::int AS total FROM questions q WHERE ${whereSql(boardId, filter)}`;
  return row?.total ?? 0;
}
