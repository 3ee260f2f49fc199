// May this person take part in this session right now? One place for the checks that asking,
// voting and chatting share: the session exists and is open, the person is not banned.
import type { Prisma } from '../../db/database.ts';
import { AppError, fieldError, forbidden, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { say, type Actor } from '../auth/actor.ts';
import { isBanned } from '../moderation/bans.ts';
import type { Tx } from '../sessions/mutations.ts';
import type { Who } from './who.ts';

export const participationSessionSelect = {
  id: true,
  kind: true,
  status: true,
  questionsOpen: true,
  preModeration: true,
  chatEnabled: true,
  chatSlowModeSeconds: true,
  namesRequired: true,
  nowAnsweringId: true,
} as const;

export async function openSession(prisma: Prisma, actor: Actor, sessionId: string) {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: participationSessionSelect,
  });
  if (!session) throw notFound(say(actor, 'Zasedání', 'Session'));
  if (session.status !== 'scheduled' && session.status !== 'live') throw sessionEndedError(actor);
  return session;
}

/** Asking, voting and preparing polls end with the session. */
export const sessionEndedError = (actor: Actor) =>
  new AppError('invalid_transition', say(actor, 'Zasedání už skončilo.', 'The session has ended.'));

export async function assertNotBanned(
  prisma: Prisma,
  clock: Clock,
  actor: Actor,
  sessionId: string,
  who: Who,
) {
  if (actor.staff) return;
  if (await isBanned(prisma, sessionId, who, clock.now())) throw bannedError(actor);
}

export const bannedError = (actor: Actor) =>
  forbidden(
    say(
      actor,
      'Moderátor vám v tomto zasedání zakázal psát a hlasovat.',
      'A moderator has barred you from posting and voting in this session.',
    ),
  );

/**
 * The name to show: the one given now, else the one the participant gave before (read only
 * then); a form error when the session requires a name and there is none.
 */
export async function nameFor(
  prisma: Prisma,
  actor: Actor,
  namesRequired: boolean,
  given: string | undefined,
  participantId: string,
): Promise<string | null> {
  const name =
    given ??
    (await prisma.participant.findUnique({ where: { id: participantId } }))?.displayName ??
    null;
  if (namesRequired && !name) {
    throw fieldError(
      'authorName',
      say(actor, 'V tomto zasedání je potřeba uvést jméno.', 'This session asks for your name.'),
    );
  }
  return name;
}

/** The participant row exists before anything refers to it; a given name is remembered. */
export async function ensureParticipant(tx: Tx, id: string, displayName: string | undefined) {
  if (displayName) {
    await tx.participant.upsert({
      where: { id },
      create: { id, displayName },
      update: { displayName },
    });
  } else {
    await tx.participant.createMany({ data: [{ id }], skipDuplicates: true });
  }
}
