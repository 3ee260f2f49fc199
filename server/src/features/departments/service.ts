import type { Prisma } from '../../db/database.ts';
import { notFound } from '../../lib/app-error.ts';
import { isUniqueViolation } from '../../lib/prisma-errors.ts';
import { slugify } from '../../lib/slug.ts';
import type { DepartmentDto } from '../../protocol/dto.ts';
import type { DepartmentInput, DepartmentUpdate } from '../../protocol/schemas.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';
import type { Tx } from '../sessions/mutations.ts';

const select = { id: true, slug: true, name: true, description: true, email: true } as const;

export function createDepartmentService({ prisma }: { prisma: Prisma }) {
  async function getOrThrow(actor: Actor, id: string): Promise<DepartmentDto> {
    const row = await prisma.department.findUnique({ where: { id }, select });
    if (!row) throw notFound(say(actor, 'Odbor', 'Department'));
    return row;
  }

  async function freeSlug(tx: Tx, name: string): Promise<string> {
    const base = slugify(name);
    const taken = await tx.department.findMany({
      where: { slug: { startsWith: base } },
      select: { slug: true },
    });
    const used = new Set(taken.map((d) => d.slug));
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    return slug;
  }

  /** The change and its audit entry commit together, or neither does. */
  function audited<T extends { id: string }>(
    actor: Actor,
    action: string,
    change: (tx: Tx) => Promise<T>,
    describe: (result: T) => unknown,
  ): Promise<T> {
    const staff = authorize(actor, 'department.manage');
    return prisma.$transaction(async (tx) => {
      const result = await change(tx);
      await recordAudit(tx, {
        actorId: staff.id,
        action,
        entityType: 'department',
        entityId: result.id,
        after: describe(result),
      });
      return result;
    });
  }

  return {
    list: (): Promise<DepartmentDto[]> =>
      prisma.department.findMany({ orderBy: { name: 'asc' }, select }),

    async create(actor: Actor, input: DepartmentInput): Promise<DepartmentDto> {
      // Two admins adding "Odbor dopravy" at once race for the slug: the loser retries.
      for (let attempt = 1; ; attempt++) {
        try {
          return await audited(
            actor,
            'department.created',
            async (tx) =>
              tx.department.create({
                data: { ...input, slug: await freeSlug(tx, input.name) },
                select,
              }),
            () => input,
          );
        } catch (err) {
          if (!isUniqueViolation(err) || attempt >= 5) throw err;
        }
      }
    },

    async update(actor: Actor, id: string, patch: DepartmentUpdate) {
      await getOrThrow(actor, id);
      return audited(
        actor,
        'department.updated',
        (tx) => tx.department.update({ where: { id }, data: patch, select }),
        () => patch,
      );
    },

    /** Officials keep existing without a department; memberships go. */
    async remove(actor: Actor, id: string) {
      const before = await getOrThrow(actor, id);
      await audited(
        actor,
        'department.deleted',
        (tx) => tx.department.delete({ where: { id }, select }),
        () => before,
      );
    },
  };
}

export type DepartmentService = ReturnType<typeof createDepartmentService>;
