// Preparing and running polls on one node: drafts of every kind, validation, editing,
// deleting, launching and closing, who may do it, and what the session's end does to them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryDto } from '../src/protocol/dto.ts';
import { createSession } from './support/app.ts';
import { joinSession, liveSession, ok, staffSocket } from './support/participation.ts';
import { nextEvent, type TestSocket } from './support/sockets.ts';
import { fails, namedStaff } from './support/moderation.ts';
import {
  castVote,
  startPollWorld,
  stopPollWorld,
  type PollTestWorld,
  control,
  draftOf,
  openPoll,
  pick,
  removeDraft,
  saveDraft,
  saveRaw,
  storedPoll,
} from './support/polls.ts';

let world: PollTestWorld;
let watcherMod: TestSocket;

beforeAll(async () => {
  world = await startPollWorld();
  watcherMod = await staffSocket(
    world.app.url,
    await namedStaff(world.admin, 'host', 'Hana Hostitelka'),
    world.sockets,
  );
});
afterAll(() => stopPollWorld(world));
const consolePolls = async (sessionId: string) =>
  (await ok(world.marta().emitWithAck('moderation:join', { sessionId }))).polls;
const auditOf = async (entityId: string) =>
  (await world.admin.get<AuditEntryDto[]>('/api/admin/audit?limit=100')).body
    .filter((e) => e.entityId === entityId)
    .map((e) => e.action)
    .reverse();

describe('drafts', () => {
  it('creates a draft of every kind, with server-made yes/no options and rating scales', async () => {
    const session = await liveSession(world.admin);
    await ok(watcherMod.emitWithAck('moderation:join', { sessionId: session.id }));
    const announced: string[] = [];
    watcherMod.on('moderation:poll', (p) => {
      if (p.sessionId === session.id) announced.push(p.id);
    });

    const single = await saveDraft(world.marta(), draftOf.single(session.id));
    expect(single).toMatchObject({
      sessionId: session.id,
      kind: 'single',
      status: 'draft',
      question: 'Kam s novým hřištěm?',
      maxChoices: null,
      scale: null,
      openedAt: null,
      closedAt: null,
      allowChange: false,
      resultsVisibility: 'live',
      createdBy: { name: 'Marta Moderátorová' },
      results: { pollId: single.id, voters: 0, average: null },
    });
    expect(single.options.map((o) => o.label)).toEqual(['Do parku', 'Na náměstí', 'K Sokolovně']);
    expect(single.results.tally).toEqual(
      single.options.map((o) => ({ key: o.id, label: o.label, count: 0 })),
    );

    const multiple = await saveDraft(world.marta(), draftOf.multiple(session.id));
    expect(multiple).toMatchObject({ kind: 'multiple', maxChoices: 2 });
    expect(multiple.options).toHaveLength(4);

    const yesNo = await saveDraft(world.marta(), draftOf.yes_no(session.id));
    expect(yesNo.options.map((o) => o.label)).toEqual(['Ano', 'Ne', 'Zdržuji se']);
    expect(new Set(yesNo.options.map((o) => o.id)).size).toBe(3);

    const rating = await saveDraft(world.marta(), draftOf.rating(session.id));
    expect(rating).toMatchObject({ scale: [1, 5], options: [] });
    expect(rating.results.tally.map((e) => e.key)).toEqual(['1', '2', '3', '4', '5']);
    const rating10 = await saveDraft(world.marta(), draftOf.rating(session.id, { scale: '0-10' }));
    expect(rating10.scale).toEqual([0, 10]);
    expect(rating10.results.tally).toHaveLength(11);

    const cloud = await saveDraft(
      world.marta(),
      draftOf.word_cloud(session.id, { resultsVisibility: 'hidden', allowChange: true }),
    );
    expect(cloud).toMatchObject({
      kind: 'word_cloud',
      options: [],
      resultsVisibility: 'hidden',
      allowChange: true,
      results: { tally: [], voters: 0 },
    });

    const made = [single, multiple, yesNo, rating, rating10, cloud];
    // Each new draft goes last.
    const positions = made.map((p) => p.position);
    expect(positions).toEqual(positions.map((_, i) => positions[0]! + i));
    const listed = await consolePolls(session.id);
    expect(listed.map((p) => p.id)).toEqual(made.map((p) => p.id));
    expect(listed.every((p) => p.status === 'draft')).toBe(true);
    expect(announced).toEqual(made.map((p) => p.id));
    expect(await auditOf(single.id)).toEqual(['poll.create']);
  });

  it('refuses invalid drafts with the field that is wrong, and stores none of them', async () => {
    const session = await liveSession(world.admin, { agenda: [{ title: 'Park' }] });
    const other = await createSession(world.admin, { agenda: [{ title: 'Cizí bod' }] });
    const refusals: [ReturnType<typeof draftOf.single>, string][] = [
      [draftOf.single(session.id, { options: ['Jen jedna'] }), 'options'],
      [draftOf.multiple(session.id, { options: ['A', 'B'], maxChoices: 3 }), 'maxChoices'],
      [draftOf.rating(session.id, { scale: null }), 'scale'],
      [draftOf.single(session.id, { options: ['Park', 'park'] }), 'options'],
      [draftOf.single(session.id, { question: 'ab' }), 'question'],
      [draftOf.single(session.id, { agendaItemId: other.agenda[0]!.id }), 'agendaItemId'],
      [draftOf.single(session.id, { agendaItemId: crypto.randomUUID() }), 'agendaItemId'],
    ];
    for (const [draft, fieldName] of refusals) {
      const error = await fails(saveRaw(world.marta(), draft), 'validation_failed');
      expect(Object.keys(error.details ?? {}), JSON.stringify(draft)).toContain(fieldName);
    }
    expect(await consolePolls(session.id)).toEqual([]);
    const own = await saveDraft(
      world.marta(),
      draftOf.single(session.id, { agendaItemId: session.agenda[0]!.id }),
    );
    expect(own.agendaItemId).toBe(session.agenda[0]!.id);
  });

  it('edits a draft, but not a launched or closed poll', async () => {
    const session = await liveSession(world.admin);
    const draft = await saveDraft(world.marta(), draftOf.single(session.id));
    await ok(watcherMod.emitWithAck('moderation:join', { sessionId: session.id }));
    const told = nextEvent(watcherMod, 'moderation:poll', (p) => p.id === draft.id);
    const edited = await saveDraft(
      world.marta(),
      draftOf.multiple(session.id, {
        pollId: draft.id,
        question: 'Co v parku chybí nejvíc?',
        options: ['Lavičky', 'Stín'],
        maxChoices: null,
        resultsVisibility: 'after_close',
      }),
    );
    expect(edited).toMatchObject({
      id: draft.id,
      kind: 'multiple',
      status: 'draft',
      question: 'Co v parku chybí nejvíc?',
      resultsVisibility: 'after_close',
      position: draft.position,
    });
    expect(edited.options.map((o) => o.label)).toEqual(['Lavičky', 'Stín']);
    expect(edited.version).toBeGreaterThan(draft.version);
    expect((await told).question).toBe('Co v parku chybí nejvíc?');
    expect(await consolePolls(session.id)).toHaveLength(1);
    // Turned into a yes/no poll, it gets the server's three options instead.
    const yesNo = await saveDraft(world.marta(), draftOf.yes_no(session.id, { pollId: draft.id }));
    expect(yesNo).toMatchObject({ kind: 'yes_no', maxChoices: null });
    expect(yesNo.options.map((o) => o.label)).toEqual(['Ano', 'Ne', 'Zdržuji se']);
    expect(await auditOf(draft.id)).toEqual(['poll.create', 'poll.update', 'poll.update']);

    const launched = await ok(control(world.marta(), session.id, draft.id, 'launch'));
    expect(launched.kind).toBe('yes_no');
    const change = draftOf.single(session.id, { pollId: draft.id, question: 'Jiná otázka?' });
    await fails(saveRaw(world.marta(), change), 'invalid_transition');
    await ok(control(world.marta(), session.id, draft.id, 'close'));
    await fails(saveRaw(world.marta(), change), 'invalid_transition');
    const [stored] = await consolePolls(session.id);
    expect(stored).toMatchObject({ question: launched.question, status: 'closed' });
    // Another session's poll cannot be edited through this session.
    const elsewhere = await liveSession(world.admin);
    const foreign = await saveDraft(world.marta(), draftOf.single(elsewhere.id));
    const hijack = draftOf.single(session.id, { pollId: foreign.id, question: 'Ukradená?' });
    await fails(saveRaw(world.marta(), hijack), 'not_found');
    expect((await consolePolls(elsewhere.id))[0]?.question).toBe(foreign.question);
  });

  it('deletes drafts only', async () => {
    const session = await liveSession(world.admin);
    await ok(watcherMod.emitWithAck('moderation:join', { sessionId: session.id }));
    const draft = await saveDraft(world.marta(), draftOf.yes_no(session.id));
    const open = await openPoll(world.marta, draftOf.rating(session.id));
    const closed = await openPoll(world.marta, draftOf.word_cloud(session.id));
    await ok(control(world.marta(), session.id, closed.id, 'close'));

    const removed = nextEvent(watcherMod, 'moderation:poll-removed', (e) => e.pollId === draft.id);
    expect(await ok(removeDraft(world.marta(), session.id, draft.id))).toBeNull();
    expect(await removed).toEqual({ sessionId: session.id, pollId: draft.id });
    await fails(removeDraft(world.marta(), session.id, open.id), 'invalid_transition');
    await fails(removeDraft(world.marta(), session.id, closed.id), 'invalid_transition');
    await fails(removeDraft(world.marta(), session.id, draft.id), 'not_found');
    expect((await consolePolls(session.id)).map((p) => [p.id, p.status])).toEqual([
      [open.id, 'open'],
      [closed.id, 'closed'],
    ]);
    expect(await storedPoll(draft.id)).toBeNull();
  });
});

describe('who may run polls', () => {
  it('refuses citizens every staff action and changes nothing', async () => {
    const session = await liveSession(world.admin);
    const citizen = await world.joined(session.id);
    const draft = await saveDraft(world.marta(), draftOf.single(session.id));
    const open = await openPoll(world.marta, draftOf.yes_no(session.id));
    await fails(saveRaw(citizen, draftOf.single(session.id)), 'unauthenticated');
    await fails(
      saveRaw(citizen, draftOf.single(session.id, { pollId: draft.id, question: 'Podvrh?' })),
      'unauthenticated',
    );
    await fails(control(citizen, session.id, draft.id, 'launch'), 'unauthenticated');
    await fails(control(citizen, session.id, open.id, 'close'), 'unauthenticated');
    await fails(removeDraft(citizen, session.id, draft.id), 'unauthenticated');
    const polls = await consolePolls(session.id);
    expect(polls.map((p) => [p.id, p.status, p.question])).toEqual([
      [draft.id, 'draft', draft.question],
      [open.id, 'open', open.question],
    ]);
  });

  it('lets a host and a moderator (role "moderator") run the whole cycle', async () => {
    const session = await liveSession(world.admin);
    for (const mod of [world.marta(), watcherMod]) {
      const poll = await saveDraft(mod, draftOf.single(session.id));
      expect((await ok(control(mod, session.id, poll.id, 'launch'))).status).toBe('open');
      expect((await ok(control(mod, session.id, poll.id, 'close'))).status).toBe('closed');
    }
  });
});

describe('launching and closing', () => {
  it('tells citizens of a launch and a close; wrong states are refused', async () => {
    const session = await liveSession(world.admin);
    const citizen = await world.joined(session.id);
    const draft = await saveDraft(world.marta(), draftOf.single(session.id));
    // A draft is never announced to citizens.
    expect((await joinSession(citizen, session.id)).polls).toEqual([]);
    await fails(control(world.marta(), session.id, draft.id, 'close'), 'invalid_transition');

    await ok(watcherMod.emitWithAck('moderation:join', { sessionId: session.id }));
    const modSeen = nextEvent(watcherMod, 'moderation:poll', (p) => p.status === 'open');
    const launchedSeen = nextEvent(citizen, 'poll:changed', (p) => p.id === draft.id);
    const launched = await ok(control(world.marta(), session.id, draft.id, 'launch'));
    expect(launched.version).toBeGreaterThan(draft.version);
    expect(await modSeen).toMatchObject({ id: draft.id, status: 'open', position: draft.position });
    expect(launched.status).toBe('open');
    expect(Date.parse(launched.openedAt!)).not.toBeNaN();
    const seen = await launchedSeen;
    expect(seen).toMatchObject({ id: draft.id, status: 'open', openedAt: launched.openedAt });
    expect(seen.results).toMatchObject({ voters: 0 }); // live results: shown from the start
    expect(seen).not.toHaveProperty('position');
    await fails(control(world.marta(), session.id, draft.id, 'launch'), 'invalid_transition');

    // Several polls may be open at once; one with results after the close shows none yet.
    const secondSeen = nextEvent(citizen, 'poll:changed', (p) => p.kind === 'yes_no');
    const second = await openPoll(
      world.marta,
      draftOf.yes_no(session.id, { resultsVisibility: 'after_close' }),
    );
    expect(await secondSeen).toMatchObject({ id: second.id, status: 'open', results: null });
    expect((await consolePolls(session.id)).map((p) => p.status)).toEqual(['open', 'open']);

    const closedSeen = nextEvent(citizen, 'poll:changed', (p) => p.status === 'closed');
    const closed = await ok(control(world.marta(), session.id, draft.id, 'close'));
    expect(closed.status).toBe('closed');
    expect(Date.parse(closed.closedAt!)).toBeGreaterThanOrEqual(Date.parse(closed.openedAt!));
    expect(closed.version).toBeGreaterThan(launched.version);
    expect(await closedSeen).toMatchObject({
      id: draft.id,
      closedAt: closed.closedAt,
      version: closed.version,
    });
    await fails(control(world.marta(), session.id, draft.id, 'close'), 'invalid_transition');
    await fails(control(world.marta(), session.id, draft.id, 'launch'), 'invalid_transition');
    expect((await storedPoll(draft.id))?.final_results).toMatchObject({ voters: 0 });
    expect((await joinSession(citizen, session.id)).polls.map((p) => [p.id, p.status])).toEqual([
      [draft.id, 'closed'],
      [second.id, 'open'],
    ]);
  });

  it('answers not_found for an unknown poll or one of another session', async () => {
    const session = await liveSession(world.admin);
    const other = await liveSession(world.admin);
    const foreign = await saveDraft(world.marta(), draftOf.single(other.id));
    await fails(control(world.marta(), session.id, foreign.id, 'launch'), 'not_found');
    await fails(control(world.marta(), session.id, crypto.randomUUID(), 'launch'), 'not_found');
    await fails(removeDraft(world.marta(), session.id, foreign.id), 'not_found');
    expect((await consolePolls(other.id))[0]?.status).toBe('draft');
  });

  it('launches in a scheduled session; the session’s end closes its open polls', async () => {
    const session = await createSession(world.admin);
    const early = await openPoll(world.marta, draftOf.single(session.id));
    expect(early.status).toBe('open');
    // Votes count before the session starts, too.
    await ok(
      castVote(await world.joined(session.id), session.id, early.id, pick(early.options[0]!.id)),
    );
    expect(
      (await world.admin.post(`/api/sessions/${session.id}/lifecycle`, { action: 'start' })).status,
    ).toBe(200);
    const citizen = await world.joined(session.id);
    const later = await openPoll(world.marta, draftOf.yes_no(session.id));
    const draft = await saveDraft(world.marta(), draftOf.rating(session.id));
    const voter = await world.joined(session.id);
    await ok(castVote(voter, session.id, later.id, pick(later.options[1]!.id)));

    const closedSeen = new Set<string>();
    const bothClosed = new Promise<void>((resolve) =>
      citizen.on('poll:changed', (p) => {
        if (p.status === 'closed') closedSeen.add(p.id);
        if (closedSeen.size === 2) resolve();
      }),
    );
    const ended = await world.admin.post(`/api/sessions/${session.id}/lifecycle`, {
      action: 'end',
    });
    expect(ended.status).toBe(200);
    await bothClosed;
    expect([...closedSeen].sort()).toEqual([early.id, later.id].sort());
    const polls = await consolePolls(session.id);
    expect(polls.map((p) => [p.id, p.status])).toEqual([
      [early.id, 'closed'],
      [later.id, 'closed'],
      [draft.id, 'draft'],
    ]);
    expect(polls.every((p) => p.status === 'draft' || p.closedAt !== null)).toBe(true);
    // The tally is frozen with the session's end, the vote in it.
    const frozen = (await storedPoll(later.id))?.final_results;
    expect(frozen?.voters).toBe(1);
    expect(frozen?.tally.map((e) => e.count)).toEqual([0, 1, 0]);
    expect(polls.map((p) => p.results.voters)).toEqual([1, 1, 0]);
    // Nothing more can be prepared or launched in an ended session.
    await fails(control(world.marta(), session.id, draft.id, 'launch'), 'invalid_transition');
    await fails(saveRaw(world.marta(), draftOf.single(session.id)), 'invalid_transition');
  });

  it('refuses drafts and launches in a cancelled session', async () => {
    const session = await createSession(world.admin);
    const draft = await saveDraft(world.marta(), draftOf.single(session.id));
    const cancelled = await world.admin.post(`/api/sessions/${session.id}/lifecycle`, {
      action: 'cancel',
      reason: 'Nemoc starosty',
    });
    expect(cancelled.status).toBe(200);
    await fails(saveRaw(world.marta(), draftOf.single(session.id)), 'invalid_transition');
    await fails(control(world.marta(), session.id, draft.id, 'launch'), 'invalid_transition');
  });
});
