// Live polls: what moderators prepare and control, what citizens send, and what everyone sees.
// Results have one shape for every kind (a list of counted entries), so one chart draws them.
import { z } from 'zod';

export const POLL_KINDS = ['single', 'multiple', 'rating', 'word_cloud', 'yes_no'] as const;
export type PollKind = (typeof POLL_KINDS)[number];
export const POLL_STATUSES = ['draft', 'open', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];
export const POLL_VISIBILITIES = ['live', 'after_close', 'hidden'] as const;
export type PollResultsVisibility = (typeof POLL_VISIBILITIES)[number];

/** Rating scales on offer, as [min, max]. */
export const POLL_SCALES = { '1-5': [1, 5], '0-10': [0, 10] } as const;
export type PollScale = keyof typeof POLL_SCALES;

export const POLL_QUESTION_MAX_LENGTH = 300;
export const POLL_OPTION_MAX_LENGTH = 120;
export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 12;
export const POLL_WORD_MAX_LENGTH = 40;
/** A word-cloud answer is up to this many short entries. */
export const POLL_WORDS_PER_VOTE = 3;
/** The word cloud shows at most this many distinct entries. */
export const POLL_CLOUD_SIZE = 60;

const id = z.uuid();
const sessionId = id;

const choiceKinds: readonly PollKind[] = ['single', 'multiple'];

export const pollDraftSchema = z
  .object({
    sessionId,
    /** Given: update that draft; absent: create a new one. */
    pollId: id.optional(),
    kind: z.enum(POLL_KINDS),
    question: z.string().trim().min(3).max(POLL_QUESTION_MAX_LENGTH),
    /** single and multiple only; yes_no gets its three options from the server. */
    options: z
      .array(z.string().trim().min(1).max(POLL_OPTION_MAX_LENGTH))
      .max(POLL_MAX_OPTIONS)
      .default([]),
    /** multiple only: at most this many picks (default: all options). */
    maxChoices: z.number().int().min(1).max(POLL_MAX_OPTIONS).nullable().default(null),
    /** rating only. */
    scale: z
      .enum(Object.keys(POLL_SCALES) as [PollScale, ...PollScale[]])
      .nullable()
      .default(null),
    resultsVisibility: z.enum(POLL_VISIBILITIES).default('live'),
    allowChange: z.boolean().default(false),
    agendaItemId: id.nullable().default(null),
  })
  // The messages are keys that server/src/lib/messages.ts translates.
  .superRefine((draft, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    const choices = choiceKinds.includes(draft.kind);
    if (choices && draft.options.length < POLL_MIN_OPTIONS) {
      issue('options', 'poll_too_few_options');
    }
    if (!choices && draft.options.length > 0) issue('options', 'poll_no_options');
    if (choices) {
      const folded = draft.options.map((label) => label.toLocaleLowerCase('cs'));
      if (new Set(folded).size !== folded.length) issue('options', 'poll_options_differ');
    }
    if (draft.maxChoices !== null) {
      if (draft.kind !== 'multiple') issue('maxChoices', 'poll_max_only_multiple');
      else if (draft.maxChoices > draft.options.length) {
        issue('maxChoices', 'poll_max_too_big');
      }
    }
    if ((draft.kind === 'rating') !== (draft.scale !== null)) {
      issue('scale', 'poll_scale');
    }
  });
export type PollDraft = z.infer<typeof pollDraftSchema>;

export const pollRefSchema = z.object({ sessionId, pollId: id });

export const POLL_CONTROL_ACTIONS = ['launch', 'close'] as const;
export type PollControlAction = (typeof POLL_CONTROL_ACTIONS)[number];
export const pollControlSchema = pollRefSchema.extend({ action: z.enum(POLL_CONTROL_ACTIONS) });

/** A citizen's answer; which variant fits depends on the poll's kind. */
export const ballotChoiceSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('options'),
    optionIds: z.array(id).min(1).max(POLL_MAX_OPTIONS),
  }),
  z.object({ type: z.literal('rating'), value: z.number().int().min(0).max(10) }),
  z.object({
    type: z.literal('words'),
    words: z
      .array(z.string().trim().min(1).max(POLL_WORD_MAX_LENGTH))
      .min(1)
      .max(POLL_WORDS_PER_VOTE),
  }),
]);
export type BallotChoice = z.infer<typeof ballotChoiceSchema>;

export const pollVoteSchema = pollRefSchema.extend({ choice: ballotChoiceSchema });
export type PollVote = z.infer<typeof pollVoteSchema>;

export interface PollOptionDto {
  id: string;
  label: string;
}

/** One counted entry: an option, a value of the scale, or a normalized word. */
export interface TallyEntryDto {
  /** Option id, scale value ("4"), or normalized word key. */
  key: string;
  /** What to show: the option's label, the value, or the commonest spelling of the word. */
  label: string;
  count: number;
}

export interface PollResultsDto {
  pollId: string;
  /** People who answered (for multiple choice, entries can add up to more). */
  voters: number;
  /** Choice polls: every option in order; rating: every value of the scale in order;
   *  word cloud: the most frequent entries first (at most POLL_CLOUD_SIZE). */
  tally: TallyEntryDto[];
  /** Rating polls: the mean value, else null. */
  average: number | null;
  /** When this tally was read; clients keep the newest. */
  at: string;
}

/** What everyone sees of a launched poll. */
export interface PollDto {
  id: string;
  sessionId: string;
  agendaItemId: string | null;
  kind: PollKind;
  question: string;
  options: PollOptionDto[];
  maxChoices: number | null;
  /** rating: [min, max]. */
  scale: [number, number] | null;
  status: PollStatus;
  resultsVisibility: PollResultsVisibility;
  allowChange: boolean;
  openedAt: string | null;
  closedAt: string | null;
  /** Null while this audience may not see results. */
  results: PollResultsDto | null;
  version: number;
}

/** The moderators' view: drafts too, always with results. */
export interface ModPollDto extends PollDto {
  results: PollResultsDto;
  position: number;
  createdBy: { id: string; name: string } | null;
}

/** One person's stored answer. */
export interface BallotDto {
  pollId: string;
  sessionId: string;
  optionIds: string[];
  rating: number | null;
  words: string[];
  updatedAt: string;
}
