// Helpers for load functions: turn API failures into SvelteKit errors and redirects.
import { error, redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/api';
import { m } from '$lib/paraglide/messages';

/** Awaits an API call; a 404 becomes the 404 page, 401 goes to /login, others their status. */
export async function loadOr<T>(promise: Promise<T>, loginRedirectTo?: string): Promise<T> {
  try {
    return await promise;
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    if (cause.status === 401 && loginRedirectTo !== undefined) {
      redirect(303, `/login?next=${encodeURIComponent(loginRedirectTo)}`);
    }
    if (cause.status === 404) error(404, { message: m.error_not_found(), code: cause.code });
    if (cause.status === 403) error(403, { message: m.error_forbidden(), code: cause.code });
    const status = cause.status >= 400 && cause.status <= 599 ? cause.status : 503;
    error(status, { message: cause.message, code: cause.code });
  }
}
