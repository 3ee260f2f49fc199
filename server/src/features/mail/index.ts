// E-mail for the other features: `mail.enqueue(tx, message)` (`mail.enqueueMany` for a batch)
// inside the transaction of what the message announces, then `mail.nudge()` after the commit
// (or `mail.send(message)` when there is no transaction). The sender delivers it over SMTP,
// retrying until it goes or gives up.
import type { Config } from '../../config.ts';
import type { Prisma } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { mailFrom } from './from.ts';
import { outboxRouter } from './http.ts';
import type { MailMessage } from './message.ts';
import { enqueueMail, enqueueMails, type MailBatchDb, type MailDb } from './outbox.ts';
import { createMailSender } from './sender.ts';
import { createOutboxAdmin } from './service.ts';
import { smtpTransport } from './transport.ts';

export type { MailMessage } from './message.ts';

export interface MailDeps {
  prisma: Prisma;
  clock: Clock;
  logger: Logger;
}

type MailConfig = Pick<
  Config,
  'SMTP_URL' | 'MAIL_FROM' | 'TOWN_NAME' | 'PUBLIC_URL' | 'MAIL_POLL_MS' | 'MAIL_RETRY_BASE_MS'
>;

export function createMail(config: MailConfig, { prisma, clock, logger }: MailDeps) {
  const from = mailFrom(config);
  const sender = createMailSender({
    prisma,
    transport: config.SMTP_URL ? smtpTransport(config.SMTP_URL) : null,
    from,
    clock,
    logger: logger.child({ feature: 'mail' }),
    pollMs: config.MAIL_POLL_MS,
    retryBaseMs: config.MAIL_RETRY_BASE_MS,
  });
  const options = { messageIdDomain: from.domain };
  const enqueue = (db: MailDb, message: MailMessage) => enqueueMail(db, message, options);

  return {
    /** Stores the message in `db` (a transaction's client, or the root one); the same
     * dedupeKey returns the stored message. Call `nudge()` once the transaction commits. */
    enqueue,
    /** Stores many messages in a few statements (a town-wide notice), as `enqueue` each would;
     * returns how many were new. */
    enqueueMany: (db: MailBatchDb, messages: readonly MailMessage[]) =>
      enqueueMails(db, messages, options),
    /** Stores and sends soon, outside any transaction. */
    async send(message: MailMessage) {
      const row = await enqueue(prisma, message);
      sender.nudge();
      return row;
    },
    nudge: sender.nudge,
    smtpConfigured: sender.enabled,
    router: () =>
      outboxRouter(
        createOutboxAdmin({
          prisma,
          clock,
          smtpConfigured: sender.enabled,
          onQueued: sender.nudge,
        }),
      ),
    start: sender.start,
    close: sender.close,
  };
}

export type Mail = ReturnType<typeof createMail>;
