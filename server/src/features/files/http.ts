import { Router } from 'express';
import type { Prisma } from '../../db/database.ts';
import { notFound } from '../../lib/app-error.ts';
import { uuidParam } from '../../http/params.ts';

export function filesRouter(prisma: Prisma): Router {
  const router = Router();
  router.get('/files/:id', async (req, res) => {
    const id = uuidParam(req.params.id);
    const file = await prisma.storedFile.findUnique({ where: { id } });
    if (!file) throw notFound('File');
    if (req.headers['if-none-match'] === `"${file.sha256}"`) {
      res.status(304).end();
      return;
    }
    res.set({
      'Content-Type': file.contentType,
      'Content-Length': String(file.byteSize),
      ETag: `"${file.sha256}"`,
      'Cache-Control': 'public, max-age=86400',
      // Generated demo avatars are SVG: never let one run script.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
    res.end(Buffer.from(file.data));
  });
  return router;
}
