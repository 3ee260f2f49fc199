// Small helpers so route handlers stay one line of intent each.
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { parseInput } from '../lib/validation.ts';
import { actorOf } from './context.ts';

/** The request body parsed by `schema`, with messages in the caller's language. */
export function body<S extends z.ZodType>(schema: S, req: Request, res: Response): z.output<S> {
  return parseInput(schema, req.body, actorOf(res).locale);
}

/**
 * The public base URL for links we hand out (calendars). Configured PUBLIC_URL wins; without
 * it (a local demo) the Host header is used, but only if it is a plain host[:port].
 */
export function baseUrl(req: Request, configured: string | undefined): string {
  if (configured) return configured.replace(/\/$/, '');
  const host = req.get('host') ?? '';
  return `${req.protocol}://${/^[a-z0-9.-]+(:\d{1,5})?$/i.test(host) ? host : 'localhost'}`;
}
