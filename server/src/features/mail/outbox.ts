// Storing an e-mail to send. Called inside the caller's transaction, so a notice exists exactly
// when the thing it announces does; the sender (sender.ts) picks it up after the commit.
import type { Prisma } from '../../db/database.ts';
import type { OutboxMessage } from '../../generated/prisma/client.ts';
import { uuidv7 } from '../../lib/ids.ts';
import { mailMessageSchema, type MailMessage } from './message.ts';

/** The root client or a transaction's. */
export type MailDb = Pick<Prisma, 'outboxMessage'>;

/** The same, for a batch (raw SQL). */
export type MailBatchDb = Pick<Prisma, '$executeRaw'>;

/** Messages per INSERT of a batch: a few MB of parameters at most (a reminder carries an ICS). */
const BATCH_CHUNK = 1_000;

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

/**
 * Stores many messages as queued, BATCH_CHUNK per INSERT … SELECT FROM unnest(…), as
 * `enqueueMail` would one by one: a dedupeKey already stored (or twice in `messages`) stores
 * nothing. A town-wide notice is thousands of messages in one transaction; one round trip each
 * outlasted it. Returns how many were stored. Throws (a bug in the caller) on a malformed one.
 */
export async function enqueueMails(
  db: MailBatchDb,
  messages: readonly MailMessage[],
  { messageIdDomain }: EnqueueOptions,
): Promise<number> {
  const mails = messages.map((message) => mailMessageSchema.parse(message));
  let stored = 0;
  for (let i = 0; i < mails.length; i += BATCH_CHUNK) {
    const chunk = mails.slice(i, i + BATCH_CHUNK);
    const ids = chunk.map(() => uuidv7());
    // Text arrays cast per element: PGlite binds them as PostgreSQL does.
    stored += await db.$executeRaw`
      INSERT INTO outbox_messages (id, kind, recipient, subject, text, html, headers, attachments,
                                   dedupe_key, message_id, updated_at)
      SELECT m.id::uuid, m.kind, m.recipient, m.subject, m.text, m.html, m.headers::jsonb,
             m.attachments::jsonb, m.dedupe_key, m.message_id, now()
      FROM unnest(
        ${ids}::text[],
        ${chunk.map((m) => m.kind ?? null)}::text[],
        ${chunk.map((m) => m.to)}::text[],
        ${chunk.map((m) => m.subject)}::text[],
        ${chunk.map((m) => m.text)}::text[],
        ${chunk.map((m) => m.html ?? null)}::text[],
        ${chunk.map((m) => JSON.stringify(m.headers))}::text[],
        ${chunk.map((m) => JSON.stringify(m.attachments))}::text[],
        ${chunk.map((m) => m.dedupeKey)}::text[],
        ${ids.map((id) => `<${id}@${messageIdDomain}>`)}::text[]
      ) AS m(id, kind, recipient, subject, text, html, headers, attachments, dedupe_key, message_id)
      ON CONFLICT DO NOTHING`;
  }
  return stored;
}
