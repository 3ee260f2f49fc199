import type { PageLoad } from './$types';

// The board keeps no readable follow by token: the page only carries it to the button.
export const load: PageLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });
