// Who is calling: the citizen cookie (issued here on first contact), the staff login, the language.
import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../features/auth/actor.ts';
import {
  cookieOptions,
  newParticipantId,
  PARTICIPANT_COOKIE,
  readCookies,
  signParticipant,
  STAFF_COOKIE,
  verifyParticipant,
} from '../features/auth/cookies.ts';
import type { AuthService } from '../features/auth/service.ts';
import { AppError } from '../lib/app-error.ts';
import type { Locale } from '../lib/validation.ts';
import { isCrossOrigin } from './origin.ts';

const TWO_YEARS_S = 2 * 365 * 24 * 3600;
export const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';

export const localeFrom = (cookies: Record<string, string | undefined>): Locale =>
  cookies[LOCALE_COOKIE] === 'en' ? 'en' : 'cs';

export interface IdentityDeps {
  auth: AuthService;
  secret: string;
  secureCookies: boolean;
}

export function identify({ auth, secret, secureCookies }: IdentityDeps): RequestHandler {
  return async (req, res, next) => {
    const cookies = readCookies(req.headers.cookie);
    let participantId = verifyParticipant(cookies[PARTICIPANT_COOKIE], secret);
    if (!participantId) {
      participantId = newParticipantId();
      const value = signParticipant(participantId, secret);
      // Let what runs next in this request (SvelteKit's own API calls) see the same identity.
      req.headers.cookie = [req.headers.cookie, `${PARTICIPANT_COOKIE}=${value}`]
        .filter(Boolean)
        .join('; ');
      res.cookie(PARTICIPANT_COOKIE, value, {
        ...cookieOptions(secureCookies, TWO_YEARS_S),
        maxAge: TWO_YEARS_S * 1000, // express takes milliseconds
      });
    }
    const staffToken = cookies[STAFF_COOKIE];
    const actor: Actor = {
      participantId,
      staff: await auth.resolve(staffToken),
      locale: localeFrom(cookies),
    };
    res.locals.actor = actor;
    res.locals.staffToken = staffToken;
    next();
  };
}

export const actorOf = (res: Response): Actor => res.locals.actor as Actor;

/** CSRF defence beside SameSite=Lax: a state-changing request must come from our own pages. */
export function sameOriginWrites(publicUrl: string | undefined): RequestHandler {
  return (req: Request, _res, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    if (isCrossOrigin(req.headers, publicUrl)) {
      return next(new AppError('forbidden', 'Cross-site request refused'));
    }
    next();
  };
}
