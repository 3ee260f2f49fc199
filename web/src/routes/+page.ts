import type { SessionOverviewDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, depends }) => {
  depends('app:overview');
  return { overview: await loadOr(api.get<SessionOverviewDto>('/sessions/overview', fetch)) };
};
