// What the open-data API accepts: query strings and path parameters, validated with zod and
// documented from the same schemas. The archive and search reuse the archive's own rules.
import { z } from 'zod';
import { archiveQuerySchema, searchQuerySchema } from '../../protocol/archive.ts';
import { SESSION_KINDS, SESSION_STATUSES } from '../../protocol/enums.ts';
import { optional } from '../../protocol/query-params.ts';
import { bi } from './schemas.ts';

const page = () =>
  optional(z.coerce.number().int().min(1).max(1000)).meta(
    bi('Číslo stránky, od 1', 'Page number, from 1'),
  );
const day = () => optional(z.iso.date('date'));
const sessionId = () => optional(z.uuid()).meta(bi('Jen tohoto zasedání', 'Only of this session'));

/** The same fields, each with its description (every field must have one). */
function described<S extends z.ZodRawShape>(
  schema: z.ZodObject<S>,
  docs: { [K in keyof S]: [cs: string, en: string] },
): z.ZodObject<S> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      (field as z.ZodType).meta(bi(...docs[key]!)),
    ]),
  );
  return z.object(shape) as unknown as z.ZodObject<S>;
}

export const noQuery = z.object({});
export const noParams = z.object({});

export const sessionParamsSchema = z.object({
  id: z.uuid().meta(bi('Id zasedání', 'Session id')),
});

export const sessionsQuerySchema = z.object({
  status: optional(z.enum(SESSION_STATUSES)).meta(bi('Jen v tomto stavu', 'Only in this state')),
  kind: optional(z.enum(SESSION_KINDS)).meta(bi('Jen tohoto druhu', 'Only of this kind')),
  from: day().meta(
    bi(
      'Plánovaný začátek v tento den nebo později (RRRR-MM-DD, místní čas města)',
      'Scheduled to start on this day or later (YYYY-MM-DD, the town’s local time)',
    ),
  ),
  to: day().meta(
    bi(
      'Plánovaný začátek v tento den nebo dříve (RRRR-MM-DD, místní čas města)',
      'Scheduled to start on this day or earlier (YYYY-MM-DD, the town’s local time)',
    ),
  ),
  page: page(),
});
export type SessionsQuery = z.output<typeof sessionsQuerySchema>;

export const archiveParamsQuerySchema = described(archiveQuerySchema, {
  kind: ['Jen tohoto druhu', 'Only of this kind'],
  year: ['Jen z tohoto roku', 'Only from this year'],
  locality: ['Jen z tohoto místa', 'Only from this locality'],
  officialId: ['Jen s touto osobou mezi hostiteli', 'Only with this official among the hosts'],
  page: ['Číslo stránky, od 1', 'Page number, from 1'],
});

export const searchParamsQuerySchema = described(searchQuerySchema, {
  q: [
    'Co hledat; tvary slov i chybějící diakritika se shodují („nadrazi“ najde „nádraží“)',
    'What to look for; Czech word forms and missing diacritics match',
  ],
  kind: [
    'Jen v názvech, bodech programu, dotazech nebo větách přepisu',
    'Only in titles, agenda items, questions or transcript sentences',
  ],
  sessionKind: ['Jen zasedání tohoto druhu', 'Only sessions of this kind'],
  from: ['Zasedání v tento den nebo později', 'Sessions on this day or later'],
  to: ['Zasedání v tento den nebo dříve', 'Sessions on this day or earlier'],
  page: ['Číslo stránky, od 1', 'Page number, from 1'],
});

export const questionsQuerySchema = z.object({
  sessionId: sessionId(),
  answered: optional(z.enum(['true', 'false'])).meta(
    bi(
      'true: jen zodpovězené; false: jen schválené, dosud bez odpovědi',
      'true: answered only; false: approved ones still waiting for an answer',
    ),
  ),
  page: page(),
});
export type QuestionsQuery = z.output<typeof questionsQuerySchema>;

export const pollsQuerySchema = z.object({ sessionId: sessionId(), page: page() });
export type PollsQuery = z.output<typeof pollsQuerySchema>;
