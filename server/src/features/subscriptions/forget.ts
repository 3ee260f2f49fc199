// Deleting a subscription keeps nothing: the row, its link tokens (cascade) and every e-mail of
// ours to the address, so a queued one never goes and a sent one no longer holds the address.
// Other features' e-mails to the same address (a board answer) are theirs and stay.
import type { Tx } from '../sessions/mutations.ts';

export const SUBSCRIPTION_MAIL_KINDS = 'subscription.';

/** Inside a transaction; false when it was already gone. */
export async function forget(tx: Tx, subscriptionId: string): Promise<boolean> {
  // Deleting first waits for a sweep that is enqueueing to this subscription (it holds a key
  // share lock on the row) to commit, so the statement below sees that sweep's messages too.
  const [gone] = await tx.$queryRaw<{ email: string }[]>`
    DELETE FROM subscriptions WHERE id = ${subscriptionId}::uuid RETURNING email`;
  if (!gone) return false;
  await tx.outboxMessage.deleteMany({
    where: { recipient: gone.email, kind: { startsWith: SUBSCRIPTION_MAIL_KINDS } },
  });
  return true;
}
