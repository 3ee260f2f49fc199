import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/db/database.ts';
import { pgliteMigrationDriver, pgMigrationDriver } from '../src/db/drivers.ts';
import { openEmbeddedPostgres } from '../src/db/embedded.ts';
import {
  applyMigrations,
  MigrationError,
  readMigrations,
  type Migration,
} from '../src/db/migrations.ts';
import { logger } from '../src/lib/logger.ts';
import { asAdmin, databaseUrl } from './support/databases.ts';

/** The committed migrations, read here independently of the runner. */
const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
const committed = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .map((name) => {
    const bytes = readFileSync(path.join(MIGRATIONS_DIR, name, 'migration.sql'));
    return { name, checksum: createHash('sha256').update(bytes).digest('hex') };
  });

const PRISMA_LOCK_KEY = 72707369; // what `prisma migrate deploy` locks

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

const ROWS_SQL = 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name';
const COLUMNS_SQL = `SELECT table_name, column_name, data_type, is_nullable
  FROM information_schema.columns WHERE table_schema = 'public'
  ORDER BY table_name, column_name`;

// ---- throwaway PostgreSQL databases, dropped at the end ------------------------------------

const created: string[] = [];
const clients: pg.Client[] = [];

async function freshDatabase(): Promise<string> {
  const name = `namesti_mig_${inject('runId')}_${created.length}`;
  created.push(name);
  await asAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  return name;
}

async function connect(database: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  clients.push(client);
  return client;
}

async function rows(client: pg.Client): Promise<MigrationRow[]> {
  return (await client.query<MigrationRow>(ROWS_SQL)).rows;
}

afterAll(async () => {
  await Promise.allSettled(clients.map((client) => client.end()));
  await asAdmin(async (admin) => {
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});

const withChecksum = (name: string, sql: string): Migration => ({
  name,
  sql,
  checksum: createHash('sha256').update(sql).digest('hex'),
});

// ---- tests ------------------------------------------------------------------------------------

let migrations: Migration[];
beforeAll(async () => {
  migrations = await readMigrations();
});

describe('readMigrations', () => {
  it('reads every committed migration folder in order, with the sha256 of its SQL', () => {
    expect(committed.length).toBeGreaterThan(0);
    expect(migrations.map((m) => ({ name: m.name, checksum: m.checksum }))).toEqual(committed);
  });
});

describe('applyMigrations on PostgreSQL', () => {
  let client: pg.Client;
  let report: { applied: string[] };

  beforeAll(async () => {
    client = await connect(await freshDatabase());
    report = await applyMigrations(pgMigrationDriver(client), migrations);
  });

  it('applies every migration and records it the way Prisma does', async () => {
    expect(report.applied).toEqual(committed.map((m) => m.name));
    const recorded = await rows(client);
    expect(recorded).toHaveLength(committed.length);
    for (const [i, row] of recorded.entries()) {
      expect(row.migration_name).toBe(committed[i]!.name);
      expect(row.checksum).toBe(committed[i]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.started_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('creates the table with Prisma’s columns and the schema’s tables', async () => {
    const columns = await client.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_name = '_prisma_migrations' ORDER BY column_name`,
    );
    expect(Object.fromEntries(columns.rows.map((c) => [c.column_name, c.data_type]))).toEqual({
      applied_steps_count: 'integer',
      checksum: 'character varying',
      finished_at: 'timestamp with time zone',
      id: 'character varying',
      logs: 'text',
      migration_name: 'character varying',
      rolled_back_at: 'timestamp with time zone',
      started_at: 'timestamp with time zone',
    });
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables.rows.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'staff_users',
        'auth_tokens',
        'departments',
        'officials',
        'stored_files',
        'sessions',
        'participants',
        'audit_log',
      ]),
    );
  });

  it('applies nothing on a second run', async () => {
    const before = await rows(client);
    const again = await applyMigrations(pgMigrationDriver(client), migrations);
    expect(again.applied).toEqual([]);
    expect(await rows(client)).toEqual(before);
    // Freshly read from disk, too.
    expect(
      (await applyMigrations(pgMigrationDriver(client), await readMigrations())).applied,
    ).toEqual([]);
  });

  it('refuses a migration whose SQL changed after it was applied, and frees the lock', async () => {
    const [first, ...rest] = migrations;
    const edited = withChecksum(first!.name, `${first!.sql}\n-- edited afterwards\n`);
    const before = await rows(client);
    const attempt = applyMigrations(pgMigrationDriver(client), [edited, ...rest]);
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(first!.name);
    expect(await rows(client)).toEqual(before);

    // The lock was released: another connection can run the migrations at once.
    const other = await connect(client.database!);
    const next = await applyMigrations(pgMigrationDriver(other), migrations);
    expect(next.applied).toEqual([]);
  });

  it('applies a new migration on top, and only that one', async () => {
    const extra = withChecksum(
      '29990101000000_test_extra',
      'CREATE TABLE "test_extra" ("id" INTEGER PRIMARY KEY);',
    );
    const result = await applyMigrations(pgMigrationDriver(client), [...migrations, extra]);
    expect(result.applied).toEqual([extra.name]);
    const recorded = await rows(client);
    expect(recorded).toHaveLength(committed.length + 1);
    expect(recorded.at(-1)).toMatchObject({
      migration_name: extra.name,
      checksum: extra.checksum,
      applied_steps_count: 1,
    });
  });

  it('rolls back a failing migration and records nothing for it', async () => {
    const database = await freshDatabase();
    const conn = await connect(database);
    const broken = withChecksum(
      '29990101000000_broken',
      'CREATE TABLE "half_done" ("id" INTEGER);\nSELECT * FROM "no_such_table";',
    );
    await expect(
      applyMigrations(pgMigrationDriver(conn), [...migrations, broken]),
    ).rejects.toThrow();
    await conn.end().catch((err: unknown) => console.warn('closing after a failed migration', err));

    const check = await connect(database);
    const recorded = await rows(check);
    expect(recorded.map((r) => r.migration_name)).toEqual(committed.map((m) => m.name));
    const table = await check.query<{ t: string | null }>(`SELECT to_regclass('half_done') AS t`);
    expect(table.rows[0]!.t).toBeNull();
  });

  it('reports the SQL error of a failing migration and frees the lock', async () => {
    const conn = await connect(await freshDatabase());
    const broken = withChecksum('29990101000000_broken', 'SELECT * FROM "no_such_table";');
    await expect(applyMigrations(pgMigrationDriver(conn), [...migrations, broken])).rejects.toThrow(
      /no_such_table/,
    );
    const other = await connect(conn.database!);
    const next = applyMigrations(pgMigrationDriver(other), migrations);
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 3_000));
    expect(await Promise.race([next.then(() => 'done'), timeout])).toBe('done');
  });
});

describe('two nodes migrating at once', () => {
  it('applies each migration exactly once (advisory lock)', async () => {
    const database = await freshDatabase();
    const nodes = await Promise.all([connect(database), connect(database), connect(database)]);
    const reports = await Promise.all(
      nodes.map((node) => applyMigrations(pgMigrationDriver(node), migrations)),
    );
    const applied = reports.map((r) => r.applied).sort((a, b) => b.length - a.length);
    expect(applied).toEqual([committed.map((m) => m.name), [], []]);
    const recorded = await rows(nodes[0]!);
    expect(recorded.map((r) => r.migration_name)).toEqual(committed.map((m) => m.name));
  });

  it('waits while `prisma migrate` holds Prisma’s lock', async () => {
    const database = await freshDatabase();
    const [prismaCli, node] = await Promise.all([connect(database), connect(database)]);
    await prismaCli.query('SELECT pg_advisory_lock($1)', [PRISMA_LOCK_KEY]);
    let done = false;
    const run = applyMigrations(pgMigrationDriver(node), migrations).then((report) => {
      done = true;
      return report;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(done).toBe(false);
    const table = await prismaCli.query<{ t: string | null }>(
      `SELECT to_regclass('"_prisma_migrations"') AS t`,
    );
    expect(table.rows[0]!.t).toBeNull(); // nothing ran yet
    await prismaCli.query('SELECT pg_advisory_unlock($1)', [PRISMA_LOCK_KEY]);
    expect((await run).applied).toEqual(committed.map((m) => m.name));
  });
});

describe('applyMigrations on embedded PGlite', () => {
  let lite: PGlite;
  beforeAll(async () => {
    lite = await openEmbeddedPostgres(); // in memory
  });
  afterAll(() => lite.close());

  it('applies the same migrations with the same records', async () => {
    const report = await applyMigrations(pgliteMigrationDriver(lite), migrations);
    expect(report.applied).toEqual(committed.map((m) => m.name));
    const recorded = (await lite.query<MigrationRow>(ROWS_SQL)).rows;
    expect(recorded).toHaveLength(committed.length);
    expect(recorded.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(
      committed.map((m) => [m.name, m.checksum, 1]),
    );
    for (const row of recorded) expect(row.finished_at).not.toBeNull();

    expect((await applyMigrations(pgliteMigrationDriver(lite), migrations)).applied).toEqual([]);
    expect((await lite.query(ROWS_SQL)).rows).toHaveLength(committed.length);
  });

  it('ends up with exactly the schema PostgreSQL gets', async () => {
    const client = await connect(await freshDatabase());
    await applyMigrations(pgMigrationDriver(client), migrations);
    const onPostgres = (await client.query(COLUMNS_SQL)).rows;
    const onPglite = (await lite.query(COLUMNS_SQL)).rows;
    expect(onPglite.length).toBeGreaterThan(20);
    expect(onPglite).toEqual(onPostgres);
  });

  it('refuses a changed checksum too', async () => {
    const [first] = migrations;
    const edited = withChecksum(first!.name, `${first!.sql}\n-- edited\n`);
    await expect(applyMigrations(pgliteMigrationDriver(lite), [edited])).rejects.toBeInstanceOf(
      MigrationError,
    );
  });
});

describe('the embedded database as the app opens it', () => {
  it('gives the planner fresh statistics (PGlite has no autovacuum)', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'namesti-embedded-'));
    const db = await openDatabase({ databaseUrl: undefined, dataDir, logger });
    try {
      // -1 is "never analyzed": the planner would guess the size of every table.
      const rows = await db.prisma.$queryRaw<{ relname: string; reltuples: number }[]>`
        SELECT relname, reltuples FROM pg_class
        WHERE relname IN ('search_documents', 'sessions', 'transcript_segments')`;
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row.reltuples, row.relname).toBeGreaterThanOrEqual(0);
    } finally {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
