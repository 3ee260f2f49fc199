// Two more app processes for the specs about several nodes, as production runs them behind a
// load balancer: one throwaway database on the real PostgreSQL, one Redis, the built web.
import { createServer } from 'node:net';
import pg from 'pg';
import { startNodeProcess, type NodeProcess } from '../../server/test/support/node-process.ts';
import { E2E_ADMIN } from '../playwright.config.ts';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A port nobody listens on now. The pages' server-side rendering calls the API on the port
 * the process was given, so each node gets a real one rather than 0. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

export interface TwoNodes {
  a: NodeProcess;
  b: NodeProcess;
  stop(): Promise<void>;
}

export async function startTwoNodes(): Promise<TwoNodes> {
  const runId = `${Date.now().toString(36)}${process.pid}`;
  const database = `namesti_e2e_${runId}`;
  await adminQuery(`CREATE DATABASE "${database}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const env = {
    HOST: '127.0.0.1',
    DATABASE_URL: url.toString(),
    REDIS_URL,
    REDIS_PREFIX: `namesti-e2e-${runId}`,
    DATA_DIR: `/tmp/namesti-e2e-${runId}`,
    SESSION_SECRET: 'e2e-secret-that-is-long-enough-for-hmac-0123456789',
    ADMIN_EMAIL: E2E_ADMIN.email,
    ADMIN_PASSWORD: E2E_ADMIN.password,
    SEED_DEMO: 'false',
    MEDIA_WORKERS: '1',
  };
  // Started together: migrations run under an advisory lock.
  const [a, b] = await Promise.all([
    startNodeProcess({ ...env, PORT: String(await freePort()) }, 'node A'),
    startNodeProcess({ ...env, PORT: String(await freePort()) }, 'node B'),
  ]);
  return {
    a,
    b,
    async stop() {
      await Promise.all([a.stop(), b.stop()]);
      await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    },
  };
}
