import type { BoardDto, BoardPageDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { queryString } from '$lib/archive/query';
import { boardApiQuery, boardFilters } from '$lib/board/query';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('app:board');
  const [board, list] = await Promise.all([
    loadOr(api.get<BoardDto>('/board', fetch)),
    loadOr(
      api.get<BoardPageDto>(
        `/board/questions${queryString(boardApiQuery(url.searchParams))}`,
        fetch,
      ),
    ),
  ]);
  return { board, list, filters: boardFilters(url.searchParams) };
};
