// The question queue's rules, pure: which moderation action is allowed from which state,
// what it changes, who may vote, how merged supporters add up, and how lists are ordered.
// No I/O; "now" is passed in.
import type {
  ModerationAction,
  ModerationActionType,
  QuestionSort,
  QuestionStatus,
} from '../protocol/questions.ts';

export interface QuestionState {
  id: string;
  status: QuestionStatus;
  text: string;
  rejectReason: string | null;
  mergedIntoId: string | null;
  departmentId: string | null;
  answerText: string | null;
  answeredById: string | null;
  answeredAt: Date | null;
  approvedAt: Date | null;
}

/** The fields a moderation action may change (and undo restores). */
export type QuestionPatch = Partial<Omit<QuestionState, 'id'>>;

export type Rejection =
  | 'already_approved'
  | 'already_rejected'
  | 'already_answered'
  | 'already_merged'
  | 'not_approved'
  | 'not_pinned'
  | 'already_pinned'
  | 'merge_into_self'
  | 'merge_target_invalid'
  | 'unchanged';

export interface ActionContext {
  now: Date;
  /** The session's "now answering" question. */
  nowAnsweringId: string | null;
  /** For merge: the question it goes into. */
  target?: Pick<QuestionState, 'id' | 'status'>;
}

export type ActionResult =
  | { ok: true; patch: QuestionPatch; nowAnsweringId: string | null }
  | { ok: false; reason: Rejection };

const fail = (reason: Rejection): ActionResult => ({ ok: false, reason });

/** Why an action cannot apply to a question in a final state (merged stays merged). */
function finalStateRejection(status: QuestionStatus): Rejection | null {
  return status === 'merged' ? 'already_merged' : null;
}

export function applyModeration(
  question: QuestionState,
  action: ModerationAction,
  ctx: ActionContext,
): ActionResult {
  const merged = finalStateRejection(question.status);
  if (merged) return fail(merged);
  const pinned = ctx.nowAnsweringId === question.id;
  const keepPin = ctx.nowAnsweringId;
  const ok = (patch: QuestionPatch, nowAnsweringId = keepPin): ActionResult => ({
    ok: true,
    patch,
    nowAnsweringId,
  });
  const unpinned = pinned ? null : keepPin;

  switch (action.type) {
    case 'approve':
      if (question.status === 'approved') return fail('already_approved');
      if (question.status === 'answered') return fail('already_answered');
      return ok({ status: 'approved', rejectReason: null, approvedAt: ctx.now });
    case 'reject':
      if (question.status === 'rejected') return fail('already_rejected');
      if (question.status === 'answered') return fail('already_answered');
      return ok({ status: 'rejected', rejectReason: action.reason || null }, unpinned);
    case 'edit':
      if (action.text === question.text) return fail('unchanged');
      return ok({ text: action.text });
    case 'merge': {
      const target = ctx.target;
      if (question.status === 'answered') return fail('already_answered');
      if (!target) return fail('merge_target_invalid');
      if (target.id === question.id) return fail('merge_into_self');
      if (target.status === 'merged' || target.status === 'rejected') {
        return fail('merge_target_invalid');
      }
      return ok({ status: 'merged', mergedIntoId: target.id }, unpinned);
    }
    case 'pin':
      if (question.status !== 'approved') {
        return fail(question.status === 'answered' ? 'already_answered' : 'not_approved');
      }
      if (pinned) return fail('already_pinned');
      return ok({}, question.id);
    case 'unpin':
      if (!pinned) return fail('not_pinned');
      return ok({}, null);
    case 'answer':
      if (question.status === 'answered') return fail('already_answered');
      if (question.status !== 'approved') return fail('not_approved');
      return ok(
        {
          status: 'answered',
          answerText: action.answer || null,
          answeredById: action.officialId,
          answeredAt: ctx.now,
        },
        unpinned,
      );
    case 'assign':
      if (action.departmentId === question.departmentId) return fail('unchanged');
      return ok({ departmentId: action.departmentId });
  }
}

/** The fields of `question` that `patch` would change, as they are now (for undo). */
export function snapshotOf(question: QuestionState, patch: QuestionPatch): QuestionPatch {
  const before: QuestionPatch = {};
  for (const key of Object.keys(patch) as (keyof QuestionPatch)[]) {
    (before as Record<string, unknown>)[key] = question[key];
  }
  return before;
}

/** Only approved questions collect votes: not pending, answered, rejected or merged ones. */
export const canVote = (status: QuestionStatus): boolean => status === 'approved';

/** Statuses everyone sees. */
export const PUBLIC_STATUSES: QuestionStatus[] = ['approved', 'answered'];
export const isPublic = (status: QuestionStatus): boolean => PUBLIC_STATUSES.includes(status);

/**
 * Merging `source` into `target`: the people who supported the source (its voters and its
 * author) become supporters of the target, except those already counted there.
 */
export function supportersToAdd(
  target: { authorId: string; voterIds: Iterable<string> },
  source: { authorId: string; voterIds: Iterable<string> },
): string[] {
  const already = new Set(target.voterIds);
  already.add(target.authorId);
  const added = new Set<string>();
  for (const person of [source.authorId, ...source.voterIds]) {
    if (!already.has(person)) added.add(person);
  }
  return [...added];
}

export interface Rankable {
  id: string;
  voteCount: number;
  createdAt: string;
  approvedAt: string | null;
}

/**
 * The public list: the "now answering" question first, then by votes (ties: the longer
 * waiting first) or by newest.
 */
export function sortQuestions<T extends Rankable>(
  questions: readonly T[],
  sort: QuestionSort,
  nowAnsweringId: string | null,
): T[] {
  const byNewest = (a: T, b: T) =>
    b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
  const byVotes = (a: T, b: T) =>
    b.voteCount - a.voteCount ||
    (a.approvedAt ?? a.createdAt).localeCompare(b.approvedAt ?? b.createdAt) ||
    a.id.localeCompare(b.id);
  return [...questions].sort((a, b) => {
    if (a.id === nowAnsweringId) return -1;
    if (b.id === nowAnsweringId) return 1;
    return sort === 'newest' ? byNewest(a, b) : byVotes(a, b);
  });
}

/** The moderators' incoming queue: oldest first, so nobody waits forever. */
export function sortIncoming<T extends { id: string; createdAt: string }>(questions: readonly T[]) {
  return [...questions].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}

/** Audit action names of the undoable moderation actions. */
export const auditActionOf = (type: ModerationActionType) => `question.${type}`;
