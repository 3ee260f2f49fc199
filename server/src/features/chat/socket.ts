// Chat events: send (everyone), moderate (staff).
import { handle } from '../../realtime/handler.ts';
import type { FeatureSockets } from '../../realtime/server.ts';
import { whoOf } from '../participation/who.ts';
import type { ChatService } from './service.ts';

export function chatSockets({ chat }: { chat: ChatService }): FeatureSockets {
  return (socket, tools) => {
    const ctx = { socket, ...tools };
    handle(ctx, 'chat:send', (input, { actor }) => chat.send(actor, whoOf(socket), input));
    handle(ctx, 'chat:moderate', (input, { actor }) => chat.moderate(actor, input));
  };
}
