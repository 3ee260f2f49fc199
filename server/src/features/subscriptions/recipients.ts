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

/** One e-mail each; returns how many were queued. */
export async function enqueueEach(
  tx: Tx,
  mail: Pick<Mail, 'enqueue'>,
  recipients: Addressee[],
  letter: (to: Addressee) => MailMessage,
): Promise<number> {
  for (const to of recipients) await mail.enqueue(tx, letter(to));
  return recipients.length;
}
