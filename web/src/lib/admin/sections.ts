// The admin's sections, in order: the side navigation and the dashboard tiles list the same
// ones, so adding a section here adds it to both.
import { m } from '$lib/paraglide/messages';

export interface AdminSection {
  route:
    | '/admin/sessions'
    | '/admin/sessions/new'
    | '/admin/officials'
    | '/admin/departments'
    | '/admin/staff'
    | '/admin/moderation'
    | '/admin/account';
  title: () => string;
  /** The dashboard tile's line under the title. */
  text: () => string;
  /** Shown to admins only (the server checks the role as well). */
  adminOnly: boolean;
  /** A shortcut on the dashboard, not a section of the navigation. */
  tileOnly?: boolean;
}

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  {
    route: '/admin/sessions',
    title: m.admin_sessions,
    text: m.admin_sessions_text,
    adminOnly: false,
  },
  {
    route: '/admin/sessions/new',
    title: m.admin_session_new,
    text: m.admin_session_new_text,
    adminOnly: true,
    tileOnly: true,
  },
  {
    route: '/admin/officials',
    title: m.admin_officials,
    text: m.admin_officials_text,
    adminOnly: true,
  },
  {
    route: '/admin/departments',
    title: m.admin_departments,
    text: m.admin_departments_text,
    adminOnly: true,
  },
  { route: '/admin/staff', title: m.admin_staff, text: m.admin_staff_text, adminOnly: true },
  {
    route: '/admin/moderation',
    title: m.mod_admin_section,
    text: m.mod_admin_section_text,
    adminOnly: true,
  },
  { route: '/admin/account', title: m.admin_account, text: m.admin_account_text, adminOnly: false },
];

/** The sections to list for a staff member (admins see all) in the navigation or on the dashboard. */
export function sectionsFor(isAdmin: boolean, place: 'nav' | 'dashboard'): AdminSection[] {
  return ADMIN_SECTIONS.filter(
    (section) => (isAdmin || !section.adminOnly) && (place === 'dashboard' || !section.tileOnly),
  );
}
