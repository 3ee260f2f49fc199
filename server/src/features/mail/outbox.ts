// Storing an e-mail to send. Called inside the caller's transaction, so a notice exists exactly
// when the thing it announces does; the sender (sender.ts) picks it up after the commit.
import type { Prisma } from '../../db/database.ts';
import type { OutboxMessage } from '../../generated/prisma/client.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { mailMessageSchema, type MailMessage } from './message.ts';

/** The root client or a transaction's. */
export type MailDb = Pick<Prisma, 'outboxMessage'>;

export interface EnqueueOptions {
  /** The right-hand side of the Message-ID: the sender's domain (mailFrom().domain). */
  messageIdDomain: string;
}

/**
 * Stores `message` as queued and returns its row. The same `dedupeKey` again returns the stored
 * row (whatever its status) and stores nothing: the notice is sent once.
 * Throws (a bug in the caller) when the message is malformed.
 */
export async function enqueueMail(
  db: MailDb,
  message: MailMessage,
  { messageIdDomain }: EnqueueOptions,
): Promise<OutboxMessage> {
  const mail = mailMessageSchema.parse(message);
  const id = uuidv7();
  // ON CONFLICT DO NOTHING, not a caught unique violation: that would abort the caller's
  // transaction. A concurrent enqueue of the same key waits here for the other to commit.
  await db.outboxMessage.createMany({
    data: [
      {
        id,
        kind: mail.kind ?? null,
        recipient: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? null,
        headers: mail.headers,
        attachments: mail.attachments,
        dedupeKey: mail.dedupeKey,
        // Fixed now: a resend after a crash mid-send is recognisably the same message.
        messageId: `<${id}@${messageIdDomain}>`,
      },
    ],
    skipDuplicates: true,
  });
  return db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: mail.dedupeKey } });
}
