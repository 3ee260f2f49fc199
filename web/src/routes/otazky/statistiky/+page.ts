import type { BoardDto, BoardStatsDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  const [board, stats] = await Promise.all([
    loadOr(api.get<BoardDto>('/board', fetch)),
    loadOr(api.get<BoardStatsDto>('/board/stats', fetch)),
  ]);
  return { board, stats };
};
