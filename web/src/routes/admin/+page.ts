import type { BoardDto, NamedDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

// Staff who belong to departments (clerks above all) find their departments' desks first.
export const load: PageLoad = async ({ fetch, parent }) => {
  const { staff } = await parent();
  if (staff.departmentIds.length === 0) return { desks: [] as NamedDto[] };
  const board = await loadOr(api.get<BoardDto>('/board', fetch));
  const mine = new Set(staff.departmentIds);
  return { desks: board.departments.filter((department) => mine.has(department.id)) };
};
