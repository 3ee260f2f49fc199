// The language switcher without JavaScript: sets paraglide's cookie and goes back.
// (With JavaScript, the switcher calls paraglide's setLocale(), which does the same in the browser.)
// A GET on purpose: it only sets a display preference, and a cross-site POST check would depend on
// adapter-node knowing the public origin (ORIGIN), which a form fallback should not.
import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ cookies, url }) => {
  const locale = url.searchParams.get('locale');
  const target = url.searchParams.get('redirectTo');
  if (locale && isLocale(locale)) {
    cookies.set(cookieName, locale, {
      path: '/',
      maxAge: cookieMaxAge,
      sameSite: 'lax',
      // A display preference, read by paraglide in the browser too (as its own setLocale sets it).
      httpOnly: false,
      secure: false,
    });
  }
  // Only a local path: never an open redirect ("//host" and "/\host" leave the site).
  const back = target && /^\/(?![/\\])/.test(target) ? target : '/';
  redirect(303, back);
};
