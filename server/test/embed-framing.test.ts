// Who may frame which page: the /embed widgets any site (or the listed ones), everything else
// only our own pages. The pages come from the web build's handler, stubbed here by a tiny one,
// so the test checks the headers on exactly the responses SvelteKit would make.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../src/app.ts';
import { startTestApp } from './support/app.ts';

let webBuildDir: string;

beforeAll(() => {
  webBuildDir = mkdtempSync(path.join(tmpdir(), 'namesti-embed-web-'));
  writeFileSync(path.join(webBuildDir, 'package.json'), '{"type":"module"}\n');
  writeFileSync(
    path.join(webBuildDir, 'handler.js'),
    `export const handler = (req, res) => {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end('<!doctype html><title>stub</title><p>' + req.url + '</p>');
};\n`,
  );
});
afterAll(() => rmSync(webBuildDir, { recursive: true, force: true }));

async function headersOf(app: RunningApp, pathname: string) {
  const res = await fetch(`${app.url}${pathname}`);
  await res.text();
  return {
    status: res.status,
    csp: res.headers.get('content-security-policy'),
    xfo: res.headers.get('x-frame-options'),
    body: res.headers.get('content-type'),
  };
}

describe('framing with EMBED_ORIGINS unset', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp({ WEB_BUILD_DIR: webBuildDir });
  });
  afterAll(() => app.close());

  it('lets any site frame the widgets, and their data requests', async () => {
    for (const pathname of ['/embed/setkani?look=dark', '/embed/otazky/__data.json']) {
      const headers = await headersOf(app, pathname);
      expect(headers.status).toBe(200);
      expect(headers.body).toMatch(/text\/html/); // the stub handler answered
      expect(headers.csp).toBe('frame-ancestors *');
      expect(headers.xfo).toBeNull();
    }
  });

  it('tells the widgets the town’s name', async () => {
    const res = await fetch(`${app.url}/api/site`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ townName: 'Město Náměstí' });
  });

  it('keeps every other page, and the API, to our own frames', async () => {
    for (const pathname of ['/', '/sessions/x', '/embedded', '/admin/embed', '/api/health']) {
      const headers = await headersOf(app, pathname);
      expect(headers.csp, pathname).toBe("frame-ancestors 'self'");
      expect(headers.xfo, pathname).toBe('SAMEORIGIN');
    }
  });
});

describe('framing with EMBED_ORIGINS', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp({
      WEB_BUILD_DIR: webBuildDir,
      EMBED_ORIGINS: 'https://www.lhota.cz, http://intranet.lhota.cz:8080',
    });
  });
  afterAll(() => app.close());

  it('lets only those sites (and our admin preview) frame the widgets', async () => {
    const headers = await headersOf(app, '/embed/otazky?count=3');
    expect(headers.status).toBe(200);
    expect(headers.csp).toBe(
      "frame-ancestors 'self' https://www.lhota.cz http://intranet.lhota.cz:8080",
    );
    expect(headers.xfo).toBeNull();
  });

  it('still keeps other pages to our own frames', async () => {
    const headers = await headersOf(app, '/otazky');
    expect(headers.csp).toBe("frame-ancestors 'self'");
    expect(headers.xfo).toBe('SAMEORIGIN');
  });
});
