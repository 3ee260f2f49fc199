// The board's public response-time figures: per department and month over the last year, and
// how old the questions still waiting are. Computed in the database: a town's year of answers
// is tens of thousands of rows, and reading them all to sort in JS took seconds. The rules are
// those of domain/response-times.ts (percentile_cont interpolates as its percentile does).
import type { Prisma } from '../../db/database.ts';
import { AGE_LIMIT_MS, lastMonths, roundHours } from '../../domain/response-times.ts';
import { utcToZonedParts } from '../../domain/time-zone.ts';
import type { BoardStatsDto, NamedDto } from '../../protocol/board.ts';

const MONTHS = 12;
const YEAR_AND_A_MONTH_MS = 400 * 24 * 3_600_000;

interface TimeRow {
  departmentId: string | null;
  /** Null on a department's row over all the months. */
  month: string | null;
  answered: number;
  median: number;
  p90: number;
}

interface AgeRow {
  departmentId: string | null;
  week: number;
  month: number;
  quarter: number;
  older: number;
}

export async function boardStats(
  prisma: Prisma,
  boardId: string,
  options: { now: Date; timeZone: string },
): Promise<BoardStatsDto> {
  const { now, timeZone } = options;
  const months = lastMonths(utcToZonedParts(now, timeZone), MONTHS);
  const since = new Date(now.getTime() - YEAR_AND_A_MONTH_MS);
  const olderThan = (ms: number) => new Date(now.getTime() - ms);
  const [times, ages, departments] = await Promise.all([
    // Hours from whole milliseconds, as the JS rules take them; both groupings in one pass.
    prisma.$queryRaw<TimeRow[]>`
      WITH answered AS (
        SELECT department_id,
               to_char(answered_at AT TIME ZONE ${timeZone}, 'YYYY-MM') AS month,
               greatest(0, round((extract(epoch FROM answered_at) - extract(epoch FROM created_at))
                 * 1000))::float8 / 3600000 AS hours
        FROM questions
        WHERE session_id = ${boardId}::uuid AND status = 'answered' AND answered_at >= ${since}
      )
      SELECT department_id AS "departmentId", month, count(*)::int AS answered,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median,
             percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS p90
      FROM answered
      WHERE month = ANY(${months}::text[])
      GROUP BY GROUPING SETS ((department_id, month), (department_id))
      ORDER BY month, department_id`,
    prisma.$queryRaw<AgeRow[]>`
      SELECT department_id AS "departmentId",
             count(*) FILTER (WHERE created_at >= ${olderThan(AGE_LIMIT_MS.week)})::int AS week,
             count(*) FILTER (WHERE created_at < ${olderThan(AGE_LIMIT_MS.week)}
                                AND created_at >= ${olderThan(AGE_LIMIT_MS.month)})::int AS month,
             count(*) FILTER (WHERE created_at < ${olderThan(AGE_LIMIT_MS.month)}
                                AND created_at >= ${olderThan(AGE_LIMIT_MS.quarter)})::int AS quarter,
             count(*) FILTER (WHERE created_at < ${olderThan(AGE_LIMIT_MS.quarter)})::int AS older
      FROM questions
      WHERE session_id = ${boardId}::uuid AND status = 'approved'
      GROUP BY department_id
      ORDER BY department_id`,
    prisma.department.findMany({ select: { id: true, name: true } }),
  ]);
  const byId = new Map(departments.map((d) => [d.id, d]));
  const named = (id: string | null): NamedDto | null => (id ? (byId.get(id) ?? null) : null);
  const figures = (row: TimeRow) => ({
    department: named(row.departmentId),
    answered: row.answered,
    medianHours: roundHours(row.median),
    p90Hours: roundHours(row.p90),
  });
  return {
    months,
    responseTimes: times
      .filter((row) => row.month !== null)
      .map((row) => ({ ...figures(row), month: row.month! })),
    overall: times.filter((row) => row.month === null).map(figures),
    openByAge: ages.map(({ departmentId, ...counts }) => ({
      department: named(departmentId),
      counts,
    })),
  };
}
