// The question board as people use it: a citizen asks and reads answers (/otazky), a
// question's permanent page, the response-time figures, and a department's desk in the admin.
// Czech UI.
import { expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from '../tests/axe.ts';

export interface Asking {
  topic: string;
  neighbourhood?: string;
  name?: string;
  /** To hear of the answer. */
  email?: string;
}

/**
 * Chooses an option of a focused <select> with the arrow keys alone, as a keyboard user does
 * (Chromium on Linux changes a closed menu's choice with ↓ without opening it).
 */
async function chooseWithArrows(select: Locator, label: string) {
  const checked = select.locator('option:checked');
  for (let step = 0; step < 30 && (await checked.textContent())?.trim() !== label; step += 1) {
    await select.page().keyboard.press('ArrowDown');
  }
  await expect(checked).toHaveText(label);
}

export class BoardPage {
  constructor(readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/otazky${query}`);
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Otázky na vedení města');
  }

  get askForm(): Locator {
    return this.page.getByTestId('board-ask-form');
  }

  /** The notice after asking ("čeká na moderátora"). */
  get sent(): Locator {
    return this.askForm.getByTestId('board-ask-sent');
  }

  /** Asks with the mouse and the fields' labels. */
  async ask(text: string, asking: Asking) {
    const form = this.askForm;
    await form.getByLabel('Vaše otázka').fill(text);
    await form.getByLabel('Téma').selectOption({ label: asking.topic });
    if (asking.neighbourhood) {
      await form.getByLabel('Část města (nepovinné)').selectOption({ label: asking.neighbourhood });
    }
    if (asking.name) await form.getByLabel('Vaše jméno').fill(asking.name);
    if (asking.email) await form.getByLabel('E-mail pro odpověď (nepovinné)').fill(asking.email);
    await form.getByRole('button', { name: 'Odeslat otázku' }).click();
    await expect(this.sent).toBeVisible();
  }

  /** Asks with the keyboard alone: Tab from field to field, type-ahead in the menus, Enter. */
  async askWithKeyboard(text: string, asking: Required<Omit<Asking, 'email'>> & Asking) {
    const form = this.askForm;
    const keyboard = this.page.keyboard;
    await form.getByLabel('Vaše otázka').focus();
    await keyboard.type(text);
    await keyboard.press('Tab');
    await expect(form.getByLabel('Téma')).toBeFocused();
    await chooseWithArrows(form.getByLabel('Téma'), asking.topic);
    await keyboard.press('Tab');
    await expect(form.getByLabel('Část města (nepovinné)')).toBeFocused();
    await chooseWithArrows(form.getByLabel('Část města (nepovinné)'), asking.neighbourhood);
    await keyboard.press('Tab');
    await expect(form.getByLabel('Vaše jméno')).toBeFocused();
    await keyboard.type(asking.name);
    await keyboard.press('Tab');
    await expect(form.getByLabel('Zeptat se anonymně')).toBeFocused();
    await keyboard.press('Tab');
    await expect(form.getByLabel('E-mail pro odpověď (nepovinné)')).toBeFocused();
    if (asking.email) await keyboard.type(asking.email);
    await keyboard.press('Tab');
    await expect(form.getByRole('button', { name: 'Odeslat otázku' })).toBeFocused();
    await keyboard.press('Enter');
    await expect(this.sent).toBeVisible();
  }

  /** A question's card in the list, by (part of) its text. */
  question(text: string): Locator {
    return this.page.getByTestId('board-question').filter({ hasText: text });
  }

  /** Sets the list's filters (by the options' labels) and applies them. */
  async filter(filters: { topic?: string; state?: string; sort?: string }) {
    const form = this.page.getByRole('form', { name: 'Filtrovat otázky' });
    if (filters.topic) await form.getByLabel('Téma').selectOption({ label: filters.topic });
    if (filters.state) await form.getByLabel('Stav').selectOption({ label: filters.state });
    if (filters.sort) await form.getByLabel('Seřadit').selectOption({ label: filters.sort });
    await form.getByRole('button', { name: 'Použít filtry' }).click();
  }

  checkAccessibility = () => expectAccessible(this.page, `board ${this.page.url()}`);
}

export class BoardQuestionPage {
  constructor(readonly page: Page) {}

  async open(id: string) {
    await this.page.goto(`/otazky/${id}`);
    await this.ready();
  }

  /** The page has loaded (after a link from the list, too). */
  async ready() {
    await expect(this.page).toHaveURL(/\/otazky\/[0-9a-f-]{36}$/);
    await expect(this.page.getByTestId('board-question-page')).toBeVisible();
  }

  get answer(): Locator {
    return this.page.getByTestId('board-question-page').getByTestId('board-answer');
  }

  /** "Přiděleno odboru: …" */
  get assigned(): Locator {
    return this.page.getByTestId('board-assigned');
  }

  get routing(): Locator {
    return this.page.getByTestId('routing-history');
  }

  checkAccessibility = () => expectAccessible(this.page, `board question ${this.page.url()}`);
}

export class BoardStatsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/otazky/statistiky');
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(
      'Jak rychle odbory odpovídají',
    );
  }

  /** A chart's figure: response-times, monthly or open-by-age. */
  figure(name: 'response-times' | 'monthly' | 'open-by-age'): Locator {
    return this.page.getByTestId(`chart-${name}`);
  }

  /** Opens a figure's data table and returns it. */
  async table(name: 'response-times' | 'monthly' | 'open-by-age'): Promise<Locator> {
    const figure = this.figure(name);
    await figure.getByText('Zobrazit údaje v tabulce').click();
    const table = figure.getByRole('table');
    await expect(table).toBeVisible();
    return table;
  }

  checkAccessibility = () => expectAccessible(this.page, 'board statistics');
}

export class DepartmentDeskPage {
  constructor(readonly page: Page) {}

  async open(departmentId: string) {
    await this.page.goto(`/admin/board/department/${departmentId}`);
    await expect(this.page.getByTestId('desk-waiting')).toBeVisible();
  }

  /** A waiting question, by (part of) its text. */
  question(text: string): Locator {
    return this.page.getByTestId('desk-question').filter({ hasText: text });
  }

  get answered(): Locator {
    return this.page.getByTestId('desk-answered');
  }

  /** The notice after answering or handing on. */
  get done(): Locator {
    return this.page.getByTestId('desk-done');
  }

  /**
   * Answers with the keyboard: the text, then Tab past the official's menu (the department's
   * own person comes first and is chosen already) to the button, and Enter.
   */
  async answerWithKeyboard(text: string, answer: string, official: string) {
    const card = this.question(text);
    const keyboard = this.page.keyboard;
    await card.getByLabel('Odpověď (zveřejní se)').focus();
    await keyboard.type(answer);
    await keyboard.press('Tab');
    const signer = card.getByLabel('Podepisuje');
    await expect(signer).toBeFocused();
    await expect(signer.locator('option:checked')).toHaveText(new RegExp(`^${official}`));
    await keyboard.press('Tab');
    await expect(card.getByRole('button', { name: 'Zveřejnit odpověď' })).toBeFocused();
    await keyboard.press('Enter');
    await expect(this.done).toContainText('Odpověď je zveřejněná.');
  }

  async handOn(text: string, department: string, note: string) {
    const card = this.question(text);
    await card.getByText('Předat jinému odboru…').click();
    await card.getByLabel('Komu předat').selectOption({ label: department });
    await card.getByLabel('Poznámka pro odbor').fill(note);
    await card.getByRole('button', { name: 'Předat otázku' }).click();
    await expect(this.done).toContainText(`Otázka je předaná: ${department}.`);
  }

  checkAccessibility = () => expectAccessible(this.page, `desk ${this.page.url()}`);
}
