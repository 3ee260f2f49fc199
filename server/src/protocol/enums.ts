/** The kinds staff can schedule. */
export const SESSION_KINDS = ['council_meeting', 'mayor_chat', 'consultation', 'hearing'] as const;
export type SchedulableKind = (typeof SESSION_KINDS)[number];
/** Plus the standing question board, which the app makes itself (one per installation). */
export type SessionKind = SchedulableKind | 'board';

export const SESSION_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** clerk: department staff, who answer and hand on the board's questions of their departments. */
export const STAFF_ROLES = ['admin', 'moderator', 'host', 'clerk'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const LIFECYCLE_ACTIONS = ['start', 'end', 'cancel', 'reopen'] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];
