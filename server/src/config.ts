// Environment, parsed once. Bad values stop the process with one readable list.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isIP } from 'node:net';
import { z } from 'zod';
import { isValidTimeZone } from './domain/time-zone.ts';

const optionalUrl = (protocols: RegExp) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.url({ protocol: protocols }).optional(),
  );

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: optionalUrl(/^postgres(ql)?$/),
    REDIS_URL: optionalUrl(/^rediss?$/),
    /** Prefix of every Redis key and channel, so several installations can share one Redis. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-z0-9_-]+$/i)
      .default('namesti'),
    PUBLIC_URL: optionalUrl(/^https?$/),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ADMIN_EMAIL: z.email().default('admin@namesti.local'),
    ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    SEED_DEMO: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
    TOWN_NAME: z.string().min(1).default('Město Náměstí'),
    TOWN_TIME_ZONE: z
      .string()
      .default('Europe/Prague')
      .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Prague'),
    /** Sites that may frame the /embed widgets, comma-separated origins; empty: any site. */
    EMBED_ORIGINS: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const origins = parseOrigins(value);
        if (origins === null) {
          ctx.addIssue({
            code: 'custom',
            message: 'must be comma-separated origins such as https://www.lhota.cz',
          });
          return z.NEVER;
        }
        return origins;
      }),
    TRUST_PROXY: z
      .string()
      .default('loopback')
      .transform((value, ctx) => {
        const parsed = parseTrustProxy(value);
        if (parsed === null) {
          ctx.addIssue({
            code: 'custom',
            message:
              'must be true, false, a hop count, or comma-separated addresses/CIDRs (loopback, linklocal, uniquelocal)',
          });
          return z.NEVER;
        }
        return parsed;
      }),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
    WEB_BUILD_DIR: z.string().default('web/build'),
    /** auto: live video when the mediasoup worker is built (npm run media:worker); off: never. */
    MEDIA: z.enum(['auto', 'off']).default('auto'),
    MEDIASOUP_WORKER_BIN: z.string().min(1).optional(),
    /** 0 = one worker per CPU core. */
    MEDIA_WORKERS: z.coerce.number().int().min(0).max(64).default(0),
    MEDIA_LISTEN_IP: z
      .string()
      .refine((v) => isIP(v) !== 0, 'must be an IP address')
      .default('127.0.0.1'),
    /** The address browsers reach the server's RTC ports at, behind NAT (IP or host name). */
    MEDIA_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
    MEDIA_RTC_MIN_PORT: z.coerce.number().int().min(1024).max(65535).default(40000),
    MEDIA_RTC_MAX_PORT: z.coerce.number().int().min(1024).max(65535).default(49999),
    /** Per publisher, bits per second. */
    MEDIA_MAX_BITRATE: z.coerce.number().int().min(100_000).max(50_000_000).default(3_000_000),
    /** Viewers per router before new ones go to a router on another worker (fan-out). */
    MEDIA_CONSUMERS_PER_ROUTER: z.coerce.number().int().min(1).max(10_000).default(200),
    /** Comma-separated turn: / turns: URLs handed to browsers that cannot reach the RTC ports. */
    TURN_URLS: z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(',')
              .map((u) => u.trim())
              .filter(Boolean)
          : [],
      )
      .refine(
        (urls) => urls.every((u) => /^(turns?|stun):/.test(u)),
        'must be turn:, turns: or stun: URLs',
      ),
    TURN_USERNAME: z.string().optional(),
    TURN_CREDENTIAL: z.string().optional(),
    FFMPEG_PATH: z.string().min(1).default('ffmpeg'),
    FFPROBE_PATH: z.string().min(1).default('ffprobe'),
    /** Speech to text for the archive: off, whisper (a local model file) or http (an
     * OpenAI-compatible /v1/audio/transcriptions service). */
    TRANSCRIBE_ENGINE: z.enum(['off', 'whisper', 'http']).default('off'),
    /** The language spoken in sessions (ISO 639-1). */
    TRANSCRIBE_LANGUAGE: z
      .string()
      .regex(/^[a-z]{2}$/)
      .default('cs'),
    /** A multilingual ggml whisper model (small or larger for Czech). */
    WHISPER_MODEL: z.string().min(1).optional(),
    WHISPER_THREADS: z.coerce.number().int().min(1).max(64).default(2),
    TRANSCRIBE_URL: optionalUrl(/^https?$/),
    TRANSCRIBE_API_KEY: z.string().min(1).optional(),
    TRANSCRIBE_MODEL: z.string().min(1).default('whisper-1'),
    /** Largest recording staff may upload, in megabytes. */
    UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(100_000).default(4096),
    /** Where e-mail goes out: smtp://user:pass@host:587 (STARTTLS) or smtps://…:465. Unset:
     * messages wait in the outbox. */
    SMTP_URL: optionalUrl(/^smtps?$/),
    /** The sender, `Name <address>` or an address; default: TOWN_NAME <noreply@PUBLIC_URL's host>. */
    MAIL_FROM: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .regex(
          /^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/,
          'must be an address or "Name <address>"',
        )
        .optional(),
    ),
    /** How often an idle node looks for e-mail to send (enqueueing on this node wakes it). */
    MAIL_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(5_000),
    /** The wait after a first failed send; each further failure waits four times longer. */
    MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
    /** How often each node looks for due session reminders, notices and announcements. */
    NOTICES_SWEEP_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  })
  .superRefine((env, ctx) => {
    if (env.TRANSCRIBE_ENGINE === 'whisper' && !env.WHISPER_MODEL) {
      ctx.addIssue({
        code: 'custom',
        path: ['WHISPER_MODEL'],
        message: 'is required with TRANSCRIBE_ENGINE=whisper (the path of a ggml model file)',
      });
    }
    if (env.TRANSCRIBE_ENGINE === 'http' && !env.TRANSCRIBE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['TRANSCRIBE_URL'],
        message: 'is required with TRANSCRIBE_ENGINE=http (the service’s base URL)',
      });
    }
    if (env.MEDIA_RTC_MIN_PORT >= env.MEDIA_RTC_MAX_PORT) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEDIA_RTC_MAX_PORT'],
        message: 'must be above MEDIA_RTC_MIN_PORT',
      });
    }
    if (env.REDIS_URL && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message:
          'is required with REDIS_URL: every node must sign citizen cookies with the same secret',
      });
    } else if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message:
          'is required when NODE_ENV=production (every node must share it); generate one with `openssl rand -base64 48`',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config extends Omit<Env, 'SESSION_SECRET'> {
  sessionSecret: string;
  /** Absolute path of the data folder (embedded database, generated secret). */
  dataDir: string;
  secureCookies: boolean;
  version: string;
}

/** `https://a.cz, http://b.cz:8080` → their origins; null when one is not a bare http(s) origin. */
function parseOrigins(value: string): string[] | null {
  const entries = value
    .split(',')
    .map((entry) => entry.trim().replace(/\/$/, ''))
    .filter(Boolean);
  const origins = entries.map((entry) => {
    try {
      const url = new URL(entry);
      // A path or query would be dropped silently by the CSP: refuse it instead.
      return /^https?:$/.test(url.protocol) && url.origin === entry ? url.origin : null;
    } catch {
      return null; // not a URL
    }
  });
  return origins.every((origin) => origin !== null) ? origins : null;
}

/** express `trust proxy`: a boolean, a hop count, or a list of addresses, CIDRs and names. */
function parseTrustProxy(value: string): boolean | number | string[] | null {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  const named = new Set(['loopback', 'linklocal', 'uniquelocal']);
  const valid = entries.every((entry) => {
    if (named.has(entry)) return true;
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    if (bits === undefined) return true;
    const n = Number(bits);
    return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
  });
  return valid ? entries : null;
}

export class ConfigError extends Error {}

/** Parses `env`; throws ConfigError listing every problem. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  - ${issue.path.join('.') || '(env)'}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const { SESSION_SECRET, ...rest } = parsed.data;
  const dataDir = path.resolve(rest.DATA_DIR);
  return {
    ...rest,
    dataDir,
    sessionSecret: SESSION_SECRET ?? loadOrCreateSecret(dataDir),
    secureCookies: rest.PUBLIC_URL?.startsWith('https:') ?? rest.NODE_ENV === 'production',
    version: readVersion(),
  };
}

/** Embedded mode: one random secret, generated once and kept in the data folder. */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  const read = (): string | null => {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      return null; // missing
    }
  };
  const existing = read();
  // A blank or truncated file would make every citizen cookie forgeable: replace it.
  if (existing && existing.length >= 32) return existing;
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: existing === null ? 'wx' : 'w' });
    return secret;
  } catch (err) {
    // Another process starting at the same moment wrote it first: use theirs.
    const theirs = read();
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' && theirs && theirs.length >= 32)
      return theirs;
    throw err;
  }
}

function readVersion(): string {
  const pkg = path.resolve(import.meta.dirname, '../../package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}
