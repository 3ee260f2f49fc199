// The board list's pages, now chosen in SQL (by support: each matched question's own votes;
// newest: the (session_id, created_at, id) index), on PostgreSQL and PGlite: every filter and
// sort gives the rows, order, totals and vote counts that the rule says, computed here from
// all rows of a seeded board.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../bench/bench-db.ts';
import { BOARD_PAGE_SIZE, boardQuestions } from '../src/features/board/public.ts';
import type { BoardQuery } from '../src/protocol/board.ts';
import { openSeededBoard, type SeededEngine } from './support/seeded-board.ts';

const QUESTIONS = 1_500;

describe.each<Engine>(['postgres', 'pglite'])('the board list on %s', (engine) => {
  let board: SeededEngine;
  let all: {
    id: string;
    status: string;
    topicId: string | null;
    neighbourhoodId: string | null;
    departmentId: string | null;
    createdAt: Date;
    answeredAt: Date | null;
    votes: number;
  }[];

  beforeAll(async () => {
    board = await openSeededBoard(engine, QUESTIONS);
    const { prisma } = board.db;
    const rows = await prisma.question.findMany({
      select: {
        id: true,
        status: true,
        topicId: true,
        neighbourhoodId: true,
        departmentId: true,
        createdAt: true,
        answeredAt: true,
        _count: { select: { votes: true } },
      },
    });
    all = rows.map(({ _count, ...row }) => ({ ...row, votes: _count.votes }));
  }, 120_000);

  afterAll(async () => {
    await board?.close();
  });

  /** The rule, in plain code: public (or the state's) questions, filtered and sorted. */
  function expected(query: BoardQuery) {
    const statuses =
      query.state === 'answered'
        ? ['answered']
        : query.state === 'unanswered'
          ? ['approved']
          : ['approved', 'answered'];
    const newest = (a: (typeof all)[0], b: (typeof all)[0]) =>
      b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);
    const matched = all
      .filter((q) => statuses.includes(q.status))
      .filter((q) => !query.topic || q.topicId === query.topic)
      .filter((q) => !query.neighbourhood || q.neighbourhoodId === query.neighbourhood)
      .filter((q) => !query.department || q.departmentId === query.department)
      .sort(
        query.sort === 'newest'
          ? newest
          : query.sort === 'answered'
            ? (a, b) =>
                (b.answeredAt?.getTime() ?? -Infinity) - (a.answeredAt?.getTime() ?? -Infinity) ||
                newest(a, b)
            : (a, b) => b.votes - a.votes || newest(a, b),
      );
    const page = query.page ?? 1;
    return {
      total: matched.length,
      rows: matched.slice((page - 1) * BOARD_PAGE_SIZE, page * BOARD_PAGE_SIZE),
    };
  }

  it('gives every filter and sort its rows, in order, with their own vote counts', async () => {
    const { topicIds, neighbourhoodIds, departmentIds, boardId, readerId } = board.seeded;
    const queries: BoardQuery[] = [
      {},
      { sort: 'newest' },
      { page: 3 },
      { sort: 'newest', page: 4 },
      { topic: topicIds[2] },
      { state: 'answered' },
      { state: 'unanswered', sort: 'newest' },
      { neighbourhood: neighbourhoodIds[1] },
      { department: departmentIds[3], sort: 'newest' },
      { topic: topicIds[4], neighbourhood: neighbourhoodIds[6], state: 'unanswered' },
      { sort: 'answered' },
      { sort: 'answered', page: 45 },
      { sort: 'answered', topic: topicIds[1], state: 'answered' },
      { page: 1000 },
    ];
    expect(all.length).toBe(QUESTIONS);
    for (const query of queries) {
      const page = await boardQuestions(board.db.prisma, boardId, query, {
        participantId: readerId,
      });
      const want = expected(query);
      expect({ query, total: page.total }).toEqual({ query, total: want.total });
      expect(page.questions.map((q) => [q.id, q.voteCount])).toEqual(
        want.rows.map((q) => [q.id, q.votes]),
      );
    }
  });

  it('says which questions of the page the reader supports', async () => {
    const { boardId, readerId } = board.seeded;
    const page = await boardQuestions(board.db.prisma, boardId, {}, { participantId: readerId });
    const mine = await board.db.prisma.questionVote.findMany({
      where: { participantId: readerId, questionId: { in: page.questions.map((q) => q.id) } },
    });
    expect(page.supported.sort()).toEqual(mine.map((v) => v.questionId).sort());
  });
});
