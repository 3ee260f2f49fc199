import type { SearchResultsDto } from '@namesti/server/protocol';
import { api, isApiError } from '$lib/api';
import { pickParams, queryString, SEARCH_PARAMS } from '$lib/archive/query';
import { errorMessage } from '$lib/labels';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const params = pickParams(url.searchParams, SEARCH_PARAMS);
  const form = {
    q: params.get('q') ?? '',
    kind: params.get('kind') ?? '',
    sessionKind: params.get('sessionKind') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  // No words, no search: just the form.
  if (!form.q) return { form, results: null, failure: null };
  const request = api.get<SearchResultsDto>(`/search${queryString(params)}`, fetch);
  try {
    return { form, results: await request, failure: null };
  } catch (error) {
    // A mistyped date or filter in the address: the form says what is wrong, the page stays.
    if (isApiError(error) && error.status === 400) {
      return {
        form,
        results: null,
        failure: { message: errorMessage(error), fields: error.details },
      };
    }
  }
  // Anything else is the error page, as on every page (loadOr maps the same failure).
  return { form, results: await loadOr(request), failure: null };
};
