// Live participation end to end, in four browsers at once: citizens A, B and C on the session
// page and a moderator in the console. Ask → approve → upvote → duplicates suggested and merged
// → pin → answer; chat → hide → ban; and text that looks like HTML stays text.
import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config.ts';
import { LoginPage } from '../pages/admin.ts';
import { ModeratorConsole } from '../pages/moderator.ts';
import { browserPage, citizenOn, liveConsultation } from './support.ts';

test('questions go from a citizen through the moderator to everyone, and chat is moderated', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const moderatorPage = await browserPage(browser);
  await new LoginPage(moderatorPage).login(E2E_ADMIN.email, E2E_ADMIN.password);
  const sessionId = await liveConsultation(
    moderatorPage,
    `Projednání: parkování u nádraží ${Date.now().toString(36)}`,
  );
  const moderator = new ModeratorConsole(moderatorPage);
  await moderator.open(sessionId);
  const [a, b, c] = [
    await citizenOn(browser, sessionId),
    await citizenOn(browser, sessionId),
    await citizenOn(browser, sessionId),
  ];

  // A asks; it waits for the moderator, who approves it; B sees it and upvotes; A sees the count.
  const question = 'Kdy opraví parkoviště u nádraží?';
  await a.ask(question, { name: 'Jana Malá' });
  await expect(await a.myQuestionStatus(question)).toHaveAttribute('data-status', 'pending');
  await a.openTab('questions');
  await expect(b.questionCard(question)).toHaveCount(0);
  await expect(moderator.incoming(question)).toBeVisible();
  await moderator.checkAccessibility();
  await moderator.approve(question);
  await expect(b.questionCard(question)).toBeVisible();
  await b.upvote(question);
  await expect(a.voteCount(question)).toHaveText('1');
  await expect(await a.myQuestionStatus(question)).toHaveAttribute('data-status', 'approved');
  await a.openTab('questions');

  // B asks the same without diacritics; the console suggests A's question and merges it in
  // one click: B is told, and counts once although B had upvoted A's question already.
  const duplicate = 'parkovani u nadrazi, kdy se to opravi?';
  await b.ask(duplicate);
  await expect(moderator.suggestions(duplicate).filter({ hasText: question })).toBeVisible();
  await moderator.mergeIntoSuggestion(duplicate, question);
  await expect(await b.myQuestionStatus(duplicate)).toHaveAttribute('data-status', 'merged');
  await b.openTab('questions');
  await expect(b.voteCount(question)).toHaveText('1');
  // C asks it again in other words: merged, C's support is added — 2 in all.
  const again = 'Oprava parkoviště u nádraží: kdy?';
  await c.ask(again);
  await moderator.mergeIntoSuggestion(again, question);
  await expect(a.voteCount(question)).toHaveText('2');
  await expect(c.voteCount(question)).toHaveText('2');
  await expect(a.questionCard(duplicate)).toHaveCount(0);

  // Pinned: "now answering" on top for everyone; then answered in writing.
  await moderator.pin(question);
  await expect(c.nowAnswering).toContainText(question);
  await a.checkAccessibility();
  const answer = 'Oprava začne v dubnu, parkoviště bude uzavřené dva týdny.';
  await moderator.answer(question, answer);
  await expect(c.nowAnswering).toHaveCount(0);
  await c.openTab('answered');
  await expect(c.questionCard(question)).toContainText(answer);

  // Chat: a message reaches everyone; hidden by the moderator, it disappears for both citizens.
  const rude = 'Tohle je zbytečná schůze';
  await b.sendChat(rude, { name: 'Petr Rychlý' });
  await expect(a.chatMessage(rude)).toBeVisible();
  await expect(c.chatMessage(rude)).toBeVisible();
  await moderator.hideChat(rude);
  await expect(a.chatMessage(rude)).toHaveCount(0);
  await expect(c.chatMessage(rude)).toHaveCount(0);

  // A banned citizen cannot post any more; the others still can.
  const second = 'A ještě jednou: zbytečná schůze';
  await b.sendChat(second);
  await moderator.banChatAuthor(second, 'session', 'opakované urážky');
  await expect(a.chatMessage(second)).toHaveCount(0);
  await expect(b.chatPanel.getByRole('button', { name: 'Odeslat', exact: true })).toBeDisabled();
  await expect(b.askForm.getByRole('button', { name: 'Odeslat otázku' })).toBeDisabled();
  await c.sendChat('Děkuji za odpovědi.');
  await expect(a.chatMessage('Děkuji za odpovědi.')).toBeVisible();
  await moderator.checkAccessibility();
});

test('text that looks like HTML is shown as text and never runs', async ({ browser }) => {
  const moderatorPage = await browserPage(browser);
  await new LoginPage(moderatorPage).login(E2E_ADMIN.email, E2E_ADMIN.password);
  const sessionId = await liveConsultation(moderatorPage, `XSS ${Date.now().toString(36)}`);
  const moderator = new ModeratorConsole(moderatorPage);
  await moderator.open(sessionId);
  const author = await citizenOn(browser, sessionId);
  const reader = await citizenOn(browser, sessionId);
  const pages = [author.page, reader.page, moderatorPage];
  for (const page of pages)
    await page.evaluate(() => ((globalThis as { pwned?: number }).pwned = 0));

  const question = '<img src=x onerror="window.pwned=1"> Proč? <script>window.pwned=2</script>';
  const name = '<b onmouseover="window.pwned=3">Karel</b>';
  const chat = '<svg onload="window.pwned=4"></svg><a href="javascript:window.pwned=5">klik</a>';
  await author.ask(question, { name });
  await moderator.approve(question);
  await author.sendChat(chat);

  await expect(reader.questionCard(question)).toContainText(question);
  await expect(reader.questionCard(question)).toContainText(name);
  await expect(reader.chatMessage(chat)).toContainText(chat);
  await expect(moderator.question(question)).toContainText(question);
  for (const page of pages) {
    await expect(page.locator('main img[src="x"], main script, main svg[onload]')).toHaveCount(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBe(0);
  }
});
