import { redirect } from '@sveltejs/kit';
import type { MeDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { LayoutLoad } from './$types';

// Staff only: everyone else goes to /login and comes back here afterwards.
export const load: LayoutLoad = async ({ fetch, url, depends }) => {
  depends('app:me');
  const me = await loadOr(api.get<MeDto>('/me', fetch));
  if (!me.staff) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  return { staff: me.staff };
};
