// The subscription a link from one of our e-mails names (?token=…), for the manage and
// unsubscribe pages. Reading it changes nothing, so a link scanner opening the page is harmless.
import type { SubscriptionDto } from '@namesti/server/protocol';
import { api, ApiError } from '$lib/api';
import { loadOr } from '$lib/load';

export interface SubscriptionLink {
  token: string;
  /** Null when the link names nothing (any more): deleted, forgotten, or mistyped. */
  subscription: SubscriptionDto | null;
}

/** The query string that carries the link's token to the API and between the pages. */
export const tokenQuery = (token: string): `?token=${string}` =>
  `?token=${encodeURIComponent(token)}`;

export async function subscriptionOfLink(
  url: URL,
  fetchFn: typeof fetch,
): Promise<SubscriptionLink> {
  const token = url.searchParams.get('token') ?? '';
  if (!token) return { token, subscription: null };
  const read = api
    .get<SubscriptionDto>(`/subscriptions/manage${tokenQuery(token)}`, fetchFn)
    .catch((cause: unknown) => {
      // 404: no such subscription; 400: not even a token's shape. Both are "unknown link".
      if (cause instanceof ApiError && (cause.status === 404 || cause.status === 400)) return null;
      throw cause;
    });
  return { token, subscription: await loadOr(read) };
}
