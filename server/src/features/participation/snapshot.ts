// The participation part of a session page's join snapshot: the public questions and chat
// (shared by concurrent joiners, read fresh) and what belongs to the one joining.
import type { Prisma } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { coalesceFresh } from '../../lib/coalesce.ts';
import type { SessionSnapshotDto } from '../../protocol/dto.ts';
import { recentChat } from '../chat/data.ts';
import { isBanned } from '../moderation/bans.ts';
import { ballotsOf, sessionPolls, toPollDto, withResults } from '../polls/data.ts';
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
    const [rows, chat, polls] = await Promise.all([
      publicQuestions(prisma, sessionId),
      recentChat(prisma, sessionId),
      sessionPolls(prisma, sessionId, true).then((launched) =>
        withResults(prisma, launched, clock.now()),
      ),
    ]);
    return {
      questions: rows.map(toQuestionDto),
      chat,
      polls: polls.map(({ row, results }) => toPollDto(row, results)),
    };
  });

  /** Own questions and votes; someone who has never acted has no row and none of either. */
  async function mine(sessionId: string, participantId: string) {
    const known = await prisma.participant.count({ where: { id: participantId } });
    if (!known) return { questions: [], votedIds: [], ballots: [] };
    const [rows, voted, ballots] = await Promise.all([
      ownQuestions(prisma, sessionId, participantId),
      votedIds(prisma, sessionId, participantId),
      ballotsOf(prisma, sessionId, participantId),
    ]);
    return { questions: rows.map(toOwnQuestionDto), votedIds: voted, ballots };
  }

  return async function snapshot(sessionId: string, who: Who): Promise<ParticipationSnapshot> {
    const [common, own, banned] = await Promise.all([
      shared(sessionId),
      mine(sessionId, who.participantId),
      isBanned(prisma, sessionId, who, clock.now()),
    ]);
    return { ...common, me: { ...own, banned } };
  };
}
