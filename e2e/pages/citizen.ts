// What a citizen sees: the home page and a session page. No account.
import { expect, type Page } from '@playwright/test';
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
}
