import type { Prisma } from '../../db/database.ts';
import type { AdminOfficialDto, OfficialDto } from '../../protocol/dto.ts';
import { fieldError } from '../../lib/app-error.ts';
import { say, type Actor } from '../auth/actor.ts';
import type { Tx } from '../sessions/mutations.ts';

export const officialInclude = { department: { select: { id: true, name: true } } } as const;

export interface OfficialRow {
  id: string;
  name: string;
  roleTitle: string;
  bio: string;
  photoId: string | null;
  sortOrder: number;
  department: { id: string; name: string } | null;
}

export const photoUrl = (fileId: string) => `/api/files/${fileId}`;

export function toOfficialDto(row: OfficialRow): OfficialDto {
  return {
    id: row.id,
    name: row.name,
    roleTitle: row.roleTitle,
    bio: row.bio,
    department: row.department,
    photoUrl: row.photoId ? photoUrl(row.photoId) : null,
    sortOrder: row.sortOrder,
  };
}

export async function listOfficials(prisma: Prisma): Promise<OfficialDto[]> {
  const rows = await prisma.official.findMany({
    where: { isActive: true },
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
    include: officialInclude,
  });
  return rows.map(toOfficialDto);
}

/** Every official, hidden ones included, for the admin list. */
export async function listAllOfficials(prisma: Prisma): Promise<AdminOfficialDto[]> {
  const rows = await prisma.official.findMany({
    orderBy: [{ isActive: 'desc' }, { sortOrder: 'asc' }, { name: 'asc' }],
    include: officialInclude,
  });
  return rows.map((row) => ({ ...toOfficialDto(row), isActive: row.isActive }));
}

export async function findOfficial(prisma: Prisma, id: string): Promise<OfficialDto | null> {
  const row = await prisma.official.findUnique({ where: { id }, include: officialInclude });
  return row ? toOfficialDto(row) : null;
}

/** An official that answers or speaks must exist and be shown; else a form error on `field`. */
export async function assertActiveOfficial(
  db: Prisma | Tx,
  actor: Actor,
  id: string,
  field = 'officialId',
): Promise<void> {
  const found = await db.official.count({ where: { id, isActive: true } });
  if (!found) throw fieldError(field, say(actor, 'Neznámý zastupitel', 'Unknown official'));
}
