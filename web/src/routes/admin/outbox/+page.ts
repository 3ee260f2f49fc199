import { OUTBOX_STATUSES, type OutboxPageDto, type OutboxStatus } from '@namesti/server/protocol';
import { requireAdmin } from '$lib/admin/guard';
import { api } from '$lib/api';
import { loadOr } from '$lib/load';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, parent, depends }) => {
  requireAdmin((await parent()).staff);
  depends('app:admin-outbox');
  const wanted = url.searchParams.get('status');
  const status: OutboxStatus | '' = OUTBOX_STATUSES.find((s) => s === wanted) ?? '';
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  const query = new URLSearchParams({ status, page: String(page) });
  const outbox = await loadOr(api.get<OutboxPageDto>(`/admin/outbox?${query}`, fetch));
  return { status, outbox };
};
