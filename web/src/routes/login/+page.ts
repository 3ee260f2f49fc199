import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url }) => {
  const { me } = await parent();
  const next = safeNext(url.searchParams.get('next'));
  if (me?.staff) redirect(303, next);
  return { next };
};

/** Only local staff paths (admin, a session's console or studio); never an open redirect. */
function safeNext(value: string | null): string {
  const staffPath =
    /^\/(?:admin(?:[/?#]|$)|sessions\/[0-9a-f-]{36}\/(?:moderate|studio)(?:[?#]|$))/;
  return value && staffPath.test(value) ? value : '/admin';
}
