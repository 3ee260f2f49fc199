// The wire contract of the "Questions to city leadership" board: the public list and a
// question's permanent page, asking, the departments' queues (answer, hand on) and the
// response-time figures.
import { z } from 'zod';
import { QUESTION_MAX_LENGTH, type QuestionDto } from './questions.ts';
import { optional } from './query-params.ts';

const id = z.uuid();

export const BOARD_STATES = ['answered', 'unanswered'] as const;
/** `answered`: by the answer's time, newest first (unanswered last): the embeds' "latest answers". */
export const BOARD_SORTS = ['support', 'newest', 'answered'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

export const boardQuerySchema = z.object({
  topic: optional(id),
  neighbourhood: optional(id),
  department: optional(id),
  state: optional(z.enum(BOARD_STATES)),
  sort: optional(z.enum(BOARD_SORTS)),
  page: optional(z.coerce.number().int().min(1).max(1000)),
});
export type BoardQuery = z.output<typeof boardQuerySchema>;

export const boardAskSchema = z.object({
  /** As long as a live question: moderators edit both with the same rules. */
  text: z.string().trim().min(3).max(QUESTION_MAX_LENGTH),
  topicId: id,
  neighbourhoodId: id.nullable().default(null),
  anonymous: z.boolean().default(false),
  authorName: z.string().trim().min(1).max(60).optional(),
  /** To hear of the answer (confirmed by a link first; never shown, deleted after). */
  email: z.email().max(200).optional(),
});
export type BoardAsk = z.output<typeof boardAskSchema>;

export const boardAnswerSchema = z.object({
  answer: z.string().trim().min(1).max(5000),
  /** The official who answers in public (name, photo, department shown with the answer). */
  officialId: id,
});

/** A page of a department's desk queue. */
export const deskQuerySchema = z.object({
  page: optional(z.coerce.number().int().min(1).max(1000)),
});

export const boardPromoteSchema = z.object({ sessionId: id });

/** A citizen supports a waiting question ("me too"), or takes the support back. */
export const boardSupportSchema = z.object({ support: z.boolean() });

export const boardHandOnSchema = z.object({
  departmentId: id,
  note: z.string().trim().min(3).max(500),
});

export interface NamedDto {
  id: string;
  name: string;
}

export interface TopicDto extends NamedDto {
  slug: string;
  departmentId: string | null;
}

export interface BoardDto {
  sessionId: string;
  title: string;
  questionsOpen: boolean;
  namesRequired: boolean;
  topics: TopicDto[];
  neighbourhoods: (NamedDto & { slug: string })[];
  departments: NamedDto[];
  counts: { answered: number; unanswered: number };
}

export interface BoardPageDto {
  questions: QuestionDto[];
  total: number;
  page: number;
  pageSize: number;
  /** The questions of this page the reader supports. */
  supported: string[];
}

/** One step of a question's way through the town hall, as the public sees it. */
export interface RoutingStepDto {
  department: NamedDto | null;
  fromDepartment: NamedDto | null;
  /** A department's note when handing on; shown to staff only. */
  note: string | null;
  at: string;
}

export interface BoardQuestionDto {
  question: QuestionDto;
  /** Repeated questions merged into this one (their count; texts stay private). */
  mergedCount: number;
  routing: RoutingStepDto[];
  /** Taken to a live session's queue: answered there ("we'll answer this live"). */
  promotedTo: { sessionId: string; title: string; scheduledStart: string } | null;
  /** The reader supports it. */
  supported: boolean;
}

/** A department's queue: what waits for an answer, oldest first (a page of it), and what it
 * answered lately. */
export interface DepartmentQueueDto {
  department: NamedDto;
  /** All that waits, over every page. */
  waitingTotal: number;
  page: number;
  pageSize: number;
  waiting: (QuestionDto & {
    routedAt: string;
    note: string | null;
    /** The department that handed it on (null: routed by its topic or a moderator). */
    handedOnBy: NamedDto | null;
  })[];
  answered: QuestionDto[];
  departments: NamedDto[];
  officials: (NamedDto & { roleTitle: string; departmentId: string | null })[];
}

export interface ResponseTimeRowDto {
  department: NamedDto | null;
  /** 'YYYY-MM' of the answer, in the town's time zone. */
  month: string;
  answered: number;
  medianHours: number;
  p90Hours: number;
}

export const AGE_BUCKETS = ['week', 'month', 'quarter', 'older'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export interface OpenByAgeDto {
  department: NamedDto | null;
  counts: Record<AgeBucket, number>;
}

export interface BoardStatsDto {
  months: string[];
  responseTimes: ResponseTimeRowDto[];
  /** Over the whole period, per department. */
  overall: Omit<ResponseTimeRowDto, 'month'>[];
  openByAge: OpenByAgeDto[];
}

/** The board's topics and parts of town, replaced as whole lists by an admin. */
export const boardTaxonomySchema = z.object({
  topics: z
    .array(
      z.object({
        id: id.optional(),
        name: z.string().trim().min(2).max(80),
        departmentId: id.nullable().default(null),
      }),
    )
    .min(1)
    .max(50),
  neighbourhoods: z
    .array(z.object({ id: id.optional(), name: z.string().trim().min(2).max(80) }))
    .max(100),
});
export type BoardTaxonomy = z.output<typeof boardTaxonomySchema>;
