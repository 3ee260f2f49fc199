import type { ArchivePageDto, OfficialDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import { ARCHIVE_PARAMS, pickParams, queryString } from '$lib/archive/query';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const params = pickParams(url.searchParams, ARCHIVE_PARAMS);
  const [archive, officials] = await Promise.all([
    loadOr(api.get<ArchivePageDto>(`/archive${queryString(params)}`, fetch)),
    loadOr(api.get<OfficialDto[]>('/officials', fetch)),
  ]);
  return {
    archive,
    officials,
    filters: {
      kind: params.get('kind') ?? '',
      year: params.get('year') ?? '',
      locality: params.get('locality') ?? '',
      officialId: params.get('officialId') ?? '',
    },
  };
};
