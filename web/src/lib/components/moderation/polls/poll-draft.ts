// The poll editor's working copy and the labels of the poll unions, kept apart from the
// components so the editor, the rows and the panel say the same thing.
import {
  POLL_MAX_OPTIONS,
  POLL_MIN_OPTIONS,
  POLL_SCALES,
  type ModPollDto,
  type PollKind,
  type PollResultsVisibility,
  type PollScale,
} from '@namesti/server/protocol';
import { messageFor } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { PollDraftInput } from '$lib/realtime/moderation-polls.svelte';

/** An option being edited; `key` keeps focus and DOM nodes with it while the list moves. */
export interface OptionDraft {
  key: string;
  label: string;
}

export interface PollEditorDraft {
  question: string;
  kind: PollKind;
  options: OptionDraft[];
  /** multiple only; null = as many as there are options. */
  maxChoices: number | null;
  scale: PollScale;
  resultsVisibility: PollResultsVisibility;
  allowChange: boolean;
  agendaItemId: string | null;
}

let keys = 0;
export const newOptionKey = () => `option-${++keys}`;

const blankOptions = (): OptionDraft[] =>
  Array.from({ length: POLL_MIN_OPTIONS }, () => ({ key: newOptionKey(), label: '' }));

const scaleOf = (scale: readonly [number, number] | null): PollScale =>
  (Object.keys(POLL_SCALES) as PollScale[]).find(
    (name) => POLL_SCALES[name][0] === scale?.[0] && POLL_SCALES[name][1] === scale[1],
  ) ?? '1-5';

/** A new poll's starting point, or a draft's current state for editing. */
export function editorDraft(poll?: ModPollDto): PollEditorDraft {
  if (!poll) {
    return {
      question: '',
      kind: 'single',
      options: blankOptions(),
      maxChoices: null,
      scale: '1-5',
      resultsVisibility: 'live',
      allowChange: false,
      agendaItemId: null,
    };
  }
  const ownOptions = poll.kind === 'single' || poll.kind === 'multiple';
  return {
    question: poll.question,
    kind: poll.kind,
    options: ownOptions
      ? poll.options.map((option) => ({ key: newOptionKey(), label: option.label }))
      : blankOptions(),
    maxChoices: poll.maxChoices,
    scale: scaleOf(poll.scale),
    resultsVisibility: poll.resultsVisibility,
    allowChange: poll.allowChange,
    agendaItemId: poll.agendaItemId,
  };
}

export const hasOwnOptions = (kind: PollKind) => kind === 'single' || kind === 'multiple';

/** What `poll:save` gets: only the parts that belong to the chosen kind. */
export function toSaveInput(draft: PollEditorDraft, pollId?: string): PollDraftInput {
  const emptyMax = draft.maxChoices === null || Number.isNaN(draft.maxChoices);
  return {
    ...(pollId ? { pollId } : {}),
    kind: draft.kind,
    question: draft.question,
    options: hasOwnOptions(draft.kind) ? draft.options.map((option) => option.label) : [],
    maxChoices: draft.kind === 'multiple' && !emptyMax ? draft.maxChoices : null,
    scale: draft.kind === 'rating' ? draft.scale : null,
    resultsVisibility: draft.resultsVisibility,
    allowChange: draft.allowChange,
    agendaItemId: draft.agendaItemId,
  };
}

/** Field path → label, for the error summary's list (`options.3` is "Možnost 4"). */
export function editorLabels(): Record<string, string> {
  const options = Array.from({ length: POLL_MAX_OPTIONS }, (_, i) => [
    `options.${i}`,
    m.modpoll_option_label({ number: i + 1 }),
  ]);
  return {
    question: m.modpoll_field_question(),
    kind: m.modpoll_field_kind(),
    options: m.modpoll_field_options(),
    ...Object.fromEntries(options),
    maxChoices: m.modpoll_field_max_choices(),
    scale: m.modpoll_field_scale(),
    resultsVisibility: m.modpoll_field_visibility(),
    allowChange: m.modpoll_field_allow_change(),
    agendaItemId: m.modpoll_field_agenda(),
  };
}

export const pollKindLabel = messageFor<PollKind>({
  single: m.modpoll_kind_single,
  multiple: m.modpoll_kind_multiple,
  rating: m.modpoll_kind_rating,
  word_cloud: m.modpoll_kind_word_cloud,
  yes_no: m.modpoll_kind_yes_no,
});

export const visibilityLabel = messageFor<PollResultsVisibility>({
  live: m.modpoll_vis_live,
  after_close: m.modpoll_vis_after_close,
  hidden: m.modpoll_vis_hidden,
});

/** The editor's choices, as sentences of their own. */
export const visibilityOption = messageFor<PollResultsVisibility>({
  live: m.modpoll_vis_option_live,
  after_close: m.modpoll_vis_option_after_close,
  hidden: m.modpoll_vis_option_hidden,
});

export const scaleLabel = messageFor<PollScale>({
  '1-5': m.modpoll_scale_1_5,
  '0-10': m.modpoll_scale_0_10,
});

/** "4 min 12 s", "1 h 5 min": how long a poll was open. */
export function pollDuration(openedAt: string, closedAt: string): string {
  const seconds = Math.max(
    0,
    Math.round((new Date(closedAt).getTime() - new Date(openedAt).getTime()) / 1000),
  );
  if (seconds >= 3600) {
    const minutes = Math.floor((seconds % 3600) / 60);
    return m.modpoll_duration_hm({ hours: Math.floor(seconds / 3600), minutes });
  }
  if (seconds >= 60) {
    return m.modpoll_duration_ms({ minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
  }
  return m.modpoll_duration_s({ seconds });
}
