// Sends the outbox. Any node leases a batch of due messages (SKIP LOCKED, so nodes never share
// one), sends each with its stored Message-ID and marks it sent. A failure waits longer each
// time (backoff.ts) and ends as failed; a lease that ran out (the node died mid-send) is taken
// again, so a message goes out at least once, and a resend carries the same Message-ID.
import type { Prisma } from '../../db/database.ts';
import type { OutboxMessage } from '../../generated/prisma/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff.ts';
import type { MailFrom } from './from.ts';
import { mailMessageSchema } from './message.ts';
import { isPermanentRejection, type MailTransport, type OutgoingMail } from './transport.ts';

export interface MailSenderDeps {
  prisma: Prisma;
  /** null: no SMTP configured, nothing is sent and messages stay queued. */
  transport: MailTransport | null;
  from: MailFrom;
  clock: Clock;
  logger: Logger;
  /** How often an idle node looks for due messages (`nudge()` wakes it at once). */
  pollMs?: number;
  /** The wait after the first failure (backoff.ts). */
  retryBaseMs?: number;
  /** How long a leased message is this node's; renewed right before its send. */
  leaseMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** For the backoff's jitter. */
  random?: () => number;
}

const SMTP_HELP =
  'e-mail is off: messages wait in the outbox until SMTP_URL is set, e.g. ' +
  'SMTP_URL=smtp://user:password@smtp.example.cz:587 MAIL_FROM="Město Lhota <info@lhota.cz>"';

export function createMailSender(deps: MailSenderDeps) {
  const { prisma, transport, clock, logger } = deps;
  const pollMs = deps.pollMs ?? 5_000;
  const retryBaseMs = deps.retryBaseMs ?? 30_000;
  const leaseMs = deps.leaseMs ?? 60_000;
  const batchSize = deps.batchSize ?? 20;
  const maxAttempts = deps.maxAttempts ?? MAX_ATTEMPTS;
  let stopping = false;
  let running: Promise<void> | null = null;
  /** A nudge came while a pass was finishing: run another. */
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  const later = (ms: number) => new Date(clock.now().getTime() + ms);

  /** Takes up to a batch of due messages; each is counted as an attempt now, so a message
   * whose send crashes the node still runs out of attempts. */
  async function lease(): Promise<OutboxMessage[]> {
    const now = clock.now();
    await prisma.$executeRaw`
      UPDATE outbox_messages SET status = 'failed', leased_until = NULL, updated_at = ${now},
        last_error = coalesce(last_error, 'The send was interrupted too often')
      WHERE status = 'sending' AND leased_until < ${now} AND attempts >= ${maxAttempts}`;
    const until = later(leaseMs);
    const taken = await prisma.$queryRaw<{ id: string }[]>`
      WITH due AS (
        SELECT id FROM outbox_messages
        WHERE (status = 'queued' AND next_attempt_at <= ${now})
           OR (status = 'sending' AND leased_until < ${now})
        ORDER BY next_attempt_at
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED)
      UPDATE outbox_messages AS m
      SET status = 'sending', attempts = m.attempts + 1, leased_until = ${until}, updated_at = ${now}
      FROM due WHERE m.id = due.id
      RETURNING m.id`;
    if (taken.length === 0) return [];
    return prisma.outboxMessage.findMany({
      where: { id: { in: taken.map((row) => row.id) }, status: 'sending', leasedUntil: until },
      orderBy: { nextAttemptAt: 'asc' },
    });
  }

  function outgoing(message: OutboxMessage): OutgoingMail {
    return {
      from: { name: deps.from.name, address: deps.from.address },
      to: message.recipient,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: mailMessageSchema.shape.headers.parse(message.headers),
      attachments: mailMessageSchema.shape.attachments.parse(message.attachments),
      messageId: message.messageId,
    };
  }

  /** Still ours (the lease is what we set) and renewed for the send; false when another node
   * took it over after our lease ran out. */
  async function renew(message: OutboxMessage): Promise<Date | null> {
    const until = later(leaseMs);
    const { count } = await prisma.outboxMessage.updateMany({
      where: { id: message.id, status: 'sending', leasedUntil: message.leasedUntil },
      data: { leasedUntil: until },
    });
    return count === 1 ? until : null;
  }

  async function deliver(active: MailTransport, message: OutboxMessage) {
    const lease = await renew(message);
    if (!lease) return;
    try {
      await active.send(outgoing(message));
    } catch (err) {
      await settleFailure(message, lease, err);
      return;
    }
    await prisma.outboxMessage.updateMany({
      where: { id: message.id, status: 'sending', leasedUntil: lease },
      data: { status: 'sent', sentAt: clock.now(), leasedUntil: null },
    });
    logger.debug({ outboxId: message.id, kind: message.kind }, 'e-mail sent');
  }

  async function settleFailure(message: OutboxMessage, lease: Date, err: unknown) {
    const lastError = (err instanceof Error ? err.message : String(err)).slice(0, 1_000);
    const final = isPermanentRejection(err) || message.attempts >= maxAttempts;
    const retryAt = later(
      retryDelayMs(message.attempts, { baseMs: retryBaseMs, random: deps.random }),
    );
    logger.warn(
      {
        err,
        outboxId: message.id,
        kind: message.kind,
        attempts: message.attempts,
        retryAt: final ? null : retryAt,
      },
      final ? 'e-mail not sent, given up' : 'e-mail not sent, will retry',
    );
    await prisma.outboxMessage.updateMany({
      where: { id: message.id, status: 'sending', leasedUntil: lease },
      data: final
        ? { status: 'failed', lastError, leasedUntil: null }
        : { status: 'queued', lastError, leasedUntil: null, nextAttemptAt: retryAt },
    });
  }

  /** Stopping mid-batch: the messages not yet tried go back at once, the attempt not counted. */
  async function release(messages: OutboxMessage[]) {
    for (const message of messages) {
      await prisma.outboxMessage.updateMany({
        where: { id: message.id, status: 'sending', leasedUntil: message.leasedUntil },
        data: { status: 'queued', attempts: { decrement: 1 }, leasedUntil: null },
      });
    }
  }

  /** Sends batches until nothing is due (or the node stops). */
  async function drain(active: MailTransport) {
    while (!stopping) {
      const batch = await lease();
      if (batch.length === 0) return;
      for (const [index, message] of batch.entries()) {
        if (stopping) return release(batch.slice(index));
        await deliver(active, message);
      }
    }
  }

  function wake() {
    if (!transport || stopping) return;
    if (running) {
      again = true;
      return;
    }
    running = drain(transport)
      .catch((err: unknown) => logger.error({ err }, 'e-mail outbox pass failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          wake();
        }
      });
  }

  return {
    /** SMTP is configured: messages go out. */
    enabled: transport !== null,

    start() {
      if (!transport) {
        logger.info(SMTP_HELP);
        return;
      }
      if (deps.from.domain === 'localhost') {
        logger.warn(
          { from: deps.from.address },
          'e-mail goes out from a localhost address, which mail servers refuse: set MAIL_FROM',
        );
      }
      wake();
      timer = setInterval(wake, pollMs);
      timer.unref();
    },

    /** Look for due messages now (after committing an enqueue); the poll would find them too. */
    nudge: wake,

    /** Stops taking messages and waits for the send in flight; the rest of its batch goes back
     * to the queue. */
    async close() {
      stopping = true;
      if (timer) clearInterval(timer);
      await running;
      transport?.close();
    },
  };
}

export type MailSender = ReturnType<typeof createMailSender>;
