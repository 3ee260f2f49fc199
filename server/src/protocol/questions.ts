// Questions: what citizens send, what moderators send, and the three views the server sends
// (public, the author's own, the moderators'). Rejection reasons never reach the public view.
import { z } from 'zod';

export const QUESTION_STATUSES = ['pending', 'approved', 'rejected', 'merged', 'answered'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const QUESTION_MAX_LENGTH = 500;
export const QUESTION_SORTS = ['popular', 'newest'] as const;
export type QuestionSort = (typeof QUESTION_SORTS)[number];

const id = z.uuid();
const sessionId = id;
const displayName = z.string().trim().min(2).max(60);

export const questionAskSchema = z.object({
  sessionId,
  text: z.string().trim().min(3).max(QUESTION_MAX_LENGTH),
  agendaItemId: id.nullable().default(null),
  /** Shown as "Anonymous" to the public; moderators still see the name if one was given. */
  anonymous: z.boolean().default(false),
  authorName: displayName.optional(),
  /** The board's questions say what they are about and, optionally, where. */
  topicId: id.nullable().default(null),
  neighbourhoodId: id.nullable().default(null),
});
export type QuestionAsk = z.infer<typeof questionAskSchema>;

export const questionVoteSchema = z.object({
  sessionId,
  questionId: id,
  /** true = upvote, false = take the upvote back. */
  vote: z.boolean(),
});

export const moderationActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('approve') }),
  z.object({ type: z.literal('reject'), reason: z.string().trim().max(500).optional() }),
  z.object({ type: z.literal('edit'), text: z.string().trim().min(3).max(QUESTION_MAX_LENGTH) }),
  z.object({ type: z.literal('merge'), targetId: id }),
  z.object({ type: z.literal('pin') }),
  z.object({ type: z.literal('unpin') }),
  z.object({
    type: z.literal('answer'),
    answer: z.string().trim().max(5000).optional(),
    officialId: id.nullable().default(null),
  }),
  z.object({
    type: z.literal('assign'),
    departmentId: id.nullable(),
    /** Why it goes there: a department handing a question on says so to the next one. */
    note: z.string().trim().max(500).optional(),
  }),
]);
export type ModerationAction = z.infer<typeof moderationActionSchema>;
export type ModerationActionType = ModerationAction['type'];

export const questionModerateSchema = z.object({
  sessionId,
  questionId: id,
  action: moderationActionSchema,
});

export const sessionScopedSchema = z.object({ sessionId });

export interface QuestionAnswerDto {
  text: string | null;
  official: {
    id: string;
    name: string;
    roleTitle: string;
    photoUrl: string | null;
    /** The official's department, shown with the answer on the board. */
    departmentName: string | null;
  } | null;
  answeredAt: string;
}

/** What everyone sees of an approved or answered question. */
export interface QuestionDto {
  id: string;
  sessionId: string;
  text: string;
  /** Null when the author asked anonymously or gave no name. */
  authorName: string | null;
  status: QuestionStatus;
  voteCount: number;
  agendaItemId: string | null;
  mergedIntoId: string | null;
  department: { id: string; name: string } | null;
  topic: { id: string; name: string } | null;
  neighbourhood: { id: string; name: string } | null;
  answer: QuestionAnswerDto | null;
  createdAt: string;
  approvedAt: string | null;
  /** Moves forward with every moderation change: clients keep the newest copy. */
  version: number;
}

/** The author's own view: adds why it was rejected. */
export interface OwnQuestionDto extends QuestionDto {
  rejectReason: string | null;
}

export interface AuthorActivityDto {
  participantId: string;
  /** The name given, even for anonymous questions. */
  name: string | null;
  questionsAsked: number;
  questionsRejected: number;
  chatMessages: number;
  firstSeenAt: string;
  banned: boolean;
}

/** The moderators' view: who asked, who moderated last, and the author's recent activity. */
export interface ModQuestionDto extends OwnQuestionDto {
  participantId: string;
  anonymous: boolean;
  /** The name the author gave (also when shown as anonymous). */
  givenName: string | null;
  moderatedBy: { id: string; name: string } | null;
  moderatedAt: string | null;
  author: AuthorActivityDto;
}

export interface VoteResultDto {
  questionId: string;
  voted: boolean;
  voteCount: number;
}

export interface UndoResultDto {
  /** The action that was undone, e.g. "question.approve". */
  undone: string;
  question: ModQuestionDto;
}
