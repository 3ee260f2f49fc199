import type { DepartmentDto, StaffUserDto } from '@namesti/server/protocol';
import { requireAdmin } from '$lib/admin/guard';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, depends }) => {
  requireAdmin((await parent()).staff);
  depends('app:staff');
  const [users, departments] = await Promise.all([
    loadOr(api.get<StaffUserDto[]>('/admin/staff', fetch)),
    loadOr(api.get<DepartmentDto[]>('/departments', fetch)),
  ]);
  return { users, departments };
};
