// Who hears of what. An empty list in a subscription means "all": a resident who named no part
// of town hears of every part, one who named no kinds hears of every kind.
// - Sessions: the kind must be one the resident chose. A session tied to a part of town reaches
//   those who chose that part; a session tied to none (a council meeting is about the whole
//   town) reaches everyone who chose its kind, whatever parts of town they named.
// - Announcements: each of the audience's lists that is not empty must meet the resident's
//   (or the resident's is empty). An audience with both lists empty reaches every subscriber.
// The predicates below are the rules; the `where` builders say the same to the database (the
// integration tests check that both agree).
import type { Prisma } from '../../generated/prisma/client.ts';
import type { SchedulableKind } from '../../protocol/enums.ts';
import type { AnnouncementAudience } from '../../protocol/subscriptions.ts';

export interface SubscriberFilter {
  topicIds: readonly string[];
  neighbourhoodIds: readonly string[];
  kinds: readonly string[];
}

export interface NoticeSession {
  kind: SchedulableKind | 'board';
  neighbourhoodId: string | null;
}

const anyOf = (chosen: readonly string[], value: string) =>
  chosen.length === 0 || chosen.includes(value);
const meets = (audience: readonly string[], chosen: readonly string[]) =>
  audience.length === 0 || chosen.length === 0 || audience.some((id) => chosen.includes(id));

export function sessionReaches(subscriber: SubscriberFilter, session: NoticeSession): boolean {
  if (session.kind === 'board') return false;
  if (!anyOf(subscriber.kinds, session.kind)) return false;
  return (
    session.neighbourhoodId === null || anyOf(subscriber.neighbourhoodIds, session.neighbourhoodId)
  );
}

export function announcementReaches(
  subscriber: SubscriberFilter,
  audience: AnnouncementAudience,
): boolean {
  return (
    meets(audience.topicIds, subscriber.topicIds) &&
    meets(audience.neighbourhoodIds, subscriber.neighbourhoodIds)
  );
}

type Where = Prisma.SubscriptionWhereInput;
export type NoticeChoice = 'wantsReminders' | 'wantsLive' | 'wantsRecording';

/** Confirmed subscribers who want `choice` about `session`. */
export function sessionAudienceWhere(session: NoticeSession, choice: NoticeChoice): Where {
  if (session.kind === 'board') return { id: { in: [] } };
  const kind = session.kind;
  return {
    confirmedAt: { not: null },
    [choice]: true,
    AND: [
      { OR: [{ kinds: { isEmpty: true } }, { kinds: { has: kind } }] },
      session.neighbourhoodId === null
        ? {}
        : {
            OR: [
              { neighbourhoodIds: { isEmpty: true } },
              { neighbourhoodIds: { has: session.neighbourhoodId } },
            ],
          },
    ],
  };
}

const meetsWhere = (field: 'topicIds' | 'neighbourhoodIds', audience: string[]): Where =>
  audience.length === 0
    ? {}
    : { OR: [{ [field]: { isEmpty: true } }, { [field]: { hasSome: audience } }] };

/** Confirmed subscribers who want announcements and whom `audience` reaches. */
export function announcementAudienceWhere(audience: AnnouncementAudience): Where {
  return {
    confirmedAt: { not: null },
    wantsAnnouncements: true,
    AND: [
      meetsWhere('topicIds', audience.topicIds),
      meetsWhere('neighbourhoodIds', audience.neighbourhoodIds),
    ],
  };
}
