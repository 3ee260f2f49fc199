// The production shape in docker-compose.yml: checked by Docker's own parser where one
// is installed, and its essentials asserted here either way.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<
    string,
    { healthcheck?: unknown; environment?: Record<string, string>; volumes?: string[] }
  >;
  volumes: Record<string, unknown>;
};

function composeCli(): string[] | null {
  if (spawnSync('docker', ['compose', 'version']).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version']).status === 0) return ['docker-compose'];
  return null;
}

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, Redis and two app replicas behind a sticky load balancer', () => {
    expect(Object.keys(compose.services).sort()).toEqual([
      'app1',
      'app2',
      'postgres',
      'proxy',
      'redis',
    ]);
    for (const service of Object.values(compose.services))
      expect(service.healthcheck).toBeDefined();
    for (const app of [compose.services.app1!, compose.services.app2!]) {
      expect(app.environment).toMatchObject({
        REDIS_URL: 'redis://redis:6379',
        NODE_ENV: 'production',
      });
      expect(app.environment?.DATABASE_URL).toMatch(/^postgresql:\/\//);
      // A session's media may move between nodes: its recording must be on shared storage.
      expect(app.volumes).toContain('recordings:/data/recordings');
    }
    expect(Object.keys(compose.volumes).sort()).toEqual([
      'app1-data',
      'app2-data',
      'postgres-data',
      'recordings',
      'redis-data',
    ]);
    const nginx = readFileSync(path.join(root, 'docker/nginx.conf'), 'utf8');
    expect(nginx).toMatch(/ip_hash;/);
    expect(nginx).toMatch(/server app1:3000/);
    expect(nginx).toMatch(/server app2:3000/);
  });

  it('passes the Compose CLI validation when a Compose CLI is installed', (ctx) => {
    const cli = composeCli();
    if (!cli) return ctx.skip();
    execFileSync(cli[0]!, [...cli.slice(1), 'config', '-q'], {
      cwd: root,
      env: { ...process.env, POSTGRES_PASSWORD: 'x', SESSION_SECRET: 'y'.repeat(40) },
    });
  });
});
