import { Router } from 'express';
import { z } from 'zod';
import type { Prisma } from '../../db/database.ts';
import { actorOf } from '../../http/context.ts';
import { uuidParam } from '../../http/params.ts';
import { body } from '../../http/respond.ts';
import { parseInput } from '../../lib/validation.ts';
import { staffCreateSchema, staffUpdateSchema } from '../../protocol/schemas.ts';
import { authorize } from '../auth/actor.ts';
import { listAudit } from '../audit/data.ts';
import type { StaffService } from './service.ts';

const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export function staffRouter(staff: StaffService, prisma: Prisma): Router {
  const router = Router();
  router.get('/admin/staff', async (_req, res) => {
    res.json(await staff.list(actorOf(res)));
  });
  router.post('/admin/staff', async (req, res) => {
    res.status(201).json(await staff.create(actorOf(res), body(staffCreateSchema, req, res)));
  });
  router.patch('/admin/staff/:id', async (req, res) => {
    const patch = body(staffUpdateSchema, req, res);
    res.json(await staff.update(actorOf(res), uuidParam(req.params.id), patch));
  });
  router.get('/admin/audit', async (req, res) => {
    authorize(actorOf(res), 'audit.read');
    const { limit } = parseInput(auditQuery, req.query, actorOf(res).locale);
    res.json(await listAudit(prisma, limit));
  });
  return router;
}
