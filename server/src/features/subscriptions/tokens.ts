// The secrets in our e-mails' links. Each message gets a fresh random token and only its SHA-256
// is stored (as in board/followers.ts), so every later e-mail can still carry a working manage
// and unsubscribe link without a raw token in the database's subscription tables.
import { createHash, randomBytes } from 'node:crypto';
import type { Prisma } from '../../db/database.ts';
import { uuidv7 } from '../../lib/ids.ts';

export const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

const newToken = () => randomBytes(24).toString('base64url');

type TokenDb = Pick<Prisma, 'subscriptionToken'>;

/** A token for one message to `subscriptionId` (inside the transaction that enqueues it). */
export async function issueToken(db: TokenDb, subscriptionId: string): Promise<string> {
  const token = newToken();
  await db.subscriptionToken.create({ data: { subscriptionId, tokenHash: hashOf(token) } });
  return token;
}

/**
 * Tokens for many messages in one insert: subscription id → token. Raw: Prisma's createMany
 * spent seconds building a town's worth of rows, inside the batch's transaction.
 */
export async function issueTokens(
  db: Pick<Prisma, '$executeRaw'>,
  subscriptionIds: string[],
): Promise<Map<string, string>> {
  const tokens = new Map(subscriptionIds.map((id) => [id, newToken()]));
  const ids = [...tokens.keys()];
  await db.$executeRaw`
    INSERT INTO subscription_tokens (id, subscription_id, token_hash)
    SELECT t.id::uuid, t.subscription_id::uuid, t.token_hash
    FROM unnest(
      ${ids.map(() => uuidv7())}::text[],
      ${ids}::text[],
      ${ids.map((id) => hashOf(tokens.get(id)!))}::text[]
    ) AS t(id, subscription_id, token_hash)`;
  return tokens;
}

/** The subscription a link's token belongs to, or null. */
export async function subscriptionIdOf(db: TokenDb, token: string): Promise<string | null> {
  const row = await db.subscriptionToken.findUnique({
    where: { tokenHash: hashOf(token) },
    select: { subscriptionId: true },
  });
  return row?.subscriptionId ?? null;
}
