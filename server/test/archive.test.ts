// The archive on the real app: an ended session joins the search index, imported captions
// become timed sentences found in Czech (word forms, no diacritics), corrections survive a new
// import, chapters, exports, the archive list, and who may change what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { ArchivePageDto, ReplayDto, SearchResultsDto } from '../src/protocol/archive.ts';
import type { ChatMessageDto } from '../src/protocol/chat.ts';
import type { SessionDetailDto } from '../src/protocol/dto.ts';
import { createSession, loginAs, staffClient, startTestApp } from './support/app.ts';
import type { TestClient } from './support/http-client.ts';
import { approvedQuestion, moderate } from './support/moderation.ts';
import { citizen, joinSession, liveSession, ok, staffSocket } from './support/participation.ts';
import type { TestSocket } from './support/sockets.ts';

const CAPTIONS = `WEBVTT

00:00:01.000 --> 00:00:06.000
<v Starosta Jan Novák>Dobrý den, vítám vás na zasedání zastupitelstva.</v>

00:00:06.000 --> 00:00:14.000
<v Starosta Jan Novák>Prvním bodem je rozpočet na opravu náměstí. Druhým bodem je parkování u nádraží.</v>

00:01:05.000 --> 00:01:12.500
<v Radní Eva Malá>Parkoviště u nádraží bude mít sto nových míst.</v>
`;

let app: RunningApp;
let admin: TestClient;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  app = await startTestApp();
  admin = await loginAs(app.url);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app.close();
});

async function endedSession(extra: Record<string, unknown> = {}): Promise<SessionDetailDto> {
  const session = await createSession(admin, extra);
  for (const action of ['start', 'end']) {
    const res = await admin.post(`/api/sessions/${session.id}/lifecycle`, { action });
    expect(res.status).toBe(200);
  }
  return session;
}

const search = async (q: string, extra = '') =>
  (await admin.get<SearchResultsDto>(`/api/search?q=${encodeURIComponent(q)}${extra}`)).body;

const importCaptions = (sessionId: string, text: string, client = admin) =>
  client.request('POST', `/api/sessions/${sessionId}/transcript/captions`, utf8(text), {
    'content-type': 'text/vtt',
  });
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('the archive', () => {
  it('indexes an ended session’s title and agenda, and finds them without diacritics', async () => {
    const unique = crypto.randomUUID().slice(0, 8);
    const session = await endedSession({ title: `Zastupitelstvo ${unique}: lávka přes řeku` });
    const agenda = await admin.put(`/api/admin/sessions/${session.id}/agenda`, {
      items: [
        { title: `Oprava lávky ${unique}`, description: 'Statik doporučuje výměnu mostovky' },
      ],
    });
    expect(agenda.status).toBe(200);
    // Edited after the end, the agenda is found too (and ranks below the title).
    const found = await search(`lavka ${unique}`);
    expect(found.hits.map((h) => h.kind)).toEqual(['session', 'agenda']);
    expect(found.hits[0]).toMatchObject({ sessionId: session.id, seconds: null });
    expect(found.hits[0]!.snippet.filter((p) => p.hit).map((p) => p.text)).toContain('lávka');

    const scheduled = await createSession(admin, { title: `Budoucí ${unique}` });
    expect((await search(`budouci ${unique}`)).total).toBe(0);
    expect(scheduled.status).toBe('scheduled');
  });

  it('turns imported captions into timed sentences that search finds at their second', async () => {
    const session = await endedSession();
    const imported = await importCaptions(session.id, CAPTIONS);
    expect(imported.status).toBe(201);
    expect(imported.body).toEqual({ sentences: 4 });

    const replay = (await admin.get<ReplayDto>(`/api/archive/${session.id}`)).body;
    expect(replay.transcript).toMatchObject({ status: 'ready', source: 'captions' });
    expect(replay.segments.map((s) => [s.speaker, s.text])).toEqual([
      ['Starosta Jan Novák', 'Dobrý den, vítám vás na zasedání zastupitelstva.'],
      ['Starosta Jan Novák', 'Prvním bodem je rozpočet na opravu náměstí.'],
      ['Starosta Jan Novák', 'Druhým bodem je parkování u nádraží.'],
      ['Radní Eva Malá', 'Parkoviště u nádraží bude mít sto nových míst.'],
    ]);

    const station = await search('nadrazi', `&kind=sentence`);
    const here = station.hits.filter((h) => h.sessionId === session.id);
    expect(here.map((h) => h.seconds).sort()).toEqual([10, 65]);
    expect(here.find((h) => h.seconds === 65)).toMatchObject({ speaker: 'Radní Eva Malá' });
    const budget = (await search('rozpoctu')).hits.filter((h) => h.sessionId === session.id);
    expect(budget).toHaveLength(1);
    expect(budget[0]!.snippet.find((p) => p.hit)?.text).toBe('rozpočet');
    const council = (await search('zastupitelstvo')).hits.filter((h) => h.sessionId === session.id);
    expect(council.map((h) => h.seconds)).toEqual([1]);

    const vtt = await fetch(`${app.url}/api/sessions/${session.id}/transcript.vtt`);
    expect(vtt.headers.get('content-type')).toMatch(/^text\/vtt/);
    expect(await vtt.text()).toContain('<v Radní Eva Malá>Parkoviště u nádraží');
    const txt = await (await fetch(`${app.url}/api/sessions/${session.id}/transcript.txt`)).text();
    expect(txt).toContain('Starosta Jan Novák');
  });

  it('keeps a staff correction when the captions are imported again', async () => {
    const session = await endedSession();
    await importCaptions(session.id, CAPTIONS);
    const replay = (await admin.get<ReplayDto>(`/api/archive/${session.id}`)).body;
    const wrong = replay.segments[3]!;
    const moderator = await staffClient(admin, 'moderator');
    const fixed = await moderator.patch(
      `/api/sessions/${session.id}/transcript/segments/${wrong.id}`,
      {
        text: 'Parkoviště u autobusového nádraží bude mít sto dvacet míst.',
        speaker: 'Radní Eva Malá',
      },
    );
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ edited: true });
    const mine = (hits: SearchResultsDto) => hits.hits.filter((h) => h.sessionId === session.id);
    expect(mine(await search('autobusoveho'))).toHaveLength(1);

    expect((await importCaptions(session.id, CAPTIONS)).status).toBe(201);
    const again = (await admin.get<ReplayDto>(`/api/archive/${session.id}`)).body;
    expect(again.segments.at(-1)).toMatchObject({
      text: 'Parkoviště u autobusového nádraží bude mít sto dvacet míst.',
      edited: true,
    });
    expect(mine(await search('autobusoveho'))).toHaveLength(1);
  });

  it('names the speaker of a run of sentences in one action, kept on a new import', async () => {
    const session = await endedSession();
    await importCaptions(session.id, CAPTIONS);
    const [first, , third, fourth] = (await admin.get<ReplayDto>(`/api/archive/${session.id}`)).body
      .segments;
    const name = `Ing. Petr Místostarosta ${crypto.randomUUID().slice(0, 6)}`;
    const official = (
      await admin.post<{ id: string }>('/api/admin/officials', { name, roleTitle: 'místostarosta' })
    ).body;
    const moderator = await staffClient(admin, 'moderator');
    const url = `/api/sessions/${session.id}/transcript/speaker`;
    // Either order: the last sentence named first.
    const named = await moderator.put<ReplayDto['segments']>(url, {
      fromSegmentId: third!.id,
      throughSegmentId: first!.id,
      officialId: official.id,
    });
    expect(named.status).toBe(200);
    expect(named.body.map((s) => [s.speaker, s.edited])).toEqual([
      [name, true],
      [name, true],
      [name, true],
    ]);
    const replay = (await admin.get<ReplayDto>(`/api/archive/${session.id}`)).body;
    expect(replay.segments.map((s) => s.speaker)).toEqual([name, name, name, 'Radní Eva Malá']);
    const hits = (await search('rozpoctu')).hits.filter((h) => h.sessionId === session.id);
    expect(hits.map((h) => h.speaker)).toEqual([name]);

    expect((await importCaptions(session.id, CAPTIONS)).status).toBe(201);
    const again = (await admin.get<ReplayDto>(`/api/archive/${session.id}`)).body;
    expect(again.segments.map((s) => s.speaker)).toEqual([name, name, name, 'Radní Eva Malá']);

    // A sentence of another session, an unknown official, a citizen: refused.
    const other = await endedSession();
    await importCaptions(other.id, CAPTIONS);
    const foreign = (await admin.get<ReplayDto>(`/api/archive/${other.id}`)).body.segments[0]!;
    const mixed = { fromSegmentId: foreign.id, throughSegmentId: fourth!.id, speaker: 'X' };
    expect((await moderator.put(url, mixed)).status).toBe(404);
    const unknown = { fromSegmentId: fourth!.id, throughSegmentId: fourth!.id };
    expect((await moderator.put(url, { ...unknown, officialId: crypto.randomUUID() })).status).toBe(
      404,
    );
    expect((await moderator.put(url, unknown)).status).toBe(400);
    const anonymous = await fetch(`${app.url}${url}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...unknown, speaker: 'Kdokoli' }),
    });
    expect([401, 403]).toContain(anonymous.status);
  });

  it('refuses bad captions with the line, and keeps citizens and moderators out of imports', async () => {
    const session = await endedSession();
    const bad = await importCaptions(session.id, 'WEBVTT\n\n00:00:01.000 --> soon\nText\n');
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/řádek 3|line 3/);
    const moderator = await staffClient(admin, 'moderator');
    expect((await importCaptions(session.id, CAPTIONS, moderator)).status).toBe(403);
    const anonymous = await fetch(`${app.url}/api/sessions/${session.id}/transcript/captions`, {
      method: 'POST',
      headers: { 'content-type': 'text/vtt' },
      body: CAPTIONS,
    });
    expect(anonymous.status).toBe(401);
    expect((await search('')).hits).toBeUndefined();
    expect((await admin.get('/api/search?q=')).status).toBe(400);
  });

  it('finds a question answered in writing after the session ended', async () => {
    const session = await createSession(admin);
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'start' });
    const author = await citizen(app.url, sockets);
    const mod = await staffSocket(app.url, admin, sockets);
    await joinSession(author, session.id);
    await joinSession(mod, session.id);
    const unique = crypto.randomUUID().slice(0, 6);
    const asked = await approvedQuestion(author, mod, session.id, {
      text: `Kdy opraví lavičky v parku ${unique}?`,
    });
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'end' });
    const mine = async (q: string) =>
      (await search(q)).hits.filter((h) => h.sessionId === session.id).map((h) => h.kind);
    expect(await mine(`lavicky ${unique}`)).toEqual(['question']);
    const official = (
      await admin.post<{ id: string }>('/api/admin/officials', {
        name: 'Mgr. Eva Starostová',
        roleTitle: 'starostka',
      })
    ).body;
    await ok(
      moderate(mod, session.id, asked.id, {
        type: 'answer',
        answer: 'Nové lavičky přivezou v květnu.',
        officialId: official.id,
      }),
    );
    expect(await mine(`lavicky kveten ${unique}`)).toEqual(['question']);

    const csv = await fetch(`${app.url}/api/sessions/${session.id}/questions.csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('asked_at;question;author;votes;answer;answered_by;answered_at');
    expect(lines[1]).toContain(`Kdy opraví lavičky v parku ${unique}?;`);
    expect(lines[1]).toContain(';Nové lavičky přivezou v květnu.;Mgr. Eva Starostová;');
  });

  it('stores chapters only with this session’s agenda items', async () => {
    const session = await endedSession();
    const other = await createSession(admin);
    const item = (
      await admin.put<SessionDetailDto>(`/api/admin/sessions/${session.id}/agenda`, {
        items: [{ title: 'Rozpočet' }],
      })
    ).body.agenda[0]!;
    const otherItem = (
      await admin.put<SessionDetailDto>(`/api/admin/sessions/${other.id}/agenda`, {
        items: [{ title: 'Cizí bod' }],
      })
    ).body.agenda[0]!;
    const saved = await admin.put(`/api/sessions/${session.id}/chapters`, {
      chapters: [
        { title: 'Zahájení', startMs: 0 },
        { title: 'Rozpočet', agendaItemId: item.id, startMs: 6000 },
      ],
    });
    expect(saved.status).toBe(200);
    const replay = (await admin.get<ReplayDto>(`/api/archive/${session.id}`)).body;
    expect(replay.chapters.map((c) => [c.title, c.startMs])).toEqual([
      ['Zahájení', 0],
      ['Rozpočet', 6000],
    ]);
    const foreign = await admin.put(`/api/sessions/${session.id}/chapters`, {
      chapters: [{ title: 'Cizí', agendaItemId: otherItem.id, startMs: 0 }],
    });
    expect(foreign.status).toBe(400);
  });

  it('keeps each "now discussing" mark of a live session as a chapter of its recording', async () => {
    const session = await createSession(admin);
    const agenda = (
      await admin.put<SessionDetailDto>(`/api/admin/sessions/${session.id}/agenda`, {
        items: [{ title: 'Zahájení' }, { title: 'Parkování u nádraží' }],
      })
    ).body.agenda;
    const mark = (client: TestClient, agendaItemId: string | null) =>
      client.post<SessionDetailDto>(`/api/sessions/${session.id}/agenda/current`, { agendaItemId });
    const moderator = await staffClient(admin, 'moderator');
    expect((await mark(moderator, agenda[0]!.id)).status).toBe(409); // not live yet
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'start' });
    const first = await mark(moderator, agenda[0]!.id);
    expect(first.status).toBe(200);
    expect(first.body.currentAgendaItemId).toBe(agenda[0]!.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await mark(moderator, agenda[1]!.id)).body.currentAgendaItemId).toBe(agenda[1]!.id);
    expect((await mark(moderator, crypto.randomUUID())).status).toBe(400);
    const citizen = await fetch(`${app.url}/api/sessions/${session.id}/agenda/current`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agendaItemId: null }),
    });
    expect(citizen.status).toBe(401);
    expect((await mark(moderator, null)).body.currentAgendaItemId).toBeNull();
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'end' });

    const replay = (await admin.get<ReplayDto>(`/api/archive/${session.id}`)).body;
    expect(replay.chapters.map((c) => [c.title, c.agendaItemId])).toEqual([
      ['Zahájení', agenda[0]!.id],
      ['Parkování u nádraží', agenda[1]!.id],
    ]);
    expect(replay.chapters[1]!.startMs - replay.chapters[0]!.startMs).toBeGreaterThanOrEqual(300);
  });

  it('replays the published chat at the moments it was written, never a hidden one', async () => {
    const session = await liveSession(admin);
    const writer = await citizen(app.url, sockets);
    await joinSession(writer, session.id);
    const say = (text: string) =>
      ok(
        writer.emitWithAck('chat:send', { sessionId: session.id, text }),
      ) as Promise<ChatMessageDto>;
    const first = await say('Dobrý večer, slyšíme vás dobře.');
    const hidden = await say('Tohle moderátor skryje.');
    const mod = await staffSocket(app.url, await staffClient(admin, 'moderator'), sockets);
    await ok(
      mod.emitWithAck('chat:moderate', {
        sessionId: session.id,
        messageId: hidden.id,
        action: 'hide',
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const last = await say('Děkujeme za odpovědi k parkování.');
    await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'end' });

    const { chat } = (await admin.get<ReplayDto>(`/api/archive/${session.id}`)).body;
    expect(chat.map((c) => c.message.text)).toEqual([first.text, last.text]);
    expect(chat[0]!.atMs).toBeGreaterThanOrEqual(0);
    expect(chat[1]!.atMs! - chat[0]!.atMs!).toBeGreaterThanOrEqual(300);
  });

  it('lists ended sessions newest first with filters, and has no replay for a live one', async () => {
    const locality = `Čtvrť ${crypto.randomUUID().slice(0, 6)}`;
    const first = await endedSession({ locality, kind: 'hearing' });
    const second = await endedSession({ locality, kind: 'consultation' });
    const page = (
      await admin.get<ArchivePageDto>(`/api/archive?locality=${encodeURIComponent(locality)}`)
    ).body;
    expect(page.sessions.map((s) => s.id)).toEqual([second.id, first.id]);
    expect(page.localities).toContain(locality);
    const hearings = (
      await admin.get<ArchivePageDto>(
        `/api/archive?locality=${encodeURIComponent(locality)}&kind=hearing`,
      )
    ).body;
    expect(hearings.sessions.map((s) => s.id)).toEqual([first.id]);
    expect((await admin.get(`/api/archive?kind=party`)).status).toBe(400);

    const live = await createSession(admin);
    await admin.post(`/api/sessions/${live.id}/lifecycle`, { action: 'start' });
    expect((await admin.get(`/api/archive/${live.id}`)).status).toBe(404);

    const rss = await fetch(`${app.url}/archive.rss`);
    expect(rss.headers.get('content-type')).toMatch(/^application\/rss\+xml/);
    const xml = await rss.text();
    expect(xml).toContain(`<link>http://localhost`);
    expect(xml).toContain(`/archive/${second.id}</link>`);
    expect(xml).not.toContain(live.id);
    const atom = await (await fetch(`${app.url}/archive.atom`)).text();
    expect(atom).toContain(`/archive/${first.id}`);
  });
});
