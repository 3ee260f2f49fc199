// The board's response-time figures, now computed in SQL, on PostgreSQL and PGlite: on a seeded
// board with two years of answers, every row (per department and month in the town's time
// zone, per department overall, open questions by age) equals what the pure rules of
// domain/response-times.ts give for all its rows read into JS, as the board once computed them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../bench/bench-db.ts';
import { lastMonths, openByAge, responseTimes } from '../src/domain/response-times.ts';
import { utcToZonedParts } from '../src/domain/time-zone.ts';
import { boardStats } from '../src/features/board/stats.ts';
import { openSeededBoard, type SeededEngine } from './support/seeded-board.ts';

const TIME_ZONE = 'Europe/Prague';
const DAY = 24 * 3_600_000;

describe.each<Engine>(['postgres', 'pglite'])('board stats on %s', (engine) => {
  let board: SeededEngine;

  beforeAll(async () => {
    board = await openSeededBoard(engine, 3_000);
  }, 120_000);

  afterAll(async () => {
    await board?.close();
  });

  /** The figures by the pure rules over every row, read with Prisma. */
  async function expected(now: Date) {
    const { prisma } = board.db;
    const { boardId } = board.seeded;
    const monthOf = (date: Date) => {
      const { year, month } = utcToZonedParts(date, TIME_ZONE);
      return `${year}-${String(month).padStart(2, '0')}`;
    };
    const shown = new Set(lastMonths(utcToZonedParts(now, TIME_ZONE), 12));
    const answered = await prisma.question.findMany({
      where: {
        sessionId: boardId,
        status: 'answered',
        answeredAt: { gte: new Date(now.getTime() - 400 * DAY) },
      },
    });
    const open = await prisma.question.findMany({
      where: { sessionId: boardId, status: 'approved' },
    });
    const times = responseTimes(
      answered
        .map((q) => ({
          departmentId: q.departmentId,
          askedAt: q.createdAt,
          answeredAt: q.answeredAt!,
        }))
        .filter((row) => shown.has(monthOf(row.answeredAt))),
      monthOf,
    );
    return {
      monthly: times.monthly,
      overall: times.overall,
      ages: openByAge(
        open.map((q) => ({ departmentId: q.departmentId, askedAt: q.createdAt })),
        now,
      ),
    };
  }

  const key = (row: { departmentId: string | null; month?: string }) =>
    `${row.month ?? ''}|${row.departmentId ?? ''}`;
  const sorted = <T extends { departmentId: string | null; month?: string }>(rows: T[]) =>
    [...rows].sort((a, b) => key(a).localeCompare(key(b)));

  it.each([
    ['now', 0],
    ['five months and a half ago', 167 * DAY],
  ])('gives the figures the rules give, as of %s', async (_when, ago) => {
    const now = new Date(Date.now() - ago);
    const stats = await boardStats(board.db.prisma, board.seeded.boardId, {
      now,
      timeZone: TIME_ZONE,
    });
    const want = await expected(now);
    expect(stats.months).toEqual(lastMonths(utcToZonedParts(now, TIME_ZONE), 12));
    expect(want.monthly.length).toBeGreaterThan(12);
    const byId = <T extends { department: { id: string } | null }>({ department, ...row }: T) => ({
      departmentId: department?.id ?? null,
      ...row,
    });
    expect(sorted(stats.responseTimes.map(byId))).toEqual(sorted(want.monthly));
    expect(sorted(stats.overall.map(byId))).toEqual(sorted(want.overall));
    expect(sorted(stats.openByAge.map(byId))).toEqual(sorted(want.ages));
  });
});
