// The public, read-only open-data API: /api/v1/* (the operations of operations.ts), its OpenAPI
// document at /api/openapi.json and the page for people at /api/docs. Mounted before the
// identity middleware: no cookies are read or set here. Open CORS, a per-address rate limit,
// short public caching (ETags come from express).
import { Router, type Request, type RequestHandler } from 'express';
import type { z } from 'zod';
import type { Prisma } from '../../db/database.ts';
import { apiNotFound } from '../../http/errors.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { LimiterFactory } from '../../lib/rate-limit.ts';
import { parseInput, type Locale } from '../../lib/validation.ts';
import { archivePage } from '../archive/data.ts';
import { searchArchive } from '../archive/search.ts';
import { say } from '../auth/actor.ts';
import { listOfficials } from '../officials/data.ts';
import { apiLocale, openCors } from './cors.ts';
import { docsPage } from './docs-page.ts';
import { openApiDocument } from './openapi.ts';
import {
  expressPath,
  OPEN_DATA_CACHE_SECONDS,
  OPEN_DATA_LIMIT,
  OPERATIONS,
  type OperationId,
  type Operations,
} from './operations.ts';
import { publicPollPage } from './polls.ts';
import { publicQuestionPage } from './questions.ts';
import { sessionList, sessionWithMedia } from './sessions.ts';

export interface OpenDataDeps {
  prisma: Prisma;
  clock: Clock;
  limiters: LimiterFactory;
  /** The town's zone, for the sessions' day filters. */
  timeZone: string;
  townName: string;
}

interface HandlerInput<K extends OperationId> {
  params: z.output<Operations[K]['params']>;
  query: z.output<Operations[K]['query']>;
  locale: Locale;
}

/** One handler per operation; each returns what its response schema accepts. */
type Handlers = {
  [K in OperationId]: (input: HandlerInput<K>) => Promise<z.input<Operations[K]['response']>>;
};

const DOCUMENT_CACHE = 'public, max-age=300';

/** The /api/v1 routes, exactly the operations of the table, and a 404 for anything else. */
export function openDataV1Router(
  deps: Pick<OpenDataDeps, 'prisma' | 'clock' | 'timeZone'>,
): Router {
  const { prisma, clock, timeZone } = deps;
  const handlers: Handlers = {
    listSessions: ({ query }) => sessionList(prisma, query, timeZone),
    getSession: async ({ params, locale }) => {
      const session = await sessionWithMedia(prisma, params.id);
      if (!session) throw notFound(say({ locale }, 'Zasedání', 'Session'));
      return session;
    },
    listOfficials: async () => ({ officials: await listOfficials(prisma) }),
    listArchive: ({ query }) => archivePage(prisma, query),
    search: ({ query }) => searchArchive(prisma, query),
    listQuestions: ({ query }) => publicQuestionPage(prisma, query),
    listPolls: ({ query }) => publicPollPage(prisma, query, clock.now()),
  };

  const router = Router();
  for (const id of Object.keys(OPERATIONS) as OperationId[]) {
    const op = OPERATIONS[id];
    const handle = handlers[id] as (input: {
      params: unknown;
      query: unknown;
      locale: Locale;
    }) => Promise<unknown>;
    router.get(expressPath(op.path), async (req, res) => {
      const locale = apiLocale(req);
      // A malformed id can only name something that does not exist: 404, not 400.
      const params = op.params.safeParse(req.params);
      if (!params.success)
        throw new AppError('not_found', say({ locale }, 'Nenalezeno', 'Not found'));
      const query = parseInput(op.query, req.query, locale);
      const result = await handle({ params: params.data, query, locale });
      // The documented shape, and nothing else, leaves (a mismatch is a bug: 500, logged).
      res
        .set('Cache-Control', `public, max-age=${OPEN_DATA_CACHE_SECONDS}`)
        .json(op.response.parse(result));
    });
  }
  router.use(apiNotFound);
  return router;
}

export function openDataRouter(deps: OpenDataDeps): Router {
  const document = openApiDocument(deps.townName);
  const page = docsPage(document, deps.townName);
  const limiter = deps.limiters({ keyPrefix: 'open-data', ...OPEN_DATA_LIMIT });
  const limit: RequestHandler = async (req: Request, _res, next) => {
    await limiter.consume(req.ip ?? 'unknown', 1, apiLocale(req));
    next();
  };

  const router = Router();
  router.use(['/v1', '/openapi.json'], openCors);
  router.use(['/v1', '/openapi.json', '/docs'], limit);
  router.get('/openapi.json', (_req, res) => {
    res.set('Cache-Control', DOCUMENT_CACHE).json(document);
  });
  router.get('/docs', (_req, res) => {
    res
      .set({
        'Cache-Control': DOCUMENT_CACHE,
        'Content-Security-Policy':
          "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
      })
      .type('html')
      .send(page);
  });
  router.use('/v1', openDataV1Router(deps));
  return router;
}
