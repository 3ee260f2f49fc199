// Localized names for the protocol's closed unions, in one place.
import type {
  ErrorCode,
  LifecycleAction,
  SessionKind,
  SessionStatus,
  StaffRole,
} from '@namesti/server/protocol';
import { m } from '$lib/paraglide/messages';
import { ApiError } from '$lib/api';

/**
 * A lookup from the members of a closed union to their messages. The record's type makes the
 * compiler ask for every member, as an exhaustive switch would; the message is read on each call,
 * so it follows the current locale.
 */
export function messageFor<K extends PropertyKey>(
  messages: Record<K, () => string>,
): (key: K) => string {
  return (key) => messages[key]();
}

export const kindLabel = messageFor<SessionKind>({
  council_meeting: m.kind_council_meeting,
  mayor_chat: m.kind_mayor_chat,
  consultation: m.kind_consultation,
  hearing: m.kind_hearing,
  board: m.kind_board,
});

export const statusLabel = messageFor<SessionStatus>({
  scheduled: m.status_scheduled,
  live: m.status_live,
  ended: m.status_ended,
  cancelled: m.status_cancelled,
});

export const roleLabel = messageFor<StaffRole>({
  admin: m.role_admin,
  moderator: m.role_moderator,
  host: m.role_host,
  clerk: m.role_clerk,
});

export const lifecycleLabel = messageFor<LifecycleAction>({
  start: m.lifecycle_start,
  end: m.lifecycle_end,
  cancel: m.lifecycle_cancel,
  reopen: m.lifecycle_reopen,
});

const CODE_MESSAGES: Record<ErrorCode, () => string> = {
  bad_request: m.error_bad_request,
  validation_failed: m.error_validation_failed,
  unauthenticated: m.error_unauthenticated,
  forbidden: m.error_forbidden,
  not_found: m.error_not_found,
  conflict: m.error_conflict,
  invalid_transition: m.error_invalid_transition,
  rate_limited: m.error_rate_limited,
  payload_too_large: m.error_payload_too_large,
  unsupported_media_type: m.error_unsupported_media_type,
  unavailable: m.error_unavailable,
  internal: m.error_internal,
};
const codeMessage = messageFor(CODE_MESSAGES);

/** A sentence for the user about any error a request or ack produced. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'rate_limited' && error.retryAfter) {
      return m.error_rate_limited_retry({ seconds: error.retryAfter });
    }
    return codeMessage(error.code);
  }
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    // A code from elsewhere (not one of ours) gets the generic sentence below.
    if (typeof code === 'string' && Object.hasOwn(CODE_MESSAGES, code)) {
      return codeMessage(code as ErrorCode);
    }
  }
  return m.error_internal();
}
