import { describe, expect, it } from 'vitest';
import { filterSegments, fold } from './filter';

const segments = [
  { text: 'Parkoviště u nádraží bude mít sto dvacet míst.', speaker: 'Ing. Tomáš Černý' },
  { text: 'Rozpočtové opatření číslo čtyři.', speaker: 'Ing. Petr Svoboda' },
  { text: 'Ptám se na chodník.', speaker: null },
];

describe('the transcript filter', () => {
  it('folds case and diacritics', () => {
    expect(fold('Nádraží ŽLUŤOUČKÝ')).toBe('nadrazi zlutoucky');
  });

  it('matches every word in text or speaker, without diacritics', () => {
    expect(filterSegments(segments, 'nadrazi').map((s) => s.speaker)).toEqual(['Ing. Tomáš Černý']);
    expect(filterSegments(segments, 'tomas mist')).toHaveLength(1);
    expect(filterSegments(segments, 'ING')).toHaveLength(2);
    expect(filterSegments(segments, 'nadrazi svoboda')).toHaveLength(0);
  });

  it('keeps everything for a blank query', () => {
    expect(filterSegments(segments, '  ')).toEqual(segments);
  });
});
