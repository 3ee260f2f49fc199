import { describe, expect, it } from 'vitest';
import { groupByDay, namesOf } from './schedule';

describe('groupByDay', () => {
  it('puts consecutive items of one day together, in the given order', () => {
    const items = [
      { id: 'a', day: '2026-12-07' },
      { id: 'b', day: '2026-12-07' },
      { id: 'c', day: '2026-12-08' },
    ];
    expect(groupByDay(items, (item) => item.day)).toEqual([
      { day: '2026-12-07', items: [items[0], items[1]] },
      { day: '2026-12-08', items: [items[2]] },
    ]);
  });

  it('keeps a newest-first history newest first', () => {
    const days = groupByDay(['2026-12-08', '2026-12-07', '2026-12-07'], (day) => day);
    expect(days.map((d) => [d.day, d.items.length])).toEqual([
      ['2026-12-08', 1],
      ['2026-12-07', 2],
    ]);
  });

  it('has no days without items', () => {
    expect(groupByDay([], () => '')).toEqual([]);
  });
});

describe('namesOf', () => {
  const topics = [
    { id: 't1', name: 'Doprava' },
    { id: 't2', name: 'Školství' },
    { id: 't3', name: 'Zeleň' },
  ];

  it('names the chosen ones in the taxonomy’s order', () => {
    expect(namesOf(['t3', 't1'], topics, '?')).toEqual(['Doprava', 'Zeleň']);
  });

  it('says once that some were removed from the taxonomy', () => {
    expect(namesOf(['t2', 'x', 'y'], topics, '(odebráno)')).toEqual(['Školství', '(odebráno)']);
  });

  it('names nothing for nothing chosen', () => {
    expect(namesOf([], topics, '?')).toEqual([]);
  });
});
