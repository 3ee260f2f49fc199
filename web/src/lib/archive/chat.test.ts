import { describe, expect, it } from 'vitest';
import { chatStarts, writtenBy } from './chat';

const chat = chatStarts([
  { atMs: null },
  { atMs: 0 },
  { atMs: 5_000 },
  { atMs: 5_000 },
  { atMs: 61_000 },
]);

describe('the chat at a moment of the replay', () => {
  it('holds what was written by then, including before the recording began', () => {
    expect(writtenBy(chat, 0)).toBe(2);
    expect(writtenBy(chat, 4_999)).toBe(2);
    expect(writtenBy(chat, 5_000)).toBe(4);
    expect(writtenBy(chat, 60_999)).toBe(4);
    expect(writtenBy(chat, 3_600_000)).toBe(5);
  });

  it('is empty for an empty chat', () => {
    expect(writtenBy([], 10_000)).toBe(0);
  });
});
