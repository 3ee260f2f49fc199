import { error, redirect } from '@sveltejs/kit';
import type { OfficialDto, SessionDetailDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import { m } from '$lib/paraglide/messages';
import type { PageLoad } from './$types';

// Staff only, like the admin pages: others log in and come back here. Whether this staff
// member may moderate this session is the server's call (moderation:join answers forbidden).
export const load: PageLoad = async ({ fetch, params, parent, url }) => {
  const { me } = await parent();
  if (!me) error(503, { message: m.error_unavailable(), code: 'unavailable' });
  if (!me.staff) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  const session = await loadOr(
    api.get<SessionDetailDto>(`/sessions/${encodeURIComponent(params.id)}`, fetch),
  );
  // The board has no hosts: any official may sign its answers.
  const signers =
    session.kind === 'board' ? await loadOr(api.get<OfficialDto[]>('/officials', fetch)) : null;
  return { session, staff: me.staff, signers };
};
