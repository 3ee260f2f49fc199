import type { SessionSummaryDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('app:admin-sessions');
  return {
    sessions: await loadOr(api.get<SessionSummaryDto[]>('/admin/sessions', fetch), url.pathname),
  };
};
