// End-to-end: the built app on the embedded default (PGlite, in-process realtime) — the same
// path as the README's `npm start` — driven in Debian's Chromium with several browser contexts.
// E-mail goes out over real SMTP to the run's own server (mailbox/).
import { defineConfig } from '@playwright/test';
import { MAILBOX } from './mailbox/where.ts';

const PORT = Number(process.env.E2E_PORT ?? 3211);
/** Its own data per port: two runs on one machine (different E2E_PORTs) keep apart. */
const DATA_DIR = `.data-e2e-${PORT}`;
export const E2E_ADMIN = { email: 'admin@e2e.namesti.local', password: 'e2e admin password 2026' };

export default defineConfig({
  testDir: './tests',
  // The SMTP server the app sends through; the tests read what it received.
  globalSetup: './mailbox/global-setup.ts',
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
    command: `rm -rf ${DATA_DIR} && node --import tsx server/src/main.ts`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR,
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      // One mediasoup worker: the test machine has two slow cores.
      MEDIA_WORKERS: '1',
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      SMTP_URL: `smtp://127.0.0.1:${MAILBOX.smtpPort}`,
      MAIL_FROM: 'Město Náměstí <radnice@namesti.test>',
      // The SMTP server may start after the app: the first try is soon again.
      MAIL_POLL_MS: '300',
      MAIL_RETRY_BASE_MS: '500',
    },
  },
});
