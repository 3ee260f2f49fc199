// The open-data API's operations in one table: the router serves exactly these (http.ts) and
// the OpenAPI document describes exactly these (openapi.ts). Paths are relative to /api/v1.
import type { z } from 'zod';
import {
  archiveParamsQuerySchema,
  noParams,
  noQuery,
  pollsQuerySchema,
  questionsQuerySchema,
  searchParamsQuerySchema,
  sessionParamsSchema,
  sessionsQuerySchema,
} from './params.ts';
import {
  archivePageSchema,
  officialListSchema,
  pollListSchema,
  questionListSchema,
  searchResultsSchema,
  sessionDetailSchema,
  sessionListSchema,
} from './schemas.ts';

export const API_BASE = '/api/v1';
/** How long clients and caches may keep an answer. */
export const OPEN_DATA_CACHE_SECONDS = 60;
/** Requests per client address and window (seconds), shared by every node through Redis. */
export const OPEN_DATA_LIMIT = { points: 120, duration: 60 };

export interface Operation<
  P extends z.ZodObject = z.ZodObject,
  Q extends z.ZodObject = z.ZodObject,
  R extends z.ZodType = z.ZodType,
> {
  /** OpenAPI form: `/sessions/{id}`. */
  path: string;
  summary: { cs: string; en: string };
  description: { cs: string; en: string };
  /** Path parameters; one that does not parse names nothing: 404. */
  params: P;
  /** The query string; one that does not parse: 400 with the fields. */
  query: Q;
  /** A registered component (schemas.ts). */
  response: R;
  /** Whether the operation names one thing that may not exist (404). */
  single?: boolean;
}

const operation = <P extends z.ZodObject, Q extends z.ZodObject, R extends z.ZodType>(
  op: Operation<P, Q, R>,
) => op;

export const OPERATIONS = {
  listSessions: operation({
    path: '/sessions',
    summary: { cs: 'Seznam zasedání', en: 'List sessions' },
    description: {
      cs: 'Všechna zasedání (naplánovaná, živá, skončená i zrušená), od nejnovějšího plánovaného začátku, po 50.',
      en: 'Every session (scheduled, live, ended and cancelled), latest scheduled start first, 50 per page.',
    },
    params: noParams,
    query: sessionsQuerySchema,
    response: sessionListSchema,
  }),
  getSession: operation({
    path: '/sessions/{id}',
    summary: { cs: 'Jedno zasedání', en: 'One session' },
    description: {
      cs: 'Zasedání s programem, hostiteli, stavem videozáznamu (s adresou, když je hotový) a adresami přepisu.',
      en: 'A session with its agenda, hosts, the recording’s state (with its address once ready) and the transcript’s addresses.',
    },
    params: sessionParamsSchema,
    query: noQuery,
    response: sessionDetailSchema,
    single: true,
  }),
  listOfficials: operation({
    path: '/officials',
    summary: { cs: 'Adresář osob', en: 'List officials' },
    description: {
      cs: 'Zastupitelé, úředníci a další osoby, které město v adresáři zveřejňuje.',
      en: 'Councillors, clerks and other officials the town lists in its directory.',
    },
    params: noParams,
    query: noQuery,
    response: officialListSchema,
  }),
  listArchive: operation({
    path: '/archive',
    summary: { cs: 'Archiv skončených zasedání', en: 'The archive of ended sessions' },
    description: {
      cs: 'Skončená zasedání s délkou, počty dotazů a hlasů a jmény hostitelů, od nejnovějšího, po 24.',
      en: 'Ended sessions with their length, question and vote counts and hosts, newest first, 24 per page.',
    },
    params: noParams,
    query: archiveParamsQuerySchema,
    response: archivePageSchema,
  }),
  search: operation({
    path: '/search',
    summary: { cs: 'Hledání v archivu', en: 'Search the archive' },
    description: {
      cs: 'Hledá v názvech, bodech programu, veřejných dotazech a odpovědích a ve větách přepisů, česky (tvary slov, bez diakritiky). Po 20.',
      en: 'Searches titles, agenda items, public questions and answers and transcript sentences, in Czech (word forms, no diacritics needed). 20 per page.',
    },
    params: noParams,
    query: searchParamsQuerySchema,
    response: searchResultsSchema,
  }),
  listQuestions: operation({
    path: '/questions',
    summary: { cs: 'Veřejné dotazy a odpovědi', en: 'Public questions and answers' },
    description: {
      cs: 'Jen dotazy, které moderátoři schválili nebo které byly zodpovězeny, s odpovědí a jménem toho, kdo odpověděl. Anonymní dotazy jsou bez jména. Od nejnovějšího, po 100.',
      en: 'Only questions that moderators approved or that were answered, with the answer and who gave it. Anonymous questions have no name. Newest first, 100 per page.',
    },
    params: noParams,
    query: questionsQuerySchema,
    response: questionListSchema,
  }),
  listPolls: operation({
    path: '/polls',
    summary: { cs: 'Výsledky uzavřených anket', en: 'Results of closed polls' },
    description: {
      cs: 'Uzavřené ankety, jejichž výsledky jsou veřejné, s počty hlasů pro každou možnost. Od naposledy uzavřené, po 50.',
      en: 'Closed polls whose results are public, with the count for each option. Most recently closed first, 50 per page.',
    },
    params: noParams,
    query: pollsQuerySchema,
    response: pollListSchema,
  }),
};

export type Operations = typeof OPERATIONS;
export type OperationId = keyof Operations;

/** `/sessions/{id}` → `/sessions/:id` */
export const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
