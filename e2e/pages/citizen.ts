// What a citizen sees: the home page and a session page. No account.
import { expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from '../tests/axe.ts';

export class HomePage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  section(name: 'Živě teď' | 'Připravujeme' | 'Nedávno skončilo') {
    return this.page.getByRole('region', { name });
  }

  sessionLink(title: string) {
    return this.page.getByRole('link', { name: title });
  }

  checkAccessibility = () => expectAccessible(this.page, 'home');
}

export class SessionPage {
  constructor(readonly page: Page) {}

  async open(id: string) {
    await this.page.goto(`/sessions/${id}`);
    // Live updates need the socket; wait until the page has joined the room.
    await expect(this.viewerCount).not.toHaveText(/načítá|loading/i);
  }

  get status() {
    return this.page.getByTestId('session-status');
  }

  get viewerCount() {
    return this.page.getByTestId('viewer-count');
  }

  checkAccessibility = () => expectAccessible(this.page, `session ${this.page.url()}`);

  // ---- Questions ----

  get askForm() {
    return this.page.getByTestId('ask-form');
  }

  /** Asks and waits for the server's ack (the form clears and says what happens next). */
  async ask(text: string, options: { name?: string; anonymous?: boolean } = {}) {
    const form = this.askForm;
    const field = form.getByLabel('Vaše otázka', { exact: true });
    await field.fill(text);
    if (options.name !== undefined) {
      await form.getByLabel('Vaše jméno', { exact: true }).fill(options.name);
    }
    if (options.anonymous !== undefined) {
      await form.getByLabel('Zeptat se anonymně').setChecked(options.anonymous);
    }
    await form.getByRole('button', { name: 'Odeslat otázku' }).click();
    await expect(form.getByTestId('ask-error')).toHaveCount(0);
    await expect(field).toHaveValue('');
    await expect(form.getByTestId('ask-sent')).toBeVisible();
  }

  /** "pending" or "approved": what the form said about the question just sent. */
  get askResult() {
    return this.askForm.getByTestId('ask-sent');
  }

  /** The tabs of the question list. */
  tab(name: 'questions' | 'answered' | 'mine'): Locator {
    const label = { questions: /^Otázky/, answered: /^Odpovědi/, mine: /^Moje otázky/ }[name];
    return this.page.getByRole('tab', { name: label });
  }

  async openTab(name: 'questions' | 'answered' | 'mine') {
    await this.tab(name).click();
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
  }

  /** A public question (the "now answering" card, the Questions or the Answered tab). */
  questionCard(text: string): Locator {
    return this.page.getByTestId('question-card').filter({ hasText: text });
  }

  /** The question pinned as "now answering". */
  get nowAnswering(): Locator {
    return this.page.locator('[data-testid="question-card"][data-now-answering]');
  }

  upvoteButton(text: string): Locator {
    return this.questionCard(text).getByRole('button', { name: /^Podpořit otázku/ });
  }

  /** Toggles the upvote and waits for the server's ack (aria-pressed flips, the count is its). */
  async upvote(text: string) {
    const button = this.upvoteButton(text);
    const pressed = await button.getAttribute('aria-pressed');
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', pressed === 'true' ? 'false' : 'true');
    await expect(button).toBeEnabled();
  }

  /** The vote count shown on a public question (a locator: `toHaveText('3')`). */
  voteCount(text: string): Locator {
    return this.questionCard(text).getByTestId('vote-count');
  }

  /** One of the viewer's own questions; opens the "My questions" tab. */
  async myQuestion(text: string): Promise<Locator> {
    await this.openTab('mine');
    return this.page.getByTestId('my-question').filter({ hasText: text });
  }

  /**
   * The status badge of an own question: `data-status` is pending / approved / rejected /
   * merged / answered; the reason or merge target is in `myQuestion(text)`'s note.
   */
  async myQuestionStatus(text: string): Promise<Locator> {
    return (await this.myQuestion(text)).getByTestId('question-status');
  }

  // ---- Chat ----

  get chatPanel() {
    return this.page.getByTestId('chat-panel');
  }

  /** Sends a chat message and waits for the ack (the field clears). */
  async sendChat(text: string, options: { name?: string } = {}) {
    const panel = this.chatPanel;
    if (options.name !== undefined) {
      await panel.getByLabel('Jméno v chatu', { exact: true }).fill(options.name);
    }
    const field = panel.getByLabel('Zpráva', { exact: true });
    await field.fill(text);
    await panel.getByRole('button', { name: 'Odeslat', exact: true }).click();
    await expect(panel.getByTestId('chat-error')).toHaveCount(0);
    await expect(field).toHaveValue('');
  }

  chatMessage(text: string): Locator {
    return this.chatPanel.getByTestId('chat-message').filter({ hasText: text });
  }

  get moderateLink() {
    return this.page.getByRole('link', { name: 'Moderovat' });
  }
}
