import type { OfficialDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({
  officials: await loadOr(api.get<OfficialDto[]>('/officials', fetch)),
});
