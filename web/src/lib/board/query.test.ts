import { describe, expect, it } from 'vitest';
import { boardApiQuery, boardFilters, isFiltered } from './query';

const id = '01a23f8d-bb68-717c-93b0-178e5bf6b486';

describe('board query', () => {
  it('reads the filters, with support as the default sort', () => {
    const filters = boardFilters(new URLSearchParams(`topic=${id}&state=answered`));
    expect(filters).toEqual({
      topic: id,
      neighbourhood: '',
      department: '',
      state: 'answered',
      sort: 'support',
    });
    expect(isFiltered(filters)).toBe(true);
    expect(isFiltered(boardFilters(new URLSearchParams('sort=newest')))).toBe(false);
  });

  it('asks the API only what it understands', () => {
    const query = boardApiQuery(
      new URLSearchParams(`topic=${id}&neighbourhood=nope&state=maybe&sort=newest&page=3&x=1`),
    );
    expect(query.toString()).toBe(`topic=${id}&sort=newest&page=3`);
    expect(boardApiQuery(new URLSearchParams('page=0&sort=support')).toString()).toBe('');
  });
});
