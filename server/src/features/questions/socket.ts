// Question events: ask and vote (citizens), moderate and undo (staff).
import { handle } from '../../realtime/handler.ts';
import type { FeatureSockets } from '../../realtime/server.ts';
import { whoOf } from '../participation/who.ts';
import type { QuestionModeration } from './moderate.ts';
import type { QuestionService } from './service.ts';

export function questionSockets(deps: {
  questions: QuestionService;
  moderation: QuestionModeration;
}): FeatureSockets {
  const { questions, moderation } = deps;
  return (socket, tools) => {
    const ctx = { socket, ...tools };
    handle(ctx, 'question:ask', (input, { actor }) => questions.ask(actor, whoOf(socket), input));
    handle(ctx, 'question:vote', (input, { actor }) => questions.vote(actor, whoOf(socket), input));
    handle(ctx, 'question:moderate', (input, { actor }) => moderation.moderate(actor, input));
    handle(ctx, 'question:undo', ({ sessionId }, { actor }) => moderation.undo(actor, sessionId));
  };
}
