import { describe, expect, it } from 'vitest';
import { excerpt } from './excerpt';

describe('excerpt', () => {
  it('keeps a short answer whole, on one line', () => {
    expect(excerpt('Opravíme ho\n\nv dubnu.', 40)).toBe('Opravíme ho v dubnu.');
  });

  it('cuts a long one after a whole word, without trailing punctuation', () => {
    expect(
      excerpt('Chodník opravíme v dubnu, lavičky v květnu a stromy vysadíme na podzim.', 30),
    ).toBe('Chodník opravíme v dubnu…');
  });

  it('cuts inside a word only when one word fills half the room', () => {
    expect(excerpt('Nejneobhospodařovávatelnějšími pozemky', 20)).toBe('Nejneobhospodařováva…');
  });
});
