// The moderator console's room, bans, and live session settings.
import { rooms } from '../../protocol/events.ts';
import { authorize } from '../auth/actor.ts';
import { handle } from '../../realtime/handler.ts';
import type { FeatureSockets } from '../../realtime/server.ts';
import type { SessionService } from '../sessions/service.ts';
import type { ModerationService } from './service.ts';

export function moderationSockets(deps: {
  moderation: ModerationService;
  sessions: SessionService;
}): FeatureSockets {
  const { moderation, sessions } = deps;
  return (socket, tools) => {
    const ctx = { socket, ...tools };

    handle(ctx, 'moderation:join', async ({ sessionId }, { actor }) => {
      // Authorize before joining; join before reading, so nothing falls between the two.
      authorize(actor, 'session.moderate');
      const room = rooms.sessionModerators(sessionId);
      await socket.join(room);
      try {
        return await moderation.snapshot(actor, sessionId);
      } catch (err) {
        await socket.leave(room);
        throw err;
      }
    });

    handle(ctx, 'moderation:leave', async ({ sessionId }) => {
      await socket.leave(rooms.sessionModerators(sessionId));
      return null;
    });

    handle(ctx, 'moderation:ban', (input, { actor }) => moderation.ban(actor, input));
    handle(ctx, 'moderation:unban', (input, { actor }) => moderation.unban(actor, input));
    handle(ctx, 'session:settings', (input, { actor }) => sessions.updateSettings(actor, input));
  };
}
