// MigrationDriver implementations for the two ways Náměstí reaches PostgreSQL.
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { MigrationDriver } from './migrations.ts';

/** Prisma's own advisory lock key, so `prisma migrate deploy` and we exclude each other. */
const MIGRATION_LOCK_KEY = 72707369;

export function pgliteMigrationDriver(db: PGlite): MigrationDriver {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    // PGlite is one connection in one process; nothing else can race it.
    withLock: (fn) => fn(),
  };
}

export function pgMigrationDriver(client: pg.Client): MigrationDriver {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) =>
      (await client.query(sql, params)).rows as T[],
    withLock: async (fn) => {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
      }
    },
  };
}
