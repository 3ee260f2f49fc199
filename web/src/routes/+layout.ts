import type { MeDto } from '@namesti/server/protocol';
import { api } from '$lib/api';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, depends, route }) => {
  depends('app:me');
  // The embeds show nobody's account: spare a town's visitors the request.
  if (route.id?.startsWith('/embed/')) return { me: null };
  try {
    return { me: await api.get<MeDto>('/me', fetch) };
  } catch (error) {
    // The header must still render (e.g. on the error page when the API is down).
    console.error('GET /api/me failed', error);
    return { me: null };
  }
};
