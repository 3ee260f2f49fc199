import { describe, it, expect } from 'vitest';
import {
  checkBallot,
  pollTransition,
  resultsVisible,
  tidyWord,
  voteDecision,
  wordKey,
  type BallotProblem,
  type PollDefinition,
} from './polls.ts';
import {
  POLL_STATUSES,
  POLL_VISIBILITIES,
  type BallotChoice,
  type PollControlAction,
  type PollStatus,
} from '../protocol/polls.ts';
import {
  A,
  B,
  C,
  D,
  UNKNOWN,
  accepted,
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

describe('checkBallot accepts', () => {
  it('one option of a single-choice poll, stored as an option id only', () => {
    expect(accepted(single, picks(C.id))).toEqual({
      optionIds: [C.id],
      rating: null,
      words: [],
      wordKeys: [],
    });
  });

  it('one of the three yes/no options', () => {
    expect(yesNo.options.map((o) => o.label)).toEqual(['Ano', 'Ne', 'Zdržuji se']);
    expect(accepted(yesNo, picks(yesNo.options[2]!.id)).optionIds).toEqual([yesNo.options[2]!.id]);
  });

  it('several options up to maxChoices, in the poll’s order whatever order they came in', () => {
    expect(accepted(multiple, picks(C.id, A.id)).optionIds).toEqual([A.id, C.id]);
    expect(accepted(multipleAll, picks(D.id, B.id, A.id, C.id)).optionIds).toEqual([
      A.id,
      B.id,
      C.id,
      D.id,
    ]);
  });

  it('ratings at both ends of each scale', () => {
    expect(accepted(rating, rate(1)).rating).toBe(1);
    expect(accepted(rating, rate(5)).rating).toBe(5);
    expect(accepted(rating10, rate(0)).rating).toBe(0);
    expect(accepted(rating10, rate(10)).rating).toBe(10);
    expect(accepted(rating10, rate(7))).toEqual({
      optionIds: [],
      rating: 7,
      words: [],
      wordKeys: [],
    });
  });

  it('words, tidied, with their keys', () => {
    expect(accepted(cloud, words('  nové   hřiště ', 'Park'))).toEqual({
      optionIds: [],
      rating: null,
      words: ['nové hřiště', 'Park'],
      wordKeys: ['nov hrist', 'park'],
    });
  });

  it('counts one person’s repeated word once, keeping the first spelling', () => {
    expect(accepted(cloud, words('Hřiště', 'hriste', 'HŘIŠTĚM'))).toEqual({
      optionIds: [],
      rating: null,
      words: ['Hřiště'],
      wordKeys: ['hrist'],
    });
    expect(accepted(cloud, words('park', 'Lavičky', 'parku')).words).toEqual(['park', 'Lavičky']);
  });

  it('drops entries with no letters among others that have some', () => {
    expect(accepted(cloud, words('!!!', 'Strom')).wordKeys).toEqual(['strom']);
  });
});

describe('checkBallot refuses', () => {
  const cases: [string, PollDefinition, BallotChoice, BallotProblem][] = [
    ['a rating on a single-choice poll', single, rate(3), 'wrong_kind'],
    ['words on a single-choice poll', single, words('park'), 'wrong_kind'],
    ['a rating on a multiple-choice poll', multiple, rate(3), 'wrong_kind'],
    ['words on a yes/no poll', yesNo, words('ano'), 'wrong_kind'],
    ['options on a rating poll', rating, picks(A.id), 'wrong_kind'],
    ['words on a rating poll', rating, words('5'), 'wrong_kind'],
    ['options on a word cloud', cloud, picks(A.id), 'wrong_kind'],
    ['a rating on a word cloud', cloud, rate(3), 'wrong_kind'],
    ['an unknown option on a single-choice poll', single, picks(UNKNOWN), 'unknown_option'],
    ['an unknown option among known ones', multiple, picks(A.id, UNKNOWN), 'unknown_option'],
    ['another poll’s option on a yes/no poll', yesNo, picks(A.id), 'unknown_option'],
    ['a repeated option on a multiple-choice poll', multiple, picks(A.id, A.id), 'repeated_option'],
    ['a repeated option on a single-choice poll', single, picks(B.id, B.id), 'repeated_option'],
    ['two options on a single-choice poll', single, picks(A.id, B.id), 'one_option_only'],
    [
      'two options on a yes/no poll',
      yesNo,
      picks(yesNo.options[0]!.id, yesNo.options[1]!.id),
      'one_option_only',
    ],
    ['more than maxChoices', multiple, picks(A.id, B.id, C.id), 'too_many_options'],
    ['below a 1–5 scale', rating, rate(0), 'out_of_scale'],
    ['above a 1–5 scale', rating, rate(6), 'out_of_scale'],
    ['above a 0–10 scale', rating10, rate(11), 'out_of_scale'],
    ['below a 0–10 scale', rating10, rate(-1), 'out_of_scale'],
    ['words of punctuation only', cloud, words('!!!', '...'), 'empty_words'],
    ['words of whitespace only', cloud, words('   ', '\t\n'), 'empty_words'],
  ];
  it.each(cases)('%s', (_name, definition, choice, problem) => {
    expect(checkBallot(definition, choice)).toEqual({ ok: false, problem });
  });
});

describe('wordKey', () => {
  const sameKey = (spellings: string[]) => new Set(spellings.map(wordKey));
  it('merges case, diacritics and Czech forms of one word', () => {
    expect(sameKey(['Hřiště', 'hriste', 'hřištěm', 'HŘIŠTĚ'])).toEqual(new Set(['hrist']));
    expect(sameKey(['Park', 'parku', 'parkem', 'PARK'])).toEqual(new Set(['park']));
  });

  it('merges phrases with and without diacritics, and tidies their whitespace', () => {
    expect(sameKey(['nové hřiště', 'nove hriste', '  Nové\t hřiště  '])).toEqual(
      new Set(['nov hrist']),
    );
  });

  it('keeps different words apart', () => {
    expect(wordKey('park')).not.toBe(wordKey('hřiště'));
    expect(wordKey('nové hřiště')).not.toBe(wordKey('hřiště'));
  });

  it('drops function words beside content words', () => {
    expect(wordKey('v parku')).toBe(wordKey('park'));
  });

  it('keeps a lone function word as a key', () => {
    expect(wordKey('a')).toBe('a');
    expect(wordKey('A')).toBe('a');
    expect(accepted(cloud, words('a')).wordKeys).toEqual(['a']);
  });

  it('has no key for text without letters or digits', () => {
    expect(wordKey('!!!')).toBe('');
    expect(wordKey('   ')).toBe('');
    expect(wordKey('123')).toBe('123');
  });

  it('tidyWord collapses inner whitespace and trims', () => {
    expect(tidyWord('  nové \n\t hřiště  ')).toBe('nové hřiště');
  });
});

describe('voteDecision', () => {
  it.each([
    [false, false, 'insert'],
    [false, true, 'insert'],
    [true, true, 'replace'],
    [true, false, 'refuse'],
  ] as const)('voted already: %s, change allowed: %s → %s', (voted, allowChange, decision) => {
    expect(voteDecision(voted, allowChange)).toBe(decision);
  });
});

describe('pollTransition', () => {
  const expected: Record<PollStatus, Record<PollControlAction, PollStatus | null>> = {
    draft: { launch: 'open', close: null },
    open: { launch: null, close: 'closed' },
    closed: { launch: null, close: null },
  };
  for (const status of POLL_STATUSES) {
    for (const action of ['launch', 'close'] as const) {
      it(`${status} + ${action} → ${expected[status][action]}`, () => {
        expect(pollTransition(status, action)).toBe(expected[status][action]);
      });
    }
  }
});

describe('resultsVisible', () => {
  // For citizens: [status][visibility]
  const citizens: Record<PollStatus, Record<(typeof POLL_VISIBILITIES)[number], boolean>> = {
    draft: { live: false, after_close: false, hidden: false },
    open: { live: true, after_close: false, hidden: false },
    closed: { live: true, after_close: true, hidden: false },
  };
  for (const status of POLL_STATUSES) {
    for (const resultsVisibility of POLL_VISIBILITIES) {
      it(`${status}, ${resultsVisibility}: citizens ${citizens[status][resultsVisibility]}, staff true`, () => {
        expect(resultsVisible({ status, resultsVisibility }, false)).toBe(
          citizens[status][resultsVisibility],
        );
        expect(resultsVisible({ status, resultsVisibility }, true)).toBe(true);
      });
    }
  }
});
