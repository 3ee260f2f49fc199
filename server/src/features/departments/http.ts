import { Router } from 'express';
import { actorOf } from '../../http/context.ts';
import { uuidParam } from '../../http/params.ts';
import { body } from '../../http/respond.ts';
import { departmentInputSchema, departmentUpdateSchema } from '../../protocol/schemas.ts';
import type { DepartmentService } from './service.ts';

export function departmentsRouter(departments: DepartmentService): Router {
  const router = Router();
  router.get('/departments', async (_req, res) => {
    res.json(await departments.list());
  });
  router.post('/admin/departments', async (req, res) => {
    const input = body(departmentInputSchema, req, res);
    res.status(201).json(await departments.create(actorOf(res), input));
  });
  router.patch('/admin/departments/:id', async (req, res) => {
    const patch = body(departmentUpdateSchema, req, res);
    res.json(await departments.update(actorOf(res), uuidParam(req.params.id), patch));
  });
  router.delete('/admin/departments/:id', async (req, res) => {
    await departments.remove(actorOf(res), uuidParam(req.params.id));
    res.status(204).end();
  });
  return router;
}
