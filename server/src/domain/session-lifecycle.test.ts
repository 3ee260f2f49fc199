import { describe, it, expect } from 'vitest';
import {
  allowedActions,
  LIFECYCLE_ACTIONS,
  SESSION_STATUSES,
  transition,
  type LifecycleAction,
  type SessionLifecycleState,
  type SessionStatus,
  type TransitionRejection,
} from './session-lifecycle.ts';

const startedAt = new Date('2026-05-04T15:02:00Z');
const endedAt = new Date('2026-05-04T16:30:00Z');
const cancelledAt = new Date('2026-05-01T09:00:00Z');
const now = new Date('2026-05-05T10:00:00Z');

// A realistic state for each status.
const STATES: Record<SessionStatus, SessionLifecycleState> = {
  scheduled: { status: 'scheduled', startedAt: null, endedAt: null, cancelledAt: null },
  live: { status: 'live', startedAt, endedAt: null, cancelledAt: null },
  ended: { status: 'ended', startedAt, endedAt, cancelledAt: null },
  cancelled: { status: 'cancelled', startedAt: null, endedAt: null, cancelledAt },
};

type Expected = { next: SessionLifecycleState } | { reason: TransitionRejection };

// Every status × action pair.
const TABLE: Array<[SessionStatus, LifecycleAction, Expected]> = [
  [
    'scheduled',
    'start',
    { next: { status: 'live', startedAt: now, endedAt: null, cancelledAt: null } },
  ],
  ['scheduled', 'end', { reason: 'not_live' }],
  [
    'scheduled',
    'cancel',
    { next: { status: 'cancelled', startedAt: null, endedAt: null, cancelledAt: now } },
  ],
  ['scheduled', 'reopen', { reason: 'not_cancelled' }],

  ['live', 'start', { reason: 'already_live' }],
  ['live', 'end', { next: { status: 'ended', startedAt, endedAt: now, cancelledAt: null } }],
  ['live', 'cancel', { reason: 'already_live' }],
  ['live', 'reopen', { reason: 'not_cancelled' }],

  ['ended', 'start', { reason: 'already_ended' }],
  ['ended', 'end', { reason: 'already_ended' }],
  ['ended', 'cancel', { reason: 'already_ended' }],
  ['ended', 'reopen', { reason: 'not_cancelled' }],

  ['cancelled', 'start', { reason: 'cancelled' }],
  ['cancelled', 'end', { reason: 'cancelled' }],
  ['cancelled', 'cancel', { reason: 'already_cancelled' }],
  [
    'cancelled',
    'reopen',
    { next: { status: 'scheduled', startedAt: null, endedAt: null, cancelledAt: null } },
  ],
];

describe('transition', () => {
  it('table covers every status × action pair exactly once', () => {
    const pairs = new Set(TABLE.map(([status, action]) => `${status}:${action}`));
    expect(pairs.size).toBe(SESSION_STATUSES.length * LIFECYCLE_ACTIONS.length);
    expect(TABLE).toHaveLength(pairs.size);
  });

  it.each(TABLE)('%s + %s', (status, action, expected) => {
    const result = transition(STATES[status], action, now);
    if ('next' in expected) {
      expect(result).toEqual({ ok: true, next: expected.next });
    } else {
      expect(result).toEqual({ ok: false, reason: expected.reason });
    }
  });

  it('stamps timestamps with the given now', () => {
    const started = transition(STATES.scheduled, 'start', now);
    expect(started.ok && started.next.startedAt).toBe(now);
    const later = new Date(now.getTime() + 3_600_000);
    const ended = started.ok ? transition(started.next, 'end', later) : started;
    expect(ended.ok && ended.next).toEqual({
      status: 'ended',
      startedAt: now,
      endedAt: later,
      cancelledAt: null,
    });
    const cancelled = transition(STATES.scheduled, 'cancel', later);
    expect(cancelled.ok && cancelled.next.cancelledAt).toBe(later);
  });

  it('does not mutate the current state or copy extra fields', () => {
    const row = { ...STATES.scheduled, id: 'session-1' };
    const snapshot = structuredClone(row);
    const result = transition(row, 'start', now);
    expect(row).toEqual(snapshot);
    expect(result.ok && Object.keys(result.next).sort()).toEqual([
      'cancelledAt',
      'endedAt',
      'startedAt',
      'status',
    ]);
  });

  it('walks a full cancel → reopen → start → end life', () => {
    const steps: LifecycleAction[] = ['cancel', 'reopen', 'start', 'end'];
    let state = STATES.scheduled;
    for (const action of steps) {
      const result = transition(state, action, now);
      expect(result.ok).toBe(true);
      if (result.ok) state = result.next;
    }
    expect(state).toEqual({ status: 'ended', startedAt: now, endedAt: now, cancelledAt: null });
  });
});

describe('allowedActions', () => {
  it.each([
    ['scheduled', ['start', 'cancel']],
    ['live', ['end']],
    ['ended', []],
    ['cancelled', ['reopen']],
  ] as Array<[SessionStatus, LifecycleAction[]]>)('%s → %j', (status, actions) => {
    expect(allowedActions(status)).toEqual(actions);
  });

  it.each(SESSION_STATUSES)('agrees with transition for %s', (status) => {
    const succeeding = LIFECYCLE_ACTIONS.filter((a) => transition(STATES[status], a, now).ok);
    expect(allowedActions(status)).toEqual(succeeding);
  });
});
