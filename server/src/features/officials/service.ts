import type { Prisma } from '../../db/database.ts';
import { AppError, fieldError, notFound } from '../../lib/app-error.ts';
import type { OfficialDto } from '../../protocol/dto.ts';
import type { OfficialInput, OfficialUpdate } from '../../protocol/schemas.ts';
import { authorize, say, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';
import { IMAGE_TYPES, MAX_IMAGE_BYTES, sniffImageType } from '../files/images.ts';
import { storeFile } from '../files/mutations.ts';
import { findOfficial, listAllOfficials, listOfficials } from './data.ts';

export function createOfficialService({ prisma }: { prisma: Prisma }) {
  async function getOrThrow(actor: Actor, id: string): Promise<OfficialDto> {
    const official = await findOfficial(prisma, id);
    if (!official) throw notFound(say(actor, 'Osoba', 'Official'));
    return official;
  }

  async function assertDepartment(actor: Actor, departmentId: string | null | undefined) {
    if (!departmentId) return;
    if (!(await prisma.department.findUnique({ where: { id: departmentId } }))) {
      const message = say(actor, 'Neznámý odbor', 'Unknown department');
      throw fieldError('departmentId', message);
    }
  }

  return {
    list: () => listOfficials(prisma),

    async listForStaff(actor: Actor) {
      authorize(actor, 'official.manage');
      return listAllOfficials(prisma);
    },
    get: getOrThrow,

    async create(actor: Actor, input: OfficialInput) {
      const staff = authorize(actor, 'official.manage');
      await assertDepartment(actor, input.departmentId);
      const id = await prisma.$transaction(async (tx) => {
        const row = await tx.official.create({ data: input });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'official.created',
          entityType: 'official',
          entityId: row.id,
          after: input,
        });
        return row.id;
      });
      return getOrThrow(actor, id);
    },

    async update(actor: Actor, id: string, patch: OfficialUpdate) {
      const staff = authorize(actor, 'official.manage');
      const before = await getOrThrow(actor, id);
      await assertDepartment(actor, patch.departmentId);
      await prisma.$transaction(async (tx) => {
        await tx.official.update({ where: { id }, data: patch });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'official.updated',
          entityType: 'official',
          entityId: id,
          before,
          after: patch,
        });
      });
      return getOrThrow(actor, id);
    },

    /** Hides the official from the directory; past sessions keep their hosts. */
    async hide(actor: Actor, id: string) {
      const staff = authorize(actor, 'official.manage');
      await getOrThrow(actor, id);
      await prisma.$transaction(async (tx) => {
        await tx.official.update({ where: { id }, data: { isActive: false } });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'official.hidden',
          entityType: 'official',
          entityId: id,
        });
      });
    },

    async setPhoto(actor: Actor, id: string, declaredType: string, bytes: Uint8Array) {
      const staff = authorize(actor, 'official.manage');
      await getOrThrow(actor, id);
      if (bytes.byteLength > MAX_IMAGE_BYTES) {
        throw new AppError(
          'payload_too_large',
          say(actor, 'Obrázek je větší než 2 MB', 'Image larger than 2 MB'),
        );
      }
      const type = sniffImageType(bytes);
      if (
        !type ||
        type !== declaredType ||
        !(IMAGE_TYPES as readonly string[]).includes(declaredType)
      ) {
        throw new AppError(
          'unsupported_media_type',
          say(
            actor,
            'Nahrajte fotografii ve formátu JPEG, PNG nebo WebP',
            'Upload a JPEG, PNG or WebP image',
          ),
        );
      }
      await prisma.$transaction(async (tx) => {
        const old = await tx.official.findUniqueOrThrow({
          where: { id },
          select: { photoId: true },
        });
        const file = await storeFile(tx, type, bytes);
        await tx.official.update({ where: { id }, data: { photoId: file.id } });
        if (old.photoId) await tx.storedFile.delete({ where: { id: old.photoId } });
        await recordAudit(tx, {
          actorId: staff.id,
          action: 'official.photo_changed',
          entityType: 'official',
          entityId: id,
          after: { fileId: file.id, type, bytes: bytes.byteLength },
        });
      });
      return getOrThrow(actor, id);
    },
  };
}

export type OfficialService = ReturnType<typeof createOfficialService>;
