// The editable shape of an announcement in the admin form, and its conversions to and from the API.
import type { AnnouncementDto, AnnouncementInput } from '@namesti/server/protocol';
import { toLocalInputValue } from '$lib/format';

export interface AnnouncementDraft {
  subject: string;
  text: string;
  /** Empty: every topic. */
  topicIds: string[];
  /** Empty: the whole town. */
  neighbourhoodIds: string[];
  /** Town wall-clock time for `<input type="datetime-local">`; '' = send now. */
  sendAt: string;
}

const HOUR = 3_600_000;

/** A new one, planned for the next full hour but one: time to read it over before it goes. */
export function emptyDraft(now = new Date()): AnnouncementDraft {
  const at = new Date(Math.ceil(now.getTime() / HOUR) * HOUR + HOUR);
  return {
    subject: '',
    text: '',
    topicIds: [],
    neighbourhoodIds: [],
    sendAt: toLocalInputValue(at),
  };
}

export function draftFrom(announcement: AnnouncementDto): AnnouncementDraft {
  return {
    subject: announcement.subject,
    text: announcement.text,
    topicIds: [...announcement.topicIds],
    neighbourhoodIds: [...announcement.neighbourhoodIds],
    sendAt: toLocalInputValue(announcement.sendAt),
  };
}

/** The body of POST and PATCH: the whole draft, an empty time meaning "now". */
export function inputOf(draft: AnnouncementDraft): AnnouncementInput {
  return {
    subject: draft.subject,
    text: draft.text,
    topicIds: draft.topicIds,
    neighbourhoodIds: draft.neighbourhoodIds,
    sendAt: draft.sendAt || null,
  };
}
