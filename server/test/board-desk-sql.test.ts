// A department's desk queue on a seeded board, on PostgreSQL and PGlite, now read with one
// query for the questions' last routings and vote counts of only its rows, a page at a time:
// over its pages every waiting question of the department, oldest routing first, with its
// note, who handed it on and its own vote count; its last answers newest first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../bench/bench-db.ts';
import type { Actor } from '../src/features/auth/actor.ts';
import { createBoardDesk, DESK_PAGE_SIZE } from '../src/features/board/desk.ts';
import { openSeededBoard, type SeededEngine } from './support/seeded-board.ts';

describe.each<Engine>(['postgres', 'pglite'])('the desk queue on %s', (engine) => {
  let board: SeededEngine;

  beforeAll(async () => {
    board = await openSeededBoard(engine, 4_000);
  }, 120_000);

  afterAll(async () => {
    await board?.close();
  });

  const byRouting = (a: { routedAt: string; id: string }, b: { routedAt: string; id: string }) =>
    a.routedAt.localeCompare(b.routedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  it('lists what waits, page by page, as the routings and votes say', async () => {
    const { prisma } = board.db;
    const { boardId, departmentIds, readerId } = board.seeded;
    const admin: Actor = {
      participantId: readerId,
      staff: { id: '00000000-0000-7000-8000-000000000000', role: 'admin', name: 'Test' },
      locale: 'cs',
    };
    const desk = createBoardDesk({
      prisma,
      boardId,
      moderation: { moderateAs: () => Promise.reject(new Error('read only')) },
    });
    for (const departmentId of departmentIds.slice(0, 3)) {
      const queue = await desk.queue(admin, departmentId);
      const pages = [queue.waiting];
      for (let page = 2; page <= Math.ceil(queue.waitingTotal / DESK_PAGE_SIZE) + 1; page++) {
        pages.push((await desk.queue(admin, departmentId, page)).waiting);
      }
      const rows = await prisma.question.findMany({
        where: { sessionId: boardId, departmentId, status: 'approved' },
        include: {
          _count: { select: { votes: true } },
          routings: {
            where: { departmentId },
            orderBy: { createdAt: 'desc' },
            take: 1,
            include: { fromDepartment: { select: { id: true, name: true } } },
          },
        },
      });
      const want = rows
        .map((row) => ({
          id: row.id,
          voteCount: row._count.votes,
          routedAt: (row.routings[0]?.createdAt ?? row.approvedAt ?? row.createdAt).toISOString(),
          note: row.routings[0]?.note || null,
          handedOnBy: row.routings[0]?.fromDepartment ?? null,
        }))
        .sort(byRouting);
      expect(want.length).toBeGreaterThan(DESK_PAGE_SIZE);
      expect(queue.waitingTotal).toBe(want.length);
      expect(queue.waiting).toHaveLength(DESK_PAGE_SIZE);
      expect(pages.at(-1)).toEqual([]);
      expect(want.some((row) => row.handedOnBy !== null)).toBe(true);
      const served = pages.flat().map(({ id, voteCount, routedAt, note, handedOnBy }) => ({
        id,
        voteCount,
        routedAt,
        note,
        handedOnBy,
      }));
      expect(served).toEqual(want);

      const answered = await prisma.question.findMany({
        where: { sessionId: boardId, departmentId, status: 'answered' },
        include: { _count: { select: { votes: true } } },
        orderBy: [{ answeredAt: 'desc' }, { id: 'desc' }],
        take: 20,
      });
      expect(queue.answered.map((q) => [q.id, q.voteCount])).toEqual(
        answered.map((q) => [q.id, q._count.votes]),
      );
    }
  });
});
