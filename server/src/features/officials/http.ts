import express, { Router } from 'express';
import { actorOf } from '../../http/context.ts';
import { uuidParam } from '../../http/params.ts';
import { body } from '../../http/respond.ts';
import { officialInputSchema, officialUpdateSchema } from '../../protocol/schemas.ts';
import { MAX_IMAGE_BYTES } from '../files/images.ts';
import type { OfficialService } from './service.ts';

export function officialsRouter(officials: OfficialService): Router {
  const router = Router();
  router.get('/officials', async (_req, res) => {
    res.json(await officials.list());
  });
  router.get('/admin/officials', async (_req, res) => {
    res.json(await officials.listForStaff(actorOf(res)));
  });
  router.post('/admin/officials', async (req, res) => {
    res.status(201).json(await officials.create(actorOf(res), body(officialInputSchema, req, res)));
  });
  router.patch('/admin/officials/:id', async (req, res) => {
    const patch = body(officialUpdateSchema, req, res);
    res.json(await officials.update(actorOf(res), uuidParam(req.params.id), patch));
  });
  router.delete('/admin/officials/:id', async (req, res) => {
    await officials.hide(actorOf(res), uuidParam(req.params.id));
    res.status(204).end();
  });
  // Raw image bytes; the parser stops at the limit (413) and the service sniffs the type (415).
  router.put(
    '/admin/officials/:id/photo',
    express.raw({ type: () => true, limit: MAX_IMAGE_BYTES }),
    async (req, res) => {
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      res.json(await officials.setPhoto(actorOf(res), uuidParam(req.params.id), type, bytes));
    },
  );
  return router;
}
