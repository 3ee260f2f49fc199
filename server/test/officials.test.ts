import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { DepartmentDto, OfficialDto } from '../src/protocol/dto.ts';
import { loginAs, staffClient, startTestApp } from './support/app.ts';
import { TestClient } from './support/http-client.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, string[]> };
}

let app: RunningApp;
let admin: TestClient;
let citizen: TestClient;
let db: pg.Client;

beforeAll(async () => {
  app = await startTestApp();
  admin = await loginAs(app.url);
  citizen = new TestClient(app.url);
  db = new pg.Client({ connectionString: inject('databaseUrl') });
  await db.connect();
});
afterAll(async () => {
  await db.end();
  await app.close();
});

const MiB = 1024 * 1024;

/** A valid PNG of one pixel, assembled chunk by chunk (signature, IHDR, IDAT, IEND). */
function onePixelPng(rgb: [number, number, number] = [0xc0, 0x30, 0x30]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typeAndData));
    return Buffer.concat([length, typeAndData, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  // compression, filter, interlace: 0
  const scanline = Buffer.from([0, ...rgb]); // filter byte 0, then one RGB pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(scanline)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function storedFileCount(): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM stored_files');
  return Number(rows[0]!.n);
}

let counter = 0;
async function createOfficial(extra: Record<string, unknown> = {}): Promise<OfficialDto> {
  counter += 1;
  const res = await admin.post<OfficialDto>('/api/admin/officials', {
    name: `Ing. Testovací Úředník ${counter} ${crypto.randomUUID().slice(0, 6)}`,
    roleTitle: 'radní',
    ...extra,
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function createDepartment(): Promise<DepartmentDto> {
  const res = await admin.post<DepartmentDto>('/api/admin/departments', {
    name: `Odbor pro úředníky ${crypto.randomUUID().slice(0, 6)}`,
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function publicList(): Promise<OfficialDto[]> {
  const res = await citizen.get<OfficialDto[]>('/api/officials');
  expect(res.status).toBe(200);
  return res.body;
}

const uploadPhoto = (client: TestClient, id: string, bytes: Uint8Array, type?: string) =>
  client.request<OfficialDto & ErrorBody>(
    'PUT',
    `/api/admin/officials/${id}/photo`,
    bytes,
    type ? { 'content-type': type } : {},
  );

describe('managing officials', () => {
  it('creates an official with a department, shown in the public directory', async () => {
    const department = await createDepartment();
    const official = await createOfficial({
      name: 'Mgr. Petra Nováková',
      roleTitle: '  místostarostka ',
      bio: 'Doprava a školství.',
      departmentId: department.id,
      sortOrder: 5,
    });
    expect(official).toMatchObject({
      name: 'Mgr. Petra Nováková',
      roleTitle: 'místostarostka',
      bio: 'Doprava a školství.',
      department: { id: department.id, name: department.name },
      photoUrl: null,
      sortOrder: 5,
    });
    expect(official.id).toMatch(/^[0-9a-f-]{36}$/);
    const listed = (await publicList()).find((o) => o.id === official.id);
    expect(listed).toEqual(official);
  });

  it('lists active officials by sortOrder, then by name', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const c = await createOfficial({ name: `Cyril ${tag}`, sortOrder: 9001 });
    const b = await createOfficial({ name: `Bohumil ${tag}`, sortOrder: 9000 });
    const a = await createOfficial({ name: `Adéla ${tag}`, sortOrder: 9001 });
    const ids = (await publicList())
      .map((o) => o.id)
      .filter((id) => [a.id, b.id, c.id].includes(id));
    expect(ids).toEqual([b.id, a.id, c.id]);
  });

  it('edits an official', async () => {
    const official = await createOfficial();
    const res = await admin.patch<OfficialDto>(`/api/admin/officials/${official.id}`, {
      name: 'Bc. Jan Upravený',
      roleTitle: 'starosta',
      bio: 'Nový životopis',
      sortOrder: 3,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      id: official.id,
      name: 'Bc. Jan Upravený',
      roleTitle: 'starosta',
      bio: 'Nový životopis',
      sortOrder: 3,
    });
    expect((await publicList()).find((o) => o.id === official.id)).toEqual(res.body);
  });

  it('a partial edit keeps the fields it does not mention', async () => {
    const department = await createDepartment();
    const official = await createOfficial({
      bio: 'Zůstane',
      departmentId: department.id,
      sortOrder: 7,
    });
    const res = await admin.patch<OfficialDto>(`/api/admin/officials/${official.id}`, {
      roleTitle: 'radní pro dopravu',
    });
    expect(res.status).toBe(200);
    expect(res.body.roleTitle).toBe('radní pro dopravu');
    expect(res.body).toMatchObject({
      bio: 'Zůstane',
      department: { id: department.id },
      sortOrder: 7,
    });
  });

  it('hides an official: gone from the directory, recorded in the audit log', async () => {
    const official = await createOfficial();
    expect((await publicList()).map((o) => o.id)).toContain(official.id);
    const res = await admin.delete(`/api/admin/officials/${official.id}`);
    expect(res.status).toBe(204);
    expect((await publicList()).map((o) => o.id)).not.toContain(official.id);

    const audit = await admin.get<{ action: string; entityId: string; actor: { id: string } }[]>(
      '/api/admin/audit?limit=20',
    );
    const actions = audit.body.filter((e) => e.entityId === official.id).map((e) => e.action);
    expect(actions).toContain('official.hidden');
    expect(actions).toContain('official.created');
  });

  it('answers 404 for unknown and malformed ids', async () => {
    const unknown = crypto.randomUUID();
    expect((await admin.patch(`/api/admin/officials/${unknown}`, { name: 'Někdo' })).status).toBe(
      404,
    );
    expect((await admin.delete(`/api/admin/officials/${unknown}`)).status).toBe(404);
    expect((await admin.delete('/api/admin/officials/not-an-id')).status).toBe(404);
    expect((await uploadPhoto(admin, unknown, onePixelPng(), 'image/png')).status).toBe(404);
  });
});

describe('validation', () => {
  it('answers 400 with a message per field', async () => {
    const res = await admin.post<ErrorBody>('/api/admin/officials', {
      name: 'X',
      sortOrder: -1,
      departmentId: 'odbor-dopravy',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.details ?? {}).sort()).toEqual(
      ['departmentId', 'name', 'roleTitle', 'sortOrder'].sort(),
    );
    const patch = await admin.patch<ErrorBody>(
      `/api/admin/officials/${(await createOfficial()).id}`,
      { name: ' ' },
    );
    expect(patch.status).toBe(400);
    expect(Object.keys(patch.body.error.details ?? {})).toEqual(['name']);
  });

  it('refuses an unknown department with 400', async () => {
    const res = await admin.post<ErrorBody>('/api/admin/officials', {
      name: 'Mgr. Bez Odboru',
      roleTitle: 'tajemník',
      departmentId: crypto.randomUUID(),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details?.departmentId?.length).toBeGreaterThan(0);

    const official = await createOfficial();
    const patch = await admin.patch<ErrorBody>(`/api/admin/officials/${official.id}`, {
      departmentId: crypto.randomUUID(),
    });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details?.departmentId).toBeDefined();
  });
});

describe('permissions', () => {
  it('lets only admins manage officials: 403 for moderators and hosts, 401 anonymous', async () => {
    const official = await createOfficial();
    const moderator = await staffClient(admin, 'moderator');
    const host = await staffClient(admin, 'host');
    const body = { name: 'Nepovolený Zápis', roleTitle: 'radní' };
    for (const [client, status] of [
      [moderator, 403],
      [host, 403],
      [citizen, 401],
    ] as const) {
      expect((await client.post('/api/admin/officials', body)).status).toBe(status);
      expect((await client.patch(`/api/admin/officials/${official.id}`, body)).status).toBe(status);
      expect((await client.delete(`/api/admin/officials/${official.id}`)).status).toBe(status);
      const photo = await uploadPhoto(client, official.id, onePixelPng(), 'image/png');
      expect(photo.status).toBe(status);
      expect(photo.body.error.code).toBe(status === 401 ? 'unauthenticated' : 'forbidden');
    }
    const after = (await publicList()).find((o) => o.id === official.id);
    expect(after).toEqual(official); // untouched
    expect((await publicList()).map((o) => o.name)).not.toContain('Nepovolený Zápis');
  });
});

describe('photos', () => {
  it('stores a PNG and serves the same bytes with an ETag and 304 revalidation', async () => {
    const official = await createOfficial();
    const png = onePixelPng();
    const res = await uploadPhoto(admin, official.id, png, 'image/png');
    expect(res.status, res.text).toBe(200);
    expect(res.body.id).toBe(official.id);
    expect(res.body.photoUrl).toMatch(/^\/api\/files\/[0-9a-f-]{36}$/);
    expect((await publicList()).find((o) => o.id === official.id)?.photoUrl).toBe(
      res.body.photoUrl,
    );

    const file = await fetch(app.url + res.body.photoUrl!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
    const etag = file.headers.get('etag');
    expect(etag).toBe(`"${sha256(png)}"`);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toMatch(/sandbox/);

    const revalidated = await fetch(app.url + res.body.photoUrl!, {
      headers: { 'if-none-match': etag! },
    });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    const stale = await fetch(app.url + res.body.photoUrl!, {
      headers: { 'if-none-match': '"something-else"' },
    });
    expect(stale.status).toBe(200);
  });

  it('replaces the photo and deletes the old file', async () => {
    const official = await createOfficial();
    const first = await uploadPhoto(admin, official.id, onePixelPng([1, 2, 3]), 'image/png');
    expect(first.status).toBe(200);
    const second = await uploadPhoto(admin, official.id, onePixelPng([4, 5, 6]), 'image/png');
    expect(second.status).toBe(200);
    expect(second.body.photoUrl).not.toBe(first.body.photoUrl);
    expect((await fetch(app.url + first.body.photoUrl!)).status).toBe(404);
    expect((await fetch(app.url + second.body.photoUrl!)).status).toBe(200);
  });

  it('accepts exactly 2 MiB and answers 413 payload_too_large above it', async () => {
    const official = await createOfficial();
    const png = onePixelPng();
    // A PNG with trailing bytes after IEND: still starts with the PNG signature.
    const exact = Buffer.concat([png, Buffer.alloc(2 * MiB - png.length, 0x20)]);
    const ok = await uploadPhoto(admin, official.id, exact, 'image/png');
    expect(ok.status, ok.text.slice(0, 200)).toBe(200);
    const photoUrl = ok.body.photoUrl;

    const files = await storedFileCount();
    const tooBig = await uploadPhoto(
      admin,
      official.id,
      Buffer.concat([exact, Buffer.from([0x20])]),
      'image/png',
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('payload_too_large');
    const huge = await uploadPhoto(admin, official.id, Buffer.alloc(5 * MiB, 0x20), 'image/png');
    expect(huge.status).toBe(413);
    expect(await storedFileCount()).toBe(files);
    expect((await publicList()).find((o) => o.id === official.id)?.photoUrl).toBe(photoUrl);
  });

  it('answers 415 for other types and for bytes that do not match the declared type', async () => {
    const official = await createOfficial();
    const png = onePixelPng();
    const kept = await uploadPhoto(admin, official.id, png, 'image/png');
    expect(kept.status).toBe(200);
    const files = await storedFileCount();

    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const cases: [string, Uint8Array, string | undefined][] = [
      ['text/plain', Buffer.from('hello, I am not a photo'), 'text/plain'],
      ['SVG declared as PNG', svg, 'image/png'],
      ['SVG as SVG', svg, 'image/svg+xml'],
      ['PNG declared as JPEG', png, 'image/jpeg'],
      ['PNG declared as GIF', png, 'image/gif'],
      ['PNG without a type', png, undefined],
      ['empty body', new Uint8Array(0), 'image/png'],
    ];
    for (const [label, bytes, type] of cases) {
      const res = await uploadPhoto(admin, official.id, bytes, type);
      expect(res.status, label).toBe(415);
      expect(res.body.error.code, label).toBe('unsupported_media_type');
    }
    expect(await storedFileCount()).toBe(files);
    const after = (await publicList()).find((o) => o.id === official.id);
    expect(after?.photoUrl).toBe(kept.body.photoUrl);
    const served = await fetch(app.url + kept.body.photoUrl!);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
  });

  it('accepts the declared type with parameters and in any case', async () => {
    const official = await createOfficial();
    const res = await uploadPhoto(admin, official.id, onePixelPng(), 'Image/PNG; charset=binary');
    expect(res.status, res.text).toBe(200);
    expect(res.body.photoUrl).not.toBeNull();
  });

  it('answers 404 for unknown files', async () => {
    expect((await fetch(`${app.url}/api/files/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/files/nope`)).status).toBe(404);
  });
});
