import { describe, expect, it } from 'vitest';
import { mailMessageSchema } from '../mail/message.ts';
import { createLetters } from './letters.ts';

const letters = createLetters({
  publicUrl: 'https://namesti.lhota.cz',
  townName: 'Město Lhota',
  timeZone: 'Europe/Prague',
});
const to = { subscriptionId: 'sub-1', email: 'jana@example.cz', token: 'secret-token' };
const session = {
  id: 'session-1',
  kind: 'consultation' as const,
  title: 'Park u nádraží',
  description: '',
  locality: 'Sokolovna',
  scheduledStart: new Date('2026-12-07T16:00:00Z'),
  scheduledEnd: new Date('2026-12-07T17:30:00Z'),
};
const reminder = (moved = false) =>
  letters.reminder(to, session, 'reminder_24h', {
    moved,
    stamp: new Date('2026-12-06T16:00:00Z'),
    host: 'namesti.lhota.cz',
  });

describe('letters', () => {
  it('the confirmation has the link and nothing to manage yet', () => {
    const mail = letters.confirm(to, 'a1');
    expect(mail.text).toContain(
      'https://namesti.lhota.cz/api/subscriptions/confirm?token=secret-token',
    );
    expect(mail.text).not.toContain('/odber/sprava');
    expect(mail.dedupeKey).toBe('subscription.confirm:sub-1:a1');
    expect(mailMessageSchema.safeParse(mail).success).toBe(true);
  });

  it('every later e-mail has one-click unsubscribe, and the manage and unsubscribe links', () => {
    for (const mail of [
      reminder(),
      letters.live(to, session, session.scheduledStart),
      letters.recording(to, session, true),
      letters.announcement(to, { id: 'a-1', subject: 'Uzavírka', text: 'Zítra je zavřeno.' }),
    ]) {
      expect(mail.headers).toEqual({
        'List-Unsubscribe': '<https://namesti.lhota.cz/api/subscriptions/stop?token=secret-token>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      });
      expect(mail.text).toContain(
        'Změnit odběr nebo ho smazat (change or delete your subscription): ' +
          'https://namesti.lhota.cz/odber/sprava?token=secret-token',
      );
      expect(mail.text).toContain(
        'Odhlásit se (unsubscribe): https://namesti.lhota.cz/api/subscriptions/stop?token=secret-token',
      );
      expect(mailMessageSchema.safeParse(mail).success).toBe(true);
    }
  });

  it('a reminder says when in the town’s time, links the page and carries the invitation', () => {
    const mail = reminder();
    expect(mail.subject).toBe('Připomínka: Park u nádraží');
    expect(mail.text).toContain('pondělí 7. prosince 2026 v 17:00');
    expect(mail.text).toContain('https://namesti.lhota.cz/sessions/session-1');
    expect(mail.text).toContain('Místo: Sokolovna');
    expect(mail.attachments?.[0]).toMatchObject({
      filename: 'pozvanka.ics',
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    });
    // The start is part of the key: a moved session is reminded again, with the new time.
    expect(mail.dedupeKey).toBe(
      `session.reminder24:session-1:sub-1:${Date.parse('2026-12-07T16:00:00Z')}`,
    );
    expect(reminder(true).subject).toBe('Změna času: Park u nádraží');
  });

  it('the recording notice mentions the transcript only when there is one', () => {
    expect(letters.recording(to, session, true).text).toContain('má záznam i přepis');
    expect(letters.recording(to, session, false).text).not.toContain('přepis');
    expect(letters.recording(to, session, false).text).toContain(
      'https://namesti.lhota.cz/archive/session-1',
    );
  });
});
