// The board's public response-time figures: per department and month over the last year, and
// how old the questions still waiting are.
import type { Prisma } from '../../db/database.ts';
import { lastMonths, openByAge, responseTimes } from '../../domain/response-times.ts';
import { utcToZonedParts } from '../../domain/time-zone.ts';
import type { BoardStatsDto, NamedDto } from '../../protocol/board.ts';

const MONTHS = 12;
const YEAR_AND_A_MONTH_MS = 400 * 24 * 3_600_000;

export async function boardStats(
  prisma: Prisma,
  boardId: string,
  options: { now: Date; timeZone: string },
): Promise<BoardStatsDto> {
  const { now, timeZone } = options;
  const months = lastMonths(utcToZonedParts(now, timeZone), MONTHS);
  const monthOf = (date: Date) => {
    const { year, month } = utcToZonedParts(date, timeZone);
    return `${year}-${String(month).padStart(2, '0')}`;
  };
  const [answered, open, departments] = await Promise.all([
    prisma.question.findMany({
      where: {
        sessionId: boardId,
        status: 'answered',
        answeredAt: { gte: new Date(now.getTime() - YEAR_AND_A_MONTH_MS) },
      },
      select: { departmentId: true, createdAt: true, answeredAt: true },
    }),
    prisma.question.findMany({
      where: { sessionId: boardId, status: 'approved' },
      select: { departmentId: true, createdAt: true },
    }),
    prisma.department.findMany({ select: { id: true, name: true } }),
  ]);
  const byId = new Map(departments.map((d) => [d.id, d]));
  const named = (id: string | null): NamedDto | null => (id ? (byId.get(id) ?? null) : null);
  const shown = new Set(months);
  const times = responseTimes(
    answered
      .map((row) => ({
        departmentId: row.departmentId,
        askedAt: row.createdAt,
        answeredAt: row.answeredAt!,
      }))
      .filter((row) => shown.has(monthOf(row.answeredAt))),
    monthOf,
  );
  return {
    months,
    responseTimes: times.monthly.map(({ departmentId, ...row }) => ({
      department: named(departmentId),
      ...row,
    })),
    overall: times.overall.map(({ departmentId, ...row }) => ({
      department: named(departmentId),
      ...row,
    })),
    openByAge: openByAge(
      open.map((row) => ({ departmentId: row.departmentId, askedAt: row.createdAt })),
      now,
    ).map(({ departmentId, counts }) => ({ department: named(departmentId), counts })),
  };
}
