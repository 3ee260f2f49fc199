import { describe, expect, it } from 'vitest';
import { keepCorrections } from './transcript-merge.ts';

const seg = (startMs: number, endMs: number, text: string) => ({
  startMs,
  endMs,
  text,
  speaker: null,
});

describe('keepCorrections', () => {
  it('takes the new transcript as it is when nothing was corrected', () => {
    const fresh = [seg(0, 1000, 'Dobrý den.'), seg(1000, 2000, 'Začínáme.')];
    expect(keepCorrections(fresh, [])).toEqual(
      fresh.map((s) => ({ ...s, officialId: null, edited: false })),
    );
  });

  it('keeps a corrected sentence and drops the new ones over its time', () => {
    const fresh = [
      seg(0, 1000, 'Dobrý den.'),
      seg(1000, 2500, 'Bot jedna, rozpočet.'),
      seg(2500, 4000, 'Hlasujeme.'),
    ];
    const corrected = [
      { ...seg(900, 2600, 'Bod jedna: rozpočet.'), speaker: 'Starosta', officialId: 'o1' },
    ];
    const merged = keepCorrections(fresh, corrected);
    expect(merged.map((s) => s.text)).toEqual(['Bod jedna: rozpočet.']);
    expect(merged[0]).toMatchObject({ edited: true, officialId: 'o1', speaker: 'Starosta' });
  });

  it('keeps neighbours that only touch a corrected sentence, in time order', () => {
    const fresh = [seg(0, 1000, 'A.'), seg(1000, 2000, 'B.'), seg(2000, 3000, 'C.')];
    const corrected = [{ ...seg(1000, 2000, 'Bé.'), officialId: null }];
    expect(keepCorrections(fresh, corrected).map((s) => [s.text, s.edited])).toEqual([
      ['A.', false],
      ['Bé.', true],
      ['C.', false],
    ]);
  });
});
