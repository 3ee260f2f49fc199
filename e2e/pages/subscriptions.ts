// A resident's e-mail subscription as they use it: subscribing on /odber (no account), the
// manage page from an e-mail's link, and the unsubscribe pages whose button does it. Czech UI.
import { expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from '../tests/axe.ts';

export class SubscribePage {
  constructor(readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/odber${query}`);
    await this.ready();
  }

  async ready() {
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Zprávy e-mailem');
  }

  get form(): Locator {
    return this.page.getByTestId('subscribe-form');
  }

  /** The banner of ?stav=… (confirmed, unknown link, deleted, confirmation sent). */
  get status(): Locator {
    return this.page.getByTestId('subscription-status');
  }

  get errors(): Locator {
    return this.page.getByTestId('error-summary');
  }

  /**
   * Subscribes with the keyboard alone: the address, then Tab through every checkbox to the
   * button, ticking those whose labels are in `ticks` with Space, and Enter.
   */
  async subscribeWithKeyboard(email: string, ticks: string[]) {
    const keyboard = this.page.keyboard;
    const field = this.form.getByLabel('Vaše e-mailová adresa');
    await field.focus();
    await field.clear();
    await keyboard.type(email);
    const button = this.form.getByRole('button', { name: 'Přihlásit k odběru' });
    const focused = this.page.locator(':focus');
    const ticked: string[] = [];
    for (let step = 0; step < 60; step += 1) {
      await keyboard.press('Tab');
      const type = await focused.getAttribute('type');
      if (type === 'submit') break;
      expect(type, 'only checkboxes between the address and the button').toBe('checkbox');
      const label = (await this.form.locator('label:has(input:focus)').textContent())!.trim();
      if (ticks.includes(label)) {
        await keyboard.press('Space');
        ticked.push(label);
      }
    }
    expect(ticked.sort()).toEqual([...ticks].sort());
    await expect(button).toBeFocused();
    await keyboard.press('Enter');
  }

  /** Subscribes with the mouse, ticking the checkboxes by their labels. */
  async subscribe(email: string, ticks: string[] = []) {
    await this.form.getByLabel('Vaše e-mailová adresa').fill(email);
    for (const label of ticks) await this.form.getByLabel(label, { exact: true }).check();
    await this.form.getByRole('button', { name: 'Přihlásit k odběru' }).click();
  }

  checkAccessibility = () => expectAccessible(this.page, `subscribe ${this.page.url()}`);
}

export class ManageSubscriptionPage {
  constructor(readonly page: Page) {}

  /** Opens a manage link (path and query from an e-mail). */
  async open(link: string) {
    await this.page.goto(link);
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Správa odběru');
  }

  get email(): Locator {
    return this.page.getByTestId('subscription-email');
  }

  get form(): Locator {
    return this.page.getByTestId('manage-form');
  }

  choice(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  /** "Tento odkaz už neplatí…" */
  get unknown(): Locator {
    return this.page.getByTestId('subscription-unknown');
  }

  async save() {
    await this.form.getByRole('button', { name: 'Uložit změny' }).click();
    await expect(this.page.getByText('Změny jsou uložené.')).toBeVisible();
  }

  checkAccessibility = () => expectAccessible(this.page, `manage ${this.page.url()}`);
}

export class UnsubscribePage {
  constructor(readonly page: Page) {}

  /** Opens an unsubscribe link (path and query from an e-mail), as a person or a scanner. */
  async open(link: string, heading = 'Odhlásit odběr') {
    await this.page.goto(link);
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(heading);
  }

  get form(): Locator {
    return this.page.getByTestId('unsubscribe-form');
  }

  get done(): Locator {
    return this.page.getByTestId('unsubscribe-done');
  }

  async confirm(button = 'Odhlásit se') {
    await this.form.getByRole('button', { name: button }).click();
    await expect(this.done).toBeVisible();
  }

  checkAccessibility = () => expectAccessible(this.page, `unsubscribe ${this.page.url()}`);
}
