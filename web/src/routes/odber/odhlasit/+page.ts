import { subscriptionOfLink } from '$lib/subscriptions/link';
import type { PageLoad } from './$types';

// Only reads: the page's button unsubscribes.
export const load: PageLoad = ({ fetch, url }) => subscriptionOfLink(url, fetch);
