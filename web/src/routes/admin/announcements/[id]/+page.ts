import type { AnnouncementDto, BoardDto } from '@namesti/server/protocol';
import { requireAdmin } from '$lib/admin/guard';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, parent }) => {
  requireAdmin((await parent()).staff);
  const [announcement, board] = await Promise.all([
    loadOr(
      api.get<AnnouncementDto>(`/admin/announcements/${encodeURIComponent(params.id)}`, fetch),
    ),
    loadOr(api.get<BoardDto>('/board', fetch)),
  ]);
  return { announcement, topics: board.topics, neighbourhoods: board.neighbourhoods };
};
