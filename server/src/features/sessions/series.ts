// Keeps the sessions of each recurring series created ahead of time, so they appear
// on the home page and in calendars. Idempotent: (series, occurrence start) is unique,
// and a session that staff moved keeps its occurrence start, so it is not recreated.
import type { Prisma } from '../../db/database.ts';
import { expandRecurrence, recurrenceRuleSchema } from '../../domain/recurrence.ts';
import type { Logger } from '../../lib/logger.ts';
import { isUniqueViolation } from '../../lib/prisma-errors.ts';
import type { Tx } from './mutations.ts';

export const SERIES_HORIZON_DAYS = 90;

/** The occurrences of one series up to the horizon that have no session yet. */
async function missingOccurrences(db: Tx, seriesId: string, now: Date) {
  const series = await db.sessionSeries.findUniqueOrThrow({ where: { id: seriesId } });
  const rule = recurrenceRuleSchema.parse(series.rule);
  const to = new Date(now.getTime() + SERIES_HORIZON_DAYS * 86_400_000);
  const occurrences = expandRecurrence(rule, { from: now, to });
  const existing = await db.session.findMany({
    where: { seriesId, occurrenceStart: { in: occurrences.map((o) => o.start) } },
    select: { occurrenceStart: true },
  });
  const taken = new Set(existing.map((s) => s.occurrenceStart?.getTime()));
  return { series, missing: occurrences.filter((o) => !taken.has(o.start.getTime())) };
}

/**
 * Creates the missing occurrences of one series; returns their ids. Inside a transaction
 * (a new series) nothing else can race it; outside, a create another node made first is
 * skipped (`onConflict`).
 */
export async function materializeSeries(
  db: Tx,
  seriesId: string,
  now: Date,
  onConflict?: (err: unknown) => void,
): Promise<string[]> {
  const { series, missing } = await missingOccurrences(db, seriesId, now);
  if (missing.length === 0) return [];
  // New occurrences copy hosts and agenda from the latest one ("same as last time").
  const template = await db.session.findFirst({
    where: { seriesId },
    orderBy: { scheduledStart: 'desc' },
    include: { hosts: true, agendaItems: true },
  });
  const created: string[] = [];
  for (const occurrence of missing) {
    try {
      const session = await db.session.create({
        data: {
          kind: series.kind,
          title: series.title,
          description: series.description,
          locality: series.locality,
          // The series keeps no part of town: each new date takes the last one's.
          neighbourhoodId: template?.neighbourhoodId ?? null,
          scheduledStart: occurrence.start,
          scheduledEnd: occurrence.end,
          occurrenceStart: occurrence.start,
          seriesId,
          createdById: template?.createdById ?? null,
          hosts: {
            create: (template?.hosts ?? []).map(({ officialId, position }) => ({
              officialId,
              position,
            })),
          },
          agendaItems: {
            create: (template?.agendaItems ?? []).map(
              ({ position, title, description, offsetMinutes }) => ({
                position,
                title,
                description,
                offsetMinutes,
              }),
            ),
          },
        },
      });
      created.push(session.id);
    } catch (err) {
      if (!onConflict || !isUniqueViolation(err)) throw err;
      onConflict(err);
    }
  }
  return created;
}

/** Runs over every series; several nodes may do this at once. Never throws. */
export async function materializeAllSeries(prisma: Prisma, now: Date, logger: Logger) {
  try {
    const all = await prisma.sessionSeries.findMany({ select: { id: true } });
    for (const { id } of all) {
      try {
        const created = await materializeSeries(prisma, id, now, () =>
          logger.debug({ seriesId: id }, 'occurrence already created by another node'),
        );
        if (created.length)
          logger.info({ seriesId: id, created: created.length }, 'series extended');
      } catch (err) {
        logger.error({ err, seriesId: id }, 'could not extend series');
      }
    }
  } catch (err) {
    logger.error({ err }, 'series refresh failed');
  }
}
