// What staff do: log in, create a session, run it.
import { expect, type Page } from '@playwright/test';
import { expectAccessible } from '../tests/axe.ts';

export class LoginPage {
  constructor(readonly page: Page) {}

  async login(email: string, password: string) {
    await this.page.goto('/login');
    await expectAccessible(this.page, 'login');
    await this.page.getByLabel('E-mail').fill(email);
    await this.page.getByLabel('Heslo').fill(password);
    await this.page.getByRole('button', { name: 'Přihlásit se' }).click();
    await expect(this.page).toHaveURL(/\/admin/);
  }
}

export interface NewSession {
  kind: string;
  title: string;
  start: string; // YYYY-MM-DDTHH:MM, Prague time
  durationMinutes: number;
  agenda: string[];
}

export class SessionEditorPage {
  constructor(readonly page: Page) {}

  async openNew() {
    await this.page.goto('/admin/sessions/new');
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  submit() {
    return this.page.getByRole('button', { name: 'Vytvořit setkání' }).click();
  }

  async create(session: NewSession): Promise<string> {
    await this.openNew();
    await this.page.getByLabel('Druh setkání').selectOption({ label: session.kind });
    await this.page.getByLabel('Název', { exact: true }).fill(session.title);
    await this.page.getByLabel('Začátek').fill(session.start);
    await this.page.getByLabel('Délka (minuty)').fill(String(session.durationMinutes));
    for (const [index, title] of session.agenda.entries()) {
      await this.page.getByRole('button', { name: 'Přidat bod programu' }).click();
      await this.page.getByLabel(`Bod ${index + 1} – Název bodu`).fill(title);
    }
    await expectAccessible(this.page, 'new session form (filled)');
    await this.submit();
    await expect(this.page).toHaveURL(/\/admin\/sessions\/[0-9a-f-]{36}/);
    return this.page.url().match(/([0-9a-f-]{36})/)![1]!;
  }

  async startLive() {
    await this.page.getByRole('button', { name: 'Zahájit přenos' }).click();
    await expect(this.page.getByRole('button', { name: 'Ukončit přenos' })).toBeVisible();
  }

  async endLive() {
    await this.page.getByRole('button', { name: 'Ukončit přenos' }).click();
    await expect(this.page.getByRole('button', { name: 'Ukončit přenos' })).toHaveCount(0);
  }
}
