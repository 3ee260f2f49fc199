import type { SessionDetailDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

// Hosts and admins broadcast here. Others get a clear page instead of a redirect; whether
// this person may broadcast is the server's call (media:transport answers forbidden).
export const load: PageLoad = async ({ fetch, params, parent }) => {
  const { me } = await parent();
  const session = await loadOr(
    api.get<SessionDetailDto>(`/sessions/${encodeURIComponent(params.id)}`, fetch),
  );
  return { session, staff: me?.staff ?? null };
};
