// Admin REST: GET /api/admin/outbox?status=&page=, POST …/:id/retry, POST …/:id/cancel.
import { Router } from 'express';
import { actorOf } from '../../http/context.ts';
import { uuidParam } from '../../http/params.ts';
import type { OutboxAdmin } from './service.ts';

export function outboxRouter(outbox: OutboxAdmin): Router {
  const router = Router();
  router.get('/admin/outbox', async (req, res) => {
    res.json(await outbox.list(actorOf(res), req.query));
  });
  router.post('/admin/outbox/:id/retry', async (req, res) => {
    res.json(await outbox.retry(actorOf(res), uuidParam(req.params.id)));
  });
  router.post('/admin/outbox/:id/cancel', async (req, res) => {
    res.json(await outbox.cancel(actorOf(res), uuidParam(req.params.id)));
  });
  return router;
}
