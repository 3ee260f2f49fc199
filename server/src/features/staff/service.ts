// Admins manage staff accounts, roles and department memberships.
import type { Prisma } from '../../db/database.ts';
import { AppError, fieldError, notFound } from '../../lib/app-error.ts';
import type { StaffUserDto } from '../../protocol/dto.ts';
import type { StaffCreateInput, StaffUpdateInput } from '../../protocol/schemas.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { hashPassword } from '../auth/passwords.ts';
import { recordAudit } from '../audit/mutations.ts';
import { findStaff, listStaff } from './data.ts';

export function createStaffService({ prisma }: { prisma: Prisma }) {
  async function getOrThrow(actor: Actor, id: string): Promise<StaffUserDto> {
    const row = await findStaff(prisma, id);
    if (!row) throw notFound(say(actor, 'Účet', 'Account'));
    return row;
  }

  async function assertDepartments(actor: Actor, ids: string[] | undefined) {
    if (!ids?.length) return;
    const found = await prisma.department.count({ where: { id: { in: ids } } });
    if (found !== new Set(ids).size) {
      const message = say(actor, 'Neznámý odbor', 'Unknown department');
      throw fieldError('departmentIds', message);
    }
  }

  return {
    async list(actor: Actor) {
      authorize(actor, 'staff.manage');
      return listStaff(prisma);
    },

    async create(actor: Actor, input: StaffCreateInput) {
      const admin = authorize(actor, 'staff.manage');
      await assertDepartments(actor, input.departmentIds);
      const email = input.email.toLowerCase();
      if (await prisma.staffUser.findUnique({ where: { email } })) {
        const message = say(actor, 'Účet s tímto e-mailem už existuje', 'This e-mail is taken');
        throw new AppError('conflict', message, { email: [message] });
      }
      const passwordHash = await hashPassword(input.password);
      const id = await prisma.$transaction(async (tx) => {
        const row = await tx.staffUser.create({
          data: {
            email,
            name: input.name,
            role: input.role,
            passwordHash,
            memberships: {
              create: [...new Set(input.departmentIds)].map((departmentId) => ({ departmentId })),
            },
          },
        });
        await recordAudit(tx, {
          actorId: admin.id,
          action: 'staff.created',
          entityType: 'staff_user',
          entityId: row.id,
          after: { email, name: input.name, role: input.role, departmentIds: input.departmentIds },
        });
        return row.id;
      });
      return getOrThrow(actor, id);
    },

    async update(actor: Actor, id: string, patch: StaffUpdateInput) {
      const admin = authorize(actor, 'staff.manage');
      const before = await getOrThrow(actor, id);
      await assertDepartments(actor, patch.departmentIds);
      if (id === admin.id && (patch.isActive === false || (patch.role && patch.role !== 'admin'))) {
        throw new AppError(
          'conflict',
          say(
            actor,
            'Nemůžete odebrat práva sami sobě',
            'You cannot demote or deactivate yourself',
          ),
        );
      }
      const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
      await prisma.$transaction(async (tx) => {
        await tx.staffUser.update({
          where: { id },
          data: { name: patch.name, role: patch.role, isActive: patch.isActive, passwordHash },
        });
        if (patch.departmentIds) {
          await tx.departmentMembership.deleteMany({ where: { staffUserId: id } });
          await tx.departmentMembership.createMany({
            data: [...new Set(patch.departmentIds)].map((departmentId) => ({
              staffUserId: id,
              departmentId,
            })),
          });
        }
        // A deactivated account or a new password ends every login.
        if (patch.isActive === false || passwordHash) {
          await tx.authToken.deleteMany({ where: { staffUserId: id } });
        }
        const { password: _password, ...visible } = patch;
        await recordAudit(tx, {
          actorId: admin.id,
          action: 'staff.updated',
          entityType: 'staff_user',
          entityId: id,
          before,
          after: { ...visible, passwordChanged: Boolean(passwordHash) },
        });
      });
      return getOrThrow(actor, id);
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
