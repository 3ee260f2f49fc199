// Admins name the board's topics (each pointed at the department that answers it first) and
// the parts of town. The lists are replaced whole, like an agenda: kept rows keep their id, so
// questions keep their topic; a removed topic leaves its questions without one.
import type { Prisma } from '../../db/database.ts';
import { fieldError } from '../../lib/app-error.ts';
import { slugify } from '../../lib/slug.ts';
import type { BoardTaxonomy } from '../../protocol/board.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';

function assertDistinct(actor: Actor, field: string, names: string[]) {
  const slugs = names.map(slugify);
  if (new Set(slugs).size !== slugs.length) {
    throw fieldError(field, say(actor, 'Názvy se nesmí opakovat.', 'Names must not repeat.'));
  }
}

interface RowData {
  name: string;
  slug: string;
  position: number;
  departmentId?: string | null;
}

/** What topics and neighbourhoods share as tables. */
interface RowTable {
  deleteMany(args: { where: { id: { notIn: string[] } } }): Promise<unknown>;
  update(args: { where: { id: string }; data: Partial<RowData> }): Promise<unknown>;
  create(args: { data: RowData }): Promise<unknown>;
}

/** Updates kept rows, creates new ones, deletes the rest; slugs follow the names. */
async function replaceRows(
  table: RowTable,
  rows: { id?: string; name: string; departmentId?: string | null }[],
) {
  const kept = rows.flatMap((row) => (row.id ? [row.id] : []));
  await table.deleteMany({ where: { id: { notIn: kept } } });
  // Slugs are unique: park the kept rows' slugs first, so renames may swap names.
  for (const id of kept) await table.update({ where: { id }, data: { slug: `~${id}` } });
  for (const [position, row] of rows.entries()) {
    const data = { name: row.name, slug: slugify(row.name), position, ...pick(row) };
    if (row.id) await table.update({ where: { id: row.id }, data });
    else await table.create({ data });
  }
}

const pick = (row: { departmentId?: string | null }) =>
  row.departmentId === undefined ? {} : { departmentId: row.departmentId };

export async function replaceTaxonomy(prisma: Prisma, actor: Actor, input: BoardTaxonomy) {
  const staff = authorize(actor, 'department.manage');
  assertDistinct(
    actor,
    'topics',
    input.topics.map((t) => t.name),
  );
  assertDistinct(
    actor,
    'neighbourhoods',
    input.neighbourhoods.map((n) => n.name),
  );
  const departments = input.topics.flatMap((t) => (t.departmentId ? [t.departmentId] : []));
  const known = await prisma.department.count({ where: { id: { in: departments } } });
  if (known !== new Set(departments).size) {
    throw fieldError('topics', say(actor, 'Neznámý odbor.', 'Unknown department.'));
  }
  await prisma.$transaction(async (tx) => {
    await replaceRows(tx.topic, input.topics);
    await replaceRows(tx.neighbourhood, input.neighbourhoods);
    await recordAudit(tx, {
      actorId: staff.id,
      action: 'board.taxonomy',
      entityType: 'board',
      entityId: 'taxonomy',
      after: input,
    });
  });
}
