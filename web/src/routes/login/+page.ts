import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url }) => {
  const { me } = await parent();
  const next = safeNext(url.searchParams.get('next'));
  if (me?.staff) redirect(303, next);
  return { next };
};

/** Only local admin paths; never an open redirect. */
function safeNext(value: string | null): string {
  return value && /^\/admin(?:[/?#]|$)/.test(value) ? value : '/admin';
}
