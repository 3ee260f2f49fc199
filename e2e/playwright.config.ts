// End-to-end: the built app on the embedded default (PGlite, in-process realtime) — the same
// path as the README's `npm start` — driven in Debian's Chromium with several browser contexts.
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3211);
export const E2E_ADMIN = { email: 'admin@e2e.namesti.local', password: 'e2e admin password 2026' };

export default defineConfig({
  testDir: './tests',
  outputDir: '../test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'cs-CZ',
    timezoneId: 'Europe/Prague',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        // Live video: a fake camera and microphone, no permission prompt, WebRTC on loopback.
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        '--allow-loopback-in-peer-connection',
      ],
    },
  },
  webServer: {
    command: `rm -rf .data-e2e && node --import tsx server/src/main.ts`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: '.data-e2e',
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      // One mediasoup worker: the test machine has two slow cores.
      MEDIA_WORKERS: '1',
    },
  },
});
