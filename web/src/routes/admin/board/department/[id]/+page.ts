import type { DepartmentQueueDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

// A department's desk. Clerks may open their own departments' only: the server answers 403
// for others, shown as the forbidden page.
export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('app:desk');
  const queue = await loadOr(
    api.get<DepartmentQueueDto>(`/board/departments/${encodeURIComponent(params.id)}/queue`, fetch),
  );
  return { queue };
};
