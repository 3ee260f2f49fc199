// The media server's failures (here or on the node carrying the session), as the wire's
// typed errors. Its TypeErrors mean the client sent parameters it cannot use; anything else
// is the media server being unwell.
import { errors } from 'mediasoup';
import { MediaError } from '@namesti/media';
import { AppError } from '../../lib/app-error.ts';
import { say, type Actor } from '../auth/actor.ts';

export async function mediaCall<T>(actor: Actor, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toAppError(actor, err);
  }
}

function toAppError(actor: Actor, err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (err instanceof MediaError) {
    switch (err.reason) {
      case 'no_transport':
      case 'no_producer':
      case 'no_consumer':
        return new AppError('not_found', say(actor, 'Přenos už neexistuje.', err.message));
      case 'closed':
        return new AppError('invalid_transition', say(actor, 'Přenos skončil.', err.message));
      case 'not_live':
        return notLiveError(actor);
      case 'busy':
        return new AppError(
          'conflict',
          say(
            actor,
            'Už vysílá někdo jiný (studio nebo OBS).',
            'Someone else is already broadcasting.',
          ),
        );
      case 'too_many':
        return new AppError(
          'rate_limited',
          say(actor, 'Příliš mnoho spojení.', 'Too many streams.'),
        );
      case 'unreachable':
        return unavailable(actor);
      default:
        return new AppError('bad_request', err.message);
    }
  }
  // mediasoup throws these for parameters it cannot use (unknown codec, bad encodings).
  if (err instanceof TypeError || err instanceof errors.UnsupportedError) {
    return new AppError('bad_request', err.message);
  }
  return unavailable(actor);
}

const unavailable = (actor: Actor) =>
  new AppError(
    'unavailable',
    say(actor, 'Video je teď nedostupné, zkuste to za chvíli.', 'Video is unavailable right now.'),
  );

export const mediaOffError = (actor: Actor) =>
  new AppError(
    'unavailable',
    say(actor, 'Tento server nemá zapnuté živé video.', 'Live video is off on this server.'),
  );

export const notLiveError = (actor: Actor) =>
  new AppError(
    'invalid_transition',
    say(actor, 'Vysílat lze jen během živého zasedání.', 'You can only broadcast while live.'),
  );
