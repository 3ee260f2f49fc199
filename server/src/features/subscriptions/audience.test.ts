import { describe, expect, it } from 'vitest';
import { announcementReaches, sessionReaches, type SubscriberFilter } from './audience.ts';

const PARK = 'p';
const CENTRE = 'c';
const TRAFFIC = 't';
const SCHOOLS = 's';

const subscriber = (extra: Partial<SubscriberFilter> = {}): SubscriberFilter => ({
  topicIds: [],
  neighbourhoodIds: [],
  kinds: [],
  ...extra,
});

describe('sessionReaches', () => {
  it('reaches a subscriber of every kind, or of the session’s kind only', () => {
    const session = { kind: 'consultation' as const, neighbourhoodId: null };
    expect(sessionReaches(subscriber(), session)).toBe(true);
    expect(sessionReaches(subscriber({ kinds: ['consultation', 'hearing'] }), session)).toBe(true);
    expect(sessionReaches(subscriber({ kinds: ['council_meeting'] }), session)).toBe(false);
  });

  it('a session in a part of town reaches those who chose it or no part', () => {
    const session = { kind: 'consultation' as const, neighbourhoodId: PARK };
    expect(sessionReaches(subscriber(), session)).toBe(true);
    expect(sessionReaches(subscriber({ neighbourhoodIds: [PARK, CENTRE] }), session)).toBe(true);
    expect(sessionReaches(subscriber({ neighbourhoodIds: [CENTRE] }), session)).toBe(false);
  });

  it('a session of the whole town reaches every part’s subscribers', () => {
    const session = { kind: 'council_meeting' as const, neighbourhoodId: null };
    expect(sessionReaches(subscriber({ neighbourhoodIds: [CENTRE] }), session)).toBe(true);
  });

  it('never the question board', () => {
    expect(sessionReaches(subscriber(), { kind: 'board', neighbourhoodId: null })).toBe(false);
  });
});

describe('announcementReaches', () => {
  it('an audience of everyone reaches every subscriber', () => {
    const everyone = { topicIds: [], neighbourhoodIds: [] };
    expect(announcementReaches(subscriber(), everyone)).toBe(true);
    expect(
      announcementReaches(subscriber({ topicIds: [SCHOOLS], neighbourhoodIds: [PARK] }), everyone),
    ).toBe(true);
  });

  it('topics × parts of town: both must meet, an empty choice meets all', () => {
    const audience = { topicIds: [TRAFFIC], neighbourhoodIds: [CENTRE] };
    expect(announcementReaches(subscriber(), audience)).toBe(true);
    expect(
      announcementReaches(
        subscriber({ topicIds: [TRAFFIC], neighbourhoodIds: [CENTRE] }),
        audience,
      ),
    ).toBe(true);
    expect(announcementReaches(subscriber({ topicIds: [TRAFFIC, SCHOOLS] }), audience)).toBe(true);
    expect(announcementReaches(subscriber({ topicIds: [SCHOOLS] }), audience)).toBe(false);
    expect(
      announcementReaches(subscriber({ topicIds: [TRAFFIC], neighbourhoodIds: [PARK] }), audience),
    ).toBe(false);
  });

  it('an audience of topics only ignores the parts of town', () => {
    const audience = { topicIds: [TRAFFIC], neighbourhoodIds: [] };
    expect(
      announcementReaches(subscriber({ topicIds: [TRAFFIC], neighbourhoodIds: [PARK] }), audience),
    ).toBe(true);
  });
});
