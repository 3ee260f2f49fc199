import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { MeDto, ParticipantDto, StaffUserDto } from '../src/protocol/dto.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, loginAs, startTestApp } from './support/app.ts';
import { TestClient, type TestResponse } from './support/http-client.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, string[]> };
}

let app: RunningApp;
let admin: TestClient;

beforeAll(async () => {
  app = await startTestApp();
  admin = await loginAs(app.url);
});
afterAll(() => app.close());

let ipCounter = 0;
/**
 * A client address of its own (the app trusts X-Forwarded-For from loopback), so the
 * per-IP login limit (30 per 15 min) of one test never spills into another.
 */
const freshIp = () => `198.51.100.${++ipCounter}`;

function login(
  client: TestClient,
  email: string,
  password: string,
  ip = freshIp(),
): Promise<TestResponse<StaffUserDto & ErrorBody>> {
  return client.request('POST', '/api/auth/login', { email, password }, { 'x-forwarded-for': ip });
}

/** A staff account of its own (so rate limits and logouts touch nothing else). */
async function createAccount(role: 'admin' | 'moderator' | 'host' = 'host') {
  const email = `auth-${role}-${crypto.randomUUID().slice(0, 8)}@test.namesti.local`;
  const password = `initial password ${crypto.randomUUID().slice(0, 6)}`;
  const res = await admin.post<StaffUserDto>('/api/admin/staff', {
    email,
    name: `Auth ${role}`,
    role,
    password,
  });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id, email, password };
}

async function loggedIn(email: string, password: string): Promise<TestClient> {
  const client = new TestClient(app.url);
  const res = await login(client, email, password);
  expect(res.status, res.text).toBe(200);
  return client;
}

const me = async (client: TestClient) => (await client.get<MeDto>('/api/me')).body;

function setCookie(res: TestResponse, name: string): string | undefined {
  return res.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
}

describe('logging in', () => {
  it('sets an httpOnly, SameSite=Lax staff cookie (not Secure over plain http)', async () => {
    const client = new TestClient(app.url);
    const res = await login(client, ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ email: ADMIN_EMAIL, role: 'admin', isActive: true });
    expect(res.body.lastLoginAt).not.toBeNull();
    expect(res.body).not.toHaveProperty('passwordHash');

    const cookie = setCookie(res, 'namesti_staff');
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\/(;|$)/i);
    expect(cookie).toMatch(/;\s*Max-Age=1209600\b/i); // 14 days
    expect(cookie).not.toMatch(/;\s*Secure/i);
    // An opaque random token, not anything derived from the account.
    const token = client.cookies.get('namesti_staff')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(token).not.toContain(res.body.id);
  });

  it('marks both cookies Secure when PUBLIC_URL is https', async () => {
    const secureApp = await startTestApp({ PUBLIC_URL: 'https://namesti.example' });
    try {
      const client = new TestClient(secureApp.url);
      const res = await client.request<StaffUserDto>(
        'POST',
        '/api/auth/login',
        { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
        { 'x-forwarded-for': freshIp() },
      );
      expect(res.status, res.text).toBe(200);
      const staff = setCookie(res, 'namesti_staff');
      expect(staff).toMatch(/;\s*Secure/i);
      expect(staff).toMatch(/;\s*HttpOnly/i);
      expect(staff).toMatch(/;\s*SameSite=Lax/i);
      expect(setCookie(res, 'namesti_pid')).toMatch(/;\s*Secure/i);
    } finally {
      await secureApp.close();
    }
  });

  it('accepts the e-mail in any letter case', async () => {
    const account = await createAccount();
    const client = new TestClient(app.url);
    const res = await login(client, account.email.toUpperCase(), account.password);
    expect(res.status, res.text).toBe(200);
    expect(res.body.id).toBe(account.id);
  });

  it('answers a wrong password and an unknown e-mail alike: 401, same message', async () => {
    const account = await createAccount();
    const client = new TestClient(app.url);
    const wrong = await login(client, account.email, 'not the password at all');
    const unknown = await login(
      client,
      `nobody-${account.id}@test.namesti.local`,
      account.password,
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthenticated');
    expect(unknown.body.error).toEqual(wrong.body.error);
    expect(setCookie(wrong, 'namesti_staff')).toBeUndefined();
    expect(client.cookies.has('namesti_staff')).toBe(false);
    expect((await me(client)).staff).toBeNull();
  });

  it('validates the login body', async () => {
    const res = await login(new TestClient(app.url), 'not-an-email', '');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.details ?? {}).sort()).toEqual(['email', 'password']);
  });
});

describe('/api/me and logging out', () => {
  it('shows the staff member after login and null after logout', async () => {
    const account = await createAccount('moderator');
    const client = new TestClient(app.url);
    expect((await me(client)).staff).toBeNull();
    await login(client, account.email, account.password);
    const during = await me(client);
    expect(during.staff).toMatchObject({ id: account.id, email: account.email, role: 'moderator' });
    expect(during.participant.id).toMatch(/^[0-9a-f-]{36}$/);

    const out = await client.post('/api/auth/logout');
    expect(out.status).toBe(204);
    const cleared = setCookie(out, 'namesti_staff');
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/i);
    expect(client.cookies.has('namesti_staff')).toBe(false);
    const after = await me(client);
    expect(after.staff).toBeNull();
    // Still the same citizen.
    expect(after.participant.id).toBe(during.participant.id);
  });

  it('ends the login on the server: replaying the old cookie is anonymous', async () => {
    const account = await createAccount('admin');
    const client = await loggedIn(account.email, account.password);
    const token = client.cookies.get('namesti_staff')!;
    expect((await client.get('/api/admin/staff')).status).toBe(200);
    expect((await client.post('/api/auth/logout')).status).toBe(204);

    const replay = new TestClient(app.url);
    replay.cookies.set('namesti_staff', token);
    expect((await me(replay)).staff).toBeNull();
    const denied = await replay.get<ErrorBody>('/api/admin/staff');
    expect(denied.status).toBe(401);
    expect(denied.body.error.code).toBe('unauthenticated');
  });

  it('treats a made-up or oversized token as anonymous', async () => {
    const client = new TestClient(app.url);
    client.cookies.set('namesti_staff', 'A'.repeat(43));
    expect((await me(client)).staff).toBeNull();
    client.cookies.set('namesti_staff', 'A'.repeat(5000));
    const res = await client.get<MeDto>('/api/me');
    expect(res.status).toBe(200);
    expect(res.body.staff).toBeNull();
  });

  it('logging out without a login is harmless', async () => {
    const client = new TestClient(app.url);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
  });
});

describe('changing the password', () => {
  it('refuses a wrong current password with details.currentPassword', async () => {
    const account = await createAccount();
    const client = await loggedIn(account.email, account.password);
    const res = await client.post<ErrorBody>('/api/auth/password', {
      currentPassword: 'this is not it at all',
      newPassword: 'a brand new password 42',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details?.currentPassword?.length).toBeGreaterThan(0);
    // Nothing changed: the old password still works.
    expect((await login(new TestClient(app.url), account.email, account.password)).status).toBe(
      200,
    );
  });

  it('refuses a new password under 12 characters and anonymous callers', async () => {
    const account = await createAccount();
    const client = await loggedIn(account.email, account.password);
    const short = await client.post<ErrorBody>('/api/auth/password', {
      currentPassword: account.password,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);
    expect(Object.keys(short.body.error.details ?? {})).toEqual(['newPassword']);
    const anonymous = await new TestClient(app.url).post('/api/auth/password', {
      currentPassword: account.password,
      newPassword: 'a brand new password 42',
    });
    expect(anonymous.status).toBe(401);
  });

  it('ends the other logins, keeps this one, and the new password works', async () => {
    const account = await createAccount();
    const current = await loggedIn(account.email, account.password);
    const otherDevice = await loggedIn(account.email, account.password);
    expect((await me(otherDevice)).staff?.id).toBe(account.id);

    const newPassword = 'a brand new password 42';
    const res = await current.post('/api/auth/password', {
      currentPassword: account.password,
      newPassword,
    });
    expect(res.status, res.text).toBe(204);

    expect((await me(current)).staff?.id).toBe(account.id);
    expect((await me(otherDevice)).staff).toBeNull();

    const old = await login(new TestClient(app.url), account.email, account.password);
    expect(old.status).toBe(401);
    const fresh = await login(new TestClient(app.url), account.email, newPassword);
    expect(fresh.status).toBe(200);

    const audit = await admin.get<{ action: string; entityId: string; after: unknown }[]>(
      '/api/admin/audit?limit=50',
    );
    const entry = audit.body.find(
      (e) => e.action === 'staff.password_changed' && e.entityId === account.id,
    );
    expect(entry).toBeDefined();
    expect(JSON.stringify(audit.body)).not.toContain(newPassword);
  });
});

describe('deactivated accounts', () => {
  it('cannot log in, and their existing login stops working', async () => {
    const account = await createAccount('admin');
    const client = await loggedIn(account.email, account.password);
    expect((await client.get('/api/admin/staff')).status).toBe(200);

    const off = await admin.patch<StaffUserDto>(`/api/admin/staff/${account.id}`, {
      isActive: false,
    });
    expect(off.status, off.text).toBe(200);
    expect(off.body.isActive).toBe(false);

    expect((await me(client)).staff).toBeNull();
    expect((await client.get('/api/admin/staff')).status).toBe(401);
    const again = await login(new TestClient(app.url), account.email, account.password);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('unauthenticated');

    // Reactivated, the same password works again.
    await admin.patch(`/api/admin/staff/${account.id}`, { isActive: true });
    expect((await login(new TestClient(app.url), account.email, account.password)).status).toBe(
      200,
    );
  });
});

describe('rate limits', () => {
  it('blocks an account after 8 wrong passwords, even from different addresses', async () => {
    const account = await createAccount();
    const client = new TestClient(app.url);
    for (let i = 1; i <= 8; i++) {
      const res = await login(client, account.email, `wrong password ${i}`);
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const blocked = await login(client, account.email, 'wrong password 9');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    // The right password is refused too while blocked, and no cookie is set.
    const right = await login(client, account.email, account.password);
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('rate_limited');
    expect(setCookie(right, 'namesti_staff')).toBeUndefined();
    // The block is per account (any case of the e-mail): other accounts are unaffected.
    expect((await login(client, account.email.toUpperCase(), account.password)).status).toBe(429);
    expect((await login(new TestClient(app.url), ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);
  });

  it('a successful login clears the failed attempts', async () => {
    const account = await createAccount();
    const client = new TestClient(app.url);
    for (let i = 1; i <= 7; i++) {
      expect((await login(client, account.email, `wrong password ${i}`)).status).toBe(401);
    }
    expect((await login(client, account.email, account.password)).status).toBe(200);
    for (let i = 1; i <= 7; i++) {
      expect((await login(client, account.email, `wrong again ${i}`)).status).toBe(401);
    }
    expect((await login(client, account.email, account.password)).status).toBe(200);
  });

  it('limits one address to 30 attempts per 15 minutes, whatever the accounts', async () => {
    const ip = freshIp();
    const client = new TestClient(app.url);
    for (let i = 1; i <= 30; i++) {
      const res = await login(client, `probe-${i}-${ip}@test.namesti.local`, 'guess', ip);
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const blocked = await login(client, ADMIN_EMAIL, ADMIN_PASSWORD, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    // Another address is not blocked.
    expect((await login(client, ADMIN_EMAIL, ADMIN_PASSWORD, freshIp())).status).toBe(200);
  });
});

describe('the citizen cookie', () => {
  it('is issued on the first request and stays the same afterwards', async () => {
    const client = new TestClient(app.url);
    const first = await client.get<MeDto>('/api/me');
    const cookie = setCookie(first, 'namesti_pid');
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Max-Age=63072000\b/i); // two years
    expect(cookie).not.toMatch(/;\s*Secure/i);
    const value = client.cookies.get('namesti_pid')!;
    const [id] = value.split('.');
    expect(first.body.participant).toEqual({ id, displayName: null });

    const second = await client.get<MeDto>('/api/me');
    expect(setCookie(second, 'namesti_pid')).toBeUndefined();
    expect(second.body.participant.id).toBe(id);
    expect(client.cookies.get('namesti_pid')).toBe(value);

    // Any API request issues it, even one that fails.
    const other = new TestClient(app.url);
    expect((await other.get('/api/no-such-endpoint')).status).toBe(404);
    expect(other.cookies.get('namesti_pid')).toMatch(/^[0-9a-f-]{36}\./);
  });

  it('replaces a tampered cookie with a new valid one', async () => {
    const client = new TestClient(app.url);
    const original = (await me(client)).participant.id;
    const value = client.cookies.get('namesti_pid')!;

    // Tampered signature.
    const last = value.at(-1) === 'A' ? 'B' : 'A';
    client.cookies.set('namesti_pid', value.slice(0, -1) + last);
    const res = await client.get<MeDto>('/api/me');
    expect(setCookie(res, 'namesti_pid')).toBeDefined();
    const replaced = res.body.participant.id;
    expect(replaced).not.toBe(original);
    expect(client.cookies.get('namesti_pid')!.startsWith(`${replaced}.`)).toBe(true);
    expect((await me(client)).participant.id).toBe(replaced); // and the new one sticks

    // Someone else's id with our signature.
    const victim = new TestClient(app.url);
    const victimId = (await me(victim)).participant.id;
    const signature = value.split('.')[1]!;
    const forger = new TestClient(app.url);
    forger.cookies.set('namesti_pid', `${victimId}.${signature}`);
    const forged = await me(forger);
    expect(forged.participant.id).not.toBe(victimId);
    expect(forger.cookies.get('namesti_pid')!.startsWith(`${forged.participant.id}.`)).toBe(true);
  });
});

describe('display name', () => {
  it('validates and persists the display name', async () => {
    const client = new TestClient(app.url);
    const tooShort = await client.put<ErrorBody>('/api/me/display-name', { displayName: ' J ' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.code).toBe('validation_failed');
    expect(tooShort.body.error.details?.displayName?.[0]).toMatch(/znak/); // Czech by default
    const tooLong = await client.put('/api/me/display-name', { displayName: 'x'.repeat(61) });
    expect(tooLong.status).toBe(400);
    const missing = await client.put('/api/me/display-name', {});
    expect(missing.status).toBe(400);
    expect((await me(client)).participant.displayName).toBeNull();

    const ok = await client.put<ParticipantDto>('/api/me/display-name', {
      displayName: '  Jana z Výsluní  ',
    });
    expect(ok.status, ok.text).toBe(200);
    const id = client.cookies.get('namesti_pid')!.split('.')[0];
    expect(ok.body).toEqual({ id, displayName: 'Jana z Výsluní' });

    // Stored on the server: a second browser with the same cookie sees it.
    const sameCitizen = new TestClient(app.url);
    sameCitizen.cookies.set('namesti_pid', client.cookies.get('namesti_pid')!);
    expect((await me(sameCitizen)).participant).toEqual({ id, displayName: 'Jana z Výsluní' });
    // Another citizen does not.
    expect((await me(new TestClient(app.url))).participant.displayName).toBeNull();
  });

  it('answers in English with the PARAGLIDE_LOCALE=en cookie', async () => {
    const client = new TestClient(app.url);
    client.cookies.set('PARAGLIDE_LOCALE', 'en');
    const res = await client.put<ErrorBody>('/api/me/display-name', { displayName: 'J' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Invalid input');
    expect(res.body.error.details?.displayName).toEqual(['Enter at least 2 characters']);
  });
});
