// The board's filters and sort live in the page's URL (a GET form), like the archive's.
import { BOARD_SORTS, BOARD_STATES, type BoardSort } from '@namesti/server/protocol';

/** What the board's list understands (GET /api/board/questions). */
export const BOARD_PARAMS = [
  'topic',
  'neighbourhood',
  'department',
  'state',
  'sort',
  'page',
] as const;

export interface BoardFilters {
  topic: string;
  neighbourhood: string;
  department: string;
  /** '' (all), 'answered' or 'unanswered'. */
  state: string;
  sort: BoardSort;
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | '' =>
  values.includes(value as T) ? (value as T) : '';

/** The filters as the form shows them; unknown values fall back to "any". */
export function boardFilters(params: URLSearchParams): BoardFilters {
  return {
    topic: params.get('topic') ?? '',
    neighbourhood: params.get('neighbourhood') ?? '',
    department: params.get('department') ?? '',
    state: oneOf(BOARD_STATES, params.get('state')),
    sort: oneOf(BOARD_SORTS, params.get('sort')) || 'support',
  };
}

/** Whether anything narrows the list (the sort does not). */
export function isFiltered(filters: BoardFilters): boolean {
  return Boolean(filters.topic || filters.neighbourhood || filters.department || filters.state);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The API's query for what the URL asks: a mistyped id or state is left out (the whole list)
 * rather than failing the page with the API's 400.
 */
export function boardApiQuery(params: URLSearchParams): URLSearchParams {
  const filters = boardFilters(params);
  const query = new URLSearchParams();
  for (const name of ['topic', 'neighbourhood', 'department'] as const) {
    if (UUID.test(filters[name])) query.set(name, filters[name]);
  }
  if (filters.state) query.set('state', filters.state);
  if (filters.sort !== 'support') query.set('sort', filters.sort);
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1 && page <= 1000) query.set('page', String(page));
  return query;
}
