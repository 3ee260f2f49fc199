// GET /api/site: the installation's public facts (the town's name), for the embeds' credit line.
import { Router } from 'express';
import type { SiteDto } from '../../protocol/site.ts';

export function siteRouter(site: SiteDto): Router {
  const router = Router();
  router.get('/site', (_req, res) => {
    res.json(site);
  });
  return router;
}
