import { Router } from 'express';
import { actorOf } from '../../http/context.ts';
import { body } from '../../http/respond.ts';
import { displayNameSchema, loginSchema, passwordChangeSchema } from '../../protocol/schemas.ts';
import type { MeDto } from '../../protocol/dto.ts';
import type { ParticipantService } from '../participants/service.ts';
import { authorize } from './actor.ts';
import { cookieOptions, STAFF_COOKIE, STAFF_TOKEN_TTL_MS } from './cookies.ts';
import type { AuthService } from './service.ts';

interface Deps {
  auth: AuthService;
  participants: ParticipantService;
  secureCookies: boolean;
}

export function authRouter({ auth, participants, secureCookies }: Deps): Router {
  const router = Router();
  const staffCookie = { ...cookieOptions(secureCookies, 0), maxAge: STAFF_TOKEN_TTL_MS };

  router.post('/auth/login', async (req, res) => {
    const input = body(loginSchema, req, res);
    const { token, staff } = await auth.login({
      ...input,
      locale: actorOf(res).locale,
      ip: req.ip ?? 'unknown',
      userAgent: req.get('user-agent'),
    });
    res.cookie(STAFF_COOKIE, token, staffCookie).json(staff);
  });

  router.post('/auth/logout', async (_req, res) => {
    await auth.logout(res.locals.staffToken as string | undefined);
    res
      .clearCookie(STAFF_COOKIE, { ...staffCookie, maxAge: undefined })
      .status(204)
      .end();
  });

  router.post('/auth/password', async (req, res) => {
    const actor = actorOf(res);
    const staff = authorize(actor, 'admin.view');
    const input = { ...body(passwordChangeSchema, req, res), locale: actor.locale };
    await auth.changePassword(staff, input, res.locals.staffToken as string | undefined);
    res.status(204).end();
  });

  router.get('/me', async (_req, res) => {
    const actor = actorOf(res);
    const me: MeDto = {
      staff: actor.staff ? await auth.me(actor.staff.id) : null,
      participant: await participants.get(actor.participantId),
    };
    res.set('Cache-Control', 'no-store').json(me);
  });

  router.put('/me/display-name', async (req, res) => {
    const { displayName } = body(displayNameSchema, req, res);
    res.json(await participants.setDisplayName(actorOf(res).participantId, displayName));
  });
  return router;
}
