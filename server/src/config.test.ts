import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

const SECRET = 'a-configured-secret-that-is-long-enough-0123456789';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'namesti-config-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** The ConfigError that parseConfig throws for `env`, or fails the test. */
function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('parseConfig accepted an invalid environment');
}

describe('parseConfig', () => {
  it('applies the defaults', () => {
    const config = parseConfig({ SESSION_SECRET: SECRET, DATA_DIR: dataDir });
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe('0.0.0.0');
    expect(config.NODE_ENV).toBe('development');
    expect(config.TOWN_TIME_ZONE).toBe('Europe/Prague');
    expect(config.ADMIN_EMAIL).toBe('admin@namesti.local');
    expect(config.SEED_DEMO).toBe(true);
    expect(config.REDIS_PREFIX).toBe('namesti');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.sessionSecret).toBe(SECRET);
    expect(config.secureCookies).toBe(false);
    expect(config.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(config.dataDir).toBe(path.resolve(dataDir));
    expect('SESSION_SECRET' in config).toBe(false);
  });

  it('parses the values it is given', () => {
    const config = parseConfig({
      SESSION_SECRET: SECRET,
      DATA_DIR: dataDir,
      PORT: '8080',
      DATABASE_URL: 'postgresql://u@db:5432/namesti',
      REDIS_URL: '',
      SEED_DEMO: '0',
      TOWN_TIME_ZONE: 'Europe/Bratislava',
    });
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBe('postgresql://u@db:5432/namesti');
    expect(config.REDIS_URL).toBeUndefined(); // empty means unset
    expect(config.SEED_DEMO).toBe(false);
    expect(config.TOWN_TIME_ZONE).toBe('Europe/Bratislava');
  });

  it('lists every problem in one ConfigError', () => {
    const err = configError({
      DATA_DIR: dataDir,
      SESSION_SECRET: SECRET,
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      ADMIN_PASSWORD: 'short',
      TOWN_TIME_ZONE: 'Mars/Olympus',
    });
    const lines = err.message.split('\n').filter((line) => line.startsWith('  - '));
    expect(lines.map((line) => line.slice(4).split(':')[0]).sort()).toEqual([
      'ADMIN_PASSWORD',
      'DATABASE_URL',
      'PORT',
      'TOWN_TIME_ZONE',
    ]);
    expect(err.message).toMatch(/ADMIN_PASSWORD: must be at least 12 characters/);
    expect(err.message).toMatch(/TOWN_TIME_ZONE: must be an IANA time zone/);
  });

  it('requires SESSION_SECRET in production', () => {
    const err = configError({ NODE_ENV: 'production', DATA_DIR: dataDir });
    expect(err.message).toMatch(/SESSION_SECRET: is required when NODE_ENV=production/);
    // Nothing was generated instead.
    expect(() => statSync(path.join(dataDir, 'session-secret'))).toThrow();
    expect(configError({ NODE_ENV: 'production', SESSION_SECRET: 'too short' }).message).toMatch(
      /SESSION_SECRET: must be at least 32 characters/,
    );
    const ok = parseConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, DATA_DIR: dataDir });
    expect(ok.sessionSecret).toBe(SECRET);
    expect(ok.secureCookies).toBe(true); // production without PUBLIC_URL: assume https
  });

  it('sets Secure cookies from the scheme of PUBLIC_URL', () => {
    const env = { SESSION_SECRET: SECRET, DATA_DIR: dataDir };
    expect(parseConfig({ ...env, PUBLIC_URL: 'https://namesti.example' }).secureCookies).toBe(true);
    expect(parseConfig({ ...env, PUBLIC_URL: 'http://localhost:3000' }).secureCookies).toBe(false);
    expect(
      parseConfig({ ...env, NODE_ENV: 'production', PUBLIC_URL: 'http://intranet.local' })
        .secureCookies,
    ).toBe(false);
    expect(configError({ ...env, PUBLIC_URL: 'ftp://x' }).message).toMatch(/PUBLIC_URL/);
  });

  it('embedded mode: generates a secret once in DATA_DIR and keeps it', () => {
    const dir = path.join(dataDir, 'nested', 'data'); // created on demand
    const first = parseConfig({ DATA_DIR: dir });
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, 'session-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first.sessionSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = parseConfig({ DATA_DIR: dir });
    expect(second.sessionSecret).toBe(first.sessionSecret);

    const elsewhere = parseConfig({ DATA_DIR: path.join(dataDir, 'other') });
    expect(elsewhere.sessionSecret).not.toBe(first.sessionSecret);
  });

  it('embedded mode: uses a secret already in DATA_DIR', () => {
    writeFileSync(path.join(dataDir, 'session-secret'), `${SECRET}\n`);
    expect(parseConfig({ DATA_DIR: dataDir }).sessionSecret).toBe(SECRET);
  });

  it('prefers SESSION_SECRET over the generated one and writes no file', () => {
    expect(parseConfig({ DATA_DIR: dataDir, SESSION_SECRET: SECRET }).sessionSecret).toBe(SECRET);
    expect(() => statSync(path.join(dataDir, 'session-secret'))).toThrow();
  });
});

describe('parseConfig, the secret file', () => {
  it('replaces a blank session-secret file with a fresh secret, and keeps it', () => {
    const file = path.join(dataDir, 'session-secret');
    writeFileSync(file, '\n');
    const secret = parseConfig({ DATA_DIR: dataDir }).sessionSecret;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, 'utf8').trim()).toBe(secret);
    expect(parseConfig({ DATA_DIR: dataDir }).sessionSecret).toBe(secret);
  });
});

describe('parseConfig, several nodes and proxies', () => {
  it('requires SESSION_SECRET with REDIS_URL, so every node signs cookies alike', () => {
    expect(() => parseConfig({ DATA_DIR: dataDir, REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /SESSION_SECRET.*REDIS_URL/,
    );
  });

  it('parses TRUST_PROXY as express expects and refuses nonsense', () => {
    const parse = (TRUST_PROXY: string) =>
      parseConfig({ DATA_DIR: dataDir, SESSION_SECRET: SECRET, TRUST_PROXY }).TRUST_PROXY;
    expect(parse('true')).toBe(true);
    expect(parse('1')).toBe(1);
    expect(parse('loopback, 10.0.0.0/8, fd00::/8')).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
    expect(() => parse('everyone')).toThrow(ConfigError);
    expect(() => parse('10.0.0.0/99')).toThrow(/TRUST_PROXY/);
  });
});

describe('parseConfig, embeds', () => {
  const parse = (EMBED_ORIGINS?: string) =>
    parseConfig({ DATA_DIR: dataDir, SESSION_SECRET: SECRET, EMBED_ORIGINS }).EMBED_ORIGINS;

  it('lets any site frame the widgets unless EMBED_ORIGINS lists some', () => {
    expect(parse()).toEqual([]);
    expect(parse('')).toEqual([]);
    expect(parse('https://www.lhota.cz, http://intranet.lhota.cz:8080/')).toEqual([
      'https://www.lhota.cz',
      'http://intranet.lhota.cz:8080',
    ]);
  });

  it('refuses what is not a bare http(s) origin', () => {
    expect(() => parse('www.lhota.cz')).toThrow(/EMBED_ORIGINS/);
    expect(() => parse('https://www.lhota.cz/obec')).toThrow(ConfigError);
    expect(() => parse('ftp://lhota.cz')).toThrow(ConfigError);
    expect(() => parse('*')).toThrow(ConfigError);
  });
});
