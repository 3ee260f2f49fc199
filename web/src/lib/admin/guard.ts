import { error } from '@sveltejs/kit';
import type { StaffUserDto } from '@namesti/server/protocol';
import { m } from '$lib/paraglide/messages';

/** Pages that only admins may use answer 403 for other staff. */
export function requireAdmin(staff: StaffUserDto): void {
  if (staff.role !== 'admin') error(403, { message: m.error_forbidden(), code: 'forbidden' });
}
