// Who may do what with a session's media. Everyone may watch a live session; only hosts and
// admins broadcast; a citizen sends only while a moderator has them on stage.
import type { Prisma } from '../../db/database.ts';
import { forbidden, notFound } from '../../lib/app-error.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';

export type SendPurpose = 'broadcast' | 'stage';

export interface StageGate {
  /** Whether the actor's citizen identity is on stage in this session now, and unmuted. */
  speakerState(actor: Actor, sessionId: string): Promise<'off' | 'on' | 'muted'>;
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
    /** A moderator's mute holds until the moderator lifts it. */
    async assertMayUnmuteStage(actor: Actor, sessionId: string) {
      if (!stage || (await stage.speakerState(actor, sessionId)) !== 'on') {
        throw forbidden(say(actor, 'Moderátor vám vypnul mikrofon.', 'A moderator has muted you.'));
      }
    },
    async assertMaySend(actor: Actor, sessionId: string, purpose: SendPurpose) {
      if (purpose === 'broadcast') {
        authorize(actor, 'session.run');
        return;
      }
      if (!stage || (await stage.speakerState(actor, sessionId)) === 'off') {
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
