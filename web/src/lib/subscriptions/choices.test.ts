import { describe, expect, it } from 'vitest';
import { choicesOf, choicesToSend, emptyChoices } from './choices';

const offered = {
  topics: [{ id: 'traffic' }, { id: 'schools' }],
  neighbourhoods: [{ id: 'centre' }],
};

describe('subscription choices', () => {
  it('a new subscriber hears of everything', () => {
    expect(emptyChoices()).toEqual({
      topicIds: [],
      neighbourhoodIds: [],
      kinds: [],
      notices: { reminders: true, live: true, recording: true, announcements: true },
    });
  });

  it('edits a copy, not the stored choices', () => {
    const stored = {
      email: 'jana@example.cz',
      confirmed: true,
      topicIds: ['traffic'],
      neighbourhoodIds: [],
      kinds: ['hearing' as const],
      notices: { reminders: true, live: false, recording: true, announcements: true },
    };
    const draft = choicesOf(stored);
    draft.topicIds.push('schools');
    draft.notices.live = true;
    expect(stored.topicIds).toEqual(['traffic']);
    expect(stored.notices.live).toBe(false);
  });

  it('drops topics and parts of town that are no longer offered', () => {
    const draft = {
      ...emptyChoices(),
      topicIds: ['traffic', 'removed-topic'],
      neighbourhoodIds: ['removed-part', 'centre'],
      kinds: ['council_meeting' as const],
    };
    expect(choicesToSend(draft, offered)).toEqual({
      ...draft,
      topicIds: ['traffic'],
      neighbourhoodIds: ['centre'],
    });
  });
});
