import { Router, type Request, type Response } from 'express';
import type { Prisma } from '../../db/database.ts';
import { notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { actorOf } from '../../http/context.ts';
import { uuidParam } from '../../http/params.ts';
import { baseUrl, body } from '../../http/respond.ts';
import {
  agendaInputSchema,
  currentAgendaSchema,
  lifecycleInputSchema,
  sessionInputSchema,
  sessionUpdateSchema,
} from '../../protocol/schemas.ts';
import { buildCalendar } from './calendar.ts';
import { upcomingForCalendar } from './data.ts';
import type { SessionService } from './service.ts';

interface Deps {
  sessions: SessionService;
  prisma: Prisma;
  clock: Clock;
  townName: string;
  publicUrl: string | undefined;
}

export function sessionsRouter({ sessions, prisma, clock, townName, publicUrl }: Deps): Router {
  const router = Router();

  router.get('/sessions/overview', async (_req, res) => {
    res.json(await sessions.overview());
  });
  router.get('/sessions/:id', async (req, res) => {
    res.json(await sessions.get(actorOf(res), uuidParam(req.params.id)));
  });
  router.post('/sessions/:id/lifecycle', async (req, res) => {
    const { action, reason } = body(lifecycleInputSchema, req, res);
    res.json(
      await sessions.changeLifecycle(actorOf(res), uuidParam(req.params.id), action, reason),
    );
  });

  const sendCalendar = (
    req: Request,
    res: Response,
    rows: Parameters<typeof buildCalendar>[0],
    filename: string,
  ) => {
    const url = baseUrl(req, publicUrl);
    res
      .type('text/calendar; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${filename}"`)
      .set('Cache-Control', 'public, max-age=300')
      .set('Vary', 'Host')
      .send(buildCalendar(rows, { townName, baseUrl: url, host: new URL(url).host }));
  };
  router.get('/calendar.ics', async (req, res) => {
    sendCalendar(req, res, await upcomingForCalendar(prisma, clock.now()), 'namesti.ics');
  });
  router.get('/sessions/:id/calendar.ics', async (req, res) => {
    const row = await prisma.session.findUnique({ where: { id: uuidParam(req.params.id) } });
    if (!row) throw notFound('Session');
    sendCalendar(req, res, [row], `session-${row.id}.ics`);
  });

  router.get('/admin/sessions', async (_req, res) => {
    res.json(await sessions.listForStaff(actorOf(res)));
  });
  router.post('/admin/sessions', async (req, res) => {
    res.status(201).json(await sessions.create(actorOf(res), body(sessionInputSchema, req, res)));
  });
  router.patch('/admin/sessions/:id', async (req, res) => {
    const patch = body(sessionUpdateSchema, req, res);
    res.json(await sessions.update(actorOf(res), uuidParam(req.params.id), patch));
  });
  router.post('/sessions/:id/agenda/current', async (req, res) => {
    const { agendaItemId } = body(currentAgendaSchema, req, res);
    res.json(
      await sessions.setCurrentAgendaItem(actorOf(res), uuidParam(req.params.id), agendaItemId),
    );
  });

  router.put('/admin/sessions/:id/agenda', async (req, res) => {
    const { items } = body(agendaInputSchema, req, res);
    res.json(await sessions.replaceAgenda(actorOf(res), uuidParam(req.params.id), items));
  });
  return router;
}
