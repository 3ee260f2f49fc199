// The participation part of a session page's join snapshot: the public questions and chat
// (shared by concurrent joiners, read fresh) and what belongs to the one joining.
import type { Prisma } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { coalesceFresh } from '../../lib/coalesce.ts';
import type { SessionSnapshotDto } from '../../protocol/dto.ts';
import { recentChat } from '../chat/data.ts';
import { isBanned } from '../moderation/bans.ts';
import {
  ownQuestions,
  publicQuestions,
  toOwnQuestionDto,
  toQuestionDto,
  votedIds,
} from '../questions/data.ts';
import type { Who } from './who.ts';

export type ParticipationSnapshot = Omit<SessionSnapshotDto, 'session' | 'viewerCount'>;

export function createParticipationSnapshots({ prisma, clock }: { prisma: Prisma; clock: Clock }) {
  const shared = coalesceFresh(async (sessionId) => {
    const [rows, chat] = await Promise.all([
      publicQuestions(prisma, sessionId),
      recentChat(prisma, sessionId),
    ]);
    return { questions: rows.map(toQuestionDto), chat };
  });

  return async function snapshot(sessionId: string, who: Who): Promise<ParticipationSnapshot> {
    const [common, mine, voted, banned] = await Promise.all([
      shared(sessionId),
      ownQuestions(prisma, sessionId, who.participantId),
      votedIds(prisma, sessionId, who.participantId),
      isBanned(prisma, sessionId, who, clock.now()),
    ]);
    return {
      ...common,
      me: { questions: mine.map(toOwnQuestionDto), votedIds: voted, banned },
    };
  };
}
