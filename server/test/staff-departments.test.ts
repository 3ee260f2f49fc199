import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type {
  AuditEntryDto,
  DepartmentDto,
  MeDto,
  OfficialDto,
  StaffUserDto,
} from '../src/protocol/dto.ts';
import { loginAs, staffClient, startTestApp } from './support/app.ts';
import { TestClient } from './support/http-client.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, string[]> };
}

let app: RunningApp;
let admin: TestClient;
let adminId: string;
let citizen: TestClient;

beforeAll(async () => {
  app = await startTestApp();
  admin = await loginAs(app.url);
  adminId = (await admin.get<MeDto>('/api/me')).body.staff!.id;
  citizen = new TestClient(app.url);
});
afterAll(() => app.close());

/** Lower-case letters only, so a slug suffix cannot be mistaken for a counter. */
const tag = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) =>
    String.fromCharCode(97 + (b % 26)),
  ).join('');

async function createDepartment(input: Record<string, unknown>): Promise<DepartmentDto> {
  const res = await admin.post<DepartmentDto>('/api/admin/departments', input);
  expect(res.status, res.text).toBe(201);
  return res.body;
}

const PASSWORD = 'a long enough password 123';

async function createStaff(extra: Record<string, unknown> = {}): Promise<StaffUserDto> {
  const res = await admin.post<StaffUserDto>('/api/admin/staff', {
    email: `staff-${tag()}@test.namesti.local`,
    name: 'Test Staff',
    role: 'host',
    password: PASSWORD,
    ...extra,
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function audit(limit = 100): Promise<AuditEntryDto[]> {
  const res = await admin.get<AuditEntryDto[]>(`/api/admin/audit?limit=${limit}`);
  expect(res.status).toBe(200);
  return res.body;
}

const entriesFor = async (entityId: string) =>
  (await audit(200)).filter((e) => e.entityId === entityId);

describe('departments', () => {
  it('creates a department with a slug from the Czech name, without diacritics', async () => {
    const t = tag();
    const department = await createDepartment({
      name: `Odbor životního prostředí a řízení ${t}`,
      description: 'Stromy, voda, odpady',
      email: 'zp@mesto.example',
    });
    expect(department).toMatchObject({
      slug: `odbor-zivotniho-prostredi-a-rizeni-${t}`,
      name: `Odbor životního prostředí a řízení ${t}`,
      description: 'Stromy, voda, odpady',
      email: 'zp@mesto.example',
    });
    const list = await citizen.get<DepartmentDto[]>('/api/departments');
    expect(list.status).toBe(200);
    expect(list.body).toContainEqual(department);

    const entries = await entriesFor(department.id);
    expect(entries.map((e) => e.action)).toEqual(['department.created']);
    expect(entries[0]!.actor?.id).toBe(adminId);
    expect(entries[0]!.entityType).toBe('department');
  });

  it('makes slugs unique: two departments with the same name get different slugs', async () => {
    const name = `Odbor dopravy ${tag()}`;
    const first = await createDepartment({ name });
    const second = await createDepartment({ name });
    const third = await createDepartment({ name: `  ${name.toUpperCase()}  ` });
    const base = first.slug;
    expect(base).toMatch(/^odbor-dopravy-[a-z]{6}$/);
    expect(second.slug).toBe(`${base}-2`);
    expect(third.slug).toBe(`${base}-3`);
    expect(third.name).toBe(name.toUpperCase()); // trimmed
  });

  it('validates department input', async () => {
    const res = await admin.post<ErrorBody>('/api/admin/departments', {
      name: 'X',
      email: 'not-an-email',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.details ?? {}).sort()).toEqual(['email', 'name']);
  });

  it('renames a department (keeping its slug) and records the change', async () => {
    const department = await createDepartment({ name: `Odbor výstavby ${tag()}` });
    const res = await admin.patch<DepartmentDto>(`/api/admin/departments/${department.id}`, {
      name: 'Stavební úřad',
      description: 'Stavební povolení',
      email: 'stavebni@mesto.example',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      id: department.id,
      slug: department.slug,
      name: 'Stavební úřad',
      description: 'Stavební povolení',
      email: 'stavebni@mesto.example',
    });
    const entries = await entriesFor(department.id);
    expect(entries.map((e) => e.action)).toEqual(['department.updated', 'department.created']);
    expect(entries[0]!.after).toMatchObject({ name: 'Stavební úřad' });
  });

  it('a partial edit keeps the fields it does not mention', async () => {
    const department = await createDepartment({
      name: `Odbor financí ${tag()}`,
      description: 'Rozpočet',
      email: 'financni@mesto.example',
    });
    const res = await admin.patch<DepartmentDto>(`/api/admin/departments/${department.id}`, {
      name: 'Finanční odbor',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Finanční odbor',
      description: 'Rozpočet',
      email: 'financni@mesto.example',
    });
  });

  it('deletes a department: officials stay without it, memberships go', async () => {
    const department = await createDepartment({ name: `Odbor sociálních věcí ${tag()}` });
    const other = await createDepartment({ name: `Odbor kultury ${tag()}` });
    const member = await createStaff({ departmentIds: [department.id, other.id] });
    const official = await admin.post<OfficialDto>('/api/admin/officials', {
      name: 'Mgr. Eva Sociální',
      roleTitle: 'vedoucí odboru',
      departmentId: department.id,
    });
    expect(official.status, official.text).toBe(201);

    const res = await admin.delete(`/api/admin/departments/${department.id}`);
    expect(res.status).toBe(204);
    const list = await citizen.get<DepartmentDto[]>('/api/departments');
    expect(list.body.map((d) => d.id)).not.toContain(department.id);
    expect(list.body.map((d) => d.id)).toContain(other.id);

    const officials = await citizen.get<OfficialDto[]>('/api/officials');
    const kept = officials.body.find((o) => o.id === official.body.id);
    expect(kept?.department).toBeNull();
    const staff = await admin.get<StaffUserDto[]>('/api/admin/staff');
    expect(staff.body.find((s) => s.id === member.id)?.departmentIds).toEqual([other.id]);

    const entries = await entriesFor(department.id);
    expect(entries[0]!.action).toBe('department.deleted');
    expect(entries[0]!.after).toMatchObject({ id: department.id, slug: department.slug });

    expect((await admin.delete(`/api/admin/departments/${department.id}`)).status).toBe(404);
    expect(
      (await admin.patch(`/api/admin/departments/${department.id}`, { name: 'Znovu' })).status,
    ).toBe(404);
  });

  it('lets only admins manage departments', async () => {
    const department = await createDepartment({ name: `Odbor kontroly ${tag()}` });
    const moderator = await staffClient(admin, 'moderator');
    const host = await staffClient(admin, 'host');
    for (const [client, status] of [
      [moderator, 403],
      [host, 403],
      [citizen, 401],
    ] as const) {
      expect((await client.post('/api/admin/departments', { name: 'Odbor X' })).status).toBe(
        status,
      );
      expect(
        (await client.patch(`/api/admin/departments/${department.id}`, { name: 'Odbor Y' })).status,
      ).toBe(status);
      expect((await client.delete(`/api/admin/departments/${department.id}`)).status).toBe(status);
    }
    const list = await citizen.get<DepartmentDto[]>('/api/departments');
    expect(list.body).toContainEqual(department);
  });
});

describe('staff accounts', () => {
  it('creates an account with a role and department memberships', async () => {
    const a = await createDepartment({ name: `Odbor A ${tag()}` });
    const b = await createDepartment({ name: `Odbor B ${tag()}` });
    const email = `Nova.Moderatorka-${tag()}@Test.Namesti.Local`;
    const res = await admin.post<StaffUserDto>('/api/admin/staff', {
      email,
      name: 'Nová Moderátorka',
      role: 'moderator',
      password: PASSWORD,
      departmentIds: [a.id, b.id, a.id],
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      email: email.toLowerCase(),
      name: 'Nová Moderátorka',
      role: 'moderator',
      isActive: true,
      lastLoginAt: null,
    });
    expect([...res.body.departmentIds].sort()).toEqual([a.id, b.id].sort());
    expect(res.body).not.toHaveProperty('passwordHash');

    const list = await admin.get<StaffUserDto[]>('/api/admin/staff');
    expect(list.status).toBe(200);
    const listed = list.body.find((s) => s.id === res.body.id);
    expect(listed?.role).toBe('moderator');
    expect([...(listed?.departmentIds ?? [])].sort()).toEqual([a.id, b.id].sort());
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|passwordHash/i);

    // The new account can log in with the password it was given.
    const client = await loginAs(app.url, email, PASSWORD);
    expect((await client.get<MeDto>('/api/me')).body.staff?.id).toBe(res.body.id);
  });

  it('refuses a duplicate e-mail with 409, in any letter case', async () => {
    const existing = await createStaff();
    for (const email of [existing.email, existing.email.toUpperCase()]) {
      const res = await admin.post<ErrorBody>('/api/admin/staff', {
        email,
        name: 'Dvojník',
        role: 'host',
        password: PASSWORD,
      });
      expect(res.status, email).toBe(409);
      expect(res.body.error.code).toBe('conflict');
      expect(res.body.error.details?.email).toBeDefined();
    }
    const list = await admin.get<StaffUserDto[]>('/api/admin/staff');
    expect(list.body.filter((s) => s.email === existing.email)).toHaveLength(1);
  });

  it('validates new accounts: weak password, bad role, unknown department', async () => {
    const email = `weak-${tag()}@test.namesti.local`;
    const weak = await admin.post<ErrorBody>('/api/admin/staff', {
      email,
      name: 'Slabé Heslo',
      role: 'host',
      password: 'elevenchars',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('validation_failed');
    expect(Object.keys(weak.body.error.details ?? {})).toEqual(['password']);

    const bad = await admin.post<ErrorBody>('/api/admin/staff', {
      email: 'nope',
      name: 'X',
      role: 'mayor',
      password: PASSWORD,
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details ?? {}).sort()).toEqual(['email', 'name', 'role']);

    const unknownDepartment = await admin.post<ErrorBody>('/api/admin/staff', {
      email,
      name: 'Bez Odboru',
      role: 'host',
      password: PASSWORD,
      departmentIds: [crypto.randomUUID()],
    });
    expect(unknownDepartment.status).toBe(400);
    expect(unknownDepartment.body.error.details?.departmentIds).toBeDefined();

    const list = await admin.get<StaffUserDto[]>('/api/admin/staff');
    expect(list.body.map((s) => s.email)).not.toContain(email);
  });

  it('updates role, name and memberships of another account', async () => {
    const a = await createDepartment({ name: `Odbor C ${tag()}` });
    const b = await createDepartment({ name: `Odbor D ${tag()}` });
    const staff = await createStaff({ departmentIds: [a.id] });
    const res = await admin.patch<StaffUserDto>(`/api/admin/staff/${staff.id}`, {
      name: 'Povýšený Hostitel',
      role: 'admin',
      departmentIds: [b.id],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Povýšený Hostitel',
      role: 'admin',
      departmentIds: [b.id],
    });
    const weak = await admin.patch<ErrorBody>(`/api/admin/staff/${staff.id}`, {
      password: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details?.password).toBeDefined();
    expect(
      (await admin.patch(`/api/admin/staff/${crypto.randomUUID()}`, { name: 'Nikdo' })).status,
    ).toBe(404);
  });

  it('a new password set by an admin ends the account’s logins', async () => {
    const staff = await createStaff();
    const client = await loginAs(app.url, staff.email, PASSWORD);
    const newPassword = `reset by admin ${tag()}`;
    const res = await admin.patch(`/api/admin/staff/${staff.id}`, { password: newPassword });
    expect(res.status, res.text).toBe(200);
    expect((await client.get<MeDto>('/api/me')).body.staff).toBeNull();
    await loginAs(app.url, staff.email, newPassword);

    const entry = (await entriesFor(staff.id)).find((e) => e.action === 'staff.updated');
    expect(entry?.after).toMatchObject({ passwordChanged: true });
    expect(JSON.stringify(entry)).not.toContain(newPassword);
  });

  it('refuses to let an admin demote or deactivate themself (409)', async () => {
    for (const patch of [{ role: 'host' }, { role: 'moderator' }, { isActive: false }]) {
      const res = await admin.patch<ErrorBody>(`/api/admin/staff/${adminId}`, patch);
      expect(res.status, JSON.stringify(patch)).toBe(409);
      expect(res.body.error.code).toBe('conflict');
    }
    const me = (await admin.get<MeDto>('/api/me')).body.staff;
    expect(me).toMatchObject({ id: adminId, role: 'admin', isActive: true });
    // Harmless self-edits are fine.
    const rename = await admin.patch<StaffUserDto>(`/api/admin/staff/${adminId}`, {
      role: 'admin',
      name: 'Správce',
    });
    expect(rename.status).toBe(200);
  });

  it('lets only admins list or change staff', async () => {
    const target = await createStaff();
    const moderator = await staffClient(admin, 'moderator');
    const host = await staffClient(admin, 'host');
    for (const [client, status] of [
      [moderator, 403],
      [host, 403],
      [citizen, 401],
    ] as const) {
      const list = await client.get<ErrorBody>('/api/admin/staff');
      expect(list.status).toBe(status);
      expect(list.body.error.code).toBe(status === 403 ? 'forbidden' : 'unauthenticated');
      const create = await client.post('/api/admin/staff', {
        email: `sneaky-${tag()}@test.namesti.local`,
        name: 'Sneaky',
        role: 'admin',
        password: PASSWORD,
      });
      expect(create.status).toBe(status);
      expect((await client.patch(`/api/admin/staff/${target.id}`, { role: 'admin' })).status).toBe(
        status,
      );
      expect((await client.get('/api/admin/audit')).status).toBe(status);
    }
    const list = await admin.get<StaffUserDto[]>('/api/admin/staff');
    expect(list.body.find((s) => s.id === target.id)?.role).toBe('host');
    expect(list.body.map((s) => s.name)).not.toContain('Sneaky');
  });
});

describe('the audit log', () => {
  it('records every change with its actor, newest first, and never a password', async () => {
    const department = await createDepartment({ name: `Odbor auditu ${tag()}` });
    const secret = `a secret password ${tag()}`;
    const staff = await createStaff({ password: secret, departmentIds: [department.id] });
    await admin.patch(`/api/admin/staff/${staff.id}`, { role: 'moderator', password: secret });
    await admin.patch(`/api/admin/departments/${department.id}`, { name: `Odbor revize ${tag()}` });
    await admin.delete(`/api/admin/departments/${department.id}`);

    const entries = await audit(10);
    expect(entries.slice(0, 5).map((e) => [e.action, e.entityId])).toEqual([
      ['department.deleted', department.id],
      ['department.updated', department.id],
      ['staff.updated', staff.id],
      ['staff.created', staff.id],
      ['department.created', department.id],
    ]);
    for (const entry of entries.slice(0, 5)) {
      expect(entry.actor?.id).toBe(adminId);
      expect(Date.parse(entry.createdAt)).not.toBeNaN();
    }
    const created = entries[3]!;
    expect(created.entityType).toBe('staff_user');
    expect(created.after).toMatchObject({ email: staff.email, role: 'host' });
    const updated = entries[2]!;
    expect(updated.before).toMatchObject({ role: 'host' });
    expect(updated.after).toMatchObject({ role: 'moderator', passwordChanged: true });

    const everything = JSON.stringify(await audit(500));
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toMatch(/\$argon2|passwordHash|password_hash/);
    expect(everything).not.toMatch(/"password"/);
  });

  it('validates the limit', async () => {
    expect((await admin.get<AuditEntryDto[]>('/api/admin/audit?limit=2')).body).toHaveLength(2);
    for (const limit of ['0', '501', 'abc']) {
      expect((await admin.get(`/api/admin/audit?limit=${limit}`)).status, limit).toBe(400);
    }
  });
});
