// REST for polls: the public summary of a session's polls, and the staff CSV export.
import { Router } from 'express';
import type { Prisma } from '../../db/database.ts';
import { actorOf } from '../../http/context.ts';
import { uuidParam } from '../../http/params.ts';
import { notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { authorize, say } from '../auth/actor.ts';
import { pollsCsv } from './csv.ts';
import { sessionPolls, toModPollDto, toPollDto, withResults } from './data.ts';

export function pollsRouter(prisma: Prisma, clock: Clock): Router {
  const router = Router();

  async function pollsOf(sessionId: string, launchedOnly: boolean, locale: 'cs' | 'en') {
    const found = await prisma.session.count({ where: { id: sessionId } });
    if (!found) throw notFound(say({ locale }, 'Zasedání', 'Session'));
    return withResults(prisma, await sessionPolls(prisma, sessionId, launchedOnly), clock.now());
  }

  router.get('/sessions/:id/polls', async (req, res) => {
    const actor = actorOf(res);
    const polls = await pollsOf(uuidParam(req.params.id), true, actor.locale);
    res.json(polls.map(({ row, results }) => toPollDto(row, results)));
  });

  router.get('/sessions/:id/polls.csv', async (req, res) => {
    const actor = actorOf(res);
    authorize(actor, 'session.moderate');
    const id = uuidParam(req.params.id);
    const polls = await pollsOf(id, true, actor.locale);
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="polls-${id}.csv"`)
      .set('Cache-Control', 'no-store')
      .send(pollsCsv(polls.map(({ row, results }) => toModPollDto(row, results))));
  });

  return router;
}
