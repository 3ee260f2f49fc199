// Turns a failed participation ack into what the form shows next to itself.
import { errorMessage } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { AckError } from '$lib/realtime/socket';

export interface ShownError {
  message: string;
  /** Field path → localized messages (the server localizes validation details). */
  fields: Record<string, string[]>;
  /** Seconds until the server accepts the next try, for rate_limited. */
  retryAfter: number | null;
}

/**
 * Refusals (banned, questions closed, chat off, session over, question merged) come with a
 * sentence the server wrote in the socket's language: those are shown as they are.
 */
export function describeError(error: unknown): ShownError {
  if (!(error instanceof AckError)) {
    console.error(error);
    return { message: errorMessage(error), fields: {}, retryAfter: null };
  }
  if (error.code === 'rate_limited') {
    const seconds = Number(error.details.retryAfter?.[0]);
    const retryAfter = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
    const message = retryAfter
      ? m.error_rate_limited_retry({ seconds: retryAfter })
      : m.error_rate_limited();
    return { message, fields: {}, retryAfter };
  }
  if ((error.code === 'forbidden' || error.code === 'invalid_transition') && error.message) {
    return { message: error.message, fields: {}, retryAfter: null };
  }
  if (error.code === 'validation_failed') {
    const { _: general = [], ...fields } = error.details;
    const message = Object.keys(fields).length
      ? m.error_validation_failed()
      : general.join(' ') || m.error_validation_failed();
    return { message, fields, retryAfter: null };
  }
  return { message: errorMessage(error), fields: {}, retryAfter: null };
}
