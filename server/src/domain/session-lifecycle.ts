// The session state machine:
//
//   scheduled --start--> live --end--> ended
//   scheduled --cancel--> cancelled --reopen--> scheduled
//
// A live session cannot be cancelled (it must be ended) and an ended one is final.

import { LIFECYCLE_ACTIONS, type LifecycleAction, type SessionStatus } from '../protocol/enums.ts';

export { LIFECYCLE_ACTIONS, SESSION_STATUSES } from '../protocol/enums.ts';
export type { LifecycleAction, SessionStatus } from '../protocol/enums.ts';

export const TRANSITION_REJECTIONS = [
  'already_live',
  'already_ended',
  'already_cancelled',
  'cancelled',
  'not_live',
  'not_cancelled',
] as const;
/** Why an action is not possible in the current status. */
export type TransitionRejection = (typeof TRANSITION_REJECTIONS)[number];

export interface SessionLifecycleState {
  status: SessionStatus;
  startedAt: Date | null;
  endedAt: Date | null;
  cancelledAt: Date | null;
}

export type TransitionResult =
  { ok: true; next: SessionLifecycleState } | { ok: false; reason: TransitionRejection };

// For each action: the status it leads to, and for every status either null (allowed)
// or the reason it is refused. Records keep this exhaustive at compile time.
const TARGET_STATUS: Record<LifecycleAction, SessionStatus> = {
  start: 'live',
  end: 'ended',
  cancel: 'cancelled',
  reopen: 'scheduled',
};

const REJECTION: Record<LifecycleAction, Record<SessionStatus, TransitionRejection | null>> = {
  start: { scheduled: null, live: 'already_live', ended: 'already_ended', cancelled: 'cancelled' },
  end: { scheduled: 'not_live', live: null, ended: 'already_ended', cancelled: 'cancelled' },
  cancel: {
    scheduled: null,
    live: 'already_live',
    ended: 'already_ended',
    cancelled: 'already_cancelled',
  },
  reopen: {
    scheduled: 'not_cancelled',
    live: 'not_cancelled',
    ended: 'not_cancelled',
    cancelled: null,
  },
};

/** The actions that `transition` accepts in the given status. */
export function allowedActions(status: SessionStatus): LifecycleAction[] {
  return LIFECYCLE_ACTIONS.filter((action) => REJECTION[action][status] === null);
}

/** Applies an action; `now` stamps the matching timestamp. Pure: returns a new state. */
export function transition(
  current: SessionLifecycleState,
  action: LifecycleAction,
  now: Date,
): TransitionResult {
  const reason = REJECTION[action][current.status];
  if (reason !== null) return { ok: false, reason };

  // Built field by field so extra properties of a caller's row never leak into `next`.
  const next: SessionLifecycleState = {
    status: TARGET_STATUS[action],
    startedAt: current.startedAt,
    endedAt: current.endedAt,
    cancelledAt: current.cancelledAt,
  };
  switch (action) {
    case 'start':
      next.startedAt = now;
      break;
    case 'end':
      next.endedAt = now;
      break;
    case 'cancel':
      next.cancelledAt = now;
      break;
    case 'reopen':
      // Back to a plain scheduled session; the cancellation no longer applies.
      next.cancelledAt = null;
      break;
  }
  return { ok: true, next };
}
