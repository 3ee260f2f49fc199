import type { BoardDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

// The choices come from the board's taxonomy: its topics and parts of town.
export const load: PageLoad = async ({ fetch }) => {
  const board = await loadOr(api.get<BoardDto>('/board', fetch));
  return { topics: board.topics, neighbourhoods: board.neighbourhoods };
};
