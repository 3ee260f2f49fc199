import type { BoardDto } from '@namesti/server/protocol';
import { requireAdmin } from '$lib/admin/guard';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, depends }) => {
  requireAdmin((await parent()).staff);
  depends('app:board');
  return { board: await loadOr(api.get<BoardDto>('/board', fetch)) };
};
