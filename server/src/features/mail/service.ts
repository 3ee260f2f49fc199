// The admin's hand on the outbox: see it, send a message again now, or cancel one. Each change
// is audited in its own transaction.
import type { Prisma } from '../../db/database.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import { parseInput } from '../../lib/validation.ts';
import {
  outboxQuerySchema,
  type OutboxMessageDto,
  type OutboxPageDto,
  type OutboxStatus,
} from '../../protocol/mail.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';
import type { Tx } from '../sessions/mutations.ts';
import { listOutbox, outboxSelect, toOutboxMessageDto } from './data.ts';

/** Admins only: the outbox holds citizens' addresses. 'staff.manage' is the admin-only
 * permission closest to running the installation (a permission of its own can follow). */
const PERMISSION = 'staff.manage';

export interface OutboxAdminDeps {
  prisma: Prisma;
  clock: Clock;
  smtpConfigured: boolean;
  /** A message was queued to go now: wake the sender. */
  onQueued: () => void;
}

/** Why a message cannot be retried or cancelled, in the actor's language. */
function refusal(actor: Actor, status: OutboxStatus): AppError {
  const text: Record<OutboxStatus, [string, string]> = {
    queued: ['Zpráva čeká na odeslání', 'The message is waiting to be sent'],
    sending: ['Zpráva se právě odesílá', 'The message is being sent right now'],
    sent: ['Zpráva už byla odeslána', 'The message was already sent'],
    failed: ['Zprávu se nepodařilo odeslat', 'The message could not be sent'],
    cancelled: ['Zpráva byla zrušena', 'The message was cancelled'],
  };
  const [cs, en] = text[status];
  return new AppError('invalid_transition', say(actor, cs, en));
}

export function createOutboxAdmin({ prisma, clock, smtpConfigured, onQueued }: OutboxAdminDeps) {
  /** Locks the message, checks its status, changes it and audits it, in one transaction. */
  async function transition(
    actor: Actor,
    id: string,
    action: string,
    change: (tx: Tx, status: OutboxStatus) => Promise<boolean>,
  ): Promise<OutboxMessageDto> {
    const staff = authorize(actor, PERMISSION);
    return prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ status: OutboxStatus }[]>`
        SELECT status::text AS status FROM outbox_messages WHERE id = ${id}::uuid FOR UPDATE`;
      if (!locked) throw notFound(say(actor, 'Zpráva', 'Message'));
      const changed = await change(tx, locked.status);
      const row = await tx.outboxMessage.findUniqueOrThrow({ where: { id }, select: outboxSelect });
      if (changed) {
        await recordAudit(tx, {
          actorId: staff.id,
          action,
          entityType: 'outbox_message',
          entityId: id,
          before: { status: locked.status },
          after: { status: row.status },
        });
      }
      return toOutboxMessageDto(row);
    });
  }

  return {
    async list(actor: Actor, rawQuery: unknown): Promise<OutboxPageDto> {
      authorize(actor, PERMISSION);
      const query = parseInput(outboxQuerySchema, rawQuery, actor.locale);
      return listOutbox(prisma, query, smtpConfigured);
    },

    /** A failed message gets a fresh set of attempts; a queued one waiting out a backoff goes
     * now. Both are sent on the next pass. */
    async retry(actor: Actor, id: string): Promise<OutboxMessageDto> {
      const dto = await transition(actor, id, 'mail.retried', async (tx, status) => {
        if (status !== 'failed' && status !== 'queued') throw refusal(actor, status);
        await tx.outboxMessage.update({
          where: { id },
          data: {
            status: 'queued',
            nextAttemptAt: clock.now(),
            leasedUntil: null,
            ...(status === 'failed' ? { attempts: 0 } : {}),
          },
        });
        return true;
      });
      onQueued();
      return dto;
    },

    /** A message that has not gone out is never sent. Cancelling twice is not an error. */
    cancel(actor: Actor, id: string): Promise<OutboxMessageDto> {
      return transition(actor, id, 'mail.cancelled', async (tx, status) => {
        if (status === 'cancelled') return false;
        if (status !== 'failed' && status !== 'queued') throw refusal(actor, status);
        await tx.outboxMessage.update({
          where: { id },
          data: { status: 'cancelled', leasedUntil: null },
        });
        return true;
      });
    },
  };
}

export type OutboxAdmin = ReturnType<typeof createOutboxAdmin>;
