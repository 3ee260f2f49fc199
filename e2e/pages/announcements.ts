// What an admin does with announcements (the schedule, the form with its live recipient count)
// and with the outbox. Czech UI.
import { expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from '../tests/axe.ts';

export interface AnnouncementFields {
  subject?: string;
  text?: string;
  /** Topic names to tick. */
  topics?: string[];
  /** "YYYY-MM-DDTHH:MM", town time. */
  sendAt?: string;
}

export class AnnouncementSchedulePage {
  constructor(readonly page: Page) {}

  async open(status: 'scheduled' | 'sent' | 'cancelled' = 'scheduled') {
    await this.page.goto(`/admin/announcements?status=${status}`);
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Oznámení');
  }

  tab(name: 'Naplánovaná' | 'Odeslaná' | 'Zrušená'): Locator {
    return this.page.getByRole('navigation', { name: 'Stav oznámení' }).getByRole('link', { name });
  }

  /** The schedule's entry for an announcement, by its subject. */
  item(subject: string): Locator {
    return this.page
      .getByTestId('announcement-schedule')
      .locator('li[data-announcement-id]')
      .filter({ has: this.page.getByRole('heading', { level: 3, name: subject, exact: true }) });
  }

  /** The day heading an entry is listed under. */
  dayOf(item: Locator): Locator {
    return item.locator('xpath=ancestor::section[1]').getByRole('heading', { level: 2 });
  }

  async cancel(subject: string) {
    const item = this.item(subject);
    await item.getByRole('button', { name: 'Zrušit oznámení' }).click();
    await expect(item.getByRole('group', { name: `Opravdu zrušit „${subject}“?` })).toBeVisible();
    // The confirmation takes focus, so the keyboard confirms it; focus then goes to the title.
    await expect(item.getByRole('button', { name: 'Ano, zrušit' })).toBeFocused();
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByRole('status').filter({ hasText: 'bylo zrušeno' })).toContainText(
      `Oznámení „${subject}“ bylo zrušeno.`,
    );
    await expect(this.page.getByRole('heading', { level: 1 })).toBeFocused();
  }
}

export class AnnouncementFormPage {
  constructor(readonly page: Page) {}

  /** The live count of recipients (an aria-live region). */
  get preview(): Locator {
    return this.page.getByTestId('recipient-preview');
  }

  get sendAt(): Locator {
    return this.page.getByLabel('Čas odeslání', { exact: true });
  }

  async fill(fields: AnnouncementFields) {
    if (fields.subject !== undefined) await this.page.getByLabel('Předmět').fill(fields.subject);
    if (fields.text !== undefined) await this.page.getByLabel('Text oznámení').fill(fields.text);
    for (const topic of fields.topics ?? []) {
      await this.page.getByRole('checkbox', { name: topic, exact: true }).check();
    }
    if (fields.sendAt !== undefined) await this.sendAt.fill(fields.sendAt);
  }

  async save(label: 'Uložit oznámení' | 'Uložit změny') {
    await this.page.getByRole('button', { name: label }).click();
  }

  async checkAccessibility(label: string) {
    await expectAccessible(this.page, label);
  }
}

export class OutboxPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/admin/outbox');
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Odchozí pošta');
  }

  get table(): Locator {
    return this.page.getByTestId('outbox');
  }

  rowsTo(address: string): Locator {
    return this.table.locator('tbody tr').filter({ hasText: address });
  }

  async filter(status: string) {
    await this.page.getByLabel('Stav', { exact: true }).selectOption({ label: status });
    await this.page.getByRole('button', { name: 'Použít filtry' }).click();
  }
}
