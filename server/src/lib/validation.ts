// One way to validate untrusted input at every edge (REST bodies, socket payloads).
import { z } from 'zod';
import { AppError } from './app-error.ts';
import { errorMapFor, translateKey } from './messages.ts';

export type Locale = 'cs' | 'en';

const errorMaps = { cs: errorMapFor('cs'), en: errorMapFor('en') };

/** Field path → messages, e.g. { "agenda.0.title": ["…"] }. */
export function issuesToDetails(
  issues: z.core.$ZodIssue[],
  locale: Locale = 'cs',
): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_';
    (details[key] ??= []).push(translateKey(issue.message, locale));
  }
  return details;
}

/** Parses or throws AppError('validation_failed') with per-field messages in `locale`. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  locale: Locale = 'cs',
): z.output<S> {
  const result = schema.safeParse(input, { error: errorMaps[locale] });
  if (!result.success) {
    const message = locale === 'cs' ? 'Neplatné údaje' : 'Invalid input';
    throw new AppError('validation_failed', message, issuesToDetails(result.error.issues, locale));
  }
  return result.data;
}
