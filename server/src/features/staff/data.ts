import type { Prisma } from '../../db/database.ts';
import type { StaffUserDto } from '../../protocol/dto.ts';

export const staffInclude = { memberships: { select: { departmentId: true } } } as const;

export interface StaffRow {
  id: string;
  email: string;
  name: string;
  role: StaffUserDto['role'];
  isActive: boolean;
  lastLoginAt: Date | null;
  memberships: { departmentId: string }[];
}

export function toStaffDto(row: StaffRow): StaffUserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    isActive: row.isActive,
    departmentIds: row.memberships.map((m) => m.departmentId),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}

export async function listStaff(prisma: Prisma): Promise<StaffUserDto[]> {
  const rows = await prisma.staffUser.findMany({ orderBy: { name: 'asc' }, include: staffInclude });
  return rows.map(toStaffDto);
}

export async function findStaff(prisma: Prisma, id: string): Promise<StaffUserDto | null> {
  const row = await prisma.staffUser.findUnique({ where: { id }, include: staffInclude });
  return row ? toStaffDto(row) : null;
}
