// Turns a refused vote into the sentence shown next to the ballot.
import type { WireError } from '@namesti/server/protocol';
import { AckError } from '$lib/realtime/socket';
import { describeError } from '../participation/errors';

/**
 * The server explains a wrong answer in details.choice (localized) and a second vote on a poll
 * that does not allow changes in its message; the rest reads as any participation error does.
 */
export function voteErrorMessage(error: WireError): string {
  if (error.code === 'validation_failed') {
    const said = Object.values(error.details ?? {}).flat();
    if (said.length) return said.join(' ');
  }
  if (error.code === 'conflict' && error.message) return error.message;
  return describeError(new AckError(error)).message;
}
