// What a moderator does in the console of one session: decide on incoming questions, run the
// live list, moderate chat and people, switch the session's settings. Czech UI.
import { expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from '../tests/axe.ts';

export type ModeratorSetting = 'questionsOpen' | 'preModeration' | 'chatEnabled' | 'namesRequired';

export class ModeratorConsole {
  constructor(readonly page: Page) {}

  async open(sessionId: string) {
    await this.page.goto(`/sessions/${sessionId}/moderate`);
    // The snapshot has arrived once the Incoming column is there.
    await expect(this.page.getByTestId('incoming')).toBeVisible();
  }

  checkAccessibility = () => expectAccessible(this.page, `moderation ${this.page.url()}`);

  // ---- Questions

  /** The card of a question in any list, by (part of) its text. */
  question(text: string): Locator {
    return this.page.getByTestId('question').filter({ hasText: text });
  }

  /** The card of a pending question in the Incoming column. */
  incoming(text: string): Locator {
    return this.page.getByTestId('incoming').getByTestId('question').filter({ hasText: text });
  }

  /** The card of an approved question in the Live column. */
  live(text: string): Locator {
    return this.page.getByTestId('live').locator('[data-list="live"]').filter({ hasText: text });
  }

  /** The duplicate suggestions shown on a pending question. */
  suggestions(text: string): Locator {
    return this.incoming(text).getByTestId('suggestion');
  }

  /** The conflict or failure shown on a question (role="alert"). */
  questionError(text: string): Locator {
    return this.question(text).getByRole('alert');
  }

  private button(card: Locator, name: RegExp) {
    return card.getByRole('button', { name });
  }

  async approve(text: string) {
    await this.button(this.incoming(text), /^Schválit otázku/).click();
  }

  async reject(text: string, reason?: string) {
    const card = this.question(text);
    await this.button(card, /^Zamítnout otázku:/).click();
    if (reason) await card.getByLabel('Důvod zamítnutí (nepovinné)').fill(reason);
    await this.button(card, /^Zamítnout otázku$/).click();
  }

  async edit(text: string, newText: string) {
    const card = this.question(text);
    await this.button(card, /^Upravit otázku/).click();
    await card.getByLabel('Znění otázky').fill(newText);
    await this.button(card, /^Uložit znění/).click();
  }

  /** One click on a duplicate suggestion: merges the pending `text` into `targetText`. */
  async mergeIntoSuggestion(text: string, targetText: string) {
    await this.suggestions(text)
      .filter({ hasText: targetText })
      .getByRole('button', { name: /^Sloučit do otázky/ })
      .click();
  }

  /** Merges through the picker's search. */
  async mergeInto(text: string, targetText: string) {
    const card = this.question(text);
    await this.button(card, /^Sloučit… – otázka/).click();
    await card.getByLabel('Hledat otázku').fill(targetText);
    await card
      .getByRole('listitem')
      .filter({ hasText: targetText })
      .getByRole('button', { name: /^Sloučit do otázky/ })
      .click();
  }

  async pin(text: string) {
    await this.button(this.question(text), /^Odpovídáme teď na otázku/).click();
  }

  async unpin(text: string) {
    await this.button(this.question(text), /^Odepnout otázku/).click();
  }

  /** The question shown as "now answering". */
  get nowAnswering(): Locator {
    return this.page.getByTestId('question').filter({ hasText: 'Právě odpovídáme' });
  }

  async answer(text: string, answer?: string, official?: string) {
    const card = this.question(text);
    await this.button(card, /^Zodpovězeno… – otázka/).click();
    if (official) await card.getByLabel('Kdo odpověděl').selectOption({ label: official });
    if (answer) await card.getByLabel('Písemná odpověď (nepovinné)').fill(answer);
    await this.button(card, /^Označit jako zodpovězené/).click();
  }

  async assign(text: string, department: string) {
    await this.question(text).getByLabel('Oddělení').selectOption({ label: department });
  }

  async undo() {
    await this.page.getByTestId('undo').click();
  }

  /** The polite count of pending questions ("Ke schválení čekají 3 otázky."). */
  get incomingCount(): Locator {
    return this.page.getByTestId('incoming-count');
  }

  get actionLog(): Locator {
    return this.page.getByTestId('action-log');
  }

  // ---- Chat and people

  chatMessage(text: string): Locator {
    return this.page.getByTestId('chat-message').filter({ hasText: text });
  }

  async hideChat(text: string) {
    await this.chatMessage(text)
      .getByRole('button', { name: /^Skrýt zprávu/ })
      .click();
  }

  async releaseChat(text: string) {
    await this.chatMessage(text)
      .getByRole('button', { name: /^Zveřejnit zprávu/ })
      .click();
  }

  async banChatAuthor(text: string, scope: 'session' | 'everywhere', reason?: string) {
    const message = this.chatMessage(text);
    await message.getByRole('button', { name: /^Zablokovat… – autor/ }).click();
    const form = message.getByTestId('ban-form');
    await form.getByLabel(scope === 'session' ? 'V tomto setkání' : 'Ve všech setkáních').check();
    if (reason) await form.getByLabel('Důvod (nepovinné, pro záznam)').fill(reason);
    await form.getByRole('button', { name: 'Zablokovat', exact: true }).click();
  }

  get bans(): Locator {
    return this.page.getByTestId('bans').getByRole('listitem');
  }

  async unban(name: string) {
    await this.page
      .getByTestId('bans')
      .getByRole('button', { name: `Zrušit blokování: ${name}` })
      .click();
  }

  // ---- Settings

  setting(name: ModeratorSetting): Locator {
    return this.page.getByTestId(`setting-${name}`);
  }

  /** Sets a switch and waits until the server's state shows it. */
  async setSetting(name: ModeratorSetting, on: boolean) {
    const box = this.setting(name);
    if ((await box.isChecked()) !== on) await box.click();
    await expect(box).toBeChecked({ checked: on });
    await expect(box).toBeEnabled();
  }

  async setSlowMode(seconds: number) {
    await this.page.getByLabel('Pomalý režim chatu (sekundy mezi zprávami)').fill(String(seconds));
    await this.page.getByRole('button', { name: 'Nastavit', exact: true }).click();
  }
}

/** The admin's town-wide blocked words page. */
export class BlockedWordsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/admin/moderation');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Moderování' })).toBeVisible();
  }

  async save(words: string[]) {
    await this.page.getByLabel('Zakázaná slova, jedno na řádek').fill(words.join('\n'));
    await this.page.getByTestId('save-blocked-words').click();
    await expect(this.page.getByRole('status').getByText(/^Uloženo:/)).toBeVisible();
  }
}
