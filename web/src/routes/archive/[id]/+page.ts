import type { ReplayDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, depends }) => {
  depends('app:replay');
  const replay = await loadOr(
    api.get<ReplayDto>(`/archive/${encodeURIComponent(params.id)}`, fetch),
  );
  return { replay };
};
