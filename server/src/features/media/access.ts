// Who may do what with a session's media. Everyone may watch a live session; only hosts and
// admins broadcast; a citizen sends only while a moderator has them on stage.
import type { Prisma } from '../../db/database.ts';
import { forbidden, notFound } from '../../lib/app-error.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { notLiveError } from './errors.ts';

export type SendPurpose = 'broadcast' | 'stage';

export interface StageGate {
  /** The actor's citizen identity is on stage in this session right now. */
  isOnStage(actor: Actor, sessionId: string): Promise<boolean>;
}

export function createMediaAccess(prisma: Prisma, stage: StageGate | null = null) {
  async function sessionStatus(actor: Actor, sessionId: string) {
    const row = await prisma.session.findUnique({
      where: { id: sessionId },
      select: { status: true },
    });
    if (!row) throw notFound(say(actor, 'Zasedání', 'Session'));
    return row.status;
  }

  return {
    sessionStatus,
    async assertLive(actor: Actor, sessionId: string) {
      if ((await sessionStatus(actor, sessionId)) !== 'live') throw notLiveError(actor);
    },
    async assertMaySend(actor: Actor, sessionId: string, purpose: SendPurpose) {
      if (purpose === 'broadcast') {
        authorize(actor, 'session.run');
        return;
      }
      if (!stage || !(await stage.isOnStage(actor, sessionId))) {
        throw forbidden(
          say(
            actor,
            'Moderátor vás zatím nepozval k mikrofonu.',
            'A moderator has not invited you to speak.',
          ),
        );
      }
    },
  };
}

export type MediaAccess = ReturnType<typeof createMediaAccess>;
