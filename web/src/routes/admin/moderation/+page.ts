import type { BlockedWordsDto } from '@namesti/server/protocol';
import { requireAdmin } from '$lib/admin/guard';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  requireAdmin((await parent()).staff);
  const blocked = await loadOr(api.get<BlockedWordsDto>('/admin/moderation/blocked-words', fetch));
  return { blocked };
};
