// REST for the question board: public reads (overview, list, a question's page, figures),
// asking (a citizen, limited like live questions), and the departments' desk.
import { Router, type Request, type Response } from 'express';
import type { Prisma } from '../../db/database.ts';
import { actorOf } from '../../http/context.ts';
import { uuidParam } from '../../http/params.ts';
import { body } from '../../http/respond.ts';
import { notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { parseInput } from '../../lib/validation.ts';
import {
  boardAnswerSchema,
  boardAskSchema,
  boardHandOnSchema,
  boardPromoteSchema,
  boardQuerySchema,
  boardSupportSchema,
  boardTaxonomySchema,
  deskQuerySchema,
} from '../../protocol/board.ts';
import { hashAddress } from '../../realtime/client-address.ts';
import { say } from '../auth/actor.ts';
import type { QuestionService } from '../questions/service.ts';
import type { BoardDesk } from './desk.ts';
import type { BoardFollowers } from './followers.ts';
import type { BoardPromotion } from './promotion.ts';
import { boardOverview, boardQuestion, boardQuestions } from './public.ts';
import { boardStats } from './stats.ts';
import { replaceTaxonomy } from './taxonomy.ts';

interface Deps {
  prisma: Prisma;
  clock: Clock;
  boardId: string;
  questions: QuestionService;
  desk: BoardDesk;
  followers: BoardFollowers;
  promotion: BoardPromotion;
  secret: string;
  timeZone: string;
}

export function boardRouter(deps: Deps) {
  const { prisma, clock, boardId, questions, desk, followers, promotion, secret, timeZone } = deps;
  const router = Router();

  router.get('/board', async (_req, res) => {
    res.json(await boardOverview(prisma, boardId));
  });

  router.get('/board/questions', async (req, res) => {
    const query = parseInput(boardQuerySchema, req.query, actorOf(res).locale);
    res.json(await boardQuestions(prisma, boardId, query, actorOf(res)));
  });

  router.get('/board/questions/:id', async (req, res) => {
    const actor = actorOf(res);
    const found = await boardQuestion(prisma, boardId, uuidParam(req.params.id), {
      staff: actor.staff !== null,
      participantId: actor.participantId,
    });
    if (!found) throw notFound(say(actor, 'Otázka', 'Question'));
    res.json(found);
  });

  router.get('/board/stats', async (_req, res) => {
    res.json(await boardStats(prisma, boardId, { now: clock.now(), timeZone }));
  });

  const whoOf = (req: Request, res: Response) => ({
    participantId: actorOf(res).participantId,
    ipHash: hashAddress(req.ip ?? '', secret),
  });

  router.post('/board/questions', async (req, res) => {
    const actor = actorOf(res);
    const input = body(boardAskSchema, req, res);
    const who = whoOf(req, res);
    const { email, ...question } = input;
    const asked = await questions.ask(actor, who, {
      ...question,
      sessionId: boardId,
      agendaItemId: null,
    });
    if (email) await followers.follow(asked.id, email, asked.text);
    res.status(201).json(asked);
  });

  // Support ("me too") with the live queue's votes: one per person in the database, limited
  // like votes, only while the question waits for its answer.
  router.post('/board/questions/:id/support', async (req, res) => {
    const { support } = body(boardSupportSchema, req, res);
    const questionId = uuidParam(req.params.id);
    res.json(
      await questions.vote(actorOf(res), whoOf(req, res), {
        sessionId: boardId,
        questionId,
        vote: support,
      }),
    );
  });

  // The links in the e-mails. A confirmed follow lands on the question's page once it has one.
  const token = (req: { query: Record<string, unknown> }) =>
    typeof req.query.token === 'string' ? req.query.token.slice(0, 100) : '';

  router.get('/board/follow/confirm', async (req, res) => {
    const follow = await followers.confirm(token(req));
    if (!follow) return res.redirect(303, '/otazky?odber=neznamy');
    // A question still waiting for the moderator has no public page yet.
    res.redirect(
      303,
      follow.listed ? `/otazky/${follow.questionId}?odber=potvrzen` : '/otazky?odber=potvrzen',
    );
  });

  // A GET never unsubscribes (link scanners open every link in an e-mail): it leads to the
  // page whose button POSTs, as a mail client's one-click unsubscribe does (RFC 8058).
  router.get('/board/follow/stop', (req, res) => {
    res.redirect(303, `/otazky/odhlasit?token=${encodeURIComponent(token(req))}`);
  });
  router.post('/board/follow/stop', async (req, res) => {
    await followers.stop(token(req));
    res.status(204).end();
  });

  router.get('/board/departments/:id/queue', async (req, res) => {
    const actor = actorOf(res);
    const { page } = parseInput(deskQuerySchema, req.query, actor.locale);
    res.json(await desk.queue(actor, uuidParam(req.params.id), page));
  });

  router.post('/board/questions/:id/answer', async (req, res) => {
    const input = body(boardAnswerSchema, req, res);
    res.json(await desk.answer(actorOf(res), uuidParam(req.params.id), input));
  });

  router.post('/board/questions/:id/promote', async (req, res) => {
    const input = body(boardPromoteSchema, req, res);
    res.status(201).json(await promotion.promote(actorOf(res), uuidParam(req.params.id), input));
  });

  router.post('/board/questions/:id/hand-on', async (req, res) => {
    const input = body(boardHandOnSchema, req, res);
    res.json(await desk.handOn(actorOf(res), uuidParam(req.params.id), input));
  });

  router.put('/admin/board/taxonomy', async (req, res) => {
    const input = body(boardTaxonomySchema, req, res);
    await replaceTaxonomy(prisma, actorOf(res), input);
    res.json(await boardOverview(prisma, boardId));
  });

  return router;
}
