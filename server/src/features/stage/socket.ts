// Stage events: citizens raise and withdraw a hand; moderators decide and control the speaker.
import { handle } from '../../realtime/handler.ts';
import type { FeatureSockets } from '../../realtime/server.ts';
import { whoOf } from '../participation/who.ts';
import type { StageService } from './service.ts';

export function stageSockets(stage: StageService): FeatureSockets {
  return (socket, tools) => {
    const ctx = { socket, ...tools };
    handle(ctx, 'stage:sync', ({ sessionId }, { actor }) => stage.snapshot(actor, sessionId));
    handle(ctx, 'stage:raise', (input, { actor }) => stage.raise(actor, whoOf(socket), input));
    handle(ctx, 'stage:withdraw', (input, { actor }) => stage.withdraw(actor, input));
    handle(ctx, 'stage:decide', (input, { actor }) => stage.decide(actor, input));
    handle(ctx, 'stage:control', (input, { actor }) => stage.control(actor, input));
  };
}
