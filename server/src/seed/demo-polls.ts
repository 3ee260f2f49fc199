// Polls for the demo's live consultation: two open (one with live results, a word cloud), one
// closed with its frozen tally, and a draft for the moderator console.
import { addMinutes } from '../domain/time-zone.ts';
import {
  checkBallot,
  tallyBallots,
  YES_NO_LABELS,
  type CheckedBallot,
  type PollDefinition,
} from '../domain/polls.ts';
import type { BallotChoice, PollKind } from '../protocol/polls.ts';
import type { Tx } from '../features/sessions/mutations.ts';

interface DemoPoll {
  kind: PollKind;
  question: string;
  labels?: readonly string[];
  status: 'draft' | 'open' | 'closed';
  /** Per voter (index into the demo's citizens): option positions, or words. */
  answers: (number | string[])[];
  agendaItem?: boolean;
}

const POLLS: DemoPoll[] = [
  {
    kind: 'single',
    question: 'Kterou variantu dětského hřiště preferujete?',
    labels: [
      'A – přírodní hřiště s pískovištěm',
      'B – lanové centrum a prolézačky',
      'C – vodní prvky a mlhoviště',
    ],
    status: 'open',
    answers: [0, 1, 0, 2, 0],
    agendaItem: true,
  },
  {
    kind: 'word_cloud',
    question: 'Co vám v parku nejvíc chybí? Napište jedno až tři slova.',
    status: 'open',
    answers: [['stín', 'lavičky'], ['Stín'], ['veřejné záchody', 'lavička'], ['pítko']],
  },
  {
    kind: 'yes_no',
    question: 'Souhlasíte s umístěním psí louky u potoka?',
    labels: YES_NO_LABELS,
    status: 'closed',
    answers: [0, 0, 1, 2, 0],
  },
  { kind: 'rating', question: 'Jak hodnotíte dnešní projednání?', status: 'draft', answers: [] },
];

const choiceOf = (poll: PollDefinition, answer: number | string[]): BallotChoice =>
  typeof answer === 'number'
    ? { type: 'options', optionIds: [poll.options[answer]!.id] }
    : { type: 'words', words: answer };

export async function seedDemoPolls(
  tx: Tx,
  ids: { consultationId: string; voterIds: string[]; agendaItemId: string | null; now: Date },
): Promise<void> {
  const { consultationId, voterIds, agendaItemId, now } = ids;
  for (const [position, demo] of POLLS.entries()) {
    const openedAt = demo.status === 'draft' ? null : addMinutes(now, -10 + position * 2);
    const closedAt = demo.status === 'closed' ? addMinutes(now, -2) : null;
    const row = await tx.poll.create({
      data: {
        sessionId: consultationId,
        agendaItemId: demo.agendaItem ? agendaItemId : null,
        kind: demo.kind,
        question: demo.question,
        status: demo.status,
        scaleMin: demo.kind === 'rating' ? 1 : null,
        scaleMax: demo.kind === 'rating' ? 5 : null,
        position,
        openedAt,
        closedAt,
        options: {
          create: (demo.labels ?? []).map((label, index) => ({ label, position: index })),
        },
      },
      include: { options: { orderBy: { position: 'asc' } } },
    });
    const definition: PollDefinition = {
      id: row.id,
      kind: row.kind,
      options: row.options,
      maxChoices: null,
      scale: demo.kind === 'rating' ? [1, 5] : null,
      allowChange: false,
    };
    const ballots: CheckedBallot[] = demo.answers.map((answer) => {
      const check = checkBallot(definition, choiceOf(definition, answer));
      if (!check.ok) throw new Error(`demo poll answer: ${check.problem}`);
      return check.ballot;
    });
    await tx.pollVote.createMany({
      data: ballots.map((ballot, voter) => ({
        pollId: row.id,
        participantId: voterIds[voter]!,
        ...ballot,
        createdAt: openedAt ?? now,
        updatedAt: openedAt ?? now,
      })),
    });
    if (closedAt) {
      const finalResults = tallyBallots(definition, ballots, closedAt);
      await tx.poll.update({
        where: { id: row.id },
        data: { finalResults: JSON.parse(JSON.stringify(finalResults)) },
      });
    }
  }
}
