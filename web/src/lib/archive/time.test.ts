import { describe, expect, it } from 'vitest';
import { formatSeconds, isoSeconds, momentHref, parseTime } from './time';

describe('moments', () => {
  it('formats seconds as a clock', () => {
    expect([0, 27, 65, 3723].map(formatSeconds)).toEqual(['0:00', '0:27', '1:05', '1:02:03']);
    expect(isoSeconds(27)).toBe('PT27S');
  });

  it('reads ?t= as seconds, clock or units', () => {
    expect(parseTime('27')).toBe(27);
    expect(parseTime(' 27.5 ')).toBe(27.5);
    expect(parseTime('1:05')).toBe(65);
    expect(parseTime('1:02:03')).toBe(3723);
    expect(parseTime('1h2m3s')).toBe(3723);
    expect(parseTime('2m')).toBe(120);
    expect(parseTime('90s')).toBe(90);
    expect(parseTime('0')).toBe(0);
  });

  it('ignores what is not a moment', () => {
    for (const bad of [null, undefined, '', '  ', '-5', 'abc', '1:75', '1::2', 'h', '12e3']) {
      expect(parseTime(bad), String(bad)).toBeNull();
    }
  });

  it('links to a moment in whole seconds', () => {
    expect(momentHref('/archive/x', 27.9)).toBe('/archive/x?t=27');
    expect(momentHref('/archive/x', null)).toBe('/archive/x');
    expect(momentHref('/archive/x', -3)).toBe('/archive/x?t=0');
  });
});
