// Starts the real app in this process against the run's PostgreSQL database.
import { inject } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.ts';
import { parseConfig } from '../../src/config.ts';
import { logger } from '../../src/lib/logger.ts';
import type { SessionDetailDto, StaffUserDto } from '../../src/protocol/dto.ts';
import { TestClient } from './http-client.ts';

export const ADMIN_EMAIL = 'admin@test.namesti.local';
export const ADMIN_PASSWORD = 'correct horse battery staple';

export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: inject('databaseUrl'),
    DATA_DIR: `/tmp/namesti-test-${inject('runId')}`,
    SESSION_SECRET: 'test-secret-that-is-long-enough-for-hmac-0123456789',
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    REDIS_PREFIX: `namesti-test-${inject('runId')}`,
    WEB_BUILD_DIR: '/nonexistent',
    // Worker processes only where a test is about media (those pass MEDIA: 'auto').
    MEDIA: 'off',
    MEDIA_WORKERS: '1',
    ...extra,
  };
}

export async function startTestApp(extra: Record<string, string> = {}): Promise<RunningApp> {
  const config = parseConfig(testEnv(extra));
  return startApp(config, logger.child({ test: true }));
}

export async function loginAs(
  baseUrl: string,
  email = ADMIN_EMAIL,
  password = ADMIN_PASSWORD,
): Promise<TestClient> {
  const client = new TestClient(baseUrl);
  const res = await client.post<StaffUserDto>('/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${res.text}`);
  return client;
}

/** Creates a staff account through the admin API and returns a logged-in client. */
export async function staffClient(
  admin: TestClient,
  role: 'admin' | 'moderator' | 'host' | 'clerk',
  departmentIds: string[] = [],
): Promise<TestClient> {
  const email = `${role}-${crypto.randomUUID().slice(0, 8)}@test.namesti.local`;
  const password = 'a long enough password 123';
  const res = await admin.post('/api/admin/staff', {
    email,
    name: `Test ${role}`,
    role,
    password,
    departmentIds,
  });
  if (res.status !== 201) throw new Error(`create ${role} failed: ${res.status} ${res.text}`);
  return loginAs(admin.baseUrl, email, password);
}

let counter = 0;
/** A valid session body, a day ahead, with a unique title. */
export function sessionBody(extra: Record<string, unknown> = {}) {
  counter += 1;
  const day = new Date(Date.now() + 86_400_000 * (2 + counter));
  const date = day.toISOString().slice(0, 10);
  return {
    kind: 'consultation',
    title: `Test session ${counter} ${crypto.randomUUID().slice(0, 6)}`,
    description: 'About the park',
    locality: 'Výsluní',
    scheduledStart: `${date}T17:00`,
    durationMinutes: 90,
    ...extra,
  };
}

/** Creates a session through the admin API (a fresh valid body, overridable) and returns it. */
export async function createSession(
  admin: TestClient,
  extra: Record<string, unknown> = {},
): Promise<SessionDetailDto> {
  const res = await admin.post<SessionDetailDto>('/api/admin/sessions', sessionBody(extra));
  if (res.status !== 201) throw new Error(`create session failed: ${res.status} ${res.text}`);
  return res.body;
}
