// The "Questions to city leadership" board on the real app: citizens ask under a topic, the
// topic's department gets the question, a moderator approves it, a clerk of that department
// answers it in public or hands it on with a note, and the public list, a question's page and
// the response-time figures follow. Clerks act only for their own departments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type {
  BoardDto,
  BoardPageDto,
  BoardQuestionDto,
  BoardStatsDto,
  DepartmentQueueDto,
} from '../src/protocol/board.ts';
import type { SessionOverviewDto } from '../src/protocol/dto.ts';
import type { OwnQuestionDto, VoteResultDto } from '../src/protocol/questions.ts';
import { loginAs, staffClient, startTestApp } from './support/app.ts';
import { TestClient } from './support/http-client.ts';
import { moderate, nextAddress } from './support/moderation.ts';
import { liveSession, ok, staffSocket } from './support/participation.ts';
import { connectSocket, nextEvent, type TestSocket } from './support/sockets.ts';

let app: RunningApp;
let admin: TestClient;
let board: BoardDto;
let mod: TestSocket;
let widget: TestSocket;
const sockets: TestSocket[] = [];
const unique = crypto.randomUUID().slice(0, 6);
const departments: Record<'transport' | 'green', { id: string; name: string }> = {} as never;
let officialId: string;

beforeAll(async () => {
  app = await startTestApp();
  admin = await loginAs(app.url);
  for (const [key, name] of [
    ['transport', `Odbor dopravy ${unique}`],
    ['green', `Odbor životního prostředí ${unique}`],
  ] as const) {
    const res = await admin.post<{ id: string; name: string }>('/api/admin/departments', { name });
    expect(res.status).toBe(201);
    departments[key] = { id: res.body.id, name };
  }
  const official = await admin.post<{ id: string }>('/api/admin/officials', {
    name: `Ing. Tomáš Černý ${unique}`,
    roleTitle: 'vedoucí odboru dopravy',
    departmentId: departments.transport.id,
  });
  officialId = official.body.id;
  const taxonomy = await admin.put<BoardDto>('/api/admin/board/taxonomy', {
    topics: [
      { name: 'Doprava a parkování', departmentId: departments.transport.id },
      { name: 'Životní prostředí a zeleň', departmentId: departments.green.id },
      { name: 'Ostatní' },
    ],
    neighbourhoods: [{ name: 'Centrum' }, { name: 'Nádražní čtvrť' }],
  });
  expect(taxonomy.status).toBe(200);
  board = taxonomy.body;
  mod = await staffSocket(app.url, await staffClient(admin, 'moderator'), sockets);
  // A town's page with the board widget: it follows the lobby for answers.
  widget = await connectSocket(app.url);
  sockets.push(widget);
  expect(await widget.emitWithAck('lobby:join', {})).toEqual({ ok: true, data: null });
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await app.close();
});

const topic = (name: string) => board.topics.find((t) => t.name === name)!;

/** A citizen on their own address asks on the board. */
async function ask(text: string, extra: Record<string, unknown> = {}) {
  const citizen = new TestClient(app.url);
  return citizen.request<OwnQuestionDto>(
    'POST',
    '/api/board/questions',
    { text, topicId: topic('Doprava a parkování').id, ...extra },
    { 'x-forwarded-for': nextAddress() },
  );
}

async function approved(text: string, extra: Record<string, unknown> = {}) {
  const asked = await ask(text, extra);
  expect(asked.status, asked.text).toBe(201);
  await ok(moderate(mod, board.sessionId, asked.body.id, { type: 'approve' }));
  return asked.body;
}

const page = async (query = '') =>
  (await admin.get<BoardPageDto>(`/api/board/questions${query}`)).body;

describe('the question board', () => {
  it('is one standing board with topics, never listed or run like a meeting', async () => {
    const again = (await new TestClient(app.url).get<BoardDto>('/api/board')).body;
    expect(again.sessionId).toBe(board.sessionId);
    expect(again.topics.map((t) => t.name)).toEqual([
      'Doprava a parkování',
      'Životní prostředí a zeleň',
      'Ostatní',
    ]);
    expect(again.neighbourhoods.map((n) => n.name)).toEqual(['Centrum', 'Nádražní čtvrť']);
    const overview = (await admin.get<SessionOverviewDto>('/api/sessions/overview')).body;
    const listed = [...overview.live, ...overview.upcoming, ...overview.recent].map((s) => s.id);
    expect(listed).not.toContain(board.sessionId);
    const start = await admin.post(`/api/sessions/${board.sessionId}/lifecycle`, {
      action: 'start',
    });
    expect(start.status).toBe(409);
    // Only admins name the topics.
    const moderator = await staffClient(admin, 'moderator');
    const refused = await moderator.put('/api/admin/board/taxonomy', {
      topics: [{ name: 'Cokoli' }],
      neighbourhoods: [],
    });
    expect(refused.status).toBe(403);
  });

  it('needs a topic, and gives the question to the topic’s department once approved', async () => {
    const missing = await ask(`Bez tématu ${unique}`, { topicId: undefined });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('topicId');
    const unknownPlace = await ask(`Neznámé místo ${unique}`, {
      neighbourhoodId: crypto.randomUUID(),
    });
    expect(unknownPlace.status).toBe(400);

    const asked = await ask(`Kdy opravíte chodník v Nádražní ulici? ${unique}`, {
      neighbourhoodId: board.neighbourhoods[1]!.id,
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      status: 'pending',
      topic: { name: 'Doprava a parkování' },
      neighbourhood: { name: 'Nádražní čtvrť' },
      department: { id: departments.transport.id },
    });
    // Waiting for a moderator: not public yet.
    const before = await page(`?topic=${topic('Doprava a parkování').id}`);
    expect(before.questions.map((q) => q.id)).not.toContain(asked.body.id);
    await ok(moderate(mod, board.sessionId, asked.body.id, { type: 'approve' }));
    const after = await page(`?neighbourhood=${board.neighbourhoods[1]!.id}&state=unanswered`);
    expect(after.questions.map((q) => q.id)).toContain(asked.body.id);
  });

  it('lets a clerk of the department answer in public, and nobody else’s clerk', async () => {
    const question = await approved(`Bude u nádraží víc kol na kola? ${unique}`);
    const clerk = await staffClient(admin, 'clerk', [departments.transport.id]);
    const otherClerk = await staffClient(admin, 'clerk', [departments.green.id]);

    const queue = await clerk.get<DepartmentQueueDto>(
      `/api/board/departments/${departments.transport.id}/queue`,
    );
    expect(queue.status).toBe(200);
    expect(queue.body.waiting.map((q) => q.id)).toContain(question.id);
    expect(queue.body.officials[0]!.id).toBe(officialId);
    const notTheirs = await otherClerk.get(
      `/api/board/departments/${departments.transport.id}/queue`,
    );
    expect(notTheirs.status).toBe(403);
    const answerBody = { answer: 'Přidáme čtyřicet stojanů do června.', officialId };
    const url = `/api/board/questions/${question.id}/answer`;
    expect((await otherClerk.post(url, answerBody)).status).toBe(403);
    expect((await new TestClient(app.url).post(url, answerBody)).status).toBe(401);
    expect((await clerk.post(url, { answer: '', officialId })).status).toBe(400);

    const told = nextEvent(widget, 'board:answered', (e) => e.questionId === question.id);
    const answered = await clerk.post(url, answerBody);
    expect(answered.status, answered.text).toBe(200);
    await told;
    const shown = await new TestClient(app.url).get<BoardQuestionDto>(
      `/api/board/questions/${question.id}`,
    );
    expect(shown.body.question).toMatchObject({
      status: 'answered',
      answer: {
        text: 'Přidáme čtyřicet stojanů do června.',
        official: {
          id: officialId,
          roleTitle: 'vedoucí odboru dopravy',
          departmentName: departments.transport.name,
        },
      },
    });
    const answeredList = await page(`?state=answered&department=${departments.transport.id}`);
    expect(answeredList.questions.map((q) => q.id)).toContain(question.id);
    // A second answer is refused: it was answered already.
    expect((await clerk.post(url, answerBody)).status).toBe(409);
  });

  it('hands a question on to another department with a note only staff read', async () => {
    const question = await approved(`Kdo poseká trávu u zastávky? ${unique}`);
    const clerk = await staffClient(admin, 'clerk', [departments.transport.id]);
    const handOn = await clerk.post(`/api/board/questions/${question.id}/hand-on`, {
      departmentId: departments.green.id,
      note: 'Zeleň u zastávek spravuje životní prostředí.',
    });
    expect(handOn.status, handOn.text).toBe(200);
    // Now it is the other department's: the first clerk may no longer act on it.
    expect(
      (
        await clerk.post(`/api/board/questions/${question.id}/hand-on`, {
          departmentId: departments.transport.id,
          note: 'Zpátky',
        })
      ).status,
    ).toBe(403);
    const greenClerk = await staffClient(admin, 'clerk', [departments.green.id]);
    const queue = (
      await greenClerk.get<DepartmentQueueDto>(
        `/api/board/departments/${departments.green.id}/queue`,
      )
    ).body;
    expect(queue.waiting.find((q) => q.id === question.id)).toMatchObject({
      note: 'Zeleň u zastávek spravuje životní prostředí.',
      handedOnBy: { id: departments.transport.id },
    });

    const publicPage = (
      await new TestClient(app.url).get<BoardQuestionDto>(`/api/board/questions/${question.id}`)
    ).body;
    expect(publicPage.routing.map((step) => [step.department?.name, step.note])).toEqual([
      [departments.transport.name, null],
      [departments.green.name, null],
    ]);
    const staffPage = (
      await greenClerk.get<BoardQuestionDto>(`/api/board/questions/${question.id}`)
    ).body;
    expect(staffPage.routing.at(-1)).toMatchObject({
      fromDepartment: { name: departments.transport.name },
      note: 'Zeleň u zastávek spravuje životní prostředí.',
    });
  });

  it('sorts by support or by date, and merges repeated questions into one page', async () => {
    const first = await approved(`Osvětlení v parku ${unique} A`);
    const second = await approved(`Osvětlení v parku ${unique} B`);
    const repeated = await approved(`Osvětlení v parku ${unique} C`);
    await ok(moderate(mod, board.sessionId, repeated.id, { type: 'merge', targetId: first.id }));
    const newest = await page(`?sort=newest&topic=${topic('Doprava a parkování').id}`);
    const mine = newest.questions.filter((q) => q.text.includes(`parku ${unique}`));
    expect(mine.map((q) => q.id)).toEqual([second.id, first.id]);
    // The merged question's author now supports the first one: it leads by support.
    const bySupport = await page(`?sort=support&topic=${topic('Doprava a parkování').id}`);
    const ranked = bySupport.questions.filter((q) => q.text.includes(`parku ${unique}`));
    expect(ranked[0]!.id).toBe(first.id);
    const merged = (await admin.get<BoardQuestionDto>(`/api/board/questions/${first.id}`)).body;
    expect(merged.mergedCount).toBe(1);
    const gone = (await admin.get<BoardQuestionDto>(`/api/board/questions/${repeated.id}`)).body;
    expect(gone.question).toMatchObject({ status: 'merged', mergedIntoId: first.id });
  });

  it('lets citizens support a waiting question once each, and take it back', async () => {
    const question = await approved(`Bezbariérová zastávka ${unique}`);
    const citizen = new TestClient(app.url);
    const address = { 'x-forwarded-for': nextAddress() };
    const support = (who: TestClient, value: unknown, headers = address) =>
      who.request<VoteResultDto>(
        'POST',
        `/api/board/questions/${question.id}/support`,
        { support: value },
        headers,
      );

    expect((await support(citizen, true)).body).toMatchObject({ voted: true, voteCount: 1 });
    // Twice is once: the database keeps one vote per person.
    expect((await support(citizen, true)).body).toMatchObject({ voted: true, voteCount: 1 });
    const other = new TestClient(app.url);
    const otherAddress = { 'x-forwarded-for': nextAddress() };
    expect((await support(other, true, otherAddress)).body.voteCount).toBe(2);

    // The reader sees what they support, on the list and on the question's page.
    const listed = await citizen.get<BoardPageDto>(`/api/board/questions?sort=newest`);
    expect(listed.body.supported).toContain(question.id);
    expect((await admin.get<BoardPageDto>(`/api/board/questions`)).body.supported).toEqual([]);
    const own = await citizen.get<BoardQuestionDto>(`/api/board/questions/${question.id}`);
    expect(own.body).toMatchObject({ supported: true, question: { voteCount: 2 } });

    expect((await support(citizen, false)).body).toMatchObject({ voted: false, voteCount: 1 });
    const bad = await support(citizen, 'ano');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('support');

    // Answered, it takes no more support.
    const clerk = await staffClient(admin, 'clerk', [departments.transport.id]);
    await clerk.post(`/api/board/questions/${question.id}/answer`, {
      answer: 'Zastávku upravíme v létě.',
      officialId,
    });
    expect((await support(citizen, true)).status).toBe(409);
  });

  it('takes a question to a live session, and the live answer reaches the board', async () => {
    const question = await approved(`Kdy bude hotová cyklostezka? ${unique}`);
    const moderator = await staffClient(admin, 'moderator');
    const live = await liveSession(admin);
    const url = `/api/board/questions/${question.id}/promote`;
    expect((await moderator.post(url, { sessionId: board.sessionId })).status).toBe(409);
    expect((await new TestClient(app.url).post(url, { sessionId: live.id })).status).toBe(401);
    const promoted = await moderator.post<{ questionId: string }>(url, { sessionId: live.id });
    expect(promoted.status, promoted.text).toBe(201);
    expect((await moderator.post(url, { sessionId: live.id })).status).toBe(409);
    const page = (await admin.get<BoardQuestionDto>(`/api/board/questions/${question.id}`)).body;
    expect(page.promotedTo).toMatchObject({ sessionId: live.id, title: live.title });

    const copyId = promoted.body.questionId;
    // The widget hears of the board's question, never of the live session's copy.
    const heard: string[] = [];
    const listen = ({ questionId }: { questionId: string }) => heard.push(questionId);
    widget.on('board:answered', listen);
    const told = nextEvent(widget, 'board:answered', (e) => e.questionId === question.id);
    await ok(
      moderate(mod, live.id, copyId, {
        type: 'answer',
        answer: 'Cyklostezka bude hotová v září.',
        officialId,
      }),
    );
    const answered = (await admin.get<BoardQuestionDto>(`/api/board/questions/${question.id}`))
      .body;
    expect(answered.question).toMatchObject({
      status: 'answered',
      answer: { text: 'Cyklostezka bude hotová v září.', official: { id: officialId } },
    });
    await told;
    widget.off('board:answered', listen);
    expect(heard).toEqual([question.id]);
  });

  it('publishes response times per department and month, and open questions by age', async () => {
    const stats = (await new TestClient(app.url).get<BoardStatsDto>('/api/board/stats')).body;
    expect(stats.months).toHaveLength(12);
    const transport = stats.overall.find((row) => row.department?.id === departments.transport.id);
    // Two answered on the desk (one after citizens supported it), one in a live session.
    expect(transport).toMatchObject({ answered: 3 });
    expect(transport!.medianHours).toBeGreaterThanOrEqual(0);
    const thisMonth = stats.responseTimes.find(
      (row) => row.department?.id === departments.transport.id,
    );
    expect(thisMonth?.month).toBe(stats.months.at(-1));
    const green = stats.openByAge.find((row) => row.department?.id === departments.green.id);
    expect(green?.counts.week).toBeGreaterThanOrEqual(1);
  });
});

describe('the latest answers (the embeds’ board widget)', () => {
  it('sorts by the answer’s time, newest first, with unanswered questions last', async () => {
    const clerk = await staffClient(admin, 'clerk', [departments.transport.id]);
    const answer = async (id: string, text: string) => {
      const res = await clerk.post(`/api/board/questions/${id}/answer`, {
        answer: text,
        officialId,
      });
      expect(res.status, res.text).toBe(200);
    };
    // Asked in one order, answered in the other: only the answer's time can put them right.
    const earlier = await approved(`Lavičky na náměstí ${unique} asked first`);
    const later = await approved(`Lavičky na náměstí ${unique} asked second`);
    const waiting = await approved(`Lavičky na náměstí ${unique} not answered`);
    await answer(later.id, 'Přibudou v dubnu.');
    await answer(earlier.id, 'Opravíme je v květnu.');

    const mine = (list: BoardPageDto) =>
      list.questions.filter((q) => q.text.includes(`náměstí ${unique}`)).map((q) => q.id);
    const transport = `department=${departments.transport.id}`;
    expect(mine(await page(`?sort=answered&${transport}`))).toEqual([
      earlier.id,
      later.id,
      waiting.id,
    ]);
    expect(mine(await page(`?sort=answered&state=answered&${transport}`))).toEqual([
      earlier.id,
      later.id,
    ]);
    // By date of asking it is the other way round.
    expect(mine(await page(`?sort=newest&state=answered&${transport}`))).toEqual([
      later.id,
      earlier.id,
    ]);
    expect((await admin.get(`/api/board/questions?sort=oldest`)).status).toBe(400);
  });
});
