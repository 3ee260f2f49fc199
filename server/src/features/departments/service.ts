import type { Prisma } from '../../db/database.ts';
import { notFound } from '../../lib/app-error.ts';
import { slugify } from '../../lib/slug.ts';
import type { DepartmentDto } from '../../protocol/dto.ts';
import type { DepartmentInput } from '../../protocol/schemas.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';

const select = { id: true, slug: true, name: true, description: true, email: true } as const;

export function createDepartmentService({ prisma }: { prisma: Prisma }) {
  async function getOrThrow(actor: Actor, id: string): Promise<DepartmentDto> {
    const row = await prisma.department.findUnique({ where: { id }, select });
    if (!row) throw notFound(say(actor, 'Odbor', 'Department'));
    return row;
  }

  async function freeSlug(name: string): Promise<string> {
    const base = slugify(name);
    const taken = await prisma.department.findMany({
      where: { slug: { startsWith: base } },
      select: { slug: true },
    });
    const used = new Set(taken.map((d) => d.slug));
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    return slug;
  }

  async function audited(actor: Actor, action: string, id: string, change: object) {
    const staff = authorize(actor, 'department.manage');
    await recordAudit(prisma, {
      actorId: staff.id,
      action,
      entityType: 'department',
      entityId: id,
      after: change,
    });
  }

  return {
    list: (): Promise<DepartmentDto[]> =>
      prisma.department.findMany({ orderBy: { name: 'asc' }, select }),

    async create(actor: Actor, input: DepartmentInput) {
      authorize(actor, 'department.manage');
      const row = await prisma.department.create({
        data: { ...input, slug: await freeSlug(input.name) },
        select,
      });
      await audited(actor, 'department.created', row.id, input);
      return row;
    },

    async update(actor: Actor, id: string, patch: Partial<DepartmentInput>) {
      authorize(actor, 'department.manage');
      await getOrThrow(actor, id);
      const row = await prisma.department.update({ where: { id }, data: patch, select });
      await audited(actor, 'department.updated', id, patch);
      return row;
    },

    /** Officials keep existing without a department; memberships go. */
    async remove(actor: Actor, id: string) {
      authorize(actor, 'department.manage');
      const before = await getOrThrow(actor, id);
      await prisma.department.delete({ where: { id } });
      await audited(actor, 'department.deleted', id, before);
    },
  };
}

export type DepartmentService = ReturnType<typeof createDepartmentService>;
