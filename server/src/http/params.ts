import { z } from 'zod';
import { AppError } from '../lib/app-error.ts';

/** A malformed id can only name something that does not exist: 404, not 400. */
export function uuidParam(value: unknown): string {
  const parsed = z.uuid().safeParse(value);
  if (!parsed.success) throw new AppError('not_found', 'Not found');
  return parsed.data;
}
