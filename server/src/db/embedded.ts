// The embedded default: PostgreSQL in WebAssembly (PGlite) in a data folder.
// Extensions must be passed at every open, or queries that use them fail later.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

/** `dataDir` undefined → an in-memory database (scripts, throwaway checks). */
export async function openEmbeddedPostgres(dataDir?: string): Promise<PGlite> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  return PGlite.create({ dataDir, extensions: { unaccent, pg_trgm } });
}
