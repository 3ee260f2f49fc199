// Admin REST for town-wide moderation settings.
import { Router } from 'express';
import { actorOf } from '../../http/context.ts';
import { body } from '../../http/respond.ts';
import { blockedWordsSchema } from '../../protocol/chat.ts';
import type { ModerationSettingsService } from './settings.ts';

export function moderationRouter(settings: ModerationSettingsService): Router {
  const router = Router();
  router.get('/admin/moderation/blocked-words', async (_req, res) => {
    res.json(await settings.get(actorOf(res)));
  });
  router.put('/admin/moderation/blocked-words', async (req, res) => {
    const { words } = body(blockedWordsSchema, req, res);
    res.json(await settings.setBlockedWords(actorOf(res), words));
  });
  return router;
}
