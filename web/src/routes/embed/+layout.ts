import type { SiteDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { EMBED_LOOKS } from '$lib/embed/options';
import { loadOr } from '$lib/load';
import type { LayoutLoad } from './$types';

// Every widget's frame: where it comes from (the town) and how it looks (its URL's options).
export const load: LayoutLoad = async ({ fetch, url }) => {
  const look = EMBED_LOOKS.find((known) => known === url.searchParams.get('look')) ?? 'light';
  const compact = ['1', 'true', ''].includes(url.searchParams.get('compact') ?? 'no');
  return { site: await loadOr(api.get<SiteDto>('/site', fetch)), look, compact };
};
