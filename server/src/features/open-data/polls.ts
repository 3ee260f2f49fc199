// Closed polls whose results citizens may see, with their final tallies, for the open-data API.
// The polls feature's public view decides (results stay null where they are not public).
import type { Prisma } from '../../db/database.ts';
import type { Prisma as Sql } from '../../generated/prisma/client.ts';
import type { PollDto } from '../../protocol/polls.ts';
import { pollInclude, toPollDto, withResults } from '../polls/data.ts';
import type { PollsQuery } from './params.ts';

export const POLLS_PAGE_SIZE = 50;

function toOpenPoll(poll: PollDto) {
  if (!poll.results || !poll.closedAt) return null;
  const { voters, tally, average } = poll.results;
  return {
    id: poll.id,
    sessionId: poll.sessionId,
    agendaItemId: poll.agendaItemId,
    kind: poll.kind,
    question: poll.question,
    options: poll.options,
    maxChoices: poll.maxChoices,
    scale: poll.scale,
    openedAt: poll.openedAt,
    closedAt: poll.closedAt,
    results: { voters, tally, average },
  };
}

export async function publicPollPage(prisma: Prisma, query: PollsQuery, now: Date) {
  const page = query.page ?? 1;
  // Closed polls show results unless they are hidden from citizens (domain/polls.ts).
  const where: Sql.PollWhereInput = {
    status: 'closed',
    resultsVisibility: { not: 'hidden' },
    ...(query.sessionId ? { sessionId: query.sessionId } : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.poll.findMany({
      where,
      include: pollInclude,
      orderBy: [{ closedAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * POLLS_PAGE_SIZE,
      take: POLLS_PAGE_SIZE,
    }),
    prisma.poll.count({ where }),
  ]);
  const polls = (await withResults(prisma, rows, now))
    .map(({ row, results }) => toOpenPoll(toPollDto(row, results)))
    .filter((poll) => poll !== null);
  return { polls, total, page, pageSize: POLLS_PAGE_SIZE };
}
