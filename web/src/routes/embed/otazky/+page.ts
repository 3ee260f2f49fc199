import type { BoardPageDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { embedOptions } from '$lib/embed/options';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

// The board widget: the latest answered questions, of one topic if the URL chooses one.
export const load: PageLoad = async ({ fetch, url, depends }) => {
  depends('app:embed-answers');
  const options = embedOptions('otazky', url.searchParams);
  const query = new URLSearchParams({ state: 'answered', sort: 'answered' });
  if (options.topic) query.set('topic', options.topic);
  const list = await loadOr(api.get<BoardPageDto>(`/board/questions?${query}`, fetch));
  return { options, questions: list.questions.slice(0, options.count) };
};
