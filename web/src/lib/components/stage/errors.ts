// What a refused stage action shows next to its form.
import { describeError, type ShownError } from '$lib/components/participation/errors';
import { AckError } from '$lib/realtime/socket';

/**
 * As for questions and chat, plus the stage's own conflicts ("you have already raised your
 * hand"), whose sentence the server wrote in the socket's language.
 */
export function stageError(error: unknown): ShownError {
  if (error instanceof AckError && error.code === 'conflict' && error.message) {
    return { message: error.message, fields: {}, retryAfter: null };
  }
  return describeError(error);
}
