// The outbox's words: its statuses, and the kinds of e-mail the features send.
import type { OutboxStatus } from '@namesti/server/protocol';
import { messageFor } from '$lib/labels';
import { m } from '$lib/paraglide/messages';

export const outboxStatusLabel = messageFor<OutboxStatus>({
  queued: m.outbox_status_queued,
  sending: m.outbox_status_sending,
  sent: m.outbox_status_sent,
  failed: m.outbox_status_failed,
  cancelled: m.outbox_status_cancelled,
});

/** The kinds the server's features write (mail `kind`); others are shown as they are. */
const KINDS: Record<string, () => string> = {
  'subscription.confirm': m.outbox_kind_subscription_confirm,
  'subscription.already': m.outbox_kind_subscription_already,
  'subscription.reminder': m.outbox_kind_reminder,
  'subscription.live': m.outbox_kind_live,
  'subscription.recording': m.outbox_kind_recording,
  'subscription.announcement': m.outbox_kind_announcement,
  'board.follow-confirm': m.outbox_kind_board_follow,
  'board.answered': m.outbox_kind_board_answered,
};

export function outboxKindLabel(kind: string | null): string {
  if (kind === null) return m.outbox_kind_other();
  return Object.hasOwn(KINDS, kind) ? KINDS[kind]!() : kind;
}

/** What may be done with a message: send again or cancel, until it has gone. */
export const isPending = (status: OutboxStatus) => status === 'queued' || status === 'failed';
