// Applies prisma/migrations/*/migration.sql in order and records each in
// Prisma's own `_prisma_migrations` table, so `prisma migrate status/deploy`
// still work for operators who have the native engine. Runs offline.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The two things the runner needs from a database connection. */
export interface MigrationDriver {
  /** Runs one or more statements (simple protocol, no parameters). */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` holding a database-wide lock, so two nodes starting at once do not race. */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../prisma/migrations');

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

export interface MigrationReport {
  applied: string[];
}

export class MigrationError extends Error {}

/** Applies every migration not yet recorded. Each runs in its own transaction. */
export async function applyMigrations(
  driver: MigrationDriver,
  migrations: Migration[],
): Promise<MigrationReport> {
  return driver.withLock(async () => {
    await driver.exec(CREATE_TABLE);
    const done = await driver.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
       WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL`,
    );
    const doneByName = new Map(done.map((row) => [row.migration_name, row.checksum]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const recorded = doneByName.get(migration.name);
      if (recorded !== undefined) {
        if (recorded !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was changed after it was applied (checksum differs).`,
          );
        }
        continue;
      }
      try {
        await driver.exec(`BEGIN;\n${migration.sql}\n;
          INSERT INTO "_prisma_migrations"
            (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
          VALUES ('${randomUUID()}', '${migration.checksum}', '${migration.name.replaceAll("'", "''")}',
            now(), now(), 1);
          COMMIT;`);
      } catch (err) {
        // Leave the connection usable (and the lock releasable) before reporting.
        await driver.exec('ROLLBACK').catch((rollbackErr: unknown) => {
          throw new MigrationError(`Migration ${migration.name} failed and could not roll back`, {
            cause: rollbackErr,
          });
        });
        const reason = err instanceof Error ? err.message : String(err);
        throw new MigrationError(`Migration ${migration.name} failed: ${reason}`, { cause: err });
      }
      applied.push(migration.name);
    }
    return { applied };
  });
}
