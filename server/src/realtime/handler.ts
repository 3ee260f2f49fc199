// The realtime edge: validate, run, acknowledge. A bad payload gets a typed error ack;
// nothing a client sends can throw out of here or leave an ack unanswered.
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Actor } from '../features/auth/actor.ts';
import { AppError } from '../lib/app-error.ts';
import { appErrorFromDatabase } from '../lib/prisma-errors.ts';
import type { Logger } from '../lib/logger.ts';
import { parseInput } from '../lib/validation.ts';
import type { SocketTools } from './server.ts';
import type { Result } from '../protocol/errors.ts';
import {
  clientEventSchemas,
  type Ack,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '../protocol/events.ts';

export type NamestiSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

type EventName = keyof ClientToServerEvents;
type AckData<E extends EventName> =
  Parameters<ClientToServerEvents[E]> extends [unknown, Ack<infer T>] ? T : never;
type Schema<E extends EventName> = (typeof clientEventSchemas)[E];
export type Payload<E extends EventName> =
  Schema<E> extends z.ZodType ? z.output<Schema<E>> : Record<string, never>;

export interface HandlerContext {
  socket: NamestiSocket;
  actor: Actor;
  logger: Logger;
}

export function actorOfSocket(socket: NamestiSocket): Actor {
  return {
    participantId: socket.data.participantId,
    staff: socket.data.staff,
    locale: socket.data.locale,
  };
}

export function toWireError(thrown: unknown, logger: Logger, event: string): Result<never> {
  const err = thrown instanceof AppError ? thrown : (appErrorFromDatabase(thrown) ?? thrown);
  if (err instanceof AppError) {
    if (err.code === 'unavailable') logger.warn({ err: thrown, event }, 'database unavailable');
    return {
      ok: false,
      error: {
        code: err.code,
        message: err.message,
        ...(err.details ? { details: err.details } : {}),
      },
    };
  }
  logger.error({ err, event }, 'unhandled error in socket event');
  return { ok: false, error: { code: 'internal', message: 'Internal server error' } };
}

/** Registers one typed event handler with validation, rate limiting and error mapping. */
export function handle<E extends EventName>(
  ctx: { socket: NamestiSocket } & SocketTools,
  event: E,
  run: (payload: Payload<E>, context: HandlerContext) => Promise<AckData<E>>,
): void {
  const { socket, logger, limiter, refreshStaff } = ctx;
  const listener = async (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') {
      logger.debug({ event }, 'event without ack ignored');
      return;
    }
    const reply = ack as (result: Result<AckData<E>>) => void;
    const started = performance.now();
    try {
      await limiter.consume(socket.id, 1, socket.data.locale);
      await refreshStaff(socket);
      const actor = actorOfSocket(socket);
      const schema = clientEventSchemas[event] as z.ZodType | null;
      const payload = (schema ? parseInput(schema, args[0], actor.locale) : {}) as Payload<E>;
      const data = await run(payload, { socket, actor, logger });
      reply({ ok: true, data });
      logger.debug({ event, ms: Math.round(performance.now() - started) }, 'socket event handled');
    } catch (err) {
      reply(toWireError(err, logger, event));
    }
  };
  socket.on(event, listener as never);
}
