// The benchmarks' throwaway databases: a fresh PostgreSQL database (dropped at the end) or
// PGlite in a temp folder, migrated by the app's own openDatabase(), and the raw driver for
// what the app never does (COPY, DDL, bulk SQL seeding, sizes).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.ts';
import { openEmbeddedPostgres } from '../src/db/embedded.ts';
import { logger } from '../src/lib/logger.ts';

export type Engine = 'postgres' | 'pglite';

/** The raw driver, for what the app never does: COPY, DDL, sizes. */
export interface RawDb {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** COPY `table` (columns) FROM the text-format `chunks`, one COPY statement per chunk. */
  copyIn(table: string, columns: readonly string[], chunks: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface BenchDatabase {
  engine: Engine;
  /** Where it is, for the report (no credentials). */
  label: string;
  /** The app's openDatabase() on it: applies pending migrations, hands out Prisma. */
  open(): Promise<Database>;
  /** The raw driver; on PGlite only while the app's handle is closed (one owner). */
  raw(): Promise<RawDb>;
  /** Drops the database / removes the folder. */
  destroy(): Promise<void>;
}

// pg has no COPY FROM STDIN of its own (that is the pg-copy-streams package); its Query calls
// handleCopyInResponse when the server is ready for the data, so a Query that answers it with
// the chunks is enough.
interface CopyConnection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

class CopyFrom extends pg.Query {
  readonly #chunks: readonly string[];

  constructor(sql: string, chunks: readonly string[], done: (err: Error | undefined) => void) {
    super(sql, (err) => done(err));
    this.#chunks = chunks;
  }

  handleCopyInResponse(connection: CopyConnection) {
    for (const chunk of this.#chunks) connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
    connection.endCopyFrom();
  }
}

function pgRaw(client: pg.Client): RawDb {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) =>
      (await client.query(sql, params)).rows as T[],
    async copyIn(table, columns, chunks) {
      const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
      for (const chunk of chunks) {
        await new Promise<void>((resolve, reject) => {
          client.query(new CopyFrom(sql, [chunk], (err) => (err ? reject(err) : resolve())));
        });
      }
    },
    close: () => client.end(),
  };
}

function pgliteRaw(db: PGlite): RawDb {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    async copyIn(table, columns, chunks) {
      const sql = `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`;
      for (const chunk of chunks) await db.query(sql, [], { blob: new Blob([chunk]) });
    },
    close: () => db.close(),
  };
}

/** A fresh database on the PostgreSQL server behind `adminUrl` (a database it may create in). */
export async function postgresDatabase(adminUrl: string, bench: string): Promise<BenchDatabase> {
  const name = `namesti_bench_${bench}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), `namesti-bench-${bench}-`));
  return {
    engine: 'postgres',
    label: `PostgreSQL at ${url.host}/${name} (dropped at the end)`,
    open: () => openDatabase({ databaseUrl: url.toString(), dataDir, logger }),
    async raw() {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      return pgRaw(client);
    },
    async destroy() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Embedded PGlite in a temp folder, as the app runs it without DATABASE_URL. */
export async function pgliteDatabase(bench: string): Promise<BenchDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `namesti-bench-${bench}-`));
  return {
    engine: 'pglite',
    label: `embedded PGlite in ${dataDir} (removed at the end)`,
    open: () => openDatabase({ databaseUrl: undefined, dataDir, logger }),
    // The folder openDatabase() uses for the embedded database.
    raw: async () => pgliteRaw(await openEmbeddedPostgres(path.join(dataDir, 'postgres'))),
    destroy: () => rm(dataDir, { recursive: true, force: true }),
  };
}

const undestroyed = new Set<() => Promise<void>>();

/**
 * A throwaway database on `engine` for the run inside `use`, destroyed afterwards whatever
 * happens, and by Ctrl-C too (the first call installs the handler).
 */
export async function withBenchDatabase<T>(
  engine: Engine,
  bench: string,
  postgresUrl: string,
  use: (db: BenchDatabase) => Promise<T>,
): Promise<T> {
  if (undestroyed.size === 0 && process.listenerCount('SIGINT') === 0) {
    process.once('SIGINT', () => {
      console.error('\ninterrupted: dropping the bench databases…');
      Promise.allSettled([...undestroyed].map((destroy) => destroy())).finally(() =>
        process.exit(130),
      );
    });
  }
  const db =
    engine === 'postgres'
      ? await postgresDatabase(postgresUrl, bench)
      : await pgliteDatabase(bench);
  undestroyed.add(db.destroy);
  try {
    return await use(db);
  } finally {
    await db.destroy();
    undestroyed.delete(db.destroy);
  }
}

/** `use` with the raw driver, closed afterwards (PGlite has one owner at a time). */
export async function withRaw<T>(db: BenchDatabase, use: (raw: RawDb) => Promise<T>): Promise<T> {
  const raw = await db.raw();
  try {
    return await use(raw);
  } finally {
    await raw.close();
  }
}

/** `use` with the app's own database handle, closed afterwards. */
export async function withApp<T>(
  db: BenchDatabase,
  use: (app: Database) => Promise<T>,
): Promise<T> {
  const app = await db.open();
  try {
    return await use(app);
  } finally {
    await app.close();
  }
}
