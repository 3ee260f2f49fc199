// A department's desk lives in the admin (/admin/board/department/:id); the short address a
// town hall hands its clerks leads there.
import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params }) => {
  redirect(308, `/admin/board/department/${encodeURIComponent(params.id)}`);
};
