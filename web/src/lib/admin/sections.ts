// The admin's sections, in order: the side navigation and the dashboard tiles list the same
// ones, so adding a section here adds it to both.
import type { StaffRole } from '@namesti/server/protocol';
import { m } from '$lib/paraglide/messages';

export interface AdminSection {
  route:
    | '/admin/sessions'
    | '/admin/sessions/new'
    | '/admin/board'
    | '/admin/officials'
    | '/admin/departments'
    | '/admin/staff'
    | '/admin/moderation'
    | '/admin/announcements'
    | '/admin/outbox'
    | '/admin/embed'
    | '/admin/account';
  title: () => string;
  /** The dashboard tile's line under the title. */
  text: () => string;
  /** Who sees it (the server checks the role as well). */
  roles: readonly StaffRole[];
  /** A shortcut on the dashboard, not a section of the navigation. */
  tileOnly?: boolean;
}

const EVERYONE: readonly StaffRole[] = ['admin', 'host', 'moderator', 'clerk'];
/** Clerks only answer the board's questions: sessions are not theirs. */
const SESSION_STAFF: readonly StaffRole[] = ['admin', 'host', 'moderator'];
const ADMINS: readonly StaffRole[] = ['admin'];
/** Who puts the broadcast on the town's website: admins, and the hosts who run it. */
export const EMBED_STAFF: readonly StaffRole[] = ['admin', 'host'];

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  {
    route: '/admin/sessions',
    title: m.admin_sessions,
    text: m.admin_sessions_text,
    roles: SESSION_STAFF,
  },
  {
    route: '/admin/sessions/new',
    title: m.admin_session_new,
    text: m.admin_session_new_text,
    roles: ADMINS,
    tileOnly: true,
  },
  { route: '/admin/board', title: m.admin_board, text: m.admin_board_text, roles: EVERYONE },
  {
    route: '/admin/officials',
    title: m.admin_officials,
    text: m.admin_officials_text,
    roles: ADMINS,
  },
  {
    route: '/admin/departments',
    title: m.admin_departments,
    text: m.admin_departments_text,
    roles: ADMINS,
  },
  { route: '/admin/staff', title: m.admin_staff, text: m.admin_staff_text, roles: ADMINS },
  {
    route: '/admin/moderation',
    title: m.mod_admin_section,
    text: m.mod_admin_section_text,
    roles: ADMINS,
  },
  // The town speaking to its subscribers, and citizens' addresses: admins only on the server.
  {
    route: '/admin/announcements',
    title: m.admin_announcements,
    text: m.admin_announcements_text,
    roles: ADMINS,
  },
  { route: '/admin/outbox', title: m.admin_outbox, text: m.admin_outbox_text, roles: ADMINS },
  { route: '/admin/embed', title: m.admin_embed, text: m.admin_embed_text, roles: EMBED_STAFF },
  { route: '/admin/account', title: m.admin_account, text: m.admin_account_text, roles: EVERYONE },
];

/** The sections to list for a staff member's role in the navigation or on the dashboard. */
export function sectionsFor(role: StaffRole, place: 'nav' | 'dashboard'): AdminSection[] {
  return ADMIN_SECTIONS.filter(
    (section) => section.roles.includes(role) && (place === 'dashboard' || !section.tileOnly),
  );
}

/** Who may work the board's moderator console (clerks answer on their desks instead). */
export function canModerate(role: StaffRole): boolean {
  return role !== 'clerk';
}
