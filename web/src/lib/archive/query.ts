// The archive's and the search's filters live in the page's URL (GET forms that work without
// JavaScript); these turn that URL into the API's query and into links to other pages of it.

/** The named parameters that have a value, in the order given. */
export function pickParams(params: URLSearchParams, names: readonly string[]): URLSearchParams {
  const picked = new URLSearchParams();
  for (const name of names) {
    const value = params.get(name)?.trim();
    if (value) picked.set(name, value);
  }
  return picked;
}

/** `?a=1&b=2`, or '' when there is nothing to ask. */
export function queryString(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The same filters on another page of results (page 1 is the page without the parameter). */
export function pageHref(
  path: string,
  params: URLSearchParams,
  names: readonly string[],
  page: number,
): string {
  const next = pickParams(params, names);
  next.delete('page');
  if (page > 1) next.set('page', String(page));
  return `${path}${queryString(next)}`;
}

/** A positive page number from the URL, else 1. */
export function pageParam(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page > 1 ? page : 1;
}

/** The number of pages for `total` results, at least one. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}

/** What the archive's list understands (GET /api/archive). */
export const ARCHIVE_PARAMS = ['kind', 'year', 'locality', 'officialId', 'page'] as const;
/** What the search understands (GET /api/search). */
export const SEARCH_PARAMS = ['q', 'kind', 'sessionKind', 'from', 'to', 'page'] as const;
