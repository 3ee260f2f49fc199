export const SESSION_KINDS = ['council_meeting', 'mayor_chat', 'consultation', 'hearing'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const STAFF_ROLES = ['admin', 'moderator', 'host'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const LIFECYCLE_ACTIONS = ['start', 'end', 'cancel', 'reopen'] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];
