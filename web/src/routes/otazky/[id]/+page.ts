import type { BoardQuestionDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const found = await loadOr(
    api.get<BoardQuestionDto>(`/board/questions/${encodeURIComponent(params.id)}`, fetch),
  );
  return { found };
};
