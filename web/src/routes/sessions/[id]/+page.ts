import { redirect } from '@sveltejs/kit';
import type { SessionDetailDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const session = await loadOr(
    api.get<SessionDetailDto>(`/sessions/${encodeURIComponent(params.id)}`, fetch),
  );
  // The question board is a session only inside; its public face is /otazky.
  if (session.kind === 'board') redirect(307, '/otazky');
  return { session };
};
