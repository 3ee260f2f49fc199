import { error } from '@sveltejs/kit';
import type { DepartmentDto } from '@namesti/server/protocol';
import { requireAdmin } from '$lib/admin/guard';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import { m } from '$lib/paraglide/messages';
import type { PageLoad } from './$types';

// The API lists departments but has no GET by id.
export const load: PageLoad = async ({ fetch, parent, params, depends }) => {
  requireAdmin((await parent()).staff);
  depends('app:departments');
  const departments = await loadOr(api.get<DepartmentDto[]>('/departments', fetch));
  const department = departments.find((candidate) => candidate.id === params.id);
  if (!department) error(404, { message: m.error_not_found(), code: 'not_found' });
  return { department };
};
