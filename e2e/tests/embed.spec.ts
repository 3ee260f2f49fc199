// The embeds end to end: an admin makes the snippets on /admin/embed (the preview frames what
// the snippet holds), a town's page on another origin pastes them, and both widgets render
// there: the latest answers in the board's order, and the next mayor's chat, which turns into
// the live player the moment the chat starts, without a reload. Axe and a 300 px width check
// each widget on its own, light and dark, Czech and English.
import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import {
  EmbedAdminPage,
  expectFrameFitsWidget,
  expectReadableWidget,
  widgetIn,
} from '../pages/embed.ts';
import { ModeratorConsole } from '../pages/moderator.ts';
import { expectAccessible } from './axe.ts';
import { hostSite, type HostSite } from './host-site.ts';
import { townTime } from '../../server/test/support/town-time.ts';
import { browserPage } from './support.ts';

let site: HostSite | null = null;
test.afterEach(async () => {
  await site?.close();
  site = null;
});

/** The citizen asks on the board, the admin approves it in the board's console and answers it
 * on the desk; returns the question's text. */
async function answeredOnBoard(citizen: Page, admin: Page, text: string): Promise<string> {
  type Named = { id: string; name: string };
  const board = (await (await admin.request.get('/api/board')).json()) as {
    sessionId: string;
    topics: Named[];
  };
  const officials = (await (await admin.request.get('/api/officials')).json()) as Named[];
  const asked = await citizen.request.post('/api/board/questions', {
    data: { text, topicId: board.topics[0]!.id },
  });
  expect(asked.status(), await asked.text()).toBe(201);
  const { id } = (await asked.json()) as { id: string };
  const moderator = new ModeratorConsole(await admin.context().newPage());
  await moderator.open(board.sessionId);
  await moderator.approve(text);
  await expect(moderator.live(text)).toBeVisible();
  await moderator.page.close();
  const answered = await admin.request.post(`/api/board/questions/${id}/answer`, {
    data: { answer: 'Oprava začne v dubnu a potrvá šest týdnů.', officialId: officials[0]!.id },
  });
  expect(answered.status(), await answered.text()).toBe(200);
  return text;
}

async function loginByApi(page: Page) {
  const res = await page.request.post('/api/auth/login', { data: E2E_ADMIN });
  expect(res.status()).toBe(200);
}

test('a town’s website frames both widgets from the admin’s snippets; the chat goes live in place', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const run = Date.now().toString(36);
  const title = `Chat se starostkou o lávce ${run}`;

  const admin = await browserPage(browser);
  await admin.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await loginByApi(admin);
  const created = await admin.request.post('/api/admin/sessions', {
    data: { kind: 'mayor_chat', title, scheduledStart: townTime(45 * 60_000), durationMinutes: 60 },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  // The admin makes the board widget: three answers, dark, in English; the preview frames the
  // snippet's address, and the copy button puts the snippet on the clipboard and says so.
  const maker = new EmbedAdminPage(admin);
  await maker.open();
  await expectAccessible(admin, 'admin embed');
  await maker.choose({ widget: 'Otázky', count: 3, look: 'Tmavý', lang: 'English' });
  expect(await maker.snippetSrc()).toMatch(/\/embed\/otazky\?count=3&look=dark&lang=en$/);
  await maker.expectSnippetMatchesPreview();
  await expect(
    maker.preview.contentFrame().getByRole('heading', { level: 1, name: 'Latest answers' }),
  ).toBeVisible();
  await admin.getByRole('button', { name: 'Zkopírovat kód' }).click();
  await expect(maker.copied).toHaveText('Kód je zkopírovaný do schránky.');
  const copied = await admin.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  );
  const boardSnippet = await maker.snippet.inputValue();
  expect(copied).toBe(boardSnippet);

  // And the sessions widget: mayor's chats only, one of them, compact, light and Czech again.
  await maker.choose({
    widget: 'Setkání',
    count: 1,
    kind: 'Rozhovor se starostou',
    look: 'Světlý',
    lang: 'Čeština',
    compact: true,
  });
  expect(await maker.snippetSrc()).toMatch(/\/embed\/setkani\?count=1&kind=mayor_chat&compact=1$/);
  await maker.expectSnippetMatchesPreview();
  const sessionsSnippet = await maker.snippet.inputValue();

  // The town's page, on another origin, pastes both snippets as they are.
  site = await hostSite(`${sessionsSnippet}\n${boardSnippet}`);
  const citizen = await browserPage(browser);
  await citizen.goto(site.url);

  // The board widget lists the three latest answers, in the API's order, each with a link to
  // the question's page in a new tab, and says where it comes from.
  const answers = (await (
    await citizen.request.get('/api/board/questions?state=answered&sort=answered')
  ).json()) as { questions: { id: string; text: string }[] };
  const latest = answers.questions.slice(0, 3);
  // Its frame's title is in the widget's language too.
  const board = widgetIn(citizen, 'Questions:');
  await expect(board.getByRole('heading', { level: 1 })).toHaveText('Latest answers');
  // Each link tells screen readers it opens a new tab.
  await expect(board.getByRole('heading', { level: 2 })).toHaveText(
    latest.map((q) => `${q.text} (opens in a new window)`),
  );
  const first = board.getByRole('link', { name: latest[0]!.text });
  await expect(first).toHaveAttribute('href', `/otazky/${latest[0]!.id}`);
  await expect(first).toHaveAttribute('target', '_blank');
  await expect(board.getByRole('link', { name: /^Náměstí — Město Náměstí/ })).toBeVisible();
  await expectFrameFitsWidget(citizen, 'Questions:');

  // A question answered on the board now comes to the top of the widget by itself.
  const news = await answeredOnBoard(citizen, admin, `Kdy opraví lávku u splavu? ${run}`);
  await expect(board.getByRole('heading', { level: 2 }).first()).toHaveText(
    `${news} (opens in a new window)`,
  );
  await expect(board.getByRole('heading', { level: 2 })).toHaveCount(3);
  await expectFrameFitsWidget(citizen, 'Questions:');

  // The sessions widget shows the chat as the next one, then the player once it starts.
  const sessions = widgetIn(citizen, 'Setkání:');
  await expect(sessions.getByRole('heading', { level: 1 })).toHaveText('Nejbližší setkání');
  await expect(sessions.getByTestId('embed-session')).toHaveCount(1);
  await expectFrameFitsWidget(citizen, 'Setkání:');
  await expect(sessions.getByRole('heading', { level: 2 })).toHaveText(
    `${title} (otevře se v novém okně)`,
  );
  const started = await admin.request.post(`/api/sessions/${id}/lifecycle`, {
    data: { action: 'start' },
  });
  expect(started.status()).toBe(200);
  await expect(sessions.getByRole('heading', { level: 1 })).toHaveText('Právě živě');
  await expect(sessions.getByTestId('embed-live')).toContainText(title);
  await expect(sessions.getByTestId('live-player')).toBeVisible();
  await expect(sessions.getByTestId('video-state-text')).toHaveText(/.+/);
  // The player is taller than the list was: the frame grew with it.
  await expectFrameFitsWidget(citizen, 'Setkání:');

  // When the chat ends, the widget goes back to the list by itself.
  const ended = await admin.request.post(`/api/sessions/${id}/lifecycle`, {
    data: { action: 'end' },
  });
  expect(ended.status()).toBe(200);
  await expect(sessions.getByRole('heading', { level: 1 })).toHaveText('Nejbližší setkání');
});

test('the widgets are accessible and readable at 300 px, light and dark', async ({ page }) => {
  test.setTimeout(90_000);
  await expectReadableWidget(page, '/embed/otazky?count=4');
  await expect(page.getByTestId('embed-question')).toHaveCount(4);
  await expectReadableWidget(page, '/embed/otazky?look=dark&compact=1&lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The demo town's consultation is live: the dark widget shows its player.
  await expectReadableWidget(page, '/embed/setkani?look=dark');
  await expectReadableWidget(page, '/embed/setkani?kind=hearing&lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Upcoming sessions');
});

test('hosts make embeds too; moderators do not', async ({ browser }) => {
  const admin = await browserPage(browser);
  await loginByApi(admin);
  const run = Date.now().toString(36);
  const login = async (role: 'host' | 'moderator') => {
    const account = {
      email: `${role}-${run}@e2e.namesti.local`,
      password: 'a long enough password 2026',
    };
    const created = await admin.request.post('/api/admin/staff', {
      data: { ...account, name: `Test ${role}`, role, departmentIds: [] },
    });
    expect(created.status(), await created.text()).toBe(201);
    const page = await browserPage(browser);
    expect((await page.request.post('/api/auth/login', { data: account })).status()).toBe(200);
    return page;
  };

  const host = await login('host');
  await new EmbedAdminPage(host).open();
  await expect(host.getByRole('link', { name: 'Vložení na web' })).toBeVisible();

  const moderator = await login('moderator');
  await moderator.goto('/admin');
  await expect(moderator.getByRole('link', { name: 'Vložení na web' })).toHaveCount(0);
  const refused = await moderator.goto('/admin/embed');
  expect(refused?.status()).toBe(403);
});
