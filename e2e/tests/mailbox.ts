// Reading the e2e run's mailbox (mailbox/global-setup.ts): the messages an address received,
// parsed, and the links in them as paths on the app under test.
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { MAILBOX } from '../mailbox/where.ts';

export interface ReceivedMail {
  recipients: string[];
  mail: ParsedMail;
}

async function readMailbox(): Promise<ReceivedMail[]> {
  const files = readdirSync(MAILBOX.dir)
    .filter((f) => f.endsWith('.eml'))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const raw = readFileSync(`${MAILBOX.dir}/${file}`);
      const mail = await simpleParser(raw);
      const rcpt = mail.headers.get('x-rcpt-to');
      return { recipients: String(rcpt ?? '').split(','), mail };
    }),
  );
}

/** The first `count` messages to `address`, waiting for them to arrive. */
export async function mailsTo(address: string, count = 1): Promise<ParsedMail[]> {
  let mails: ParsedMail[] = [];
  await expect
    .poll(
      async () => {
        mails = (await readMailbox())
          .filter((r) => r.recipients.includes(address))
          .map((r) => r.mail);
        return mails.length;
      },
      { message: `e-mail to ${address}`, timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(count);
  return mails.slice(0, count);
}

/** The path and query of the first link in the message's text that contains `part`. */
export function linkIn(mail: ParsedMail, part: string): string {
  const url = mail.text?.match(new RegExp(`https?://[^\\s<>]*${part}[^\\s<>]*`))?.[0];
  expect(url, mail.text).toBeTruthy();
  const parsed = new URL(url!);
  return parsed.pathname + parsed.search;
}

/** The path and query of the message's List-Unsubscribe link (what a mail client offers). */
export function unsubscribeLinkIn(mail: ParsedMail): string {
  const line = mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
  const url = line.match(/<(https?:\/\/[^>]+)>/)?.[1];
  expect(url, line).toBeTruthy();
  const parsed = new URL(url!);
  return parsed.pathname + parsed.search;
}
