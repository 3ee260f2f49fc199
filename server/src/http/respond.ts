// Small helpers so route handlers stay one line of intent each.
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { parseInput } from '../lib/validation.ts';
import { actorOf } from './context.ts';

/** The request body parsed by `schema`, with messages in the caller's language. */
export function body<S extends z.ZodType>(schema: S, req: Request, res: Response): z.output<S> {
  return parseInput(schema, req.body, actorOf(res).locale);
}

/** The public base URL: configured, or as the request reached us (behind trusted proxies). */
export function baseUrl(req: Request, configured: string | undefined): string {
  return configured?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
