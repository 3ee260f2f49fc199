import type { BoardDto, OfficialDto, SessionDetailDto } from '@namesti/server/protocol';
import { requireAdmin } from '$lib/admin/guard';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  requireAdmin((await parent()).staff);
  const [session, officials, board] = await Promise.all([
    loadOr(api.get<SessionDetailDto>(`/sessions/${encodeURIComponent(params.id)}`, fetch)),
    loadOr(api.get<OfficialDto[]>('/officials', fetch)),
    loadOr(api.get<BoardDto>('/board', fetch)),
  ]);
  return { session, officials, neighbourhoods: board.neighbourhoods };
};
