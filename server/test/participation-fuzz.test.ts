// Property test of the realtime edge: every client→server event, fed random and malformed
// payloads (wrong types, missing fields, huge strings, unknown ids, another session's ids,
// arrays, null, nested junk), always answers a typed ack, never an internal error; citizens
// never get a staff action through; the server stays up; and nothing changes but valid writes.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import type { ModerationSnapshotDto } from '../src/protocol/dto.ts';
import { ERROR_CODES, type Result } from '../src/protocol/errors.ts';
import { clientEventSchemas } from '../src/protocol/events.ts';
import type { TestClient } from './support/http-client.ts';
import { loginAs, startTestApp } from './support/app.ts';
import { liveSession, ok, staffSocket } from './support/participation.ts';
import { emitRaw, nextEvent, type TestSocket } from './support/sockets.ts';
import {
  approvedQuestion,
  ask,
  inTurn,
  joinedCitizen,
  namedStaff,
  vote,
} from './support/moderation.ts';
import { pollShapes, pollWorld, type PollWorld } from './support/polls.ts';

type EventName = keyof typeof clientEventSchemas;
const EVENTS = Object.keys(clientEventSchemas) as EventName[];
/** Events only staff may use; a citizen must never get an ok. */
const STAFF_ONLY = new Set<EventName>([
  'session:lifecycle',
  'session:settings',
  'question:moderate',
  'question:undo',
  'chat:moderate',
  'moderation:join',
  'moderation:ban',
  'moderation:unban',
  'poll:save',
  'poll:delete',
  'poll:control',
]);
/** A socket may send 30 events per 5 s: the fuzz spreads over this many sockets per event. */
const SOCKETS_PER_EVENT = 2;
const RUNS_PER_EVENT = 30;
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);

let app: RunningApp;
let admin: TestClient;
let mod: TestSocket;
const sockets: TestSocket[] = [];

/** Ids the payloads draw from: this session's, another session's, and made-up ones. */
interface World extends PollWorld {
  session: string;
  otherSession: string;
  pending: string;
  approved: string;
  foreignQuestion: string;
  message: string;
  author: string;
}
let world: World;
let scratch: World; // the moderator's fuzz plays here, away from `world`

const joined = (sessionId: string, address?: string) =>
  joinedCitizen(app.url, sockets, sessionId, address);

async function buildWorld(): Promise<World> {
  const session = await liveSession(admin);
  const other = await liveSession(admin);
  const author = await joined(session.id);
  const outsider = await joined(other.id);
  const pending = await ask(author, session.id);
  const approved = await approvedQuestion(author, mod, session.id);
  await ok(vote(outsider, session.id, approved.id));
  const foreign = await approvedQuestion(outsider, mod, other.id);
  const message = await ok(
    author.emitWithAck('chat:send', { sessionId: session.id, text: 'Dobrý den všem' }),
  );
  const polls = await pollWorld(mod, session.id, other.id);
  const console = await ok(mod.emitWithAck('moderation:join', { sessionId: session.id }));
  return {
    session: session.id,
    otherSession: other.id,
    pending: pending.id,
    approved: approved.id,
    foreignQuestion: foreign.id,
    message: message.id,
    author: console.questions[0]!.participantId,
    ...polls,
  };
}

// ---- arbitraries ------------------------------------------------------------------------

/** 10–30 kB of text: big, yet a whole payload stays under the transport's 64 kB frame limit. */
const huge = fc.integer({ min: 10_000, max: 30_000 }).map((bytes) => 'ž'.repeat(bytes / 2));
const MAX_PAYLOAD_BYTES = 60_000;
const fits = (payload: unknown) =>
  Buffer.byteLength(JSON.stringify(payload) ?? '') < MAX_PAYLOAD_BYTES;
const nested: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.string({ maxLength: 5 }),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie('node'), { maxKeys: 3 }),
  ),
})).node;

function junk(ids: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 40 }),
    fc.fullUnicodeString({ maxLength: 20 }),
    huge,
    fc.uuid(),
    fc.constantFrom(...ids),
    fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
    fc.anything({ maxDepth: 3 }),
    nested,
  );
}

/** A field: usually a plausible value (so deeper checks run), else anything at all. */
const field = (plausible: fc.Arbitrary<unknown>, ids: string[]) =>
  fc.oneof({ weight: 6, arbitrary: plausible }, { weight: 1, arbitrary: junk(ids) });

function payloadFor(event: EventName, w: World): fc.Arbitrary<unknown> {
  const ids = Object.values(w);
  const sessions = fc.constantFrom(w.session, w.otherSession, crypto.randomUUID());
  const questions = fc.constantFrom(w.pending, w.approved, w.foreignQuestion, crypto.randomUUID());
  const text = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('Kdy opraví most?', 'Proč se nesvítí v parku?') },
    { weight: 1, arbitrary: fc.constantFrom('ab', '', '   ', 'x'.repeat(501)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
    { weight: 1, arbitrary: huge },
  );
  const f = (arb: fc.Arbitrary<unknown>) => field(arb, ids);
  const action = fc.record(
    {
      type: f(
        fc.constantFrom('approve', 'reject', 'edit', 'merge', 'pin', 'unpin', 'answer', 'assign'),
      ),
      reason: f(text),
      text: f(text),
      targetId: f(questions),
      answer: f(text),
      officialId: f(fc.constantFrom(null, crypto.randomUUID())),
      departmentId: f(fc.constantFrom(null, crypto.randomUUID())),
    },
    { requiredKeys: ['type'] },
  );
  const shapes: Record<EventName, Record<string, fc.Arbitrary<unknown>>> = {
    'session:join': { sessionId: sessions },
    'session:leave': { sessionId: sessions },
    'session:lifecycle': {
      sessionId: sessions,
      action: fc.constantFrom('start', 'end', 'cancel', 'reopen', 'explode'),
      reason: text,
    },
    'session:settings': {
      sessionId: sessions,
      questionsOpen: fc.boolean(),
      preModeration: fc.boolean(),
      chatEnabled: fc.boolean(),
      chatSlowModeSeconds: fc.integer({ min: -5, max: 5000 }),
      namesRequired: fc.boolean(),
    },
    'lobby:join': {},
    'lobby:leave': {},
    'question:ask': {
      sessionId: sessions,
      text,
      agendaItemId: fc.constantFrom(null, crypto.randomUUID()),
      anonymous: fc.boolean(),
      authorName: fc.oneof(fc.constantFrom('Jana', 'J'), text),
    },
    'question:vote': { sessionId: sessions, questionId: questions, vote: fc.boolean() },
    'question:moderate': { sessionId: sessions, questionId: questions, action },
    'question:undo': { sessionId: sessions },
    'chat:send': {
      sessionId: sessions,
      text,
      authorName: fc.constantFrom('Jana', 'J'),
      officialId: fc.constantFrom(null, crypto.randomUUID()),
    },
    'chat:moderate': {
      sessionId: sessions,
      messageId: fc.constantFrom(w.message, crypto.randomUUID()),
      action: fc.constantFrom('hide', 'release', 'delete'),
    },
    'media:join': { sessionId: sessions },
    'media:leave': { sessionId: sessions },
    'media:transport': {
      sessionId: sessions,
      direction: fc.constantFrom('send', 'recv', 'both'),
      purpose: fc.constantFrom('broadcast', 'stage', 'other'),
    },
    'media:connect': {
      sessionId: sessions,
      transportId: fc.uuid(),
      dtlsParameters: fc.record({
        role: fc.constantFrom('client', 'server', 'auto', 'x'),
        fingerprints: fc.array(
          fc.record({ algorithm: fc.constantFrom('sha-256', 'md5'), value: fc.string() }),
          { maxLength: 3 },
        ),
      }),
    },
    'media:restart-ice': { sessionId: sessions, transportId: fc.uuid() },
    'media:produce': {
      sessionId: sessions,
      transportId: fc.uuid(),
      kind: fc.constantFrom('audio', 'video', 'data'),
      source: fc.constantFrom('camera', 'microphone', 'screen', 'stage-audio', 'hologram'),
      rtpParameters: fc.record({ codecs: fc.array(nested, { maxLength: 3 }), encodings: nested }),
    },
    'media:producer': {
      sessionId: sessions,
      producerId: fc.uuid(),
      action: fc.constantFrom('pause', 'resume', 'close', 'explode'),
    },
    'media:consume': {
      sessionId: sessions,
      transportId: fc.uuid(),
      producerId: fc.uuid(),
      rtpCapabilities: fc.record({ codecs: fc.array(nested, { maxLength: 3 }) }),
    },
    'media:consumer': {
      sessionId: sessions,
      consumerId: fc.uuid(),
      action: fc.constantFrom('resume', 'layers', 'pause'),
      spatialLayer: fc.integer({ min: -1, max: 5 }),
      temporalLayer: fc.integer({ min: -1, max: 5 }),
    },
    'stage:sync': { sessionId: sessions },
    'stage:raise': { sessionId: sessions, topic: text, authorName: fc.constantFrom('Jana', 'J') },
    'stage:withdraw': { sessionId: sessions, requestId: fc.uuid() },
    'stage:decide': {
      sessionId: sessions,
      requestId: fc.uuid(),
      decision: fc.constantFrom('accept', 'decline', 'maybe'),
      timeLimitSeconds: fc.integer({ min: -10, max: 5000 }),
      reason: text,
    },
    'stage:control': {
      sessionId: sessions,
      requestId: fc.uuid(),
      action: fc.constantFrom('mute', 'unmute', 'remove', 'time', 'explode'),
      seconds: fc.oneof(fc.constant(null), fc.integer({ min: -10, max: 5000 })),
    },
    'moderation:join': { sessionId: sessions },
    'moderation:leave': { sessionId: sessions },
    'moderation:ban': {
      sessionId: sessions,
      participantId: fc.constantFrom(w.author, crypto.randomUUID()),
      scope: fc.constantFrom('session', 'everywhere', 'galaxy'),
      reason: text,
    },
    'moderation:unban': { sessionId: sessions, banId: fc.uuid() },
    ...pollShapes(w, sessions, text, f),
  };
  const shape = Object.fromEntries(
    Object.entries(shapes[event]).map(([key, arb]) => [key, f(arb)]),
  );
  return fc
    .oneof(
      { weight: 4, arbitrary: fc.record(shape) }, // every field, some of them wrong
      { weight: 2, arbitrary: fc.record(shape, { requiredKeys: [] }) }, // fields missing too
      { weight: 1, arbitrary: junk(ids) }, // not even an object
    )
    .filter(fits);
}

// ---- checks -----------------------------------------------------------------------------

/** What may legitimately change: the writes a citizen's ok ack stands for. */
interface Writes {
  created: Set<string>;
  voted: Set<string>;
}

function expectTyped(event: string, payload: unknown, result: Result<unknown>) {
  const where = `${event} ${JSON.stringify(payload)?.slice(0, 200)} → ${JSON.stringify(result)?.slice(0, 300)}`;
  expect(typeof result === 'object' && result !== null, where).toBe(true);
  if (result.ok) return;
  expect(ERROR_CODES, where).toContain(result.error.code);
  expect(result.error.code, where).not.toBe('internal');
  expect(typeof result.error.message, where).toBe('string');
  expect(result.error.message.length, where).toBeGreaterThan(0);
}

/** The parts of a console snapshot that a change would show, minus what valid writes made. */
function comparable(snapshot: ModerationSnapshotDto, writes: Writes) {
  return {
    questions: snapshot.questions
      .filter((q) => !writes.created.has(q.id))
      .map((q) => ({
        id: q.id,
        status: q.status,
        text: q.text,
        version: q.version,
        rejectReason: q.rejectReason,
        mergedIntoId: q.mergedIntoId,
        department: q.department,
        answer: q.answer,
        moderatedBy: q.moderatedBy,
        voteCount: writes.voted.has(q.id) ? 'voted' : q.voteCount,
      })),
    chat: snapshot.chat
      .filter((m) => !writes.created.has(m.id))
      .map((m) => ({ id: m.id, status: m.status, text: m.text, hiddenBy: m.hiddenBy })),
    bans: snapshot.bans,
    // Votes change tallies only; a poll itself changes by staff actions alone.
    polls: snapshot.polls.map(({ results: _results, ...poll }) => poll),
    log: snapshot.log.map((e) => e.id),
  };
}

async function state(w: World) {
  const [a, b] = await Promise.all(
    [w.session, w.otherSession].map((sessionId) =>
      ok(mod.emitWithAck('moderation:join', { sessionId })),
    ),
  );
  const detail = await Promise.all(
    [w.session, w.otherSession].map((id) => admin.get(`/api/sessions/${id}`)),
  );
  return { a: a!, b: b!, sessions: detail.map((d) => d.body) };
}

async function socketPool(count: number, sessionId: string) {
  return Promise.all(Array.from({ length: count }, () => joined(sessionId)));
}

/** Runs the property for one event on its own sockets; returns the writes its ok acks made. */
async function fuzzEvent(
  event: EventName,
  w: World,
  senders: TestSocket[],
  rule: (result: Result<unknown>) => void,
  writes: Writes,
) {
  const sender = inTurn(senders);
  await fc.assert(
    fc.asyncProperty(payloadFor(event, w), async (payload) => {
      const socket = sender();
      const result = await emitRaw(socket, event, payload);
      expectTyped(event, payload, result);
      rule(result);
      if (result.ok) {
        const data = result.data as { id?: string; questionId?: string } | null;
        if (event === 'question:ask' || event === 'chat:send') writes.created.add(data!.id!);
        if (event === 'question:vote') writes.voted.add(data!.questionId!);
      }
    }),
    { numRuns: RUNS_PER_EVENT, seed: SEED + EVENTS.indexOf(event), endOnFailure: true },
  );
}

// ---- tests ------------------------------------------------------------------------------

beforeAll(async () => {
  app = await startTestApp();
  admin = await loginAs(app.url);
  mod = await staffSocket(app.url, await namedStaff(admin, 'moderator', 'Fuzz Moderátor'), sockets);
  world = await buildWorld();
  scratch = await buildWorld();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app.close();
});

describe('malformed and random payloads', () => {
  it('citizens: a typed ack for every event, no staff action, no change but valid writes', async () => {
    const before = await state(world);
    const writes: Writes = { created: new Set(), voted: new Set() };
    const senders = await socketPool(EVENTS.length * SOCKETS_PER_EVENT, world.session);
    const okCount = new Map<EventName, number>();
    await Promise.all(
      EVENTS.map((event, i) =>
        fuzzEvent(
          event,
          world,
          senders.slice(i * SOCKETS_PER_EVENT, (i + 1) * SOCKETS_PER_EVENT),
          (result) => {
            if (result.ok) okCount.set(event, (okCount.get(event) ?? 0) + 1);
            if (!STAFF_ONLY.has(event)) return;
            expect(result.ok, `${event} accepted from a citizen`).toBe(false);
            if (!result.ok) {
              expect(['validation_failed', 'unauthenticated', 'rate_limited']).toContain(
                result.error.code,
              );
            }
          },
          writes,
        ),
      ),
    );
    // The fuzz reached past validation: some events were accepted (join, vote, ask, chat).
    expect(okCount.get('session:join') ?? 0).toBeGreaterThan(0);

    const after = await state(world);
    expect(comparable(after.a, writes)).toEqual(comparable(before.a, writes));
    expect(comparable(after.b, writes)).toEqual(comparable(before.b, writes));
    expect(after.sessions).toEqual(before.sessions);

    // Still up: health answers, and a citizen can ask.
    expect((await admin.get('/api/health')).status).toBe(200);
    const fresh = await joined(world.session);
    expect((await ask(fresh, world.session)).status).toBe('pending');
  });

  it('staff: malformed moderation payloads get typed errors, never an internal one', async () => {
    const second = await namedStaff(admin, 'moderator', 'Fuzz Druhý');
    const tabs = await Promise.all(
      Array.from({ length: 8 }, () => staffSocket(app.url, second, sockets)),
    );
    const staffEvents = EVENTS.filter((e) => STAFF_ONLY.has(e));
    // Only the scratch world's sessions: the moderator's valid writes may land there.
    const playground: World = { ...scratch, otherSession: scratch.session };
    const writes: Writes = { created: new Set(), voted: new Set() };
    await Promise.all(
      staffEvents.map((event, i) =>
        fuzzEvent(event, playground, [tabs[i % tabs.length]!], () => {}, writes),
      ),
    );
    expect((await admin.get('/api/health')).status).toBe(200);
    const fresh = await joined(world.session);
    expect((await ask(fresh, world.session)).status).toBe('pending');
    // Lift the bans it made: a ban everywhere would reach other tests' sessions.
    const { bans } = await ok(mod.emitWithAck('moderation:join', { sessionId: scratch.session }));
    for (const ban of bans) {
      await ok(mod.emitWithAck('moderation:unban', { sessionId: scratch.session, banId: ban.id }));
    }
  });

  it('drops a connection that sends more than the transport allows, and only that one', async () => {
    const bystander = await joined(world.session);
    const sender = await joined(world.session);
    const closed = new Promise<string>((resolve) => sender.once('disconnect', resolve));
    // A frame of ~100 kB: beyond maxHttpBufferSize (64 kB), so no ack can come, only a close.
    (sender as unknown as { emit(event: string, payload: unknown): void }).emit('chat:send', {
      sessionId: world.session,
      text: 'x'.repeat(100_000),
    });
    expect(await closed).toMatch(/transport/);
    const text = `stále tu ${crypto.randomUUID().slice(0, 6)}`;
    const seen = nextEvent(bystander, 'chat:message', (m) => m.text === text);
    const other = await joined(world.session);
    await ok(other.emitWithAck('chat:send', { sessionId: world.session, text }));
    await seen;
  });
});
