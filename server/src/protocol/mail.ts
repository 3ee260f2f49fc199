// The e-mail outbox's admin contract: the list of messages (newest first, by status), and the
// counts that tell at a glance whether mail is going out.
import { z } from 'zod';

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Query strings omit values; an empty field means "any". */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());

export const outboxQuerySchema = z.object({
  status: optional(z.enum(OUTBOX_STATUSES)),
  page: optional(z.coerce.number().int().min(1).max(10_000)),
});
export type OutboxQuery = z.output<typeof outboxQuerySchema>;

/** One message without its bodies: the admin sees what went where, not what it said. */
export interface OutboxMessageDto {
  id: string;
  kind: string | null;
  recipient: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  /** When the sender takes it next (queued only). */
  nextAttemptAt: string | null;
  lastError: string | null;
  messageId: string;
  sentAt: string | null;
  createdAt: string;
}

export interface OutboxPageDto {
  messages: OutboxMessageDto[];
  /** Every message by status, not only this page's. */
  counts: Record<OutboxStatus, number>;
  /** False: nothing is sent until SMTP_URL is set. */
  smtpConfigured: boolean;
  /** Matching the status filter, over all pages. */
  total: number;
  page: number;
  pageSize: number;
}
