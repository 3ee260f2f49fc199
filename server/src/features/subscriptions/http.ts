// REST for subscriptions (public, by the token in an e-mail's links) and for announcements
// (admins). The links in e-mails land on the web's /odber pages.
import { Router, type Request, type Response } from 'express';
import { actorOf } from '../../http/context.ts';
import { uuidParam } from '../../http/params.ts';
import { body } from '../../http/respond.ts';
import { parseInput } from '../../lib/validation.ts';
import {
  announcementAudienceSchema,
  announcementInputSchema,
  announcementQuerySchema,
  announcementUpdateSchema,
  subscribeSchema,
  subscriptionChoicesSchema,
  subscriptionTokenQuerySchema,
} from '../../protocol/subscriptions.ts';
import type { Announcements } from './announcements.ts';
import type { Residents } from './residents.ts';

/** A link's token; empty when missing (it then names nothing). */
const linkToken = (req: Request) =>
  typeof req.query.token === 'string' ? req.query.token.slice(0, 100) : '';

export function subscriptionsRouter(residents: Residents, announcements: Announcements): Router {
  const router = Router();
  const token = (req: Request, res: Response) =>
    parseInput(subscriptionTokenQuerySchema, req.query, actorOf(res).locale).token;

  router.post('/subscriptions', async (req, res) => {
    const input = body(subscribeSchema, req, res);
    res.status(202).json(await residents.subscribe(actorOf(res), input, req.ip ?? ''));
  });

  router.get('/subscriptions/confirm', async (req, res) => {
    const confirmed = await residents.confirm(linkToken(req));
    res.redirect(303, confirmed ? '/odber?stav=potvrzen' : '/odber?stav=neznamy');
  });

  router.get('/subscriptions/manage', async (req, res) => {
    res.json(await residents.read(actorOf(res), token(req, res)));
  });
  router.put('/subscriptions/manage', async (req, res) => {
    const choices = body(subscriptionChoicesSchema, req, res);
    res.json(await residents.update(actorOf(res), token(req, res), choices));
  });
  router.delete('/subscriptions/manage', async (req, res) => {
    await residents.remove(token(req, res));
    res.status(204).end();
  });

  // Link scanners (Safe Links, antivirus gateways) open every link in an e-mail, so the GET
  // only leads to the page whose button unsubscribes. The POST is that button and a mail
  // client's one-click unsubscribe (RFC 8058); it deletes everything, and a token that names
  // nothing any more was unsubscribed already.
  router.get('/subscriptions/stop', (req, res) => {
    res.redirect(303, `/odber/odhlasit?token=${encodeURIComponent(linkToken(req))}`);
  });
  router.post('/subscriptions/stop', async (req, res) => {
    await residents.remove(linkToken(req));
    res.status(204).end();
  });

  router.post('/admin/announcements/preview', async (req, res) => {
    const audience = body(announcementAudienceSchema, req, res);
    res.json(await announcements.preview(actorOf(res), audience));
  });
  router.get('/admin/announcements', async (req, res) => {
    const actor = actorOf(res);
    const query = parseInput(announcementQuerySchema, req.query, actor.locale);
    res.json(await announcements.list(actor, query.status));
  });
  router.get('/admin/announcements/:id', async (req, res) => {
    res.json(await announcements.get(actorOf(res), uuidParam(req.params.id)));
  });
  router.post('/admin/announcements', async (req, res) => {
    const input = body(announcementInputSchema, req, res);
    res.status(201).json(await announcements.create(actorOf(res), input));
  });
  router.patch('/admin/announcements/:id', async (req, res) => {
    const patch = body(announcementUpdateSchema, req, res);
    res.json(await announcements.update(actorOf(res), uuidParam(req.params.id), patch));
  });
  router.post('/admin/announcements/:id/cancel', async (req, res) => {
    res.json(await announcements.cancel(actorOf(res), uuidParam(req.params.id)));
  });

  return router;
}
