import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  applyModeration,
  auditActionOf,
  canVote,
  isPublic,
  snapshotOf,
  sortIncoming,
  sortQuestions,
  supportersToAdd,
  type ActionContext,
  type ActionResult,
  type QuestionPatch,
  type QuestionState,
  type Rankable,
  type Rejection,
} from './question-queue.ts';
import {
  QUESTION_STATUSES,
  type ModerationAction,
  type ModerationActionType,
  type QuestionStatus,
} from '../protocol/questions.ts';

const now = new Date('2026-05-04T15:30:00Z');
const askedApprovedAt = new Date('2026-05-04T15:05:00Z');
const answeredAt = new Date('2026-05-04T15:20:00Z');

const Q = 'q-self';
const OTHER = 'q-other';
const TARGET = 'q-target';
const DEPT_ROADS = 'dept-roads';
const DEPT_SCHOOLS = 'dept-schools';
const OFFICIAL = 'official-mayor';
const TEXT = 'Kdy bude opravena lávka přes řeku?';

// A realistic question in each status.
const base: QuestionState = {
  id: Q,
  status: 'pending',
  text: TEXT,
  rejectReason: null,
  mergedIntoId: null,
  departmentId: DEPT_ROADS,
  answerText: null,
  answeredById: null,
  answeredAt: null,
  approvedAt: null,
};
const STATES: Record<QuestionStatus, QuestionState> = {
  pending: base,
  approved: { ...base, status: 'approved', approvedAt: askedApprovedAt },
  rejected: { ...base, status: 'rejected', rejectReason: 'Off topic' },
  merged: { ...base, status: 'merged', mergedIntoId: TARGET, approvedAt: askedApprovedAt },
  answered: {
    ...base,
    status: 'answered',
    approvedAt: askedApprovedAt,
    answerText: 'Next spring.',
    answeredById: OFFICIAL,
    answeredAt,
  },
};

// One representative action of each type, each a real change.
const ACTIONS: Record<ModerationActionType, ModerationAction> = {
  approve: { type: 'approve' },
  reject: { type: 'reject', reason: 'Duplicate of an earlier question' },
  edit: { type: 'edit', text: 'Kdy bude opravena lávka přes řeku Bečvu?' },
  merge: { type: 'merge', targetId: TARGET },
  pin: { type: 'pin' },
  unpin: { type: 'unpin' },
  answer: { type: 'answer', answer: 'In June.', officialId: OFFICIAL },
  assign: { type: 'assign', departmentId: DEPT_SCHOOLS },
};
const ACTION_TYPES = Object.keys(ACTIONS) as ModerationActionType[];

/** none: nothing is pinned; other: another question is pinned; self: this one is. */
type Pin = 'none' | 'other' | 'self';
const PINS: readonly Pin[] = ['none', 'other', 'self'];
const pinnedId = (pin: Pin) => (pin === 'none' ? null : pin === 'other' ? OTHER : Q);

const ctxOf = (pin: Pin): ActionContext => ({
  now,
  nowAnsweringId: pinnedId(pin),
  target: { id: TARGET, status: 'approved' },
});

// What each action changes when it applies.
const PATCHES: Record<ModerationActionType, QuestionPatch> = {
  approve: { status: 'approved', rejectReason: null, approvedAt: now },
  reject: { status: 'rejected', rejectReason: 'Duplicate of an earlier question' },
  edit: { text: 'Kdy bude opravena lávka přes řeku Bečvu?' },
  merge: { status: 'merged', mergedIntoId: TARGET },
  pin: {},
  unpin: {},
  answer: {
    status: 'answered',
    answerText: 'In June.',
    answeredById: OFFICIAL,
    answeredAt: now,
  },
  assign: { departmentId: DEPT_SCHOOLS },
};

/** How an action that applies moves the "now answering" pin. */
type PinEffect = 'keep' | 'unpin-self' | 'pin-self' | 'clear';

type Rule = { reason: Rejection } | { pin: PinEffect };

/** The rule for every (action, status, pin) cell, written out by hand. */
function rule(action: ModerationActionType, status: QuestionStatus, pin: Pin): Rule {
  if (status === 'merged') return { reason: 'already_merged' };
  switch (action) {
    case 'approve':
      if (status === 'approved') return { reason: 'already_approved' };
      if (status === 'answered') return { reason: 'already_answered' };
      return { pin: 'keep' };
    case 'reject':
      if (status === 'rejected') return { reason: 'already_rejected' };
      if (status === 'answered') return { reason: 'already_answered' };
      return { pin: 'unpin-self' };
    case 'edit':
    case 'assign':
      return { pin: 'keep' };
    case 'merge':
      if (status === 'answered') return { reason: 'already_answered' };
      return { pin: 'unpin-self' };
    case 'pin':
      if (status === 'answered') return { reason: 'already_answered' };
      if (status !== 'approved') return { reason: 'not_approved' };
      if (pin === 'self') return { reason: 'already_pinned' };
      return { pin: 'pin-self' };
    case 'unpin':
      if (pin !== 'self') return { reason: 'not_pinned' };
      return { pin: 'clear' };
    case 'answer':
      if (status === 'answered') return { reason: 'already_answered' };
      if (status !== 'approved') return { reason: 'not_approved' };
      return { pin: 'unpin-self' };
  }
}

function expectedPin(effect: PinEffect, pin: Pin): string | null {
  switch (effect) {
    case 'keep':
      return pinnedId(pin);
    case 'unpin-self':
      return pin === 'self' ? null : pinnedId(pin);
    case 'pin-self':
      return Q;
    case 'clear':
      return null;
  }
}

interface Cell {
  action: ModerationActionType;
  status: QuestionStatus;
  pin: Pin;
  expected: ActionResult;
}

const TABLE: Cell[] = ACTION_TYPES.flatMap((action) =>
  QUESTION_STATUSES.flatMap((status) =>
    PINS.map((pin): Cell => {
      const r = rule(action, status, pin);
      const expected: ActionResult =
        'reason' in r
          ? { ok: false, reason: r.reason }
          : { ok: true, patch: PATCHES[action], nowAnsweringId: expectedPin(r.pin, pin) };
      return { action, status, pin, expected };
    }),
  ),
);

describe('applyModeration: the full transition table', () => {
  it('covers every action × status × pin state', () => {
    expect(TABLE).toHaveLength(8 * 5 * 3);
    expect(new Set(TABLE.map((c) => `${c.action}/${c.status}/${c.pin}`)).size).toBe(120);
  });

  it.each(TABLE.map((c) => [c.action, c.status, c.pin, c.expected] as const))(
    '%s on a %s question (pinned: %s)',
    (action, status, pin, expected) => {
      const question = structuredClone(STATES[status]);
      const result = applyModeration(question, ACTIONS[action], ctxOf(pin));
      expect(result).toStrictEqual(expected);
      // Pure: the question is not touched.
      expect(question).toStrictEqual(STATES[status]);
    },
  );

  it('has the expected number of allowed cells per action', () => {
    const allowed = (action: ModerationActionType) =>
      TABLE.filter((c) => c.action === action && c.expected.ok).length;
    expect(allowed('approve')).toBe(6); // pending, rejected
    expect(allowed('reject')).toBe(6); // pending, approved
    expect(allowed('edit')).toBe(12); // all but merged
    expect(allowed('merge')).toBe(9); // pending, approved, rejected
    expect(allowed('pin')).toBe(2); // approved, not already pinned
    expect(allowed('unpin')).toBe(4); // pinned, all but merged
    expect(allowed('answer')).toBe(3); // approved
    expect(allowed('assign')).toBe(12); // all but merged
  });

  it('undo: applying the patch and then its snapshot restores the question in every allowed cell', () => {
    for (const cell of TABLE) {
      if (!cell.expected.ok) continue;
      const before = STATES[cell.status];
      const result = applyModeration(before, ACTIONS[cell.action], ctxOf(cell.pin));
      if (!result.ok) throw new Error('expected ok');
      const undo = snapshotOf(before, result.patch);
      const after = { ...before, ...result.patch };
      expect({ ...after, ...undo }).toStrictEqual(before);
    }
  });
});

describe('applyModeration: spot checks', () => {
  const ok = (patch: QuestionPatch, nowAnsweringId: string | null): ActionResult => ({
    ok: true,
    patch,
    nowAnsweringId,
  });

  it('an answered question cannot be rejected', () => {
    expect(applyModeration(STATES.answered, { type: 'reject' }, ctxOf('none'))).toStrictEqual({
      ok: false,
      reason: 'already_answered',
    });
  });

  it('a merged question refuses everything, even unpinning itself', () => {
    for (const action of ACTION_TYPES) {
      for (const pin of PINS) {
        expect(applyModeration(STATES.merged, ACTIONS[action], ctxOf(pin))).toStrictEqual({
          ok: false,
          reason: 'already_merged',
        });
      }
    }
  });

  it('approving a rejected question clears the reason and stamps approvedAt', () => {
    expect(applyModeration(STATES.rejected, { type: 'approve' }, ctxOf('none'))).toStrictEqual(
      ok({ status: 'approved', rejectReason: null, approvedAt: now }, null),
    );
  });

  it('approving keeps the pin even on the pinned question', () => {
    expect(applyModeration(STATES.pending, { type: 'approve' }, ctxOf('self'))).toStrictEqual(
      ok({ status: 'approved', rejectReason: null, approvedAt: now }, Q),
    );
  });

  it('reject: an empty or missing reason is stored as null', () => {
    for (const action of [
      { type: 'reject' },
      { type: 'reject', reason: '' },
    ] as ModerationAction[]) {
      expect(applyModeration(STATES.approved, action, ctxOf('other'))).toStrictEqual(
        ok({ status: 'rejected', rejectReason: null }, OTHER),
      );
    }
  });

  it('rejecting the pinned question unpins it', () => {
    expect(
      applyModeration(STATES.approved, { type: 'reject', reason: 'Spam' }, ctxOf('self')),
    ).toStrictEqual(ok({ status: 'rejected', rejectReason: 'Spam' }, null));
  });

  it('edit to the same text is refused as unchanged, in every editable status', () => {
    for (const status of ['pending', 'approved', 'rejected', 'answered'] as const) {
      expect(
        applyModeration(STATES[status], { type: 'edit', text: TEXT }, ctxOf('self')),
      ).toStrictEqual({ ok: false, reason: 'unchanged' });
    }
    expect(
      applyModeration(STATES.merged, { type: 'edit', text: TEXT }, ctxOf('none')),
    ).toStrictEqual({ ok: false, reason: 'already_merged' });
  });

  it('edit compares text exactly (case and whitespace count)', () => {
    expect(
      applyModeration(STATES.pending, { type: 'edit', text: TEXT.toUpperCase() }, ctxOf('none')),
    ).toStrictEqual(ok({ text: TEXT.toUpperCase() }, null));
  });

  it('assign to the same department, or null to null, is unchanged; to null clears it', () => {
    expect(
      applyModeration(STATES.approved, { type: 'assign', departmentId: DEPT_ROADS }, ctxOf('none')),
    ).toStrictEqual({ ok: false, reason: 'unchanged' });
    const unassigned = { ...STATES.approved, departmentId: null };
    expect(
      applyModeration(unassigned, { type: 'assign', departmentId: null }, ctxOf('none')),
    ).toStrictEqual({ ok: false, reason: 'unchanged' });
    expect(
      applyModeration(STATES.approved, { type: 'assign', departmentId: null }, ctxOf('self')),
    ).toStrictEqual(ok({ departmentId: null }, Q));
  });

  it('answer: empty or missing text is stored as null, a null official is kept', () => {
    expect(
      applyModeration(
        STATES.approved,
        { type: 'answer', answer: '', officialId: null },
        ctxOf('self'),
      ),
    ).toStrictEqual(
      ok({ status: 'answered', answerText: null, answeredById: null, answeredAt: now }, null),
    );
    expect(
      applyModeration(STATES.approved, { type: 'answer', officialId: OFFICIAL }, ctxOf('other')),
    ).toStrictEqual(
      ok({ status: 'answered', answerText: null, answeredById: OFFICIAL, answeredAt: now }, OTHER),
    );
  });

  it('pin: an answered question that is still pinned reports already_answered first', () => {
    expect(applyModeration(STATES.answered, { type: 'pin' }, ctxOf('self'))).toStrictEqual({
      ok: false,
      reason: 'already_answered',
    });
  });

  it('pin replaces another pinned question', () => {
    expect(applyModeration(STATES.approved, { type: 'pin' }, ctxOf('other'))).toStrictEqual(
      ok({}, Q),
    );
  });
});

describe('applyModeration: merge targets', () => {
  const merge: ModerationAction = { type: 'merge', targetId: TARGET };
  const withTarget = (status: QuestionStatus, id = TARGET, pin: Pin = 'none'): ActionContext => ({
    now,
    nowAnsweringId: pinnedId(pin),
    target: { id, status },
  });

  const TARGET_TABLE: Array<[QuestionStatus, ActionResult]> = [
    [
      'pending',
      { ok: true, patch: { status: 'merged', mergedIntoId: TARGET }, nowAnsweringId: null },
    ],
    [
      'approved',
      { ok: true, patch: { status: 'merged', mergedIntoId: TARGET }, nowAnsweringId: null },
    ],
    ['rejected', { ok: false, reason: 'merge_target_invalid' }],
    ['merged', { ok: false, reason: 'merge_target_invalid' }],
    [
      'answered',
      { ok: true, patch: { status: 'merged', mergedIntoId: TARGET }, nowAnsweringId: null },
    ],
  ];

  it.each(TARGET_TABLE)('into a %s target', (targetStatus, expected) => {
    for (const source of ['pending', 'approved', 'rejected'] as const) {
      expect(applyModeration(STATES[source], merge, withTarget(targetStatus))).toStrictEqual(
        expected,
      );
    }
  });

  it('merging into itself is refused, before the target status is looked at', () => {
    for (const targetStatus of QUESTION_STATUSES) {
      expect(applyModeration(STATES.approved, merge, withTarget(targetStatus, Q))).toStrictEqual({
        ok: false,
        reason: 'merge_into_self',
      });
    }
  });

  it('without a target the merge is refused as invalid', () => {
    expect(applyModeration(STATES.approved, merge, { now, nowAnsweringId: null })).toStrictEqual({
      ok: false,
      reason: 'merge_target_invalid',
    });
  });

  it('an answered source is refused before the target is checked', () => {
    expect(applyModeration(STATES.answered, merge, { now, nowAnsweringId: null })).toStrictEqual({
      ok: false,
      reason: 'already_answered',
    });
    expect(applyModeration(STATES.answered, merge, withTarget('merged', Q))).toStrictEqual({
      ok: false,
      reason: 'already_answered',
    });
  });

  it('a merged source is refused before anything else', () => {
    expect(applyModeration(STATES.merged, merge, withTarget('rejected', Q))).toStrictEqual({
      ok: false,
      reason: 'already_merged',
    });
  });

  it('the merged id comes from ctx.target, not from the action', () => {
    const result = applyModeration(
      STATES.pending,
      { type: 'merge', targetId: 'ignored-id' },
      withTarget('approved', TARGET),
    );
    expect(result).toStrictEqual({
      ok: true,
      patch: { status: 'merged', mergedIntoId: TARGET },
      nowAnsweringId: null,
    });
  });

  it('merging the pinned question unpins it; another pin stays', () => {
    expect(
      applyModeration(STATES.approved, merge, withTarget('approved', TARGET, 'self')),
    ).toStrictEqual({
      ok: true,
      patch: { status: 'merged', mergedIntoId: TARGET },
      nowAnsweringId: null,
    });
    expect(
      applyModeration(STATES.approved, merge, withTarget('approved', TARGET, 'other')),
    ).toStrictEqual({
      ok: true,
      patch: { status: 'merged', mergedIntoId: TARGET },
      nowAnsweringId: OTHER,
    });
  });
});

describe('snapshotOf', () => {
  it('takes exactly the patched fields, as they are now', () => {
    expect(
      snapshotOf(STATES.rejected, { status: 'approved', rejectReason: null, approvedAt: now }),
    ).toStrictEqual({ status: 'rejected', rejectReason: 'Off topic', approvedAt: null });
  });

  it('keeps null and Date values as they are', () => {
    expect(
      snapshotOf(STATES.answered, {
        answerText: null,
        answeredAt: now,
        answeredById: null,
        departmentId: null,
      }),
    ).toStrictEqual({
      answerText: 'Next spring.',
      answeredAt,
      answeredById: OFFICIAL,
      departmentId: DEPT_ROADS,
    });
  });

  it('is empty for an empty patch (pin, unpin)', () => {
    expect(snapshotOf(STATES.approved, {})).toStrictEqual({});
  });

  it('does not touch the question or the patch', () => {
    const question = structuredClone(STATES.approved);
    const patch: QuestionPatch = { text: 'Nový text otázky' };
    expect(snapshotOf(question, patch)).toStrictEqual({ text: TEXT });
    expect(question).toStrictEqual(STATES.approved);
    expect(patch).toStrictEqual({ text: 'Nový text otázky' });
  });
});

describe('canVote and isPublic', () => {
  const TABLE_STATUS: Array<[QuestionStatus, boolean, boolean]> = [
    ['pending', false, false],
    ['approved', true, true],
    ['rejected', false, false],
    ['merged', false, false],
    ['answered', false, true],
  ];

  it('lists every status', () => {
    expect(TABLE_STATUS.map(([s]) => s)).toStrictEqual([...QUESTION_STATUSES]);
  });

  it.each(TABLE_STATUS)('%s: canVote %s, isPublic %s', (status, vote, visible) => {
    expect(canVote(status)).toBe(vote);
    expect(isPublic(status)).toBe(visible);
  });
});

describe('supportersToAdd', () => {
  it('adds the source author and voters not yet counted on the target, in order', () => {
    expect(
      supportersToAdd(
        { authorId: 'alice', voterIds: ['bob', 'carol'] },
        { authorId: 'dave', voterIds: ['erin', 'bob', 'frank'] },
      ),
    ).toStrictEqual(['dave', 'erin', 'frank']);
  });

  it("does not add the target's author, who already counts there", () => {
    expect(
      supportersToAdd(
        { authorId: 'alice', voterIds: [] },
        { authorId: 'bob', voterIds: ['alice', 'carol'] },
      ),
    ).toStrictEqual(['bob', 'carol']);
  });

  it('the same author on both questions adds nothing for the author', () => {
    expect(
      supportersToAdd(
        { authorId: 'alice', voterIds: ['bob'] },
        { authorId: 'alice', voterIds: ['carol'] },
      ),
    ).toStrictEqual(['carol']);
  });

  it('a source author who also voted on it counts once', () => {
    expect(
      supportersToAdd(
        { authorId: 'alice', voterIds: [] },
        { authorId: 'bob', voterIds: ['bob', 'carol'] },
      ),
    ).toStrictEqual(['bob', 'carol']);
  });

  it('duplicates among source voters count once', () => {
    expect(
      supportersToAdd(
        { authorId: 'alice', voterIds: [] },
        { authorId: 'bob', voterIds: ['carol', 'carol', 'dave', 'carol'] },
      ),
    ).toStrictEqual(['bob', 'carol', 'dave']);
  });

  it('everyone already counted: nothing to add', () => {
    expect(
      supportersToAdd(
        { authorId: 'alice', voterIds: ['bob', 'carol'] },
        { authorId: 'bob', voterIds: ['alice', 'carol'] },
      ),
    ).toStrictEqual([]);
  });

  it('an empty source adds just its author', () => {
    expect(
      supportersToAdd(
        { authorId: 'alice', voterIds: ['bob'] },
        { authorId: 'carol', voterIds: [] },
      ),
    ).toStrictEqual(['carol']);
  });

  it('accepts any iterable (Set, generator)', () => {
    function* voters() {
      yield 'carol';
      yield 'dave';
    }
    expect(
      supportersToAdd(
        { authorId: 'alice', voterIds: new Set(['dave']) },
        { authorId: 'bob', voterIds: voters() },
      ),
    ).toStrictEqual(['bob', 'carol']);
  });

  it('property: adds exactly the supporters the target lacks, each once', () => {
    const person = fc.constantFrom('p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7');
    const question = fc.record({
      authorId: person,
      voterIds: fc.array(person, { maxLength: 10 }),
    });
    fc.assert(
      fc.property(question, question, (target, source) => {
        const targetSupporters = new Set([target.authorId, ...target.voterIds]);
        const sourceSupporters = new Set([source.authorId, ...source.voterIds]);
        const union = new Set([...targetSupporters, ...sourceSupporters]);
        const result = supportersToAdd(target, source);

        expect(new Set(result).size).toBe(result.length); // no duplicates
        expect(new Set([...result, ...targetSupporters])).toStrictEqual(union);
        expect(result.filter((p) => targetSupporters.has(p))).toStrictEqual([]);
        expect(result.length).toBe(union.size - targetSupporters.size);
        expect(result.every((p) => sourceSupporters.has(p))).toBe(true);
      }),
      { numRuns: 200, seed: 20260504 },
    );
  });
});

describe('sortQuestions', () => {
  const q = (
    id: string,
    voteCount: number,
    createdAt: string,
    approvedAt: string | null = null,
  ): Rankable => ({ id, voteCount, createdAt, approvedAt });
  const ids = (list: readonly Rankable[]) => list.map((x) => x.id);

  const T = (minute: number) => `2026-05-04T15:${String(minute).padStart(2, '0')}:00.000Z`;

  const LIST: readonly Rankable[] = Object.freeze([
    q('a', 3, T(1), T(10)),
    q('b', 7, T(2), T(11)),
    q('c', 3, T(3), T(5)),
    q('d', 0, T(9), T(12)),
    q('e', 7, T(4), T(9)),
  ]);

  it('popular: votes descending, ties by the earlier approval', () => {
    expect(ids(sortQuestions(LIST, 'popular', null))).toStrictEqual(['e', 'b', 'c', 'a', 'd']);
  });

  it('the pinned question comes first in both orders, even with the fewest votes', () => {
    expect(ids(sortQuestions(LIST, 'popular', 'd'))).toStrictEqual(['d', 'e', 'b', 'c', 'a']);
    expect(ids(sortQuestions(LIST, 'newest', 'a'))).toStrictEqual(['a', 'd', 'e', 'c', 'b']);
  });

  it('a pinned id not in the list changes nothing', () => {
    expect(ids(sortQuestions(LIST, 'popular', 'zzz'))).toStrictEqual(['e', 'b', 'c', 'a', 'd']);
  });

  it('newest: createdAt descending, regardless of votes and approval', () => {
    expect(ids(sortQuestions(LIST, 'newest', null))).toStrictEqual(['d', 'e', 'c', 'b', 'a']);
  });

  it('newest: equal createdAt falls back to id ascending', () => {
    const list = [q('y', 0, T(5)), q('x', 9, T(5)), q('z', 1, T(6))];
    expect(ids(sortQuestions(list, 'newest', null))).toStrictEqual(['z', 'x', 'y']);
  });

  it('popular: without approvedAt the createdAt is the waiting time', () => {
    // 'n' was created at :04 and never approved (answered straight away, say); 'm' approved at :06.
    const list = [q('m', 2, T(1), T(6)), q('n', 2, T(4), null), q('o', 2, T(7), T(3))];
    expect(ids(sortQuestions(list, 'popular', null))).toStrictEqual(['o', 'n', 'm']);
  });

  it('popular: equal votes and equal approvedAt fall back to id (createdAt is not consulted)', () => {
    const list = [q('k', 1, T(1), T(8)), q('j', 1, T(5), T(8)), q('l', 1, T(0), T(8))];
    expect(ids(sortQuestions(list, 'popular', null))).toStrictEqual(['j', 'k', 'l']);
  });

  it('popular: full ties are ordered by id', () => {
    const list = [q('q3', 4, T(1)), q('q1', 4, T(1)), q('q2', 4, T(1))];
    expect(ids(sortQuestions(list, 'popular', null))).toStrictEqual(['q1', 'q2', 'q3']);
  });

  it('does not mutate its input and returns a new array of the same objects', () => {
    const copy = structuredClone([...LIST]);
    const sorted = sortQuestions(LIST, 'popular', 'c');
    expect(LIST).toStrictEqual(copy);
    expect(ids(LIST)).toStrictEqual(['a', 'b', 'c', 'd', 'e']);
    expect(sorted).not.toBe(LIST);
    expect(sorted[0]).toBe(LIST[2]);
  });

  it('keeps extra fields of the items (generic)', () => {
    const list = [
      { ...q('a', 1, T(1)), text: 'A' },
      { ...q('b', 2, T(2)), text: 'B' },
    ];
    expect(sortQuestions(list, 'popular', null).map((x) => x.text)).toStrictEqual(['B', 'A']);
  });

  it('handles empty and single lists', () => {
    expect(sortQuestions([], 'popular', 'a')).toStrictEqual([]);
    expect(ids(sortQuestions([q('a', 0, T(0))], 'newest', 'a'))).toStrictEqual(['a']);
  });

  it('property: a permutation of the input, the same for any input order', () => {
    const item = fc.record({
      voteCount: fc.integer({ min: 0, max: 3 }),
      createdAt: fc.integer({ min: 0, max: 5 }).map(T),
      approvedAt: fc.option(fc.integer({ min: 0, max: 5 }).map(T)),
    });
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 12 }),
        fc.constantFrom('popular' as const, 'newest' as const),
        fc.nat(),
        (raw, sort, seed) => {
          const list = raw.map((x, i) => ({ ...x, id: `id${String(i).padStart(2, '0')}` }));
          const pinned = list[seed % Math.max(list.length, 1)]?.id ?? null;
          const shuffled = [...list].reverse();
          const a = sortQuestions(list, sort, pinned);
          const b = sortQuestions(shuffled, sort, pinned);
          expect(ids(a)).toStrictEqual(ids(b));
          expect([...ids(a)].sort()).toStrictEqual(ids(list));
          if (pinned) expect(a[0]?.id).toBe(pinned);
          if (sort === 'popular') {
            const votes = a.filter((x) => x.id !== pinned).map((x) => x.voteCount);
            expect(votes).toStrictEqual([...votes].sort((x, y) => y - x));
          }
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('sortIncoming', () => {
  it('oldest first, ties by id, without mutating the input', () => {
    const list = Object.freeze([
      { id: 'c', createdAt: '2026-05-04T15:03:00.000Z' },
      { id: 'b', createdAt: '2026-05-04T15:01:00.000Z' },
      { id: 'a', createdAt: '2026-05-04T15:03:00.000Z' },
      { id: 'd', createdAt: '2026-05-04T14:59:59.999Z' },
    ]);
    const sorted = sortIncoming(list);
    expect(sorted.map((x) => x.id)).toStrictEqual(['d', 'b', 'a', 'c']);
    expect(list.map((x) => x.id)).toStrictEqual(['c', 'b', 'a', 'd']);
    expect(sorted).not.toBe(list);
  });

  it('ignores votes and approval', () => {
    const list = [
      { id: 'x', createdAt: '2026-05-04T15:02:00.000Z', voteCount: 99 },
      { id: 'y', createdAt: '2026-05-04T15:01:00.000Z', voteCount: 0 },
    ];
    expect(sortIncoming(list).map((x) => x.id)).toStrictEqual(['y', 'x']);
  });

  it('handles an empty list', () => {
    expect(sortIncoming([])).toStrictEqual([]);
  });
});

describe('auditActionOf', () => {
  it.each(ACTION_TYPES)('%s → question.%s', (type) => {
    expect(auditActionOf(type)).toBe(`question.${type}`);
  });
});
