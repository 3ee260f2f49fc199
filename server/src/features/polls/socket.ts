// Poll events: vote (citizens), save, delete and control (moderators).
import { handle } from '../../realtime/handler.ts';
import type { FeatureSockets } from '../../realtime/server.ts';
import { whoOf } from '../participation/who.ts';
import type { PollManager } from './manage.ts';
import type { PollService } from './service.ts';

export function pollSockets(deps: { polls: PollService; manager: PollManager }): FeatureSockets {
  const { polls, manager } = deps;
  return (socket, tools) => {
    const ctx = { socket, ...tools };
    handle(ctx, 'poll:vote', (input, { actor }) => polls.vote(actor, whoOf(socket), input));
    handle(ctx, 'poll:save', (input, { actor }) => manager.save(actor, input));
    handle(ctx, 'poll:delete', (input, { actor }) => manager.remove(actor, input));
    handle(ctx, 'poll:control', (input, { actor }) => manager.control(actor, input));
  };
}
