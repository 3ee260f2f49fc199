import type { SessionDetailDto, SessionOverviewDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { embedOptions } from '$lib/embed/options';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

// The sessions widget: the live session of the chosen kind with its player, or else the next
// ones. The page follows the lobby and loads again when a session goes live or ends.
export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('app:overview');
  const options = embedOptions('setkani', url.searchParams);
  const overview = await loadOr(api.get<SessionOverviewDto>('/sessions/overview', fetch));
  const wanted = ({ kind }: { kind: string }) => options.kind === null || kind === options.kind;
  const onAir = overview.live.find(wanted);
  return {
    options,
    live: onAir
      ? await loadOr(api.get<SessionDetailDto>(`/sessions/${encodeURIComponent(onAir.id)}`, fetch))
      : null,
    upcoming: overview.upcoming.filter(wanted).slice(0, options.count),
  };
};
