// The question board end to end, in three browsers: a citizen asks on /otazky without an
// account and leaves an e-mail, confirmed by the link that arrives at the run's SMTP server →
// a moderator approves it in the board's console (it is already routed to the topic's
// department) → a clerk of that department answers it on the desk, signing with an official
// → the answer arrives by e-mail with the question's link → the public page shows the answer
// with the official's photo, and the figures page its charts. A second question is assigned in the console and handed on by the clerk,
// so its public page tells its way through the town hall. Axe runs on every page.
import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import { LoginPage } from '../pages/admin.ts';
import {
  BoardPage,
  BoardQuestionPage,
  BoardStatsPage,
  DepartmentDeskPage,
} from '../pages/board.ts';
import { ModeratorConsole } from '../pages/moderator.ts';
import { expectAccessible } from './axe.ts';
import { linkIn, mailsTo } from './mailbox.ts';
import { browserPage } from './support.ts';

const TRAFFIC = 'Odbor dopravy';
const GREEN = 'Odbor životního prostředí';
const SIGNER = 'Ing. Tomáš Černý';

interface Board {
  sessionId: string;
  departments: { id: string; name: string }[];
}

test('a citizen asks the board, a clerk answers on the desk, everyone reads it', async ({
  browser,
}) => {
  // Three people, six axe runs and a socket console on a loaded two-core machine.
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const asked = `Kdy bude u nádraží nový přechod pro chodce? (${run})`;
  const misplaced = `Kdo opraví rozbitou lampu v Husově ulici? (${run})`;
  const answer = `Přechod postavíme v březnu, osvětlení dostane i zastávka. (${run})`;
  const note = `Veřejné osvětlení spravuje životní prostředí. (${run})`;
  const email = `jana.mala.${run}@example.cz`;

  // The English address leads to the Czech one.
  const citizen = new BoardPage(await browserPage(browser));
  await citizen.page.goto('/questions');
  await expect(citizen.page).toHaveURL(/\/otazky$/);
  await citizen.open();
  await citizen.checkAccessibility();

  // The citizen asks with the keyboard alone, then once more with the mouse; both wait for
  // a moderator and are not listed yet.
  await citizen.askWithKeyboard(asked, {
    topic: 'Doprava a parkování',
    neighbourhood: 'Nádražní čtvrť',
    name: 'Jana Malá',
    email,
  });
  await expect(citizen.sent).toHaveAttribute('data-status', 'pending');
  await expect(citizen.sent).toContainText('čeká na moderátora');
  await expect(citizen.sent).toContainText(`Na adresu ${email} jsme poslali odkaz.`);
  await expect(citizen.askForm.getByLabel('Vaše otázka')).toHaveValue('');
  await citizen.ask(misplaced, { topic: 'Ostatní' });
  await expect(citizen.question(asked)).toHaveCount(0);

  // The confirmation link, opened before any moderator has seen the question, lands on the
  // board (the question has no public page yet).
  const [confirmation] = await mailsTo(email);
  expect(confirmation!.subject).toContain('Potvrďte odběr odpovědi');
  expect(confirmation!.text).toContain(asked);
  await citizen.page.goto(linkIn(confirmation!, 'follow/confirm'));
  await expect(citizen.page).toHaveURL(/\/otazky\?odber=potvrzen$/);
  await expect(citizen.page.getByTestId('board-follow-notice')).toContainText(
    'Adresa je potvrzená.',
  );

  // The moderator reaches the board's console from the admin and approves both. The first is
  // routed to its topic's department already; the second goes from the mayor's office to
  // the traffic department.
  const moderatorPage = await browserPage(browser);
  await new LoginPage(moderatorPage).login(E2E_ADMIN.email, E2E_ADMIN.password);
  const board = (await (await moderatorPage.request.get('/api/board')).json()) as Board;
  const departmentId = (name: string) => board.departments.find((d) => d.name === name)!.id;
  await moderatorPage.goto('/admin/board');
  await moderatorPage.getByTestId('moderate-board').click();
  await expect(moderatorPage).toHaveURL(`/sessions/${board.sessionId}/moderate`);
  const moderator = new ModeratorConsole(moderatorPage);
  await expect(moderatorPage.getByTestId('incoming')).toBeVisible();
  await expect(moderator.incoming(asked)).toContainText('Téma: Doprava a parkování');
  await expect(moderator.incoming(asked)).toContainText(`Oddělení: ${TRAFFIC}`);
  await moderator.approve(asked);
  await expect(moderator.live(asked)).toBeVisible();
  await moderator.assign(asked, TRAFFIC);
  await expect(moderator.live(asked)).toContainText(`Oddělení: ${TRAFFIC}`);
  await moderator.approve(misplaced);
  await expect(moderator.live(misplaced)).toContainText('Oddělení: Kancelář starosty');
  await moderator.assign(misplaced, TRAFFIC);
  await expect(moderator.live(misplaced)).toContainText(`Oddělení: ${TRAFFIC}`);
  await moderator.checkAccessibility();
  // The board has no hosts: any official may sign an answer in the console (left unsent).
  const live = moderator.live(misplaced);
  await live.getByRole('button', { name: /^Zodpovězeno… – otázka/ }).click();
  await expect(
    live.getByLabel('Kdo odpověděl').getByRole('option', { name: new RegExp(SIGNER) }),
  ).toHaveCount(1);
  await live.getByRole('button', { name: 'Zrušit', exact: true }).click();

  // The citizen supports the other waiting question from the list; a reload keeps it.
  await citizen.open('?sort=newest');
  const support = citizen.question(misplaced).getByRole('button', { name: /^Podpořit otázku/ });
  await support.click();
  await expect(support).toHaveAttribute('aria-pressed', 'true');
  await expect(support).toHaveAccessibleName('Podpořit otázku, 1 hlas');
  await citizen.page.reload();
  await expect(support).toHaveAttribute('aria-pressed', 'true');

  // A clerk of the traffic department, made by the admin.
  const clerkEmail = `urednik-${run}@e2e.namesti.local`;
  const created = await moderatorPage.request.post('/api/admin/staff', {
    data: {
      email: clerkEmail,
      name: `Karel Úředník ${run}`,
      role: 'clerk',
      password: 'clerk password 2026',
      departmentIds: [departmentId(TRAFFIC)],
    },
  });
  expect(created.status()).toBe(201);

  // The clerk logs in and goes from "Vaše odbory" to the desk: both questions wait there.
  const clerkPage = await browserPage(browser);
  await new LoginPage(clerkPage).login(clerkEmail, 'clerk password 2026');
  await expectAccessible(clerkPage, 'clerk dashboard');
  await expect(
    clerkPage.getByRole('navigation', { name: 'Navigace administrace' }),
  ).not.toContainText('Setkání');
  await clerkPage.getByTestId('my-desks').getByRole('link', { name: TRAFFIC }).click();
  const desk = new DepartmentDeskPage(clerkPage);
  await expect(clerkPage.getByRole('heading', { level: 1 })).toHaveText(TRAFFIC);
  await expect(desk.question(asked)).toContainText('Čeká od dneška.');
  await expect(desk.question(misplaced)).toBeVisible();
  await desk.checkAccessibility();

  // Answered with the keyboard, signed by the department's head; handed on with a note.
  await desk.answerWithKeyboard(asked, answer, SIGNER);
  await expect(desk.question(asked)).toHaveCount(0);
  await expect(desk.answered).toContainText(asked);
  await desk.handOn(misplaced, GREEN, note);
  await expect(desk.question(misplaced)).toHaveCount(0);
  // Another department's desk is not the clerk's.
  const elsewhere = await clerkPage.goto(`/admin/board/department/${departmentId(GREEN)}`);
  expect(elsewhere?.status()).toBe(403);
  // The short address a town hall gives its clerks leads to the desk.
  await clerkPage.goto(`/staff/department/${departmentId(TRAFFIC)}`);
  await expect(clerkPage).toHaveURL(`/admin/board/department/${departmentId(TRAFFIC)}`);

  // The answer arrives by e-mail, signed, with the question's link.
  const [, answerMail] = await mailsTo(email, 2);
  expect(answerMail!.subject).toContain('Odpověď na vaši otázku');
  expect(answerMail!.text).toContain(answer);
  expect(answerMail!.text).toContain(SIGNER);
  const questionPath = linkIn(answerMail!, 'otazky/');

  // The citizen finds the answer by filtering the board, and opens the question's page.
  await citizen.open();
  await citizen.filter({ topic: 'Doprava a parkování', state: 'Zodpovězené' });
  await expect(citizen.page).toHaveURL(/state=answered/);
  const card = citizen.question(asked);
  await expect(card).toContainText('Zodpovězená');
  await expect(card).toContainText('Nádražní čtvrť');
  await expect(card).toContainText(SIGNER);
  await card.getByRole('link', { name: asked }).click();
  await expect(citizen.page).toHaveURL(questionPath);
  const question = new BoardQuestionPage(citizen.page);
  await question.ready();
  await expect(question.answer).toContainText(answer);
  await expect(question.answer).toContainText(TRAFFIC);
  const photo = question.answer.getByRole('img', { name: `Fotografie: ${SIGNER}` });
  await expect(photo).toBeVisible();
  await expect
    .poll(() => photo.evaluate((img: { naturalWidth: number }) => img.naturalWidth))
    .toBeGreaterThan(0);
  await expect(question.assigned).toHaveText(`Přiděleno odboru: ${TRAFFIC}`);
  await expect(question.routing).toContainText(`Přiděleno odboru: ${TRAFFIC}`);
  await question.checkAccessibility();

  // The handed-on question tells its way, but not the departments' note.
  const misplacedId = (await (
    await citizen.page.request.get('/api/board/questions?sort=newest')
  ).json()) as { questions: { id: string; text: string }[] };
  await question.open(misplacedId.questions.find((q) => q.text === misplaced)!.id);
  await expect(question.assigned).toHaveText(`Přiděleno odboru: ${GREEN}`);
  await expect(question.routing).toContainText(`Předáno: Kancelář starosty → ${TRAFFIC}`);
  await expect(question.routing).toContainText(`Předáno: ${TRAFFIC} → ${GREEN}`);
  await expect(citizen.page.getByText(note)).toHaveCount(0);
  await expect(citizen.page.getByTestId('board-waiting')).toContainText('Čeká od dneška.');

  // The figures: three charts, each with its data as a table.
  const stats = new BoardStatsPage(citizen.page);
  await stats.open();
  for (const name of ['response-times', 'monthly', 'open-by-age'] as const) {
    await expect(stats.figure(name).locator('svg[role="img"]').first()).toBeVisible();
  }
  const times = await stats.table('response-times');
  await expect(times.getByRole('row', { name: new RegExp(TRAFFIC) })).toBeVisible();
  const open = await stats.table('open-by-age');
  await expect(open.getByRole('row', { name: new RegExp(GREEN) })).toBeVisible();
  await stats.checkAccessibility();
});

test('an admin adds a part of town for the board', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const place = `Nová čtvrť ${run}`;
  await new LoginPage(page).login(E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto('/admin/board');
  await expectAccessible(page, 'admin board');
  await page.getByRole('link', { name: 'Upravit témata a části města' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Témata a části města');
  const places = page.getByTestId('taxonomy-neighbourhoods');
  const save = page.getByTestId('save-taxonomy');

  // A name twice is refused, and the error summary leads to the field.
  await places.getByRole('button', { name: 'Přidat část města' }).click();
  const added = places.getByLabel('Název').last();
  await expect(added).toBeFocused();
  await added.fill('Centrum');
  await save.click();
  await expect(page.getByTestId('error-summary')).toBeFocused();
  await added.fill(place);
  await save.click();
  await expect(page.getByRole('status').getByText('Změny byly uloženy.')).toBeVisible();
  await expectAccessible(page, 'board taxonomy');

  // Citizens may choose it when asking.
  const board = new BoardPage(await browserPage(browser));
  await board.open();
  await expect(
    board.askForm.getByLabel('Část města (nepovinné)').getByRole('option', { name: place }),
  ).toHaveCount(1);

  // Removed again, so the other tests see the demo town's parts.
  await places
    .getByRole('button', { name: /^Odebrat/ })
    .last()
    .click();
  await save.click();
  await expect(places.getByLabel('Název')).toHaveCount(4);
  await expect(page.getByRole('status').getByText('Změny byly uloženy.')).toBeVisible();
});
