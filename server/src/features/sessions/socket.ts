// Session rooms: join (with a fresh snapshot), leave, lifecycle, and the lobby.
import { handle } from '../../realtime/handler.ts';
import type { Presence } from '../../realtime/presence.ts';
import type { FeatureSockets } from '../../realtime/server.ts';
import { rooms } from '../../protocol/events.ts';
import type { ParticipationSnapshot } from '../participation/snapshot.ts';
import { whoOf, type Who } from '../participation/who.ts';
import type { SessionService } from './service.ts';

const SESSION_ROOM = /^session:([0-9a-f-]{36})$/;

export function sessionSockets(deps: {
  sessions: SessionService;
  presence: Presence;
  participation: (sessionId: string, who: Who) => Promise<ParticipationSnapshot>;
}): FeatureSockets {
  const { sessions, presence, participation } = deps;
  return (socket, tools) => {
    const ctx = { socket, ...tools };

    handle(ctx, 'session:join', async ({ sessionId }, { actor }) => {
      // Join first, then read: any change after the read reaches us through the room.
      await socket.join(rooms.session(sessionId));
      try {
        const session = await sessions.snapshot(actor, sessionId);
        const mine = await participation(sessionId, whoOf(socket));
        presence.changed(sessionId);
        return { session, viewerCount: await presence.viewers(sessionId), ...mine };
      } catch (err) {
        await socket.leave(rooms.session(sessionId));
        throw err;
      }
    });

    handle(ctx, 'session:leave', async ({ sessionId }) => {
      await socket.leave(rooms.session(sessionId));
      presence.changed(sessionId);
      return null;
    });

    handle(ctx, 'session:lifecycle', async ({ sessionId, action, reason }, { actor }) =>
      sessions.changeLifecycle(actor, sessionId, action, reason),
    );

    handle(ctx, 'lobby:join', async () => {
      await socket.join(rooms.lobby);
      return null;
    });

    handle(ctx, 'lobby:leave', async () => {
      await socket.leave(rooms.lobby);
      return null;
    });

    socket.on('disconnecting', () => {
      for (const room of socket.rooms) {
        const sessionId = SESSION_ROOM.exec(room)?.[1];
        if (sessionId) presence.changed(sessionId);
      }
    });
  };
}
