// Keeps the sessions of each recurring series created ahead of time, so they appear
// on the home page and in calendars. Idempotent: (series, start) is unique.
import type { Prisma } from '../../db/database.ts';
import type { Tx } from './mutations.ts';
import { expandRecurrence, recurrenceRuleSchema } from '../../domain/recurrence.ts';
import type { Logger } from '../../lib/logger.ts';

export const SERIES_HORIZON_DAYS = 90;

/** Creates the missing occurrences of one series up to the horizon; returns their ids. */
export async function materializeSeries(
  prisma: Tx,
  seriesId: string,
  now: Date,
): Promise<string[]> {
  const series = await prisma.sessionSeries.findUniqueOrThrow({ where: { id: seriesId } });
  const rule = recurrenceRuleSchema.parse(series.rule);
  const to = new Date(now.getTime() + SERIES_HORIZON_DAYS * 86_400_000);
  const occurrences = expandRecurrence(rule, { from: now, to });
  if (occurrences.length === 0) return [];

  // New occurrences copy hosts and agenda from the latest one ("same as last time").
  const template = await prisma.session.findFirst({
    where: { seriesId },
    orderBy: { scheduledStart: 'desc' },
    include: { hosts: true, agendaItems: true },
  });
  const existing = await prisma.session.findMany({
    where: { seriesId, scheduledStart: { in: occurrences.map((o) => o.start) } },
    select: { scheduledStart: true },
  });
  const taken = new Set(existing.map((s) => s.scheduledStart.getTime()));
  const created: string[] = [];
  for (const occurrence of occurrences.filter((o) => !taken.has(o.start.getTime()))) {
    const session = await prisma.session.create({
      data: {
        kind: series.kind,
        title: series.title,
        description: series.description,
        locality: series.locality,
        scheduledStart: occurrence.start,
        scheduledEnd: occurrence.end,
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
  }
  return created;
}

/** Runs over every series; one node or several may do this at once (creates are unique). */
export async function materializeAllSeries(prisma: Prisma, now: Date, logger: Logger) {
  const all = await prisma.sessionSeries.findMany({ select: { id: true } });
  for (const { id } of all) {
    try {
      const created = await materializeSeries(prisma, id, now);
      if (created.length) logger.info({ seriesId: id, created: created.length }, 'series extended');
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') continue; // another node was first
      logger.error({ err, seriesId: id }, 'could not extend series');
    }
  }
}
