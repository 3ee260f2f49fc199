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

export function kindLabel(kind: SessionKind): string {
  switch (kind) {
    case 'council_meeting':
      return m.kind_council_meeting();
    case 'mayor_chat':
      return m.kind_mayor_chat();
    case 'consultation':
      return m.kind_consultation();
    case 'hearing':
      return m.kind_hearing();
  }
}

export function statusLabel(status: SessionStatus): string {
  switch (status) {
    case 'scheduled':
      return m.status_scheduled();
    case 'live':
      return m.status_live();
    case 'ended':
      return m.status_ended();
    case 'cancelled':
      return m.status_cancelled();
  }
}

export function roleLabel(role: StaffRole): string {
  switch (role) {
    case 'admin':
      return m.role_admin();
    case 'moderator':
      return m.role_moderator();
    case 'host':
      return m.role_host();
  }
}

export function lifecycleLabel(action: LifecycleAction): string {
  switch (action) {
    case 'start':
      return m.lifecycle_start();
    case 'end':
      return m.lifecycle_end();
    case 'cancel':
      return m.lifecycle_cancel();
    case 'reopen':
      return m.lifecycle_reopen();
  }
}

function codeMessage(code: ErrorCode): string {
  switch (code) {
    case 'bad_request':
      return m.error_bad_request();
    case 'validation_failed':
      return m.error_validation_failed();
    case 'unauthenticated':
      return m.error_unauthenticated();
    case 'forbidden':
      return m.error_forbidden();
    case 'not_found':
      return m.error_not_found();
    case 'conflict':
      return m.error_conflict();
    case 'invalid_transition':
      return m.error_invalid_transition();
    case 'rate_limited':
      return m.error_rate_limited();
    case 'payload_too_large':
      return m.error_payload_too_large();
    case 'unsupported_media_type':
      return m.error_unsupported_media_type();
    case 'unavailable':
      return m.error_unavailable();
    case 'internal':
      return m.error_internal();
  }
}

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
    if (typeof code === 'string') return codeMessage(code as ErrorCode);
  }
  return m.error_internal();
}
