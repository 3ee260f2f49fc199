// Open CORS for the read-only public data: any site may read it from a browser, without
// cookies (no Allow-Credentials, so browsers never send them). Only GET, HEAD and OPTIONS;
// anything else is 405. The rest of /api uses cookies and stays same-origin only.
import type { Request, RequestHandler } from 'express';
import type { WireError } from '../../protocol/errors.ts';

const METHODS = 'GET, HEAD, OPTIONS';
/** Header names a preflight may ask for: plain tokens only, echoed back. */
const HEADER_LIST = /^[A-Za-z0-9-]+(\s*,\s*[A-Za-z0-9-]+)*$/;

export const apiLocale = (req: Request) =>
  req.acceptsLanguages('cs', 'en') === 'en' ? 'en' : 'cs';

export const openCors: RequestHandler = (req, res, next) => {
  res.set({
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'ETag, Retry-After',
  });
  if (req.method === 'OPTIONS') {
    const asked = req.get('access-control-request-headers')?.trim();
    res.set({
      Allow: METHODS,
      'Access-Control-Allow-Methods': METHODS,
      'Access-Control-Max-Age': '86400',
      ...(asked && asked.length <= 500 && HEADER_LIST.test(asked)
        ? { 'Access-Control-Allow-Headers': asked }
        : {}),
    });
    res.status(204).end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    // The closed error codes have no "method not allowed"; the status says it.
    const error: WireError = {
      code: 'bad_request',
      message:
        apiLocale(req) === 'en'
          ? 'This API is read-only: use GET.'
          : 'Toto API je jen pro čtení: použijte GET.',
    };
    res.set('Allow', METHODS).status(405).json({ error });
    return;
  }
  next();
};
