// The calendar file a reminder carries: one event, METHOD:PUBLISH (an entry to add, not a
// meeting invitation to answer). Built with ical-generator like the site's calendar feed
// (sessions/calendar.ts), which folds long lines and escapes text; the event has the same UID
// as the feed's, so a calendar that has both keeps one entry.
import ical, { ICalCalendarMethod } from 'ical-generator';

export interface InviteSession {
  id: string;
  title: string;
  description: string;
  locality: string;
  scheduledStart: Date;
  scheduledEnd: Date;
}

export interface InviteOptions {
  /** The session's public page. */
  url: string;
  /** The site's host, the right-hand side of the UID (as in the feed). */
  host: string;
  /** DTSTAMP: when the file was made (the reminder's sweep). */
  stamp: Date;
  townName: string;
}

export const INVITE_CONTENT_TYPE = 'text/calendar; charset=utf-8; method=PUBLISH';

export function sessionInvite(session: InviteSession, options: InviteOptions): string {
  const calendar = ical({
    name: options.townName,
    prodId: { company: 'Namesti', product: 'namesti', language: 'CS' },
    method: ICalCalendarMethod.PUBLISH,
  });
  calendar.createEvent({
    id: `${session.id}@${options.host}`,
    stamp: options.stamp,
    start: session.scheduledStart,
    end: session.scheduledEnd,
    summary: session.title,
    description: [session.description, options.url].filter(Boolean).join('\n\n'),
    location: session.locality || null,
    url: options.url,
  });
  return calendar.toString();
}
