// What poll components say about a poll: translated labels, hints and formatted numbers.
import type {
  BallotChoice,
  BallotDto,
  PollDto,
  PollResultsDto,
  TallyEntryDto,
} from '@namesti/server/protocol';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

/** yes_no options come from the server in Czech; they are translated by position. */
const YES_NO = [m.poll_yes, m.poll_no, m.poll_abstain];

/** An option's label as the viewer should read it. */
export function optionLabel(poll: Pick<PollDto, 'kind' | 'options'>, optionId: string): string {
  const index = poll.options.findIndex((option) => option.id === optionId);
  const translated = poll.kind === 'yes_no' ? YES_NO[index] : undefined;
  return translated ? translated() : (poll.options[index]?.label ?? optionId);
}

/** A tally entry's label: choice polls translate their options; rating and words show as sent. */
export function entryLabel(poll: Pick<PollDto, 'kind' | 'options'>, entry: TallyEntryDto): string {
  return poll.kind === 'yes_no' ? optionLabel(poll, entry.key) : entry.label;
}

const scaleOf = (poll: Pick<PollDto, 'scale'>): [number, number] => poll.scale ?? [1, 5];

/** "Jedna odpověď", "Hodnocení 1–5" … : the short line above the question. */
export function kindLabel(poll: Pick<PollDto, 'kind' | 'scale'>): string {
  switch (poll.kind) {
    case 'single':
      return m.poll_kind_single();
    case 'multiple':
      return m.poll_kind_multiple();
    case 'yes_no':
      return m.poll_kind_yes_no();
    case 'rating': {
      const [min, max] = scaleOf(poll);
      return m.poll_kind_rating({ min, max });
    }
    case 'word_cloud':
      return m.poll_kind_word_cloud();
  }
}

/** What the ballot's legend asks for. */
export function ballotHint(poll: Pick<PollDto, 'kind' | 'scale' | 'maxChoices'>): string {
  switch (poll.kind) {
    case 'single':
    case 'yes_no':
      return m.poll_hint_single();
    case 'multiple':
      return poll.maxChoices === null
        ? m.poll_hint_multiple_any()
        : m.poll_hint_multiple_max({ max: poll.maxChoices });
    case 'rating': {
      const [min, max] = scaleOf(poll);
      return m.poll_hint_rating({ min, max });
    }
    case 'word_cloud':
      return m.poll_hint_words();
  }
}

/** The scale's values in order, e.g. [1, 2, 3, 4, 5]. */
export function scaleValues(poll: Pick<PollDto, 'scale'>): number[] {
  const [min, max] = scaleOf(poll);
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** The stored answer as the form's starting choice. */
export function choiceOf(
  poll: Pick<PollDto, 'kind'>,
  ballot: BallotDto | null,
): BallotChoice | null {
  if (!ballot) return null;
  if (poll.kind === 'rating') {
    return ballot.rating === null ? null : { type: 'rating', value: ballot.rating };
  }
  if (poll.kind === 'word_cloud') {
    return ballot.words.length ? { type: 'words', words: [...ballot.words] } : null;
  }
  return ballot.optionIds.length ? { type: 'options', optionIds: [...ballot.optionIds] } : null;
}

/** "Ano", "3", "hřiště, lavičky": the stored answer in words. */
export function ballotSummary(poll: Pick<PollDto, 'kind' | 'options'>, ballot: BallotDto): string {
  if (poll.kind === 'rating') return ballot.rating === null ? '' : String(ballot.rating);
  if (poll.kind === 'word_cloud') return ballot.words.join(', ');
  return ballot.optionIds.map((id) => optionLabel(poll, id)).join(', ');
}

/** Share of the voters (not of all picks: a multiple-choice poll can add up to over 100 %). */
export const shareOf = (count: number, voters: number): number => (voters > 0 ? count / voters : 0);

export function formatPercent(share: number): string {
  return new Intl.NumberFormat(getLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(
    share,
  );
}

export function formatAverage(value: number): string {
  return new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1 }).format(value);
}

/** The one entry with the most votes, or null on a tie or when nobody voted. */
export function topEntry(results: PollResultsDto): TallyEntryDto | null {
  const sorted = [...results.tally].sort((a, b) => b.count - a.count);
  const [first, second] = sorted;
  if (!first || first.count === 0 || (second && second.count === first.count)) return null;
  return first;
}
