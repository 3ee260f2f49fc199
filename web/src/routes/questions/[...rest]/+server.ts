// The board's address is Czech (/otazky); the English one leads there, question pages too.
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url }) => {
  const rest = params.rest ? `/${params.rest}` : '';
  redirect(308, `/otazky${rest}${url.search}`);
};
