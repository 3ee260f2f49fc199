// Tallies go out coalesced: a vote storm marks its poll dirty, and the tally is read and sent
// at most every 250 ms per session, plus once more after the storm settles (lib/flusher.ts).
// Every flush reads the database, so clients on every node converge on the stored tally.
import type { Prisma } from '../../db/database.ts';
import { resultsVisible } from '../../domain/polls.ts';
import type { Clock } from '../../lib/clock.ts';
import { createFlusher } from '../../lib/flusher.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Notifier } from '../../realtime/notifier.ts';
import { pollInclude, withResults } from './data.ts';

export const POLL_RESULTS_INTERVAL_MS = 250;
const SETTLE_MS = 1_500;

export function createPollResultsFlusher(deps: {
  prisma: Prisma;
  clock: Clock;
  notifier: Notifier;
  logger: Logger;
}) {
  const { prisma, clock, notifier, logger } = deps;
  return createFlusher({
    intervalMs: POLL_RESULTS_INTERVAL_MS,
    settleMs: SETTLE_MS,
    async flush(sessionId, pollIds) {
      const rows = await prisma.poll.findMany({
        where: { id: { in: pollIds }, sessionId },
        include: pollInclude,
      });
      const counted = await withResults(prisma, rows, clock.now());
      const shown = counted.filter(({ row }) => resultsVisible(row, false));
      notifier.pollResults(
        sessionId,
        counted.map(({ results }) => results),
        shown.map(({ results }) => results),
      );
    },
    onError: (err, sessionId) => logger.warn({ err, sessionId }, 'poll results broadcast failed'),
  });
}
