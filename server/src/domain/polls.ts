// The rules of live polls, pure: which answer fits which poll, when an answer may be changed,
// how word-cloud entries are normalized, and how counts become results. The server stores and
// counts in SQL; the same buildResults turns its counts into what clients see, and
// tallyBallots (the reference, from raw answers) is what tests compare it with.
import type {
  BallotChoice,
  PollControlAction,
  PollDto,
  PollKind,
  PollResultsDto,
  PollStatus,
  TallyEntryDto,
} from '../protocol/polls.ts';
import { POLL_CLOUD_SIZE } from '../protocol/polls.ts';
import { foldDiacritics, keywords } from './czech-text.ts';

/** yes_no polls get these three options, in this order (the web translates them by position). */
export const YES_NO_LABELS = ['Ano', 'Ne', 'Zdržuji se'] as const;

/** What the rules need to know of a poll; frozen once it is launched. */
export interface PollDefinition {
  id: string;
  kind: PollKind;
  options: readonly { id: string; label: string }[];
  maxChoices: number | null;
  scale: readonly [number, number] | null;
  allowChange: boolean;
}

/** An answer checked against its poll, in the form it is stored. */
export interface CheckedBallot {
  optionIds: string[];
  rating: number | null;
  words: string[];
  wordKeys: string[];
}

export type BallotProblem =
  | 'wrong_kind' // e.g. a rating sent to a choice poll
  | 'unknown_option'
  | 'repeated_option'
  | 'one_option_only'
  | 'too_many_options'
  | 'out_of_scale'
  | 'empty_words';

export type BallotCheck =
  { ok: true; ballot: CheckedBallot } | { ok: false; problem: BallotProblem };

const isChoiceKind = (kind: PollKind) =>
  kind === 'single' || kind === 'multiple' || kind === 'yes_no';

/** A word-cloud entry as typed, tidied: inner whitespace collapsed. */
export const tidyWord = (text: string) => text.trim().replace(/\s+/gu, ' ');

/**
 * The key that merges spellings of one entry: case, diacritics and common Czech endings fold
 * away ("Hřiště", "hriste", "hřištěm" → one key); function words drop out unless nothing else
 * is left ("a" stays "a").
 */
export function wordKey(text: string): string {
  const words = keywords(text);
  if (words.length) return words.join(' ');
  return foldDiacritics(tidyWord(text)).replace(/[^\p{L}\p{N} ]+/gu, '');
}

export function checkBallot(poll: PollDefinition, choice: BallotChoice): BallotCheck {
  const fail = (problem: BallotProblem): BallotCheck => ({ ok: false, problem });
  const stored = (parts: Partial<CheckedBallot>): BallotCheck => ({
    ok: true,
    ballot: { optionIds: [], rating: null, words: [], wordKeys: [], ...parts },
  });

  if (isChoiceKind(poll.kind)) {
    if (choice.type !== 'options') return fail('wrong_kind');
    const known = new Set(poll.options.map((option) => option.id));
    if (choice.optionIds.some((optionId) => !known.has(optionId))) return fail('unknown_option');
    if (new Set(choice.optionIds).size !== choice.optionIds.length) return fail('repeated_option');
    const max = poll.kind === 'multiple' ? (poll.maxChoices ?? poll.options.length) : 1;
    if (choice.optionIds.length > max) {
      return fail(max === 1 ? 'one_option_only' : 'too_many_options');
    }
    // Stored in the poll's order, so equal answers are equal arrays.
    const order = poll.options.map((option) => option.id);
    return stored({ optionIds: order.filter((optionId) => choice.optionIds.includes(optionId)) });
  }
  if (poll.kind === 'rating') {
    if (choice.type !== 'rating') return fail('wrong_kind');
    const [min, max] = poll.scale ?? [1, 5];
    if (choice.value < min || choice.value > max) return fail('out_of_scale');
    return stored({ rating: choice.value });
  }
  if (choice.type !== 'words') return fail('wrong_kind');
  // One person saying the same thing twice counts once.
  const byKey = new Map<string, string>();
  for (const typed of choice.words) {
    const word = tidyWord(typed);
    const key = wordKey(word);
    if (key && !byKey.has(key)) byKey.set(key, word);
  }
  if (!byKey.size) return fail('empty_words');
  return stored({ words: [...byKey.values()], wordKeys: [...byKey.keys()] });
}

/** What voting again does: nothing stored yet → insert; stored → replace if allowed. */
export function voteDecision(alreadyVoted: boolean, allowChange: boolean) {
  if (!alreadyVoted) return 'insert' as const;
  return allowChange ? ('replace' as const) : ('refuse' as const);
}

/** draft → open → closed; anything else is refused. */
export function pollTransition(status: PollStatus, action: PollControlAction): PollStatus | null {
  if (action === 'launch') return status === 'draft' ? 'open' : null;
  return status === 'open' ? 'closed' : null;
}

/** May this audience see the tally now? Staff always may. */
export function resultsVisible(
  poll: Pick<PollDto, 'status' | 'resultsVisibility'>,
  staff: boolean,
): boolean {
  if (staff) return true;
  if (poll.status === 'draft' || poll.resultsVisibility === 'hidden') return false;
  return poll.resultsVisibility === 'live' || poll.status === 'closed';
}

/** Counts as SQL returns them: one row per option, scale value, or (word key, spelling). */
export interface PollCounts {
  voters: number;
  rows: readonly { key: string; form?: string | null; count: number }[];
}

export function buildResults(poll: PollDefinition, counts: PollCounts, at: Date): PollResultsDto {
  const countOf = new Map<string, number>();
  for (const row of counts.rows) countOf.set(row.key, (countOf.get(row.key) ?? 0) + row.count);
  const base = { pollId: poll.id, voters: counts.voters, at: at.toISOString() };

  if (isChoiceKind(poll.kind)) {
    const tally = poll.options.map(({ id, label }) => ({
      key: id,
      label,
      count: countOf.get(id) ?? 0,
    }));
    return { ...base, tally, average: null };
  }
  if (poll.kind === 'rating') {
    const [min, max] = poll.scale ?? [1, 5];
    const tally: TallyEntryDto[] = [];
    let sum = 0;
    let answered = 0;
    for (let value = min; value <= max; value++) {
      const count = countOf.get(String(value)) ?? 0;
      tally.push({ key: String(value), label: String(value), count });
      sum += value * count;
      answered += count;
    }
    return { ...base, tally, average: answered ? Math.round((sum / answered) * 100) / 100 : null };
  }
  return { ...base, tally: cloud(counts.rows), average: null };
}

/** Word-cloud entries by key, each shown in its commonest spelling, most frequent first. */
function cloud(rows: PollCounts['rows']): TallyEntryDto[] {
  const byKey = new Map<string, { count: number; forms: Map<string, number> }>();
  for (const { key, form, count } of rows) {
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { count: 0, forms: new Map() }));
    entry.count += count;
    const shown = form ?? key;
    entry.forms.set(shown, (entry.forms.get(shown) ?? 0) + count);
  }
  const commonest = (forms: Map<string, number>) =>
    [...forms].sort(([a, x], [b, y]) => y - x || a.localeCompare(b, 'cs'))[0]![0];
  return [...byKey]
    .map(([key, { count, forms }]) => ({ key, label: commonest(forms), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'cs'))
    .slice(0, POLL_CLOUD_SIZE);
}

/** The reference tally from raw stored answers. */
export function tallyBallots(
  poll: PollDefinition,
  ballots: readonly CheckedBallot[],
  at: Date,
): PollResultsDto {
  const rows: { key: string; form?: string; count: number }[] = [];
  for (const ballot of ballots) {
    for (const optionId of ballot.optionIds) rows.push({ key: optionId, count: 1 });
    if (ballot.rating !== null) rows.push({ key: String(ballot.rating), count: 1 });
    ballot.wordKeys.forEach((key, i) => rows.push({ key, form: ballot.words[i], count: 1 }));
  }
  return buildResults(poll, { voters: ballots.length, rows }, at);
}
