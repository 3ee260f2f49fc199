// The express app: /api (JSON, identity, CSRF check, feature routers, typed errors),
// then the SvelteKit handler for every page. One process, one port.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import express, { type RequestHandler, type Router } from 'express';
import type { Logger } from '../lib/logger.ts';
import { apiNotFound, errorHandler } from './errors.ts';
import { sameOriginWrites } from './context.ts';
import { framingPolicy } from './framing.ts';

export interface HttpAppDeps {
  logger: Logger;
  trustProxy: boolean | number | string[];
  identify: RequestHandler;
  /** Routers that need no identity (health). */
  publicRouters: Router[];
  /** Outside /api, with their own error answers (WHIP ingest). */
  rootRouters?: Router[];
  routers: Router[];
  webBuildDir: string;
  publicUrl: string | undefined;
  /** Sites that may frame the /embed widgets; empty: any site. */
  embedOrigins: readonly string[];
}

/** The header through which we tell SvelteKit the protocol express worked out (trust proxy). */
const PROTOCOL_HEADER = 'x-namesti-proto';

/**
 * SvelteKit's adapter-node needs the public origin (for `url`, and its CSRF check on form
 * posts). It reads the environment when its handler is imported, so set it first.
 */
function configureWebOrigin(publicUrl: string | undefined) {
  if (publicUrl) process.env.ORIGIN ??= publicUrl.replace(/\/$/, '');
  else process.env.PROTOCOL_HEADER ??= PROTOCOL_HEADER;
}

const forwardProtocol: RequestHandler = (req, _res, next) => {
  req.headers[PROTOCOL_HEADER] = req.protocol;
  next();
};

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=()',
  });
  next();
};

export async function createHttpApp(deps: HttpAppDeps) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(securityHeaders, framingPolicy(deps.embedOrigins));

  const api = express.Router();
  api.use(...deps.publicRouters);
  api.use(
    express.json({ limit: '100kb' }),
    deps.identify,
    sameOriginWrites(deps.publicUrl),
    ...deps.routers,
  );
  api.use(apiNotFound);
  app.use('/api', api, errorHandler(deps.logger));
  if (deps.rootRouters?.length) app.use(...deps.rootRouters);

  const handlerFile = path.resolve(deps.webBuildDir, 'handler.js');
  if (existsSync(handlerFile)) {
    configureWebOrigin(deps.publicUrl);
    const { handler } = (await import(pathToFileURL(handlerFile).href)) as {
      handler: RequestHandler;
    };
    // Pages get the citizen cookie too, before SvelteKit renders them.
    app.use(forwardProtocol, deps.identify, handler);
  } else {
    deps.logger.warn(
      { handlerFile },
      'web UI is not built: run `npm run build` (or `npm run dev`)',
    );
    app.use((_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send('Náměstí: the web UI is not built. Run `npm run build`.');
    });
  }
  app.use(errorHandler(deps.logger));
  return app;
}
