// Setup shared by the live specs: a fresh browser context per person, a live consultation
// made through the admin API, and a citizen who has joined its room.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { SessionPage } from '../pages/citizen.ts';

/** A page in a browser context of its own: another person, with their own cookies. */
export async function browserPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** A live consultation made through the admin API with the moderator's login. */
export async function liveConsultation(page: Page, title: string): Promise<string> {
  const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const created = await page.request.post('/api/admin/sessions', {
    data: {
      kind: 'consultation',
      title,
      scheduledStart: `${day}T18:00`,
      durationMinutes: 90,
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const started = await page.request.post(`/api/sessions/${id}/lifecycle`, {
    data: { action: 'start' },
  });
  expect(started.status()).toBe(200);
  return id;
}

/** A citizen in a context of their own, on the session page and in its room. */
export async function citizenOn(browser: Browser, sessionId: string): Promise<SessionPage> {
  const session = new SessionPage(await browserPage(browser));
  await session.open(sessionId);
  return session;
}

/**
 * For specs whose people keep a camera or a decoder running: each gets a page in a context of
 * their own, closed after every test so it does not slow the later ones.
 */
export function pagesClosedAfterEach(): (browser: Browser) => Promise<Page> {
  const opened: Page[] = [];
  test.afterEach(async () => {
    for (const page of opened.splice(0)) await page.context().close();
  });
  return async (browser) => {
    const page = await browserPage(browser);
    opened.push(page);
    return page;
  };
}
