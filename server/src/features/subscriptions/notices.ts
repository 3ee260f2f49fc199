// Notices about sessions: reminders 24 h and 1 h before, "live now", "the recording is ready".
// A periodic sweep (any node, any number of times) finds what is due (due.ts) and sends each
// batch once: the batch's SessionNotice row (unique per session, notice and start) is inserted
// in the transaction that enqueues its e-mails, so a second sweep, here or on another node,
// waits for the first to commit and then finds it done. Every e-mail also has its own
// dedupeKey, the outbox's guarantee against a duplicate.
import type { Prisma } from '../../db/database.ts';
import type { SessionNoticeKind } from '../../generated/prisma/enums.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Mail } from '../mail/index.ts';
import { sessionAudienceWhere, type NoticeChoice } from './audience.ts';
import {
  dueReminder,
  LIVE_NOTICE_WINDOW_MS,
  RECORDING_NOTICE_WINDOW_MS,
  recordingNoticeDue,
  REMINDER_LEAD_MS,
} from './due.ts';
import type { Addressee, LetterSession, Letters } from './letters.ts';
import { BATCH_TRANSACTION, enqueueEach, lockedRecipients } from './recipients.ts';

export interface SessionNoticesDeps {
  prisma: Prisma;
  mail: Pick<Mail, 'enqueueMany' | 'nudge'>;
  letters: Letters;
  clock: Clock;
  logger: Logger;
  /** The site's host, for the calendar event's UID. */
  host: string;
}

const CHOICE: Record<SessionNoticeKind, NoticeChoice> = {
  reminder_24h: 'wantsReminders',
  reminder_1h: 'wantsReminders',
  live: 'wantsLive',
  recording: 'wantsRecording',
};

const sessionFields = {
  id: true,
  kind: true,
  title: true,
  description: true,
  locality: true,
  neighbourhoodId: true,
  scheduledStart: true,
  scheduledEnd: true,
  startedAt: true,
} as const;

type NoticeSessionRow = Omit<LetterSession, 'kind'> & {
  kind: LetterSession['kind'] | 'board';
  neighbourhoodId: string | null;
  startedAt: Date | null;
};

export function createSessionNotices(deps: SessionNoticesDeps) {
  const { prisma, mail, letters, clock, logger } = deps;

  /** Sends one batch unless it was sent; returns the e-mails queued (null: sent before). */
  async function batch(
    session: NoticeSessionRow,
    kind: SessionNoticeKind,
    sessionStart: Date,
    letter: (to: Addressee, session: LetterSession) => ReturnType<Letters['live']>,
  ): Promise<number | null> {
    if (session.kind === 'board') return null;
    const known = await prisma.sessionNotice.findUnique({
      where: { sessionId_kind_sessionStart: { sessionId: session.id, kind, sessionStart } },
      select: { id: true },
    });
    if (known) return null;
    const target = { ...session, kind: session.kind };
    const queued = await prisma.$transaction(async (tx) => {
      const [notice] = await tx.sessionNotice.createManyAndReturn({
        data: [{ sessionId: session.id, kind, sessionStart }],
        skipDuplicates: true,
      });
      if (!notice) return null; // another sweep sent it meanwhile
      const recipients = await lockedRecipients(tx, sessionAudienceWhere(target, CHOICE[kind]));
      const count = await enqueueEach(tx, mail, recipients, (to) => letter(to, target));
      await tx.sessionNotice.update({ where: { id: notice.id }, data: { recipients: count } });
      return count;
    }, BATCH_TRANSACTION);
    if (queued !== null) {
      logger.info(
        { sessionId: session.id, notice: kind, recipients: queued },
        'session notice queued',
      );
    }
    return queued;
  }

  async function reminders(now: Date) {
    const sessions = await prisma.session.findMany({
      where: {
        status: 'scheduled',
        kind: { not: 'board' },
        scheduledStart: { gt: now, lte: new Date(now.getTime() + REMINDER_LEAD_MS.reminder_24h) },
      },
      select: sessionFields,
    });
    for (const session of sessions) {
      const kind = dueReminder(session.scheduledStart, now);
      if (!kind) continue;
      // A reminder went out for another start: the session was moved, the e-mail says so.
      const moved =
        (await prisma.sessionNotice.count({
          where: { sessionId: session.id, kind, sessionStart: { not: session.scheduledStart } },
        })) > 0;
      await batch(session, kind, session.scheduledStart, (to, target) =>
        letters.reminder(to, target, kind, { moved, stamp: now, host: deps.host }),
      );
    }
  }

  async function live(now: Date) {
    const sessions = await prisma.session.findMany({
      where: {
        status: 'live',
        kind: { not: 'board' },
        startedAt: { gte: new Date(now.getTime() - LIVE_NOTICE_WINDOW_MS) },
      },
      select: sessionFields,
    });
    for (const session of sessions) {
      const startedAt = session.startedAt!;
      await batch(session, 'live', startedAt, (to, target) => letters.live(to, target, startedAt));
    }
  }

  async function recordings(now: Date) {
    const ready = await prisma.recording.findMany({
      where: {
        status: 'ready',
        updatedAt: { gte: new Date(now.getTime() - RECORDING_NOTICE_WINDOW_MS) },
        session: { kind: { not: 'board' }, status: 'ended' },
      },
      select: {
        updatedAt: true,
        session: { select: { ...sessionFields, transcript: { select: { status: true } } } },
      },
    });
    for (const { updatedAt, session } of ready) {
      const transcript = session.transcript?.status ?? null;
      if (recordingNoticeDue(updatedAt, transcript, now) !== 'now') continue;
      await batch(session, 'recording', session.startedAt ?? session.scheduledStart, (to, target) =>
        letters.recording(to, target, transcript === 'ready'),
      );
    }
  }

  return {
    /** Sends whatever is due now; safe to run concurrently on every node. */
    async sweep() {
      const now = clock.now();
      await reminders(now);
      await live(now);
      await recordings(now);
      mail.nudge();
    },
  };
}

export type SessionNotices = ReturnType<typeof createSessionNotices>;
