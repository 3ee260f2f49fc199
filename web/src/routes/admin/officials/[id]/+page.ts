import { error } from '@sveltejs/kit';
import type { DepartmentDto, OfficialDto } from '@namesti/server/protocol';
import { requireAdmin } from '$lib/admin/guard';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import { m } from '$lib/paraglide/messages';
import type { PageLoad } from './$types';

// The API has no GET /api/admin/officials/:id: the public list holds every active official.
export const load: PageLoad = async ({ fetch, parent, params, depends }) => {
  requireAdmin((await parent()).staff);
  depends('app:officials');
  const [officials, departments] = await Promise.all([
    loadOr(api.get<OfficialDto[]>('/officials', fetch)),
    loadOr(api.get<DepartmentDto[]>('/departments', fetch)),
  ]);
  const official = officials.find((candidate) => candidate.id === params.id);
  if (!official) error(404, { message: m.error_not_found(), code: 'not_found' });
  return { official, departments };
};
