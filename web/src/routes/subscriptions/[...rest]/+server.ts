// The subscription pages' addresses are Czech (/odber); the English ones lead there.
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

const CZECH = new Map([
  ['', ''],
  ['manage', '/sprava'],
  ['unsubscribe', '/odhlasit'],
]);

export const GET: RequestHandler = ({ params, url }) => {
  redirect(308, `/odber${CZECH.get(params.rest) ?? ''}${url.search}`);
};
