// iCalendar for "add to calendar" and a subscribable feed; every event links to its page.
import ical, { ICalEventStatus } from 'ical-generator';
import type { SessionStatus } from '../../protocol/enums.ts';

export interface CalendarSession {
  id: string;
  title: string;
  description: string;
  locality: string;
  status: SessionStatus;
  scheduledStart: Date;
  scheduledEnd: Date;
  updatedAt: Date;
}

export function buildCalendar(
  sessions: CalendarSession[],
  options: { townName: string; baseUrl: string; host: string },
): string {
  const calendar = ical({
    name: `${options.townName} — Náměstí`,
    prodId: { company: 'Namesti', product: 'namesti', language: 'CS' },
    ttl: 3600,
  });
  for (const session of sessions) {
    const url = `${options.baseUrl}/sessions/${session.id}`;
    calendar.createEvent({
      id: `${session.id}@${options.host}`,
      start: session.scheduledStart,
      end: session.scheduledEnd,
      summary: session.title,
      description: [session.description, url].filter(Boolean).join('\n\n'),
      location: session.locality || null,
      url,
      lastModified: session.updatedAt,
      status:
        session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
