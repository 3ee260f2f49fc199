import { describe, expect, it } from 'vitest';
import { pageCount, pageHref, pageParam, pickParams, queryString } from './query';

const NAMES = ['q', 'kind', 'page'] as const;

describe('filters in the URL', () => {
  it('keeps the named parameters that have a value', () => {
    const params = new URLSearchParams('q=%20n%C3%A1dra%C5%BE%C3%AD%20&kind=&other=1&page=2');
    expect(pickParams(params, NAMES).toString()).toBe('q=n%C3%A1dra%C5%BE%C3%AD&page=2');
    expect(queryString(pickParams(new URLSearchParams('kind='), NAMES))).toBe('');
  });

  it('links to another page with the same filters', () => {
    const params = new URLSearchParams('q=park&page=3&kind=');
    expect(pageHref('/search', params, NAMES, 4)).toBe('/search?q=park&page=4');
    expect(pageHref('/search', params, NAMES, 1)).toBe('/search?q=park');
  });

  it('reads and counts pages', () => {
    expect(pageParam(new URLSearchParams('page=3'))).toBe(3);
    for (const bad of ['', 'page=0', 'page=-2', 'page=x', 'page=1.5']) {
      expect(pageParam(new URLSearchParams(bad))).toBe(1);
    }
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
  });
});
