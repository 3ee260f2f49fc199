// The subscribers a notice goes to, taken inside the transaction that enqueues their e-mails.
import type { Prisma as PrismaTypes } from '../../generated/prisma/client.ts';
import type { Tx } from '../sessions/mutations.ts';
import type { Mail, MailMessage } from '../mail/index.ts';
import type { Addressee } from './letters.ts';
import { issueTokens } from './tokens.ts';

/**
 * The subscribers `where` selects, each with a fresh token for its message. Their rows are
 * share-locked until the commit: a deletion waits for it (and then deletes these e-mails too),
 * and one that committed first is skipped here.
 */
export async function lockedRecipients(
  tx: Tx,
  where: PrismaTypes.SubscriptionWhereInput,
): Promise<Addressee[]> {
  const rows = await tx.subscription.findMany({
    where,
    select: { id: true, email: true },
    orderBy: { id: 'asc' },
  });
  if (rows.length === 0) return [];
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM subscriptions WHERE id = ANY(${rows.map((r) => r.id)}::uuid[])
    ORDER BY id FOR KEY SHARE`;
  const kept = new Set(locked.map((row) => row.id));
  const live = rows.filter((row) => kept.has(row.id));
  const tokens = await issueTokens(
    tx,
    live.map((row) => row.id),
  );
  return live.map((row) => ({
    subscriptionId: row.id,
    email: row.email,
    token: tokens.get(row.id)!,
  }));
}

/** One e-mail each, stored in bulk; returns how many recipients were queued. */
export async function enqueueEach(
  tx: Tx,
  mail: Pick<Mail, 'enqueueMany'>,
  recipients: Addressee[],
  letter: (to: Addressee) => MailMessage,
): Promise<number> {
  await mail.enqueueMany(tx, recipients.map(letter));
  return recipients.length;
}

/**
 * The options of a batch's transaction. Prisma ends an interactive transaction after 5 s by
 * default and rolls it back: a town-wide batch would never go. Tens of thousands of
 * subscribers take seconds; the limit only catches a stuck one.
 */
export const BATCH_TRANSACTION = { maxWait: 10_000, timeout: 5 * 60_000 } as const;
