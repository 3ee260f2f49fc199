import type { BoardDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import { subscriptionOfLink } from '$lib/subscriptions/link';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const [link, board] = await Promise.all([
    subscriptionOfLink(url, fetch),
    loadOr(api.get<BoardDto>('/board', fetch)),
  ]);
  return { ...link, topics: board.topics, neighbourhoods: board.neighbourhoods };
};
