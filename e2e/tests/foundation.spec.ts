// The walking skeleton end to end: an admin creates a consultation; a citizen in another
// browser sees it; the admin starts and ends it and the citizen's open page follows live.
import { expect, test, type Browser } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import { LoginPage, SessionEditorPage } from '../pages/admin.ts';
import { HomePage, SessionPage } from '../pages/citizen.ts';
import { expectAccessible } from './axe.ts';

async function newContext(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

function nextWeekLocal(): string {
  const day = new Date(Date.now() + 7 * 86_400_000);
  return `${day.toISOString().slice(0, 10)}T18:00`;
}

test('admin creates a consultation, a citizen sees it go live and end without reloading', async ({
  browser,
}) => {
  // Two browsers and seven axe runs: close to a minute on a 2-core machine.
  test.setTimeout(120_000);
  const admin = await newContext(browser);
  const citizen = await newContext(browser);
  const title = `Projednání: nová lávka přes řeku ${Date.now().toString(36)}`;

  // The citizen starts on the home page with the demo town.
  const home = new HomePage(citizen.page);
  await home.open();
  await expect(home.section('Živě teď')).toContainText('revitalizace parku Na Výsluní');
  await home.checkAccessibility();

  // The admin logs in and creates a consultation with an agenda.
  await new LoginPage(admin.page).login(E2E_ADMIN.email, E2E_ADMIN.password);
  await expectAccessible(admin.page, 'admin dashboard');
  const editor = new SessionEditorPage(admin.page);
  const sessionId = await editor.create({
    kind: 'Veřejné projednání',
    title,
    start: nextWeekLocal(),
    durationMinutes: 90,
    agenda: ['Představení záměru', 'Dotazy občanů'],
  });
  await expectAccessible(admin.page, 'session editor');

  // The citizen finds it among upcoming sessions and opens it.
  await home.open();
  await expect(home.section('Připravujeme')).toContainText(title);
  await home.sessionLink(title).click();
  const session = new SessionPage(citizen.page);
  await expect(citizen.page).toHaveURL(new RegExp(`/sessions/${sessionId}`));
  await expect(session.viewerCount).toContainText('1');
  await expect(session.status).toHaveText(/Naplánováno/);
  await expect(
    citizen.page.getByRole('list').filter({ hasText: 'Představení záměru' }),
  ).toContainText('Dotazy občanů');
  await session.checkAccessibility();

  // The admin starts it: the citizen's open page switches to live without a reload.
  await editor.startLive();
  await expect(session.status).toHaveText(/Živě/);
  await session.checkAccessibility();

  // A second viewer shows up in the count.
  const second = await newContext(browser);
  await new SessionPage(second.page).open(sessionId);
  await expect(session.viewerCount).toContainText('2');

  await editor.endLive();
  await expect(session.status).toHaveText(/Skončilo/);

  await Promise.all([admin.context.close(), citizen.context.close(), second.context.close()]);
});

test('the session form shows field errors from the API next to each field', async ({ browser }) => {
  const admin = await newContext(browser);
  await new LoginPage(admin.page).login(E2E_ADMIN.email, E2E_ADMIN.password);
  const editor = new SessionEditorPage(admin.page);
  await editor.openNew();
  await admin.page.getByLabel('Název', { exact: true }).fill('x');
  await editor.submit();
  const title = admin.page.getByLabel('Název', { exact: true });
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(admin.page.getByRole('alert').first()).toBeVisible();
  await expectAccessible(admin.page, 'session form with errors');
  await admin.context.close();
});

test('unknown pages and sessions show a 404 page', async ({ page }) => {
  const response = await page.goto(`/sessions/${crypto.randomUUID()}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stránka nenalezena');
  await expectAccessible(page, '404');
  const garbage = await page.goto('/sessions/not-a-real-id');
  expect(garbage?.status()).toBe(404);
});

test('the officials directory and English version are accessible', async ({ page }) => {
  await page.goto('/officials');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zastupitelé a úředníci');
  await expect(page.getByText('Mgr. Jana Nováková')).toBeVisible();
  await expectAccessible(page, 'officials');
  await page
    .getByRole('link', { name: 'English' })
    .or(page.getByRole('button', { name: 'English' }))
    .click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Zastupitelé a úředníci');
  await expectAccessible(page, 'officials (en)');
  await page.goto('/');
  await expectAccessible(page, 'home (en)');
});
