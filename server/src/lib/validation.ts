// One way to validate untrusted input at every edge (REST bodies, socket payloads).
import { z } from 'zod';
import { AppError } from './app-error.ts';

export type Locale = 'cs' | 'en';

const errorMaps = { cs: z.locales.cs().localeError, en: z.locales.en().localeError };

/** Field path → messages, e.g. { "agenda.0.title": ["…"] }. */
export function issuesToDetails(issues: z.core.$ZodIssue[]): Record<string, string[]> {
  const details: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_';
    (details[key] ??= []).push(issue.message);
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
    throw new AppError('validation_failed', message, issuesToDetails(result.error.issues));
  }
  return result.data;
}
