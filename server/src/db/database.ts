// Opens the database the config names — an external PostgreSQL (DATABASE_URL) or the
// embedded one (PGlite in DATA_DIR) — applies pending migrations, and hands out Prisma.
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.ts';
import type { Logger } from '../lib/logger.ts';
import { pgliteMigrationDriver, pgMigrationDriver } from './drivers.ts';
import { openEmbeddedPostgres } from './embedded.ts';
import { applyMigrations, readMigrations } from './migrations.ts';

export type Prisma = InstanceType<typeof PrismaClient>;

export interface Database {
  prisma: Prisma;
  kind: 'postgres' | 'embedded';
  /** True when a trivial query answers within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  logger: Logger;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const migrations = await readMigrations();
  if (options.databaseUrl) {
    const client = new pg.Client({ connectionString: options.databaseUrl });
    await client.connect();
    try {
      const report = await applyMigrations(pgMigrationDriver(client), migrations);
      logApplied(options.logger, report.applied);
    } finally {
      await client.end();
    }
    const adapter = new PrismaPg({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
    });
    return wrap(new PrismaClient({ adapter }), 'postgres', async () => {});
  }

  const folder = path.join(options.dataDir, 'postgres');
  const db = await openEmbeddedPostgres(folder);
  const report = await applyMigrations(pgliteMigrationDriver(db), migrations);
  logApplied(options.logger, report.applied);
  const stopAnalyzing = keepStatisticsFresh(options.logger, () => db.exec('ANALYZE'));
  await db.exec('ANALYZE');
  // In process, one connection: the route the prisma-offline note found correct.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return wrap(prisma, 'embedded', async () => {
    stopAnalyzing();
    await db.close();
  });
}

const ANALYZE_EVERY_MS = 6 * 3600 * 1000;

/** PGlite has no autovacuum: without this the planner keeps the row counts of the first start,
 * and search over a grown archive picks slow plans. ANALYZE samples, so it stays quick. */
function keepStatisticsFresh(logger: Logger, analyze: () => Promise<unknown>): () => void {
  const timer = setInterval(() => {
    analyze().catch((error: unknown) => logger.warn({ err: error }, 'ANALYZE failed'));
  }, ANALYZE_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

function logApplied(logger: Logger, applied: string[]) {
  if (applied.length > 0) logger.info({ applied }, 'database migrations applied');
}

function wrap(prisma: Prisma, kind: Database['kind'], closeDriver: () => Promise<void>): Database {
  return {
    prisma,
    kind,
    async ping(timeoutMs = 2_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const query = prisma.$queryRaw`SELECT 1`.then(
        () => true,
        () => false,
      );
      const ok = await Promise.race([query, timeout]);
      clearTimeout(timer);
      return ok;
    },
    async close() {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}
