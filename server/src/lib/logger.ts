import pino from 'pino';

/** The root logger; features take `logger.child({ ... })` with a request or socket id. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  base: { pid: process.pid },
  redact: ['req.headers.cookie', 'password', '*.password', 'passwordHash'],
});

export type Logger = pino.Logger;
