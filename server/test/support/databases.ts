// Throwaway PostgreSQL databases beside the run's shared one. A test file whose app works a
// queue that every node may take from (the e-mail outbox, the notice sweeps) needs its own:
// in the shared database, an app of another test file running at the same time would lease
// its messages and send them to that file's SMTP server.
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';

export async function asAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The URL of `database` on the test server. */
export function databaseUrl(database: string): string {
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = `/${database}`;
  return url.toString();
}

export interface OwnDatabase {
  name: string;
  url: string;
  /** Drops it, connections and all. */
  drop(): Promise<void>;
}

let made = 0;

/** An empty database of its own (the app migrates it on start). */
export async function ownDatabase(label: string): Promise<OwnDatabase> {
  made += 1;
  const name = `namesti_${label}_${inject('runId')}_${process.pid}_${made}`;
  await asAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      asAdmin(async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}

/** A database of its own for this test file: made before its tests, dropped after them all.
 * Register it before the hooks that start apps on it, so it is dropped after they close. */
export function useOwnDatabase(label: string): { readonly url: string } {
  let database: OwnDatabase | undefined;
  beforeAll(async () => {
    database = await ownDatabase(label);
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    get url() {
      if (!database) throw new Error('the database is made in beforeAll');
      return database.url;
    },
  };
}
