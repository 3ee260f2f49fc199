// Live polls end to end, in four browsers at once: a moderator prepares and launches polls in
// the console, citizens A, B and C vote (B with the keyboard only), and every chart follows.
// A second vote is refused, a changeable vote moves, spellings of one word count together,
// and a closed poll keeps its final results without a ballot.
import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import { LoginPage } from '../pages/admin.ts';
import { SessionPage } from '../pages/citizen.ts';
import { ModeratorConsole } from '../pages/moderator.ts';
import {
  CitizenPolls,
  ModeratorPolls,
  withoutOwnBallotEchoes,
  type ExpectedResults,
} from '../pages/polls.ts';
import { browserPage, citizenOn, liveConsultation } from './support.ts';
import { expectAccessible } from './axe.ts';

test('a moderator runs live polls and every citizen sees the same results', async ({ browser }) => {
  // Four browsers and four axe runs: about 90 s on a 2-core machine.
  test.setTimeout(180_000);
  const moderatorPage = await browserPage(browser);
  await new LoginPage(moderatorPage).login(E2E_ADMIN.email, E2E_ADMIN.password);
  const sessionId = await liveConsultation(
    moderatorPage,
    `Projednání: veřejné osvětlení ${Date.now().toString(36)}`,
  );
  const moderator = new ModeratorConsole(moderatorPage);
  await moderator.open(sessionId);
  const panel = new ModeratorPolls(moderator);
  const [a, b, c] = [
    new CitizenPolls(await citizenOn(browser, sessionId)),
    new CitizenPolls(await citizenOn(browser, sessionId)),
    new CitizenPolls(await citizenOn(browser, sessionId)),
  ];
  const everyone = [a, b, c];
  const expectEverywhere = async (question: string, expected: ExpectedResults) => {
    for (const citizen of everyone) await citizen.expectResults(question, expected);
    await panel.expectResults(question, expected);
  };
  // A second tab of A's that never hears A's own vote, so it can try to vote again.
  const aAgain = new CitizenPolls(new SessionPage(await a.page.context().newPage()));
  await withoutOwnBallotEchoes(aAgain.page);
  await aAgain.session.open(sessionId);

  // A single-choice poll with live results, made in the console and launched.
  const lights = 'Kde má přibýt nové veřejné osvětlení?';
  const [school, square, park] = ['U školy', 'Na náměstí', 'V parku'];
  await panel.create({ question: lights, kind: 'Jedna možnost', options: [school, square, park] });
  await expect(panel.row(lights)).toHaveAttribute('data-status', 'draft');
  for (const citizen of everyone) await expect(citizen.card(lights)).toHaveCount(0);
  await panel.launch(lights);
  for (const citizen of everyone) {
    await expect(citizen.card(lights)).toHaveAttribute('data-status', 'open');
    await expect(citizen.form(lights)).toBeVisible();
  }
  await expectEverywhere(lights, { counts: { [school]: 0, [square]: 0, [park]: 0 }, voters: 0 });

  // A votes with the mouse; B with the keyboard only: Tab into the group, Space, arrows, Enter.
  await a.choose(lights, school);
  await b.card(lights).getByRole('heading', { name: lights }).focus();
  await b.page.keyboard.press('Tab');
  await expect(b.option(lights, school)).toBeFocused();
  await b.page.keyboard.press('Space');
  await expect(b.option(lights, school)).toBeChecked();
  await b.page.keyboard.press('ArrowDown');
  await expect(b.option(lights, square)).toBeChecked();
  await b.page.keyboard.press('ArrowUp');
  await expect(b.option(lights, school)).toBeChecked();
  await b.page.keyboard.press('Tab');
  await expect(b.submitButton(lights)).toBeFocused();
  await b.page.keyboard.press('Enter');
  await expect(b.voted(lights)).toContainText('Váš hlas byl uložen.');
  await expect(b.voted(lights)).toContainText(school);
  // The form is gone; focus stays on the card instead of falling to the page.
  await expect(b.form(lights)).toHaveCount(0);
  await expect(b.card(lights).getByRole('heading', { name: lights })).toBeFocused();
  await c.choose(lights, park);
  const afterThree = { counts: { [school]: 2, [square]: 0, [park]: 1 }, voters: 3 };
  await expectEverywhere(lights, afterThree);

  // A second vote: no form any more, after a reload neither; the tab that missed the echo
  // gets the server's refusal, and nothing is counted.
  for (const citizen of everyone) await expect(citizen.form(lights)).toHaveCount(0);
  await a.session.open(sessionId);
  await expect(a.voted(lights)).toContainText(school);
  await expect(a.form(lights)).toHaveCount(0);
  await aAgain.option(lights, square).check();
  await aAgain.submitButton(lights).click();
  await expect(aAgain.error(lights)).toHaveText('Už jste hlasoval(a).');
  await expectEverywhere(lights, afterThree);
  await aAgain.expectResults(lights, afterThree);

  // A poll that allows a change: C's vote moves from one day to the other, still one voter.
  const party = 'Kdy uspořádat sousedskou slavnost?';
  const [saturday, sunday] = ['V sobotu', 'V neděli'];
  await panel.create({
    question: party,
    kind: 'Jedna možnost',
    options: [saturday, sunday],
    allowChange: true,
  });
  await panel.launch(party);
  await c.choose(party, saturday);
  await expectEverywhere(party, { counts: { [saturday]: 1, [sunday]: 0 }, voters: 1 });
  await expect(c.submitButton(party)).toHaveText('Změnit hlas');
  await c.choose(party, sunday);
  await expect(c.voted(party)).toContainText(sunday);
  await expectEverywhere(party, { counts: { [saturday]: 0, [sunday]: 1 }, voters: 1 });

  // A word cloud: "Hřiště" and "hriste" are one entry counted twice.
  const wishes = 'Co by v parku mělo přibýt? Napište slovo.';
  await panel.create({ question: wishes, kind: 'Slovní mrak' });
  await panel.launch(wishes);
  await a.sendWords(wishes, ['Hřiště']);
  await b.sendWords(wishes, ['hriste']);
  for (const results of [
    ...everyone.map((citizen) => citizen.results(wishes)),
    panel.row(wishes).getByTestId('poll-results'),
  ]) {
    const entries = results.getByTestId('word-cloud').getByTestId('poll-result');
    await expect(entries).toHaveCount(1);
    await expect(entries).toHaveText(/^\s*h[rř]i[sš]t[eě]\s*2\s*$/i);
    await expect(results.getByTestId('poll-voters')).toHaveAttribute('data-count', '2');
  }
  // Open polls with ballots and live results, on both sides.
  await expect(c.form(wishes)).toBeVisible();
  await c.session.checkAccessibility();
  await moderator.checkAccessibility();

  // Closing stops voting: closed for everyone, no ballot (C had not voted), final results.
  await panel.close(wishes);
  await panel.close(lights);
  for (const citizen of everyone) {
    for (const question of [wishes, lights]) {
      await expect(citizen.card(question)).toHaveAttribute('data-status', 'closed');
      await expect(citizen.card(question).getByTestId('poll-state')).toHaveText(
        'Hlasování skončilo',
      );
      await expect(citizen.form(question)).toHaveCount(0);
    }
    await expect(
      citizen.results(wishes).getByTestId('word-cloud').getByTestId('poll-count'),
    ).toHaveText(['2']);
  }
  await expect(aAgain.form(lights)).toHaveCount(0);
  await expectEverywhere(lights, afterThree);
  // The party poll still runs; the frozen tallies survive a reload.
  await expect(c.card(party)).toHaveAttribute('data-status', 'open');
  await c.session.open(sessionId);
  await c.expectResults(lights, afterThree);
  await expect(c.card(wishes)).toHaveAttribute('data-status', 'closed');
  await expect(c.form(wishes)).toHaveCount(0);
  // Closed polls with final results next to a running one, on both sides.
  await a.session.checkAccessibility();
  await moderator.checkAccessibility();
});

test('the presenter view shows how to join and the running polls of the demo consultation', async ({
  page,
}) => {
  const overview = await page.request.get('/api/sessions/overview');
  const { live } = (await overview.json()) as { live: { id: string; title: string }[] };
  // The seeded one: other tests make live consultations of their own.
  const consultation = live.find((session) => session.title.includes('parku Na Výsluní'));
  expect(consultation).toBeDefined();
  await page.goto(`/sessions/${consultation!.id}/present`);
  const present = page.getByTestId('present');
  await expect(present.getByRole('img', { name: /QR kód/ })).toBeVisible();
  // The seeded playground poll (5 voters) and word cloud (4 voters) run with live results.
  const voters = present.getByTestId('poll-voters');
  await expect(voters).toHaveCount(2);
  await expect(voters.first()).toHaveAttribute('data-count', '5');
  await expect(voters.last()).toHaveAttribute('data-count', '4');
  await expectAccessible(page, 'presenter view');
});
