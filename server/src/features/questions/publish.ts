// After a moderation change commits: tell the author, the public, the moderators, and the
// session page if "now answering" moved. Returns the moderators' view for the ack.
import type { Prisma } from '../../db/database.ts';
import type { Flusher } from '../../lib/flusher.ts';
import type { AuditEntryDto } from '../../protocol/dto.ts';
import type { ModQuestionDto } from '../../protocol/questions.ts';
import type { Notifier } from '../../realtime/notifier.ts';
import type { Actor } from '../auth/actor.ts';
import { questionViews } from './views.ts';

export interface PublishDeps {
  prisma: Prisma;
  notifier: Notifier;
  votes: Flusher;
  publishSession(actor: Actor, sessionId: string): Promise<unknown>;
}

export async function publishModeration(
  { prisma, notifier, votes, publishSession }: PublishDeps,
  actor: Actor,
  sessionId: string,
  done: {
    questionId: string;
    wasPublic: boolean;
    targetId: string | null;
    pinChanged: boolean;
    entry: AuditEntryDto;
  },
): Promise<ModQuestionDto> {
  const views = await questionViews(prisma, done.questionId, done.wasPublic);
  notifier.questionChanged(views);
  if (done.targetId) {
    const target = await questionViews(prisma, done.targetId, true);
    notifier.questionChanged({ ...target, wasPublic: target.public !== null });
    votes.mark(sessionId, done.targetId);
  }
  if (done.pinChanged) await publishSession(actor, sessionId);
  notifier.logged(sessionId, done.entry);
  return views.mod;
}
