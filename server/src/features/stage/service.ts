// The speaking list: citizens raise a hand, moderators accept one speaker at a time, mute,
// time-limit and remove them. Every change runs under the session's row lock, is stored
// before it is acknowledged, and reaches every node (the state is in the database).
import type { Prisma } from '../../db/database.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { StageSnapshotDto } from '../../protocol/stage.ts';
import type { z } from 'zod';
import type {
  stageControlSchema,
  stageDecideSchema,
  stageRaiseSchema,
  stageRefSchema,
} from '../../protocol/stage.ts';
import { authorize, can, say, type Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/mutations.ts';
import {
  assertNotBanned,
  ensureParticipant,
  nameFor,
  sessionEndedError,
} from '../participation/gate.ts';
import type { ParticipationLimits } from '../participation/limits.ts';
import type { Who } from '../participation/who.ts';
import type { Tx } from '../sessions/mutations.ts';
import {
  ACTIVE,
  activeRequests,
  lockStage,
  positionIn,
  toModDto,
  toOwnDto,
  toSpeakerDto,
  type StageRow,
} from './data.ts';
import type { StageNotifier } from './notify.ts';

/** Kinds where citizens speak; a council meeting's floor belongs to its members. */
const STAGE_KINDS = new Set(['consultation', 'mayor_chat', 'hearing']);

export interface StageMedia {
  pause(sessionId: string, participantId: string, paused: boolean): Promise<void>;
  close(sessionId: string, participantId: string): Promise<void>;
}

export interface StageServiceDeps {
  prisma: Prisma;
  clock: Clock;
  limits: ParticipationLimits;
  notify: StageNotifier;
  media: StageMedia;
}

export function createStageService({ prisma, clock, limits, notify, media }: StageServiceDeps) {
  const requestNotFound = (actor: Actor) =>
    notFound(say(actor, 'Žádost o slovo', 'Request to speak'));

  /** Runs `change` under the session lock, then tells everyone what the list looks like now. */
  async function changeList(
    actor: Actor,
    sessionId: string,
    change: (tx: Tx, session: { kind: string }) => Promise<StageRow>,
  ): Promise<StageRow> {
    const touched = await prisma.$transaction(async (tx) => {
      const session = await lockStage(tx, sessionId);
      if (!session) throw notFound(say(actor, 'Zasedání', 'Session'));
      if (session.status !== 'live') throw sessionEndedError(actor);
      return change(tx, session);
    });
    notify.changed(sessionId, await activeRequests(prisma, sessionId), [touched]);
    return touched;
  }

  async function findRequest(tx: Tx, actor: Actor, sessionId: string, requestId: string) {
    const row = await tx.stageRequest.findUnique({ where: { id: requestId } });
    if (!row || row.sessionId !== sessionId) throw requestNotFound(actor);
    return row;
  }

  const refuse = (actor: Actor, cs: string, en: string) =>
    new AppError('invalid_transition', say(actor, cs, en));

  async function audit(tx: Tx, actor: Actor, action: string, row: StageRow, after: object = {}) {
    await recordAudit(tx, {
      actorId: authorize(actor, 'session.moderate').id,
      action: `stage.${action}`,
      entityType: 'stage_request',
      entityId: row.id,
      sessionId: row.sessionId,
      after: { name: row.name, topic: row.topic, ...after },
    });
  }

  async function ownDto(row: StageRow) {
    return toOwnDto(row, positionIn(await activeRequests(prisma, row.sessionId), row.id));
  }

  return {
    async raise(actor: Actor, who: Who, input: z.output<typeof stageRaiseSchema>) {
      await limits.spend('stage', who, actor);
      await assertNotBanned(prisma, clock, actor, input.sessionId, who);
      const settings = await prisma.session.findUnique({
        where: { id: input.sessionId },
        select: { namesRequired: true },
      });
      const name = await nameFor(
        prisma,
        actor,
        settings?.namesRequired ?? false,
        input.authorName,
        who.participantId,
      );
      const row = await changeList(actor, input.sessionId, async (tx, session) => {
        if (!STAGE_KINDS.has(session.kind)) {
          throw refuse(
            actor,
            'Na tomto zasedání se o slovo nehlásí.',
            'This session has no open floor.',
          );
        }
        const active = await tx.stageRequest.count({
          where: {
            sessionId: input.sessionId,
            participantId: who.participantId,
            status: { in: [...ACTIVE] },
          },
        });
        if (active > 0) {
          throw new AppError(
            'conflict',
            say(actor, 'O slovo už se hlásíte.', 'You have already raised your hand.'),
          );
        }
        await ensureParticipant(tx, who.participantId, input.authorName);
        return tx.stageRequest.create({
          data: {
            sessionId: input.sessionId,
            participantId: who.participantId,
            name: name ?? say(actor, 'Občan', 'Citizen'),
            topic: input.topic,
          },
        });
      });
      return ownDto(row);
    },

    async withdraw(actor: Actor, input: z.output<typeof stageRefSchema>) {
      const row = await changeList(actor, input.sessionId, async (tx) => {
        const found = await findRequest(tx, actor, input.sessionId, input.requestId);
        if (found.participantId !== actor.participantId) throw requestNotFound(actor);
        if (found.status !== 'waiting' && found.status !== 'accepted') {
          throw refuse(actor, 'Žádost už není aktivní.', 'The request is no longer active.');
        }
        return tx.stageRequest.update({
          where: { id: found.id },
          data:
            found.status === 'accepted'
              ? { status: 'done', endedAt: clock.now() }
              : { status: 'withdrawn' },
        });
      });
      if (row.status === 'done') await media.close(row.sessionId, row.participantId);
      return ownDto(row);
    },

    async decide(actor: Actor, input: z.output<typeof stageDecideSchema>) {
      const staff = authorize(actor, 'session.moderate');
      const row = await changeList(actor, input.sessionId, async (tx) => {
        const found = await findRequest(tx, actor, input.sessionId, input.requestId);
        if (found.status !== 'waiting')
          throw refuse(actor, 'Žádost už nečeká.', 'The request is not waiting.');
        if (input.decision === 'decline') {
          const declined = await tx.stageRequest.update({
            where: { id: found.id },
            data: {
              status: 'declined',
              declineReason: input.reason || null,
              decidedById: staff.id,
            },
          });
          await audit(tx, actor, 'decline', declined, { reason: input.reason ?? null });
          return declined;
        }
        const speaking = await tx.stageRequest.count({
          where: { sessionId: input.sessionId, status: 'accepted' },
        });
        if (speaking > 0) {
          throw new AppError(
            'conflict',
            say(actor, 'Nejdřív ukončete současného řečníka.', 'End the current speaker first.'),
          );
        }
        const now = clock.now();
        const limit = input.timeLimitSeconds ?? null;
        const accepted = await tx.stageRequest.update({
          where: { id: found.id },
          data: {
            status: 'accepted',
            decidedById: staff.id,
            startedAt: now,
            endsAt: limit ? new Date(now.getTime() + limit * 1000) : null,
          },
        });
        await audit(tx, actor, 'accept', accepted, { timeLimitSeconds: limit });
        return accepted;
      });
      return toModDto(row, positionIn(await activeRequests(prisma, row.sessionId), row.id));
    },

    async control(actor: Actor, input: z.output<typeof stageControlSchema>) {
      authorize(actor, 'session.moderate');
      const row = await changeList(actor, input.sessionId, async (tx) => {
        const found = await findRequest(tx, actor, input.sessionId, input.requestId);
        if (found.status !== 'accepted') {
          throw refuse(actor, 'Tento občan právě nemluví.', 'This citizen is not speaking.');
        }
        const now = clock.now();
        const data =
          input.action === 'remove'
            ? { status: 'done' as const, endedAt: now }
            : input.action === 'time'
              ? { endsAt: input.seconds ? new Date(now.getTime() + input.seconds * 1000) : null }
              : { muted: input.action === 'mute' };
        const updated = await tx.stageRequest.update({ where: { id: found.id }, data });
        await audit(
          tx,
          actor,
          input.action,
          updated,
          input.action === 'time' ? { seconds: input.seconds } : {},
        );
        return updated;
      });
      if (input.action === 'remove') await media.close(row.sessionId, row.participantId);
      if (input.action === 'mute' || input.action === 'unmute') {
        await media.pause(row.sessionId, row.participantId, input.action === 'mute');
      }
      return toModDto(row, null);
    },

    async snapshot(actor: Actor, sessionId: string): Promise<StageSnapshotDto> {
      const list = await activeRequests(prisma, sessionId);
      const speaker = list.find((r) => r.status === 'accepted');
      const mine = await prisma.stageRequest.findFirst({
        where: { sessionId, participantId: actor.participantId },
        orderBy: { createdAt: 'desc' },
      });
      return {
        sessionId,
        speaker: speaker ? toSpeakerDto(speaker) : null,
        mine: mine ? toOwnDto(mine, positionIn(list, mine.id)) : null,
        queue: can(actor, 'session.moderate')
          ? list.map((r) => toModDto(r, positionIn(list, r.id)))
          : null,
      };
    },

    /** For the media gate: may this citizen send stage audio now, and unmuted? */
    async speakerState(actor: Actor, sessionId: string): Promise<'off' | 'on' | 'muted'> {
      const row = await prisma.stageRequest.findFirst({
        where: { sessionId, participantId: actor.participantId, status: 'accepted' },
        select: { muted: true },
      });
      return !row ? 'off' : row.muted ? 'muted' : 'on';
    },

    /** Inside the transaction that ends a session: nobody stays on stage or in the list. */
    async finishIn(tx: Tx, sessionId: string) {
      const now = clock.now();
      const speakers = await tx.stageRequest.findMany({ where: { sessionId, status: 'accepted' } });
      await tx.stageRequest.updateMany({
        where: { sessionId, status: 'accepted' },
        data: { status: 'done', endedAt: now },
      });
      await tx.stageRequest.updateMany({
        where: { sessionId, status: 'waiting' },
        data: { status: 'declined' },
      });
      return async () => {
        for (const s of speakers) await media.close(sessionId, s.participantId);
        notify.changed(sessionId, [], []);
      };
    },

    /** Ends the turns whose time limit has passed; safe on every node at once. */
    async sweep() {
      const now = clock.now();
      const due = await prisma.stageRequest.findMany({
        where: { status: 'accepted', endsAt: { lte: now } },
      });
      for (const row of due) {
        const { count } = await prisma.stageRequest.updateMany({
          where: { id: row.id, status: 'accepted', endsAt: { lte: now } },
          data: { status: 'done', endedAt: now },
        });
        if (count === 0) continue; // another node got there first
        await media.close(row.sessionId, row.participantId);
        const ended = { ...row, status: 'done' as const, endedAt: now };
        notify.changed(row.sessionId, await activeRequests(prisma, row.sessionId), [ended]);
      }
    },
  };
}

export type StageService = ReturnType<typeof createStageService>;
