import { error } from '@sveltejs/kit';
import type { BoardDto, SiteDto } from '@namesti/server/protocol';
import { EMBED_STAFF } from '$lib/admin/sections';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import { m } from '$lib/paraglide/messages';
import type { PageLoad } from './$types';

// Admins and hosts make the widgets' snippets. Nothing here is secret (the widgets are public
// pages); the check keeps the admin's navigation honest.
export const load: PageLoad = async ({ fetch, parent }) => {
  const { staff } = await parent();
  if (!EMBED_STAFF.includes(staff.role)) {
    error(403, { message: m.error_forbidden(), code: 'forbidden' });
  }
  const [board, site] = await Promise.all([
    loadOr(api.get<BoardDto>('/board', fetch)),
    loadOr(api.get<SiteDto>('/site', fetch)),
  ]);
  return { topics: board.topics, townName: site.townName };
};
