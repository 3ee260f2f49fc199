import {
  ANNOUNCEMENT_STATUSES,
  type AnnouncementDto,
  type AnnouncementStatus,
  type BoardDto,
} from '@namesti/server/protocol';
import { requireAdmin } from '$lib/admin/guard';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

/** The tab in the address; anything else shows the planned ones. */
function statusOf(value: string | null): AnnouncementStatus {
  return ANNOUNCEMENT_STATUSES.find((status) => status === value) ?? 'scheduled';
}

export const load: PageLoad = async ({ fetch, url, parent, depends }) => {
  requireAdmin((await parent()).staff);
  depends('app:admin-announcements');
  const status = statusOf(url.searchParams.get('status'));
  const [announcements, board] = await Promise.all([
    loadOr(api.get<AnnouncementDto[]>(`/admin/announcements?status=${status}`, fetch)),
    loadOr(api.get<BoardDto>('/board', fetch)),
  ]);
  return { status, announcements, topics: board.topics, neighbourhoods: board.neighbourhoods };
};
