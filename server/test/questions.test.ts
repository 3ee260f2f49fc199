// The question queue end to end on one node, on the real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { AuditEntryDto, DepartmentDto, OfficialDto } from '../src/protocol/dto.ts';
import type { TestClient } from './support/http-client.ts';
import { createSession, loginAs, staffClient, startTestApp } from './support/app.ts';
import { citizen, joinSession, liveSession, ok, staffSocket } from './support/participation.ts';
import { emitRaw, nextEvent, type TestSocket } from './support/sockets.ts';
import {
  approvedQuestion,
  ask,
  fails,
  moderate,
  namedStaff,
  questionText,
  record,
  setSettings,
  until,
  vote,
  voteTracker,
  inTurn,
  joinedCitizen,
} from './support/moderation.ts';

let app: RunningApp;
let admin: TestClient;
/** Marta's tabs, in turn: one socket may send 30 events per 5 s. */
const martaTabs: TestSocket[] = [];
const marta = inTurn(martaTabs);
let mod2: TestSocket;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  app = await startTestApp();
  admin = await loginAs(app.url);
  const [first, second] = await Promise.all([
    namedStaff(admin, 'moderator', 'Marta Moderátorová'),
    namedStaff(admin, 'moderator', 'Petr Druhý'),
  ]);
  for (let i = 0; i < 4; i++) martaTabs.push(await staffSocket(app.url, first, sockets));
  mod2 = await staffSocket(app.url, second, sockets);
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app.close();
});

const joined = (sessionId: string, address?: string) =>
  joinedCitizen(app.url, sockets, sessionId, address);

async function modSnapshot(sessionId: string) {
  return ok(marta().emitWithAck('moderation:join', { sessionId }));
}

describe('asking, approving and voting', () => {
  it('goes from a citizen question to an approved, upvoted one that everyone sees', async () => {
    const session = await liveSession(admin);
    const a = await citizen(app.url, sockets, '10.0.0.1');
    const b = await citizen(app.url, sockets, '10.0.0.2');
    const mod = await staffSocket(app.url, await staffClient(admin, 'moderator'), sockets);
    await joinSession(a, session.id);
    await joinSession(b, session.id);
    await joinSession(mod, session.id);
    const console = await ok(mod.emitWithAck('moderation:join', { sessionId: session.id }));
    expect(console.questions).toEqual([]);

    const incoming = nextEvent(mod, 'moderation:question');
    const asked = await ok(
      a.emitWithAck('question:ask', {
        sessionId: session.id,
        text: 'Kdy opraví parkoviště u nádraží?',
        authorName: 'Jana',
      }),
    );
    expect(asked).toMatchObject({ status: 'pending', authorName: 'Jana', voteCount: 0 });
    expect((await incoming).author).toMatchObject({ name: 'Jana', questionsAsked: 1 });

    const seenByB = nextEvent(b, 'question:changed', (q) => q.id === asked.id);
    const toldA = nextEvent(a, 'question:mine', (q) => q.status === 'approved');
    await ok(
      mod.emitWithAck('question:moderate', {
        sessionId: session.id,
        questionId: asked.id,
        action: { type: 'approve' },
      }),
    );
    expect((await seenByB).status).toBe('approved');
    await toldA;

    const counted = nextEvent(a, 'question:votes', (e) => e.counts[asked.id] === 1);
    const vote = await ok(
      b.emitWithAck('question:vote', { sessionId: session.id, questionId: asked.id, vote: true }),
    );
    expect(vote).toEqual({ questionId: asked.id, voted: true, voteCount: 1 });
    const again = await ok(
      b.emitWithAck('question:vote', { sessionId: session.id, questionId: asked.id, vote: true }),
    );
    expect(again.voteCount).toBe(1);
    await counted;

    const snapshot = await joinSession(b, session.id);
    expect(snapshot.questions.map((q) => q.id)).toEqual([asked.id]);
    expect(snapshot.me.votedIds).toEqual([asked.id]);
  });
});

describe('session settings', () => {
  it('approves at once when pre-moderation is off, and everyone sees it', async () => {
    const session = await liveSession(admin);
    await setSettings(marta(), session.id, { preModeration: false });
    const author = await joined(session.id);
    const other = await joined(session.id);
    const seen = nextEvent(other, 'question:changed');
    const asked = await ask(author, session.id);
    expect(asked.status).toBe('approved');
    expect(asked.approvedAt).not.toBeNull();
    expect(await seen).toMatchObject({ id: asked.id, status: 'approved' });
    expect((await joinSession(other, session.id)).questions.map((q) => q.id)).toEqual([asked.id]);
  });

  it('refuses questions while they are closed, and stores nothing', async () => {
    const session = await liveSession(admin);
    const state = await setSettings(marta(), session.id, { questionsOpen: false });
    expect(state.settings.questionsOpen).toBe(false);
    const author = await joined(session.id);
    await fails(
      author.emitWithAck('question:ask', { sessionId: session.id, text: 'Proč?' }),
      'forbidden',
    );
    expect((await modSnapshot(session.id)).questions).toEqual([]);
    await setSettings(marta(), session.id, { questionsOpen: true });
    expect((await ask(author, session.id)).status).toBe('pending');
  });

  it('asks for a name when names are required, and remembers it once given', async () => {
    const session = await liveSession(admin);
    await setSettings(marta(), session.id, { namesRequired: true });
    const author = await joined(session.id);
    const error = await fails(
      author.emitWithAck('question:ask', { sessionId: session.id, text: questionText() }),
      'validation_failed',
    );
    expect(error.details?.authorName?.[0]).toMatch(/jméno/);
    const named = await ask(author, session.id, { authorName: 'Jana Nováková' });
    expect(named.authorName).toBe('Jana Nováková');
    // The name is remembered for the next question.
    expect((await ask(author, session.id)).authorName).toBe('Jana Nováková');
    // Anonymous still hides it from the public, but it is given.
    const hidden = await ask(author, session.id, { anonymous: true });
    expect(hidden.authorName).toBeNull();
    const modView = (await modSnapshot(session.id)).questions.find((q) => q.id === hidden.id);
    expect(modView).toMatchObject({ anonymous: true, givenName: 'Jana Nováková' });
  });
});

describe('agenda items', () => {
  it('accepts an item of the session and refuses one of another session', async () => {
    const session = await liveSession(admin, { agenda: [{ title: 'Rozpočet' }] });
    const other = await createSession(admin, { agenda: [{ title: 'Cizí bod' }] });
    const author = await joined(session.id);
    const error = await fails(
      author.emitWithAck('question:ask', {
        sessionId: session.id,
        text: questionText(),
        agendaItemId: other.agenda[0]!.id,
      }),
      'validation_failed',
    );
    expect(error.details?.agendaItemId).toHaveLength(1);
    const unknown = await fails(
      author.emitWithAck('question:ask', {
        sessionId: session.id,
        text: questionText(),
        agendaItemId: crypto.randomUUID(),
      }),
      'validation_failed',
    );
    expect(unknown.details?.agendaItemId).toHaveLength(1);
    expect((await modSnapshot(session.id)).questions).toEqual([]);
    const own = await ok(
      author.emitWithAck('question:ask', {
        sessionId: session.id,
        text: questionText(),
        agendaItemId: session.agenda[0]!.id,
      }),
    );
    expect(own.agendaItemId).toBe(session.agenda[0]!.id);
  });
});

describe('rejecting', () => {
  it('tells the author why and the public nothing but that it is gone', async () => {
    const session = await liveSession(admin);
    const author = await joined(session.id);
    const watcher = await joined(session.id);
    const reason = 'Otázka obsahuje osobní údaje třetí osoby';
    const publicEvents = [
      ...['question:changed', 'question:removed', 'question:mine', 'question:votes'].map((event) =>
        record(watcher, event as 'question:changed'),
      ),
    ];

    const asked = await approvedQuestion(author, marta(), session.id);
    const removed = nextEvent(watcher, 'question:removed', (e) => e.questionId === asked.id);
    const mine = nextEvent(author, 'question:mine', (q) => q.status === 'rejected');
    const rejected = await ok(moderate(marta(), session.id, asked.id, { type: 'reject', reason }));
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: reason });
    expect(await mine).toMatchObject({ id: asked.id, status: 'rejected', rejectReason: reason });
    expect(await removed).toEqual({
      sessionId: session.id,
      questionId: asked.id,
      mergedIntoId: null,
    });

    const own = await joinSession(author, session.id);
    expect(own.me.questions.find((q) => q.id === asked.id)?.rejectReason).toBe(reason);
    expect(own.questions.map((q) => q.id)).not.toContain(asked.id);
    const seen = await joinSession(watcher, session.id);
    expect(seen.questions).toEqual([]);
    expect(JSON.stringify([publicEvents, seen])).not.toContain(reason);

    // A pending question that is rejected was never public: nothing to remove.
    const pending = await ask(author, session.id);
    const afterFirst = publicEvents[1]!.length;
    const toldAgain = nextEvent(author, 'question:mine', (q) => q.id === pending.id);
    await ok(moderate(marta(), session.id, pending.id, { type: 'reject', reason }));
    await toldAgain;
    expect(publicEvents[1]!.length).toBe(afterFirst);
  });
});

describe('editing', () => {
  it('publishes the new text and keeps the original in the audit log', async () => {
    const session = await liveSession(admin);
    const author = await joined(session.id);
    const watcher = await joined(session.id);
    const original = questionText('Puvodni');
    const asked = await approvedQuestion(author, marta(), session.id, { text: original });
    const edited = 'Kdy bude opraven chodník v Lipové ulici?';
    const changed = nextEvent(watcher, 'question:changed', (q) => q.text === edited);
    const result = await ok(
      moderate(marta(), session.id, asked.id, { type: 'edit', text: edited }),
    );
    expect(result.version).toBeGreaterThan(asked.version);
    expect((await changed).id).toBe(asked.id);
    await fails(
      moderate(marta(), session.id, asked.id, { type: 'edit', text: edited }),
      'conflict',
    );

    const audit = await admin.get<AuditEntryDto[]>('/api/admin/audit?limit=50');
    expect(audit.status).toBe(200);
    const entry = audit.body.find((e) => e.action === 'question.edit' && e.entityId === asked.id);
    expect(entry).toMatchObject({
      actor: { name: 'Marta Moderátorová' },
      before: { question: { text: original } },
      after: { question: { text: edited } },
    });
    const log = (await modSnapshot(session.id)).log;
    expect(log.find((e) => e.action === 'question.edit')?.before).toMatchObject({
      question: { text: original },
    });
  });
});

describe('merging duplicates', () => {
  it('moves supporters to the target, counting each person once', async () => {
    const session = await liveSession(admin);
    const [c1, c2, c3, c4, watcher] = await Promise.all(
      Array.from({ length: 5 }, () => joined(session.id)),
    );
    const target = await approvedQuestion(c1!, marta(), session.id);
    const duplicate = await approvedQuestion(c2!, marta(), session.id);
    // c2 (the duplicate's author) and c3 support both; c4 only the duplicate.
    await ok(vote(c2!, session.id, target.id));
    await ok(vote(c3!, session.id, target.id));
    await ok(vote(c3!, session.id, duplicate.id));
    await ok(vote(c4!, session.id, duplicate.id));
    const counts = voteTracker(watcher!, session.id);

    const told = nextEvent(c2!, 'question:mine', (q) => q.id === duplicate.id);
    const removed = nextEvent(watcher!, 'question:removed', (e) => e.questionId === duplicate.id);
    const grown = nextEvent(watcher!, 'question:changed', (q) => q.id === target.id);
    const merged = await ok(
      moderate(marta(), session.id, duplicate.id, { type: 'merge', targetId: target.id }),
    );
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: target.id });
    expect(await told).toMatchObject({ status: 'merged', mergedIntoId: target.id });
    expect(await removed).toMatchObject({ mergedIntoId: target.id });
    // Distinct supporters of either: c2, c3, c4 (the target's author c1 never voted).
    expect((await grown).voteCount).toBe(3);
    await until(() => expect(counts.get(target.id)).toBe(3));

    const fourth = await joinSession(c4!, session.id);
    expect(fourth.me.votedIds).toContain(target.id);
    expect(fourth.questions.map((q) => q.id)).toEqual([target.id]);
    expect((await ok(vote(c4!, session.id, target.id))).voteCount).toBe(3);
    const error = await fails(vote(c4!, session.id, duplicate.id), 'invalid_transition');
    expect(error.message).toMatch(/sloučena/);
    await fails(vote(c1!, session.id, duplicate.id), 'invalid_transition');
    // Merged stays merged: no approve, and no merge into a merged question.
    await fails(
      moderate(marta(), session.id, duplicate.id, { type: 'approve' }),
      'invalid_transition',
    );
    await fails(
      moderate(marta(), session.id, target.id, { type: 'merge', targetId: duplicate.id }),
      'invalid_transition',
    );
    await fails(
      moderate(marta(), session.id, target.id, { type: 'merge', targetId: target.id }),
      'invalid_transition',
    );
    const snapshot = await modSnapshot(session.id);
    expect(snapshot.questions.find((q) => q.id === target.id)?.voteCount).toBe(3);
  });

  it('refuses a target from another session', async () => {
    const session = await liveSession(admin);
    const elsewhere = await liveSession(admin);
    const author = await joined(session.id);
    const outsider = await joined(elsewhere.id);
    const here = await ask(author, session.id);
    const there = await ask(outsider, elsewhere.id);
    await fails(
      moderate(marta(), session.id, here.id, { type: 'merge', targetId: there.id }),
      'not_found',
    );
    await fails(moderate(marta(), session.id, there.id, { type: 'approve' }), 'not_found');
    const snapshot = await modSnapshot(session.id);
    expect(snapshot.questions.map((q) => [q.id, q.status])).toEqual([[here.id, 'pending']]);
  });
});

describe('now answering, answers and departments', () => {
  let official: OfficialDto;
  let department: DepartmentDto;

  beforeAll(async () => {
    const o = await admin.post<OfficialDto>('/api/admin/officials', {
      name: 'Ing. Karel Starosta',
      roleTitle: 'starosta',
    });
    expect(o.status).toBe(201);
    official = o.body;
    const d = await admin.post<DepartmentDto>('/api/admin/departments', {
      name: `Odbor dopravy ${crypto.randomUUID().slice(0, 4)}`,
    });
    expect(d.status).toBe(201);
    department = d.body;
  });

  it('pins for everyone, answers with text and official, and unpins', async () => {
    const session = await liveSession(admin);
    const author = await joined(session.id);
    const watcher = await joined(session.id);
    await joinSession(mod2, session.id);
    const asked = await approvedQuestion(author, marta(), session.id);
    await fails(moderate(marta(), session.id, asked.id, { type: 'unpin' }), 'invalid_transition');

    const pinned = [author, watcher, mod2].map((s) =>
      nextEvent(s, 'session:state', (state) => state.nowAnsweringId === asked.id),
    );
    await ok(moderate(marta(), session.id, asked.id, { type: 'pin' }));
    await Promise.all(pinned);
    const again = await fails(
      moderate(mod2, session.id, asked.id, { type: 'pin' }),
      'invalid_transition',
    );
    expect(again.message).toContain('Marta Moderátorová');
    expect((await joinSession(watcher, session.id)).session.nowAnsweringId).toBe(asked.id);

    const unpinned = [author, watcher].map((s) =>
      nextEvent(s, 'session:state', (state) => state.nowAnsweringId === null),
    );
    const answeredSeen = nextEvent(watcher, 'question:changed', (q) => q.status === 'answered');
    const answer = 'Oprava začne v dubnu, hotovo bude do června.';
    const answered = await ok(
      moderate(marta(), session.id, asked.id, { type: 'answer', answer, officialId: official.id }),
    );
    expect(answered.status).toBe('answered');
    const shown = await answeredSeen;
    expect(shown.answer).toMatchObject({
      text: answer,
      official: { id: official.id, name: 'Ing. Karel Starosta', roleTitle: 'starosta' },
    });
    expect(shown.answer?.answeredAt).toEqual(expect.any(String));
    await Promise.all(unpinned);

    const refused = await fails(
      moderate(mod2, session.id, asked.id, { type: 'reject', reason: 'pozdě' }),
      'invalid_transition',
    );
    expect(refused.message).toMatch(/zodpovězená/);
    await fails(moderate(marta(), session.id, asked.id, { type: 'answer' }), 'invalid_transition');
    await fails(moderate(marta(), session.id, asked.id, { type: 'pin' }), 'invalid_transition');
    await fails(vote(watcher, session.id, asked.id), 'invalid_transition');
    await fails(
      moderate(marta(), session.id, asked.id, { type: 'answer', officialId: crypto.randomUUID() }),
      'validation_failed',
    );
    const snapshot = await modSnapshot(session.id);
    expect(snapshot.questions[0]).toMatchObject({ status: 'answered', rejectReason: null });
  });

  it('rejecting a pinned question unpins it', async () => {
    const session = await liveSession(admin);
    const author = await joined(session.id);
    const asked = await approvedQuestion(author, marta(), session.id);
    await ok(moderate(marta(), session.id, asked.id, { type: 'pin' }));
    const cleared = nextEvent(author, 'session:state', (s) => s.nowAnsweringId === null);
    await ok(moderate(marta(), session.id, asked.id, { type: 'reject' }));
    await cleared;
  });

  it('routes a question to a department', async () => {
    const session = await liveSession(admin);
    const author = await joined(session.id);
    const watcher = await joined(session.id);
    const asked = await approvedQuestion(author, marta(), session.id);
    const seen = nextEvent(watcher, 'question:changed', (q) => q.department !== null);
    const assigned = await ok(
      moderate(marta(), session.id, asked.id, { type: 'assign', departmentId: department.id }),
    );
    expect(assigned.department).toEqual({ id: department.id, name: department.name });
    expect((await seen).department).toEqual({ id: department.id, name: department.name });
    await fails(
      moderate(marta(), session.id, asked.id, { type: 'assign', departmentId: department.id }),
      'conflict',
    );
    const unknown = await fails(
      moderate(marta(), session.id, asked.id, {
        type: 'assign',
        departmentId: crypto.randomUUID(),
      }),
      'validation_failed',
    );
    expect(unknown.details?.departmentId).toHaveLength(1);
    const cleared = await ok(
      moderate(marta(), session.id, asked.id, { type: 'assign', departmentId: null }),
    );
    expect(cleared.department).toBeNull();
  });
});

describe('undo', () => {
  it('takes an approval back: pending again, and gone for the public', async () => {
    const session = await liveSession(admin);
    const author = await joined(session.id);
    const watcher = await joined(session.id);
    const asked = await approvedQuestion(author, marta(), session.id);
    const removed = nextEvent(watcher, 'question:removed', (e) => e.questionId === asked.id);
    const mine = nextEvent(author, 'question:mine', (q) => q.status === 'pending');
    const undone = await ok(marta().emitWithAck('question:undo', { sessionId: session.id }));
    expect(undone.undone).toBe('question.approve');
    expect(undone.question).toMatchObject({ id: asked.id, status: 'pending', approvedAt: null });
    await removed;
    await mine;
    expect((await joinSession(watcher, session.id)).questions).toEqual([]);
    const log = (await modSnapshot(session.id)).log;
    expect(log.find((e) => e.action === 'question.approve')?.undone).toBe(true);
    // Nothing left to undo for this moderator here.
    await fails(marta().emitWithAck('question:undo', { sessionId: session.id }), 'not_found');
    await fails(vote(watcher, session.id, asked.id), 'not_found');
  });

  it('takes a merge back and restores both questions’ votes', async () => {
    const session = await liveSession(admin);
    const [c1, c2, c3, c4, watcher] = await Promise.all(
      Array.from({ length: 5 }, () => joined(session.id)),
    );
    const target = await approvedQuestion(c1!, marta(), session.id);
    const duplicate = await approvedQuestion(c2!, marta(), session.id);
    await ok(vote(c3!, session.id, target.id));
    await ok(vote(c3!, session.id, duplicate.id));
    await ok(vote(c4!, session.id, duplicate.id));
    const counts = voteTracker(watcher!, session.id);
    await ok(moderate(marta(), session.id, duplicate.id, { type: 'merge', targetId: target.id }));
    await until(() => expect(counts.get(target.id)).toBe(3)); // c3, c4 and c2 (the author)

    const back = nextEvent(watcher!, 'question:changed', (q) => q.id === duplicate.id);
    const undone = await ok(marta().emitWithAck('question:undo', { sessionId: session.id }));
    expect(undone.undone).toBe('question.merge');
    expect(undone.question).toMatchObject({ status: 'approved', mergedIntoId: null });
    expect((await back).voteCount).toBe(2);
    await until(() => expect(counts.get(target.id)).toBe(1));
    const snapshot = await joinSession(watcher!, session.id);
    const byId = new Map(snapshot.questions.map((q) => [q.id, q.voteCount]));
    expect(Object.fromEntries(byId)).toEqual({ [target.id]: 1, [duplicate.id]: 2 });
    expect((await joinSession(c4!, session.id)).me.votedIds).toEqual([duplicate.id]);
    // The duplicate takes votes again.
    expect((await ok(vote(c1!, session.id, duplicate.id))).voteCount).toBe(3);
  });

  it('refuses when another moderator changed the question since', async () => {
    const session = await liveSession(admin);
    const author = await joined(session.id);
    const asked = await approvedQuestion(author, marta(), session.id);
    await ok(
      moderate(mod2, session.id, asked.id, { type: 'edit', text: questionText('Upraveno') }),
    );
    const error = await fails(
      marta().emitWithAck('question:undo', { sessionId: session.id }),
      'conflict',
    );
    expect(error.message).toContain('Petr Druhý');
    const snapshot = await modSnapshot(session.id);
    expect(snapshot.questions[0]?.status).toBe('approved');
    // The one who changed it last can still undo their own edit.
    expect((await ok(mod2.emitWithAck('question:undo', { sessionId: session.id }))).undone).toBe(
      'question.edit',
    );
  });
});

describe('telling who got there first', () => {
  it('names the moderator who approved, not the one who edited since', async () => {
    const session = await liveSession(admin);
    const author = await joined(session.id);
    const asked = await approvedQuestion(author, marta(), session.id); // Marta approves
    await ok(moderate(mod2, session.id, asked.id, { type: 'edit', text: questionText('Jinak') }));
    const third = await staffSocket(app.url, admin, sockets);
    const error = await fails(
      moderate(third, session.id, asked.id, { type: 'approve' }),
      'invalid_transition',
    );
    expect(error.message).toBe('Otázku už schválil(a) Marta Moderátorová.');
    await ok(moderate(marta(), session.id, asked.id, { type: 'reject', reason: 'duplicitní' }));
    await ok(moderate(mod2, session.id, asked.id, { type: 'edit', text: questionText('Znovu') }));
    const again = await fails(
      moderate(third, session.id, asked.id, { type: 'reject' }),
      'invalid_transition',
    );
    expect(again.message).toBe('Otázku už zamítl(a) Marta Moderátorová.');
  });
});

describe('ended sessions', () => {
  it('take no more questions, votes or chat', async () => {
    const session = await liveSession(admin);
    const author = await joined(session.id);
    const voter = await joined(session.id);
    const asked = await approvedQuestion(author, marta(), session.id);
    const res = await admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'end' });
    expect(res.status).toBe(200);
    await fails(
      author.emitWithAck('question:ask', { sessionId: session.id, text: questionText() }),
      'invalid_transition',
    );
    await fails(vote(voter, session.id, asked.id), 'invalid_transition');
    await fails(
      voter.emitWithAck('chat:send', { sessionId: session.id, text: 'Ještě něco' }),
      'invalid_transition',
    );
    const snapshot = await joinSession(voter, session.id);
    expect(snapshot.questions[0]?.voteCount).toBe(0);
  });
});

describe('who may moderate', () => {
  it('lets moderators, hosts and admins into the console, and no citizen', async () => {
    const session = await liveSession(admin);
    const person = await joined(session.id);
    await fails(
      person.emitWithAck('moderation:join', { sessionId: session.id }),
      'unauthenticated',
    );
    for (const role of ['moderator', 'host', 'admin'] as const) {
      const socket = await staffSocket(app.url, await staffClient(admin, role), sockets);
      const snapshot = await ok(socket.emitWithAck('moderation:join', { sessionId: session.id }));
      expect(snapshot.sessionId).toBe(session.id);
    }
    await fails(
      marta().emitWithAck('moderation:join', { sessionId: crypto.randomUUID() }),
      'not_found',
    );
  });

  it('refuses every moderation action from a citizen and changes nothing', async () => {
    const session = await liveSession(admin);
    const author = await joined(session.id);
    const intruder = await joined(session.id);
    const asked = await ask(author, session.id);
    const other = await ask(author, session.id);
    const console = marta();
    const before = await ok(console.emitWithAck('moderation:join', { sessionId: session.id }));
    const authorId = before.questions[0]!.participantId;
    const modEvents = record(console, 'moderation:question');
    const sessionId = session.id;
    const questionId = asked.id;
    const attempts: [string, unknown][] = [
      ['question:moderate', { sessionId, questionId, action: { type: 'approve' } }],
      ['question:moderate', { sessionId, questionId, action: { type: 'reject', reason: 'x' } }],
      ['question:moderate', { sessionId, questionId, action: { type: 'edit', text: 'Jiný text' } }],
      [
        'question:moderate',
        { sessionId, questionId, action: { type: 'merge', targetId: other.id } },
      ],
      ['question:moderate', { sessionId, questionId, action: { type: 'pin' } }],
      ['question:moderate', { sessionId, questionId, action: { type: 'answer' } }],
      [
        'question:moderate',
        { sessionId, questionId, action: { type: 'assign', departmentId: null } },
      ],
      ['question:undo', { sessionId }],
      ['session:settings', { sessionId, questionsOpen: false }],
      ['moderation:ban', { sessionId, participantId: authorId, scope: 'everywhere' }],
    ];
    for (const [event, payload] of attempts) {
      const result = await emitRaw(intruder, event, payload);
      const said = `${event} ${JSON.stringify(payload)} → ${JSON.stringify(result)}`;
      expect(result.ok, said).toBe(false);
      if (!result.ok) expect(['unauthenticated', 'forbidden'], said).toContain(result.error.code);
    }
    const after = await modSnapshot(session.id);
    expect(after.questions).toEqual(before.questions);
    expect(after.log).toEqual(before.log);
    expect(after.bans).toEqual(before.bans);
    expect(modEvents).toEqual([]);
    expect((await joinSession(intruder, session.id)).session.settings.questionsOpen).toBe(true);
  });
});

describe('rate limits', () => {
  it('refuses the sixth question within a minute from one person, not from another', async () => {
    const session = await liveSession(admin);
    await setSettings(marta(), session.id, { preModeration: true });
    const person = await joined(session.id);
    for (let i = 0; i < 5; i++) await ask(person, session.id);
    const error = await fails(
      person.emitWithAck('question:ask', { sessionId: session.id, text: questionText() }),
      'rate_limited',
    );
    const retryAfter = Number(error.details?.retryAfter?.[0]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(error.message).toContain(`${retryAfter} s`);
    expect((await modSnapshot(session.id)).questions).toHaveLength(5);
    const someoneElse = await joined(session.id);
    await ask(someoneElse, session.id);
  });
});
