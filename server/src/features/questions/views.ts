// Builds the three views of a question after a change, for the notifier and the acks.
import type { Prisma } from '../../db/database.ts';
import { isPublic } from '../../domain/question-queue.ts';
import type { AuthorActivityDto, ModQuestionDto } from '../../protocol/questions.ts';
import type { QuestionViews } from '../../realtime/notifier.ts';
import { bansInForce } from '../moderation/bans.ts';
import {
  authorActivity,
  findQuestion,
  toModQuestionDto,
  toOwnQuestionDto,
  toQuestionDto,
  type QuestionRow,
} from './data.ts';

const unknownAuthor = (participantId: string): AuthorActivityDto => ({
  participantId,
  name: null,
  questionsAsked: 0,
  questionsRejected: 0,
  chatMessages: 0,
  firstSeenAt: new Date(0).toISOString(),
  banned: false,
});

/** Moderator views of many questions, with their authors' activity read in one go. */
export async function modViews(
  prisma: Prisma,
  sessionId: string,
  rows: QuestionRow[],
): Promise<ModQuestionDto[]> {
  const bans = await bansInForce(prisma, sessionId);
  const banned = new Set(bans.map((ban) => ban.participantId));
  const authors = await authorActivity(
    prisma,
    sessionId,
    rows.map((row) => row.participantId),
    banned,
  );
  return rows.map((row) =>
    toModQuestionDto(row, authors.get(row.participantId) ?? unknownAuthor(row.participantId)),
  );
}

export async function questionViews(
  prisma: Prisma,
  questionId: string,
  wasPublic: boolean,
): Promise<QuestionViews> {
  const row = await findQuestion(prisma, questionId);
  if (!row) throw new Error(`question ${questionId} vanished after its change`);
  const [mod] = await modViews(prisma, row.sessionId, [row]);
  return {
    public: isPublic(row.status) ? toQuestionDto(row) : null,
    own: toOwnQuestionDto(row),
    mod: mod!,
    wasPublic,
  };
}
