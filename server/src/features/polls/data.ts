// Reads of polls: rows shaped as the wire views, definitions for the rules, tallies by SQL.
import type { Prisma } from '../../db/database.ts';
import { buildResults, resultsVisible, type PollDefinition } from '../../domain/polls.ts';
import type { Prisma as PrismaTypes } from '../../generated/prisma/client.ts';
import type { BallotDto, ModPollDto, PollDto, PollResultsDto } from '../../protocol/polls.ts';
import type { Tx } from '../sessions/mutations.ts';

type Reader = Prisma | Tx;

export const pollInclude = {
  options: { orderBy: { position: 'asc' }, select: { id: true, label: true } },
  createdBy: { select: { id: true, name: true } },
} as const satisfies PrismaTypes.PollInclude;

export type PollRow = PrismaTypes.PollGetPayload<{ include: typeof pollInclude }>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toDefinition(row: PollRow): PollDefinition {
  return {
    id: row.id,
    kind: row.kind,
    options: row.options,
    maxChoices: row.maxChoices,
    scale: row.scaleMin !== null && row.scaleMax !== null ? [row.scaleMin, row.scaleMax] : null,
    allowChange: row.allowChange,
  };
}

function basePollDto(row: PollRow): Omit<PollDto, 'results'> {
  const { scale } = toDefinition(row);
  return {
    id: row.id,
    sessionId: row.sessionId,
    agendaItemId: row.agendaItemId,
    kind: row.kind,
    question: row.question,
    options: row.options,
    maxChoices: row.maxChoices,
    scale: scale ? [scale[0], scale[1]] : null,
    status: row.status,
    resultsVisibility: row.resultsVisibility,
    allowChange: row.allowChange,
    openedAt: iso(row.openedAt),
    closedAt: iso(row.closedAt),
    version: row.version,
  };
}

/** The public view; results only where citizens may see them. */
export function toPollDto(row: PollRow, results: PollResultsDto): PollDto {
  const base = basePollDto(row);
  return { ...base, results: resultsVisible(base, false) ? results : null };
}

export const toModPollDto = (row: PollRow, results: PollResultsDto): ModPollDto => ({
  ...basePollDto(row),
  results,
  position: row.position,
  createdBy: row.createdBy,
});

export const findPoll = (db: Reader, id: string) =>
  db.poll.findUnique({ where: { id }, include: pollInclude });

export const sessionPolls = (db: Reader, sessionId: string, launchedOnly: boolean) =>
  db.poll.findMany({
    where: { sessionId, ...(launchedOnly ? { status: { not: 'draft' } } : {}) },
    include: pollInclude,
    orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
  });

interface CountRow {
  part: 'voters' | 'entry';
  key: string | null;
  form: string | null;
  count: number;
}

/** A poll's tally, read in one statement (so voters and counts agree). */
export async function tally(db: Reader, poll: PollDefinition, at: Date): Promise<PollResultsDto> {
  const rows = await db.$queryRaw<CountRow[]>`
    SELECT 'voters' AS part, NULL AS key, NULL AS form, count(*)::int AS count
      FROM poll_votes WHERE poll_id = ${poll.id}::uuid
    UNION ALL
    SELECT 'entry', o::text, NULL, count(*)::int
      FROM poll_votes, unnest(option_ids) AS o WHERE poll_id = ${poll.id}::uuid GROUP BY o
    UNION ALL
    SELECT 'entry', rating::text, NULL, count(*)::int
      FROM poll_votes WHERE poll_id = ${poll.id}::uuid AND rating IS NOT NULL GROUP BY rating
    UNION ALL
    SELECT 'entry', w.key, w.form, count(*)::int
      FROM poll_votes, unnest(word_keys, words) AS w(key, form)
      WHERE poll_id = ${poll.id}::uuid GROUP BY w.key, w.form`;
  const voters = rows.find((row) => row.part === 'voters')?.count ?? 0;
  const entries = rows
    .filter((row) => row.part === 'entry' && row.key !== null)
    .map((row) => ({ key: row.key!, form: row.form, count: row.count }));
  return buildResults(poll, { voters, rows: entries }, at);
}

/** Closed polls answer from the tally frozen at close; the others are counted now. */
export async function resultsOf(db: Reader, row: PollRow, at: Date): Promise<PollResultsDto> {
  if (row.status === 'closed' && row.finalResults) {
    return row.finalResults as unknown as PollResultsDto;
  }
  return tally(db, toDefinition(row), at);
}

/** Rows with their results, one tally at a time (a transaction is one connection). */
export async function withResults(db: Reader, rows: PollRow[], at: Date) {
  const out: { row: PollRow; results: PollResultsDto }[] = [];
  for (const row of rows) out.push({ row, results: await resultsOf(db, row, at) });
  return out;
}

type BallotRow = PrismaTypes.PollVoteGetPayload<object>;

export const toBallotDto = (row: BallotRow, sessionId: string): BallotDto => ({
  pollId: row.pollId,
  sessionId,
  optionIds: row.optionIds,
  rating: row.rating,
  words: row.words,
  updatedAt: row.updatedAt.toISOString(),
});

export async function ballotsOf(db: Reader, sessionId: string, participantId: string) {
  const rows = await db.pollVote.findMany({
    where: { participantId, poll: { sessionId } },
  });
  return rows.map((row) => toBallotDto(row, sessionId));
}
