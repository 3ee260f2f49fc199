import type { BoardDto, OfficialDto } from '@namesti/server/protocol';
import { requireAdmin } from '$lib/admin/guard';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  requireAdmin((await parent()).staff);
  const [officials, board] = await Promise.all([
    loadOr(api.get<OfficialDto[]>('/officials', fetch)),
    loadOr(api.get<BoardDto>('/board', fetch)),
  ]);
  return { officials, neighbourhoods: board.neighbourhoods };
};
