// Polls and answers shared by the unit tests of the poll rules and of the counting.
import { checkBallot, YES_NO_LABELS, type CheckedBallot, type PollDefinition } from './polls.ts';
import type { BallotChoice } from '../protocol/polls.ts';

export const at = new Date('2026-05-04T15:30:00Z');
export const option = (n: number) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  label: `Možnost ${n}`,
});
export const [A, B, C, D] = [1, 2, 3, 4].map(option) as [
  ReturnType<typeof option>,
  ReturnType<typeof option>,
  ReturnType<typeof option>,
  ReturnType<typeof option>,
];
export const UNKNOWN = '00000000-0000-4000-8000-000000000099';

export const poll = (
  kind: PollDefinition['kind'],
  extra: Partial<PollDefinition> = {},
): PollDefinition => ({
  id: `poll-${kind}`,
  kind,
  options: kind === 'single' || kind === 'multiple' ? [A, B, C, D] : [],
  maxChoices: null,
  scale: kind === 'rating' ? [1, 5] : null,
  allowChange: false,
  ...extra,
});
export const yesNo = poll('yes_no', {
  options: YES_NO_LABELS.map((label, i) => ({ id: option(i + 5).id, label })),
});
export const single = poll('single');
export const multiple = poll('multiple', { maxChoices: 2 });
export const multipleAll = poll('multiple');
export const rating = poll('rating');
export const rating10 = poll('rating', { scale: [0, 10] });
export const cloud = poll('word_cloud');

export const picks = (...ids: string[]): BallotChoice => ({ type: 'options', optionIds: ids });
export const rate = (value: number): BallotChoice => ({ type: 'rating', value });
export const words = (...typed: string[]): BallotChoice => ({ type: 'words', words: typed });

export const accepted = (definition: PollDefinition, choice: BallotChoice): CheckedBallot => {
  const check = checkBallot(definition, choice);
  if (!check.ok) throw new Error(`refused: ${check.problem}`);
  return check.ballot;
};
