import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { buildResults, tallyBallots, type PollDefinition } from './polls.ts';
import { POLL_CLOUD_SIZE, type BallotChoice } from '../protocol/polls.ts';
import {
  A,
  B,
  C,
  D,
  UNKNOWN,
  accepted,
  at,
  cloud,
  multiple,
  multipleAll,
  picks,
  rate,
  rating,
  rating10,
  single,
  words,
  yesNo,
} from './polls.fixtures.ts';

describe('tallyBallots and buildResults', () => {
  const ballotsOf = (definition: PollDefinition, choices: BallotChoice[]) =>
    choices.map((choice) => accepted(definition, choice));

  it('single choice: every option in order, zeros included', () => {
    const results = tallyBallots(
      single,
      ballotsOf(single, [picks(B.id), picks(B.id), picks(D.id)]),
      at,
    );
    expect(results).toEqual({
      pollId: single.id,
      voters: 3,
      average: null,
      at: at.toISOString(),
      tally: [
        { key: A.id, label: A.label, count: 0 },
        { key: B.id, label: B.label, count: 2 },
        { key: C.id, label: C.label, count: 0 },
        { key: D.id, label: D.label, count: 1 },
      ],
    });
  });

  it('multiple choice: entries add up to more than the voters (percentages over 100 %)', () => {
    const ballots = ballotsOf(multiple, [picks(A.id, B.id), picks(A.id, C.id), picks(A.id)]);
    const results = tallyBallots(multiple, ballots, at);
    expect(results.voters).toBe(3);
    expect(results.tally.map((entry) => entry.count)).toEqual([3, 1, 1, 0]);
    const percents = results.tally.map((entry) => (100 * entry.count) / results.voters);
    expect(percents[0]).toBe(100);
    expect(percents.reduce((sum, p) => sum + p, 0)).toBeGreaterThan(100);
  });

  it('yes/no: the three options in order', () => {
    const [yes, no, abstain] = yesNo.options;
    const ballots = ballotsOf(yesNo, [picks(yes!.id), picks(yes!.id), picks(abstain!.id)]);
    expect(tallyBallots(yesNo, ballots, at).tally).toEqual([
      { key: yes!.id, label: 'Ano', count: 2 },
      { key: no!.id, label: 'Ne', count: 0 },
      { key: abstain!.id, label: 'Zdržuji se', count: 1 },
    ]);
  });

  it('rating 1–5: every value in order and the average rounded to two places', () => {
    const results = tallyBallots(rating, ballotsOf(rating, [rate(5), rate(4), rate(4)]), at);
    expect(results.tally).toEqual(
      [1, 2, 3, 4, 5].map((v) => ({
        key: String(v),
        label: String(v),
        count: v === 4 ? 2 : v === 5 ? 1 : 0,
      })),
    );
    expect(results.average).toBe(4.33);
    expect(results.voters).toBe(3);
  });

  it('rating 0–10: eleven values, zero counts toward the average', () => {
    const results = tallyBallots(rating10, ballotsOf(rating10, [rate(0), rate(10), rate(5)]), at);
    expect(results.tally.map((entry) => entry.key)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    expect(results.tally.map((entry) => entry.count)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(results.average).toBe(5);
  });

  it('rating with no answers: the whole scale at zero, no average', () => {
    const results = tallyBallots(rating10, [], at);
    expect(results.voters).toBe(0);
    expect(results.average).toBeNull();
    expect(results.tally).toHaveLength(11);
    expect(results.tally.every((entry) => entry.count === 0)).toBe(true);
    expect(tallyBallots(rating, [], at).tally.map((entry) => entry.key)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
  });

  it('word cloud: most frequent first, ties in Czech order, label the commonest spelling', () => {
    const ballots = ballotsOf(cloud, [
      words('hřiště', 'chata'),
      words('Hřiště', 'hrad'),
      words('hřiště'),
      words('Park'),
      words('parku', 'cesta'),
    ]);
    const results = tallyBallots(cloud, ballots, at);
    expect(results.voters).toBe(5);
    expect(results.average).toBeNull();
    expect(results.tally).toEqual([
      { key: 'hrist', label: 'hřiště', count: 3 },
      { key: 'park', label: 'Park', count: 2 }, // a tie of spellings: the first in Czech order
      { key: 'cest', label: 'cesta', count: 1 },
      { key: 'hrad', label: 'hrad', count: 1 },
      { key: 'chat', label: 'chata', count: 1 }, // "ch" comes after "h" in Czech
    ]);
  });

  it('word cloud: one ballot repeating a word counts it once', () => {
    const results = tallyBallots(cloud, ballotsOf(cloud, [words('park', 'Parku', 'PARKEM')]), at);
    expect(results.tally).toEqual([{ key: 'park', label: 'park', count: 1 }]);
  });

  it(`word cloud: at most ${POLL_CLOUD_SIZE} entries, the rarest dropped`, () => {
    const distinct = Array.from({ length: POLL_CLOUD_SIZE + 5 }, (_, i) => `slovo${i}`);
    const ballots = distinct.map((word) => accepted(cloud, words(word)));
    ballots.push(accepted(cloud, words('slovo7')), accepted(cloud, words('slovo7')));
    const results = tallyBallots(cloud, ballots, at);
    expect(results.tally).toHaveLength(POLL_CLOUD_SIZE);
    expect(results.tally[0]).toEqual({ key: 'slovo7', label: 'slovo7', count: 3 });
    expect(results.voters).toBe(POLL_CLOUD_SIZE + 7);
  });

  it('buildResults sums rows of one key from several spellings', () => {
    const results = buildResults(
      cloud,
      {
        voters: 6,
        rows: [
          { key: 'hrist', form: 'Hřiště', count: 2 },
          { key: 'hrist', form: 'hriste', count: 3 },
          { key: 'hrist', form: 'hřiště', count: 1 },
        ],
      },
      at,
    );
    expect(results.tally).toEqual([{ key: 'hrist', label: 'hriste', count: 6 }]);
  });

  it('buildResults ignores counts for options the poll does not have', () => {
    const results = buildResults(
      single,
      {
        voters: 1,
        rows: [
          { key: UNKNOWN, count: 1 },
          { key: A.id, count: 1 },
        ],
      },
      at,
    );
    expect(results.tally.map((entry) => entry.count)).toEqual([1, 0, 0, 0]);
  });
});

describe('tallyBallots (property)', () => {
  const choicePolls = [single, multiple, multipleAll, yesNo];
  // A poll and answers that fit it: 1..max of its options, in any order.
  const pollWithPicks = fc.constantFrom(...choicePolls).chain((definition) => {
    const ids = definition.options.map((o) => o.id);
    const max = definition.kind === 'multiple' ? (definition.maxChoices ?? ids.length) : 1;
    const answer = fc.shuffledSubarray(ids, { minLength: 1, maxLength: max });
    return fc.tuple(fc.constant(definition), fc.array(answer, { maxLength: 40 }));
  });

  it('choice polls: the counts add up to the picks, voters to the ballots', () => {
    fc.assert(
      fc.property(pollWithPicks, ([definition, answers]) => {
        const ballots = answers.map((ids) => accepted(definition, picks(...ids)));
        const results = tallyBallots(definition, ballots, at);
        const picked = answers.reduce((sum, ids) => sum + ids.length, 0);
        expect(results.tally.reduce((sum, entry) => sum + entry.count, 0)).toBe(picked);
        expect(results.voters).toBe(answers.length);
        expect(results.tally.map((entry) => entry.key)).toEqual(
          definition.options.map((o) => o.id),
        );
        for (const entry of results.tally) {
          expect(entry.count).toBe(answers.filter((ids) => ids.includes(entry.key)).length);
        }
      }),
    );
  });

  it('rating polls: the counts add up to the voters, the average stays on the scale', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 50 }), (values) => {
        const ballots = values.map((value) => accepted(rating10, rate(value)));
        const results = tallyBallots(rating10, ballots, at);
        expect(results.tally.reduce((sum, entry) => sum + entry.count, 0)).toBe(values.length);
        expect(results.voters).toBe(values.length);
        if (values.length === 0) expect(results.average).toBeNull();
        else {
          const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
          // Shown to hundredths: within half of one of the mean (8.125 may show as 8.13).
          expect(Math.abs(results.average! - mean)).toBeLessThanOrEqual(0.005 + 1e-9);
        }
      }),
    );
  });

  it('word clouds: each key at most once per ballot, counts add up while under the cap', () => {
    const word = fc.constantFrom(
      'Hřiště',
      'hriste',
      'park',
      'Parku',
      'strom',
      'a',
      'nové hřiště',
      'lavička',
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { minLength: 1, maxLength: 3 }), { maxLength: 30 }),
        (typed) => {
          const ballots = typed.map((entry) => accepted(cloud, words(...entry)));
          for (const ballot of ballots)
            expect(new Set(ballot.wordKeys).size).toBe(ballot.wordKeys.length);
          const results = tallyBallots(cloud, ballots, at);
          const keys = ballots.reduce((sum, ballot) => sum + ballot.wordKeys.length, 0);
          expect(results.tally.reduce((sum, entry) => sum + entry.count, 0)).toBe(keys);
          expect(results.voters).toBe(ballots.length);
          for (const entry of results.tally)
            expect(entry.count).toBeLessThanOrEqual(ballots.length);
        },
      ),
    );
  });
});
