import type { BoardDto } from '@namesti/server/protocol';
import { requireAdmin } from '$lib/admin/guard';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  requireAdmin((await parent()).staff);
  const board = await loadOr(api.get<BoardDto>('/board', fetch));
  return { topics: board.topics, neighbourhoods: board.neighbourhoods };
};
