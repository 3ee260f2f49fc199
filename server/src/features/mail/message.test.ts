import { describe, expect, it } from 'vitest';
import { mailMessageSchema } from './message.ts';

const valid = {
  to: 'jana.novakova@example.cz',
  subject: 'Připomínka: zasedání zastupitelstva',
  text: 'Dobrý den, zítra v 17:00 začíná zasedání.',
  dedupeKey: 'session.reminder:1:2',
};

const problems = (input: unknown) => {
  const result = mailMessageSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('mailMessageSchema', () => {
  it('accepts a message with unsubscribe headers and an ICS attachment', () => {
    const parsed = mailMessageSchema.parse({
      ...valid,
      kind: 'session.reminder',
      headers: {
        'List-Unsubscribe': '<https://lhota.cz/odhlasit/abc>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      attachments: [
        {
          filename: 'zasedani.ics',
          contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
        },
      ],
    });
    expect(parsed.headers['List-Unsubscribe']).toBe('<https://lhota.cz/odhlasit/abc>');
    expect(mailMessageSchema.parse(valid)).toMatchObject({ headers: {}, attachments: [] });
  });

  it('refuses line breaks where they would start headers of their own', () => {
    expect(problems({ ...valid, subject: 'Ahoj\r\nBcc: all@example.cz' })).toEqual(['subject']);
    expect(problems({ ...valid, headers: { 'X-Note': 'a\nBcc: x@example.cz' } })).toEqual([
      'headers.X-Note',
    ]);
    expect(
      problems({
        ...valid,
        attachments: [{ filename: 'a\r\n.ics', contentType: 'text/calendar', content: '' }],
      }),
    ).toEqual(['attachments.0.filename']);
  });

  it('keeps the headers the sender sets out of a feature’s hands', () => {
    for (const name of ['From', 'bcc', 'Message-ID', 'Content-Type', 'Subject']) {
      expect(problems({ ...valid, headers: { [name]: 'x' } })).toEqual([`headers.${name}`]);
    }
    expect(problems({ ...valid, headers: { 'Bad Name': 'x' } })).toEqual(['headers.Bad Name']);
  });

  it('needs one valid recipient, a subject, a text and a dedupe key', () => {
    expect(problems({ ...valid, to: 'not an address' })).toEqual(['to']);
    expect(problems({ ...valid, to: 'a@example.cz, b@example.cz' })).toEqual(['to']);
    expect(problems({ ...valid, subject: '', text: '', dedupeKey: '' }).sort()).toEqual([
      'dedupeKey',
      'subject',
      'text',
    ]);
  });
});
