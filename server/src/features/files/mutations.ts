import { createHash } from 'node:crypto';
import type { Tx } from '../sessions/mutations.ts';

export async function storeFile(tx: Tx, contentType: string, bytes: Uint8Array) {
  return tx.storedFile.create({
    data: {
      contentType,
      byteSize: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      data: Buffer.from(bytes),
    },
    select: { id: true },
  });
}
