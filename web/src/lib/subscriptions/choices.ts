// A resident's choices as the subscribe and manage forms edit them, and what they send.
import type {
  SchedulableKind,
  SubscriptionDto,
  SubscriptionNotice,
} from '@namesti/server/protocol';

export interface ChoicesDraft {
  topicIds: string[];
  neighbourhoodIds: string[];
  kinds: SchedulableKind[];
  notices: Record<SubscriptionNotice, boolean>;
}

/** What the form offers: the board's topics and parts of town. */
export interface Offered {
  topics: { id: string }[];
  neighbourhoods: { id: string }[];
}

/** A new subscriber: everything (an empty list means all), every kind of e-mail. */
export function emptyChoices(): ChoicesDraft {
  return {
    topicIds: [],
    neighbourhoodIds: [],
    kinds: [],
    notices: { reminders: true, live: true, recording: true, announcements: true },
  };
}

/** A copy of the stored choices, for the manage form to edit. */
export function choicesOf(subscription: SubscriptionDto): ChoicesDraft {
  return {
    topicIds: [...subscription.topicIds],
    neighbourhoodIds: [...subscription.neighbourhoodIds],
    kinds: [...subscription.kinds],
    notices: { ...subscription.notices },
  };
}

/**
 * The choices to send. A topic or part of town the town has since removed has no checkbox, so
 * it is dropped rather than kept unseen (it would narrow what the resident hears about).
 */
export function choicesToSend(draft: ChoicesDraft, offered: Offered): ChoicesDraft {
  const topics = new Set(offered.topics.map((t) => t.id));
  const parts = new Set(offered.neighbourhoods.map((n) => n.id));
  return {
    topicIds: draft.topicIds.filter((id) => topics.has(id)),
    neighbourhoodIds: draft.neighbourhoodIds.filter((id) => parts.has(id)),
    kinds: [...draft.kinds],
    notices: { ...draft.notices },
  };
}
