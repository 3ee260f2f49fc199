// Who is acting, and the one place that says which role may do what.
import { AppError, forbidden } from '../../lib/app-error.ts';
import type { Locale } from '../../lib/validation.ts';
import type { StaffRole } from '../../protocol/enums.ts';

export interface StaffIdentity {
  id: string;
  role: StaffRole;
  name: string;
}

export interface Actor {
  /** The citizen identity from the signed cookie; staff have one too. */
  participantId: string;
  staff: StaffIdentity | null;
  /** The language the actor reads, for messages that services write. */
  locale: Locale;
}

/** Picks the message in the actor's language. */
export const say = (actor: Pick<Actor, 'locale'>, cs: string, en: string) =>
  actor.locale === 'cs' ? cs : en;

export type Permission =
  | 'session.manage' // create, edit, cancel, agenda
  | 'session.run' // start, end
  | 'session.moderate'
  | 'official.manage'
  | 'department.manage'
  | 'staff.manage'
  | 'audit.read'
  | 'moderation.settings' // the town-wide blocked-words list
  | 'admin.view'
  | 'board.answer' // answer and hand on board questions (clerks: their departments' only)
  | 'announcement.send'; // e-mail the town's subscribers: the town speaking, so admins only

const GRANTS: Record<StaffRole, readonly Permission[]> = {
  admin: [
    'session.manage',
    'session.run',
    'session.moderate',
    'official.manage',
    'department.manage',
    'staff.manage',
    'audit.read',
    'moderation.settings',
    'admin.view',
    'board.answer',
    'announcement.send',
  ],
  host: ['session.run', 'session.moderate', 'admin.view', 'board.answer'],
  moderator: ['session.moderate', 'admin.view', 'board.answer'],
  clerk: ['admin.view', 'board.answer'],
};

export function can(actor: Actor, permission: Permission): boolean {
  return actor.staff !== null && GRANTS[actor.staff.role].includes(permission);
}

/** Returns the staff identity, or throws 401 (not logged in) / 403 (role lacks it). */
export function authorize(actor: Actor, permission: Permission): StaffIdentity {
  if (!actor.staff) {
    throw new AppError('unauthenticated', say(actor, 'Přihlaste se prosím', 'Please log in'));
  }
  if (!can(actor, permission)) {
    throw forbidden(say(actor, 'K této akci nemáte oprávnění', 'You are not allowed to do this'));
  }
  return actor.staff;
}
