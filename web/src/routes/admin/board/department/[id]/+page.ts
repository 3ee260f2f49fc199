import type { DepartmentQueueDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { pageHref, pageParam } from '$lib/archive/query';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

// A department's desk. Clerks may open their own departments' only: the server answers 403
// for others, shown as the forbidden page. Paged: a big department has thousands waiting.
export const load: PageLoad = async ({ fetch, params, url, depends }) => {
  depends('app:desk');
  const path = `/board/departments/${encodeURIComponent(params.id)}/queue`;
  const queue = await loadOr(
    api.get<DepartmentQueueDto>(
      pageHref(path, url.searchParams, [], pageParam(url.searchParams)),
      fetch,
    ),
  );
  return { queue };
};
