// The public open-data API on the real app: every endpoint's answer has its documented shape,
// nothing private leaks (pending, rejected and merged questions, anonymous authors, hidden poll
// results, addresses, e-mails), open CORS only there, read-only (405), caching, the rate limit,
// and an OpenAPI document that describes exactly the routes and validates their real answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Prisma } from '../src/db/database.ts';
import { openDataV1Router } from '../src/features/open-data/http.ts';
import type { OpenApiDocument } from '../src/features/open-data/openapi.ts';
import {
  expressPath,
  OPEN_DATA_LIMIT,
  OPERATIONS,
  type OperationId,
} from '../src/features/open-data/operations.ts';
import {
  archivePageSchema,
  officialListSchema,
  pollListSchema,
  questionListSchema,
  searchResultsSchema,
  sessionDetailSchema,
  sessionListSchema,
} from '../src/features/open-data/schemas.ts';
import { systemClock } from '../src/lib/clock.ts';
import type { SessionDetailDto } from '../src/protocol/dto.ts';
import type { OwnQuestionDto } from '../src/protocol/questions.ts';
import type { TestResponse } from './support/http-client.ts';
import { ask, moderate, nextAddress } from './support/moderation.ts';
import { liveSession, ok } from './support/participation.ts';
import {
  castVote,
  control,
  draftOf,
  openPoll,
  pick,
  saveDraft,
  startPollWorld,
  stopPollWorld,
  type PollTestWorld,
} from './support/polls.ts';

const CAPTIONS = `WEBVTT

00:00:01.000 --> 00:00:06.000
<v Starosta>Vítám vás u otevřených dat.</v>
`;

let world: PollTestWorld;
const unique = crypto.randomUUID().slice(0, 8);
const ANONYMOUS_NAME = `Tajný Autor ${unique}`;
const REJECT_REASON = `Urážka ${unique}`;

/** What the tests look for, made once through the real API and sockets. */
const f = {} as {
  official: { id: string; name: string };
  ended: SessionDetailDto;
  live: SessionDetailDto;
  named: OwnQuestionDto;
  anonymous: OwnQuestionDto;
  answered: OwnQuestionDto;
  pending: OwnQuestionDto;
  rejected: OwnQuestionDto;
  merged: OwnQuestionDto;
  visiblePoll: { id: string; options: { id: string }[] };
  hiddenPoll: { id: string };
  draftPoll: { id: string };
  openPoll: { id: string };
  day: string;
};

/** A GET from a fresh client address (the rate limit counts per address). */
async function open<T = unknown>(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<TestResponse<T>> {
  const res = await fetch(world.app.url + path, {
    method,
    headers: { 'x-forwarded-for': nextAddress(), ...headers },
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json') && text;
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: (json ? JSON.parse(text) : text) as T,
  };
}

/** The body is exactly the schema's shape: parsing neither fails nor drops a field. */
function expectShape(schema: z.ZodType, body: unknown) {
  const parsed = schema.safeParse(body);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(parsed.data).toEqual(body);
}

/** Nothing about who asked or who moderated, in any form. */
function expectNoPrivateData(text: string) {
  expect(text).not.toMatch(/ip_?hash|e-?mail|participant|rejectReason|moderat|givenName/i);
  expect(text).not.toContain('@test.namesti.local');
  expect(text).not.toContain(ANONYMOUS_NAME);
  expect(text).not.toContain(REJECT_REASON);
  expect(text).not.toContain('Marta Moderátorová');
}

beforeAll(async () => {
  world = await startPollWorld();
  const { admin } = world;
  f.official = (
    await admin.post<{ id: string; name: string }>('/api/admin/officials', {
      name: `Mgr. Eva Otevřená ${unique}`,
      roleTitle: 'starostka',
    })
  ).body;
  // Far ahead, so it heads lists sorted by date whatever other test files left behind.
  const month = 1 + (Date.now() % 9);
  const ended = await liveSession(admin, {
    title: `Otevřená data ${unique}: rozpočet`,
    scheduledStart: `2091-0${month}-1${month}T17:00`,
    hostIds: [f.official.id],
    agenda: [{ title: 'Rozpočet na opravu lávky' }, { title: 'Různé' }],
  });
  f.day = ended.scheduledStart.slice(0, 10); // 17:00 in Prague is the same day in UTC
  const mod = world.marta;
  const citizen = await world.joined(ended.id);
  // Each question from another citizen: one person may ask only a few a minute.
  const asked = async (extra: Parameters<typeof ask>[2] = {}) =>
    ask(await world.joined(ended.id), ended.id, {
      text: `Otázka ${crypto.randomUUID().slice(0, 6)}: kdy?`,
      ...extra,
    });
  f.named = await asked({ authorName: 'Jana Veřejná' });
  f.anonymous = await asked({ authorName: ANONYMOUS_NAME, anonymous: true });
  f.answered = await asked();
  f.pending = await asked();
  f.rejected = await asked();
  f.merged = await asked();
  for (const q of [f.named, f.anonymous, f.answered, f.merged]) {
    await ok(moderate(mod(), ended.id, q.id, { type: 'approve' }));
  }
  await ok(moderate(mod(), ended.id, f.rejected.id, { type: 'reject', reason: REJECT_REASON }));
  await ok(moderate(mod(), ended.id, f.merged.id, { type: 'merge', targetId: f.named.id }));
  await ok(
    moderate(mod(), ended.id, f.answered.id, {
      type: 'answer',
      answer: 'Lávku opraví v květnu.',
      officialId: f.official.id,
    }),
  );

  f.visiblePoll = await openPoll(
    mod,
    draftOf.single(ended.id, { resultsVisibility: 'after_close' }),
  );
  f.hiddenPoll = await openPoll(mod, draftOf.yes_no(ended.id, { resultsVisibility: 'hidden' }));
  f.draftPoll = await saveDraft(mod(), draftOf.rating(ended.id));
  for (const [i, optionIndex] of [0, 0, 1].entries()) {
    const voter = i === 0 ? citizen : await world.joined(ended.id);
    const option = f.visiblePoll.options[optionIndex]!.id;
    await ok(castVote(voter, ended.id, f.visiblePoll.id, pick(option)));
  }
  await ok(control(mod(), ended.id, f.hiddenPoll.id, 'close'));
  // Ending closes the visible poll too, and puts the session in the archive.
  expect((await admin.post(`/api/sessions/${ended.id}/lifecycle`, { action: 'end' })).status).toBe(
    200,
  );
  const captions = await admin.request(
    'POST',
    `/api/sessions/${ended.id}/transcript/captions`,
    new TextEncoder().encode(CAPTIONS),
    { 'content-type': 'text/vtt' },
  );
  expect(captions.status).toBe(201);
  f.ended = ended;

  f.live = await liveSession(admin);
  f.openPoll = await openPoll(mod, draftOf.single(f.live.id));
});

afterAll(() => stopPollWorld(world));

describe('sessions', () => {
  it('lists sessions with filters, in the documented shape', async () => {
    const res = await open<z.output<typeof sessionListSchema>>('/api/v1/sessions?status=ended');
    expect(res.status).toBe(200);
    expectShape(sessionListSchema, res.body);
    expect(res.body.sessions.map((s) => s.id)).toContain(f.ended.id);
    expect(res.body.sessions.every((s) => s.status === 'ended')).toBe(true);
    expect(res.body).toMatchObject({ page: 1, pageSize: 50 });

    const ids = async (query: string) =>
      (
        await open<z.output<typeof sessionListSchema>>(`/api/v1/sessions?${query}`)
      ).body.sessions.map((s) => s.id);
    expect(await ids('status=live')).not.toContain(f.ended.id);
    expect(await ids(`from=${f.day}&to=${f.day}&kind=consultation`)).toContain(f.ended.id);
    const next = new Date(Date.parse(f.day) + 86_400_000).toISOString().slice(0, 10);
    const before = new Date(Date.parse(f.day) - 86_400_000).toISOString().slice(0, 10);
    expect(await ids(`from=${next}`)).not.toContain(f.ended.id);
    expect(await ids(`to=${before}`)).not.toContain(f.ended.id);
    expect(await ids('kind=hearing')).not.toContain(f.ended.id);
  });

  it('refuses bad filters with the typed 400, per field and in the asked language', async () => {
    const bad = await open<{ error: { code: string; details: Record<string, string[]> } }>(
      '/api/v1/sessions?status=secret&from=2026-02-30&page=0',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(Object.keys(bad.body.error.details).sort()).toEqual(['from', 'page', 'status']);
    const english = await open<{ error: { message: string } }>('/api/v1/sessions?page=x', {
      'accept-language': 'en-GB,en;q=0.9',
    });
    expect(english.body.error.message).toBe('Invalid input');
    expect(bad.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('gives one session with agenda, hosts, recording and transcript addresses', async () => {
    const res = await open<z.output<typeof sessionDetailSchema>>(`/api/v1/sessions/${f.ended.id}`);
    expect(res.status).toBe(200);
    expectShape(sessionDetailSchema, res.body);
    expect(res.body.agenda.map((a) => a.title)).toEqual(['Rozpočet na opravu lávky', 'Různé']);
    expect(res.body.hosts.map((h) => h.name)).toEqual([f.official.name]);
    expect(res.body.recording).toEqual({ status: 'none', durationMs: null, url: null });
    expect(res.body.transcript).toEqual({
      vttUrl: `/api/sessions/${f.ended.id}/transcript.vtt`,
      txtUrl: `/api/sessions/${f.ended.id}/transcript.txt`,
    });
    const vtt = await fetch(world.app.url + res.body.transcript!.vttUrl);
    expect(await vtt.text()).toContain('Vítám vás u otevřených dat.');
    expect(res.body.links.web).toBe(`/archive/${f.ended.id}`);
    const questions = await open(res.body.links.questions);
    expect(questions.status).toBe(200);

    const live = await open<z.output<typeof sessionDetailSchema>>(`/api/v1/sessions/${f.live.id}`);
    expect(live.body).toMatchObject({ status: 'live', transcript: null });
    expect(live.body.links.web).toBe(`/sessions/${f.live.id}`);

    expect((await open(`/api/v1/sessions/${crypto.randomUUID()}`)).status).toBe(404);
    const malformed = await open<{ error: { code: string } }>('/api/v1/sessions/nope');
    expect(malformed.status).toBe(404);
    expect(malformed.body.error.code).toBe('not_found');
  });
});

describe('officials, archive and search', () => {
  it('lists the officials', async () => {
    const res = await open<z.output<typeof officialListSchema>>('/api/v1/officials');
    expect(res.status).toBe(200);
    expectShape(officialListSchema, res.body);
    expect(res.body.officials.map((o) => o.name)).toContain(f.official.name);
  });

  it('serves the archive and its search as the archive itself does', async () => {
    const res = await open<z.output<typeof archivePageSchema>>('/api/v1/archive?kind=consultation');
    expect(res.status).toBe(200);
    expectShape(archivePageSchema, res.body);
    expect(res.body.sessions.map((s) => s.id)).toContain(f.ended.id);
    expect(res.body.sessions.map((s) => s.id)).not.toContain(f.live.id);
    const own = await world.admin.get('/api/archive?kind=consultation');
    expect(res.body).toEqual(own.body);
    expect((await open('/api/v1/archive?year=1492')).status).toBe(400);

    const found = await open<z.output<typeof searchResultsSchema>>(`/api/v1/search?q=${unique}`);
    expect(found.status).toBe(200);
    expectShape(searchResultsSchema, found.body);
    expect(found.body.hits.map((h) => [h.kind, h.sessionId])).toContainEqual([
      'session',
      f.ended.id,
    ]);
    expect(found.body).toEqual((await world.admin.get(`/api/search?q=${unique}`)).body);
    const missing = await open<{ error: { details: Record<string, string[]> } }>('/api/v1/search');
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.error.details)).toEqual(['q']);
  });
});

describe('questions', () => {
  it('publishes only approved and answered questions, anonymous ones without a name', async () => {
    const res = await open<z.output<typeof questionListSchema>>(
      `/api/v1/questions?sessionId=${f.ended.id}`,
    );
    expect(res.status).toBe(200);
    expectShape(questionListSchema, res.body);
    const byId = new Map(res.body.questions.map((q) => [q.id, q]));
    expect([...byId.keys()].sort()).toEqual([f.named.id, f.anonymous.id, f.answered.id].sort());
    expect(res.body.total).toBe(3);
    for (const hidden of [f.pending, f.rejected, f.merged]) {
      expect(res.text).not.toContain(hidden.id);
      expect(res.text).not.toContain(hidden.text);
    }
    expect(byId.get(f.named.id)?.authorName).toBe('Jana Veřejná');
    expect(byId.get(f.anonymous.id)?.authorName).toBeNull();
    expect(byId.get(f.answered.id)).toMatchObject({
      status: 'answered',
      answer: {
        text: 'Lávku opraví v květnu.',
        official: { id: f.official.id, name: f.official.name, roleTitle: 'starostka' },
      },
    });
    expectNoPrivateData(res.text);
  });

  it('filters by answered, and refuses a bad filter', async () => {
    const list = async (answered: string) =>
      (
        await open<z.output<typeof questionListSchema>>(
          `/api/v1/questions?sessionId=${f.ended.id}&answered=${answered}`,
        )
      ).body.questions.map((q) => q.id);
    expect(await list('true')).toEqual([f.answered.id]);
    expect((await list('false')).sort()).toEqual([f.named.id, f.anonymous.id].sort());
    expect((await open('/api/v1/questions?answered=maybe')).status).toBe(400);
    expect((await open('/api/v1/questions?sessionId=42')).status).toBe(400);
    // Across sessions too: never a pending or rejected one.
    const all = await open<z.output<typeof questionListSchema>>('/api/v1/questions');
    expect(all.body.questions.every((q) => ['approved', 'answered'].includes(q.status))).toBe(true);
    expectNoPrivateData(all.text);
  });
});

describe('polls', () => {
  it('publishes closed polls with public results and their counts, nothing else', async () => {
    const res = await open<z.output<typeof pollListSchema>>(
      `/api/v1/polls?sessionId=${f.ended.id}`,
    );
    expect(res.status).toBe(200);
    expectShape(pollListSchema, res.body);
    expect(res.body.polls.map((p) => p.id)).toEqual([f.visiblePoll.id]);
    expect(res.text).not.toContain(f.hiddenPoll.id);
    expect(res.text).not.toContain(f.draftPoll.id);
    const [poll] = res.body.polls;
    expect(poll!.results.voters).toBe(3);
    expect(poll!.results.tally.map((t) => t.count)).toEqual([2, 1, 0]);
    expect(poll!.closedAt).toEqual(expect.any(String));

    const live = await open<z.output<typeof pollListSchema>>(
      `/api/v1/polls?sessionId=${f.live.id}`,
    );
    expect(live.body.polls).toEqual([]);
    expect(live.text).not.toContain(f.openPoll.id);
    expectNoPrivateData(res.text);
  });
});

describe('HTTP rules', () => {
  it('opens CORS for GET and preflight on /api/v1 and the document, and nowhere else', async () => {
    const origin = { origin: 'https://data.example.org' };
    const get = await open('/api/v1/officials', origin);
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    expect(get.headers.get('access-control-allow-credentials')).toBeNull();
    expect(get.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    // No identity here: no cookie is set or needed.
    expect(get.headers.get('set-cookie')).toBeNull();

    const preflight = await open(
      '/api/v1/sessions',
      {
        ...origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'if-none-match',
      },
      'OPTIONS',
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('if-none-match');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const document = await open('/api/openapi.json', origin);
    expect(document.headers.get('access-control-allow-origin')).toBe('*');

    // The private API (cookies) stays same-origin.
    const overview = await open('/api/sessions/overview', origin);
    expect(overview.status).toBe(200);
    expect(overview.headers.get('access-control-allow-origin')).toBeNull();
    const privatePreflight = await open(
      '/api/sessions',
      { ...origin, 'access-control-request-method': 'GET' },
      'OPTIONS',
    );
    expect(privatePreflight.headers.get('access-control-allow-origin')).toBeNull();
    const sessions = await open('/api/sessions', origin);
    expect(sessions.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is read-only: other methods get 405', async () => {
    const post = await open<{ error: { code: string } }>('/api/v1/sessions', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(post.body.error.code).toBe('bad_request');
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect((await open(`/api/v1/sessions/${f.ended.id}`, {}, method)).status).toBe(405);
    }
    expect((await open('/api/openapi.json', {}, 'POST')).status).toBe(405);
    const head = await open('/api/v1/officials', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect((await open('/api/v1/nothing-here')).status).toBe(404);
  });

  it('lets clients and caches keep answers a minute, with ETags', async () => {
    const first = await open('/api/v1/officials');
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // (fetch adds "Cache-Control: no-cache" to a conditional request unless given one.)
    const again = await open('/api/v1/officials', {
      'if-none-match': etag!,
      'cache-control': 'max-age=0',
    });
    expect(again.status).toBe(304);
    const bad = await open('/api/v1/sessions?page=0');
    expect(bad.headers.get('cache-control') ?? '').not.toMatch(/public/);
  });

  it('limits requests per client address', async () => {
    const address = nextAddress();
    const statuses: number[] = [];
    for (let batch = 0; batch * 20 < OPEN_DATA_LIMIT.points + 1; batch++) {
      const size = Math.min(20, OPEN_DATA_LIMIT.points + 1 - batch * 20);
      const answers = await Promise.all(
        Array.from({ length: size }, () =>
          fetch(`${world.app.url}/api/openapi.json`, { headers: { 'x-forwarded-for': address } }),
        ),
      );
      statuses.push(...answers.map((r) => r.status));
      await Promise.all(answers.map((r) => r.arrayBuffer()));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(OPEN_DATA_LIMIT.points);
    const limited = await open<{ error: { code: string } }>('/api/v1/officials', {
      'x-forwarded-for': address,
    });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('access-control-allow-origin')).toBe('*');
    // Another address is not affected.
    expect((await open('/api/v1/officials')).status).toBe(200);
  });
});

describe('the OpenAPI document and the docs page', () => {
  /** One real request per operation; a new operation without one fails the test. */
  const samples = (): Record<OperationId, string> => ({
    listSessions: '/sessions',
    getSession: `/sessions/${f.ended.id}`,
    listOfficials: '/officials',
    listArchive: '/archive',
    search: `/search?q=${unique}`,
    listQuestions: `/questions?sessionId=${f.ended.id}`,
    listPolls: `/polls?sessionId=${f.ended.id}`,
  });

  it('documents exactly the routes, and its schemas validate their real answers', async () => {
    const res = await open<OpenApiDocument>('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = JSON.parse(res.text) as OpenApiDocument;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api/v1', description: expect.any(String) }]);

    // The router's routes (read from its stack) and the document's paths are the same.
    const router = openDataV1Router({
      prisma: {} as Prisma,
      clock: systemClock,
      timeZone: 'Europe/Prague',
    });
    const routes = router.stack
      .filter((layer) => layer.route)
      .map((layer) => {
        const route = layer.route as unknown as { path: string; methods: Record<string, boolean> };
        return `${Object.keys(route.methods).join(',')} ${route.path}`;
      });
    const documented = Object.entries(doc.paths).map(
      ([path, item]) => `${Object.keys(item).join(',')} ${expressPath(path)}`,
    );
    expect(routes.sort()).toEqual(documented.sort());
    expect(Object.keys(doc.paths).sort()).toEqual(
      Object.values(OPERATIONS)
        .map((op) => op.path)
        .sort(),
    );

    const defs = JSON.parse(
      JSON.stringify(doc.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
    ) as Record<string, z.core.JSONSchema.JSONSchema>;
    const sampleUrls = samples();
    const operationIds = Object.values(doc.paths).map((item) => item.get.operationId);
    expect(operationIds.sort()).toEqual(Object.keys(sampleUrls).sort());
    for (const item of Object.values(doc.paths)) {
      const get = item.get;
      expect(get.summary).toBeTruthy();
      expect(get.description).toContain('\n\n'); // Czech, then English
      for (const parameter of get.parameters) expect(parameter.description).toBeTruthy();
      const ref = get.responses['200']!.content['application/json'].schema.$ref!;
      const name = ref.split('/').at(-1)!;
      expect(defs[name], ref).toBeDefined();
      const validator = z.fromJSONSchema({ $defs: defs, $ref: `#/$defs/${name}` });
      const answer = await open(`/api/v1${sampleUrls[get.operationId as OperationId]}`);
      expect(answer.status, get.operationId).toBe(200);
      const checked = validator.safeParse(answer.body);
      expect(checked.error?.issues ?? [], get.operationId).toEqual([]);
      expectNoPrivateData(answer.text);
    }
    const error = z.fromJSONSchema({ $defs: defs, $ref: '#/$defs/Error' });
    expect(error.safeParse((await open('/api/v1/sessions?page=0')).body).success).toBe(true);
  });

  it('renders a self-contained, accessible page that lists every operation', async () => {
    const res = await open('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = res.text;
    expect(html).toMatch(/^<!doctype html>\s*<html lang="cs">/);
    expect(html).toMatch(/<title>[^<]+<\/title>/);
    expect(html).not.toMatch(/<script|\bsrc=|https?:\/\//i);
    for (const op of Object.values(OPERATIONS)) {
      expect(html).toContain(`<code>GET /api/v1${op.path}</code>`);
      expect(html).toContain(op.summary.cs);
    }
    expect(html).toContain('href="/api/openapi.json"');
    // One h1, and headings that never skip a level.
    const levels = [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    expect(levels[0]).toBe(1);
    levels.forEach((level, i) => {
      if (i > 0) expect(level, `heading ${i}`).toBeLessThanOrEqual(levels[i - 1]! + 1);
    });
    // Every in-page link has its target, and ids are unique.
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids).toContain(target);
    // Every table has a caption and column headers.
    const tables = html.match(/<table>/g)?.length ?? 0;
    expect(tables).toBeGreaterThan(Object.keys(OPERATIONS).length);
    expect(html.match(/<caption\b/g)?.length).toBe(tables);
    expect(html.match(/<th scope="col">/g)?.length).toBeGreaterThanOrEqual(tables * 4);
  });
});
