// What a host does in the browser studio of a session: allow the camera and microphone, go
// live, switch sources, stop, end the session; and the OBS (WHIP) panel. Czech UI.
import { expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from '../tests/axe.ts';

export type BroadcastState = 'idle' | 'starting' | 'live' | 'reconnecting' | 'stopping';

export class StudioPage {
  constructor(readonly page: Page) {}

  async open(sessionId: string) {
    await this.page.goto(`/sessions/${sessionId}/studio`);
    await expect(this.page.getByTestId('studio')).toBeVisible();
    await expect(this.state).toHaveAttribute('data-state', 'idle');
  }

  /** The way a host finds it: the "Studio" link on the session page. */
  async openFromSession(sessionId: string) {
    await this.page.goto(`/sessions/${sessionId}`);
    await this.page.getByRole('link', { name: 'Studio', exact: true }).click();
    await expect(this.page).toHaveURL(new RegExp(`/sessions/${sessionId}/studio$`));
    await expect(this.state).toHaveAttribute('data-state', 'idle');
  }

  checkAccessibility = () => expectAccessible(this.page, `studio ${this.page.url()}`);

  get state(): Locator {
    return this.page.getByTestId('broadcast-state');
  }

  get sessionStatus(): Locator {
    return this.page.getByTestId('session-status');
  }

  get preview(): Locator {
    return this.page.getByTestId('studio-preview');
  }

  get error(): Locator {
    return this.page.getByTestId('studio-error');
  }

  /** The browser's permission (granted by the fake-UI flag), then the device lists. */
  async allowDevices() {
    await this.page.getByRole('button', { name: 'Povolit kameru a mikrofon' }).click();
    await expect(this.preview).toBeVisible();
    await expect(this.page.getByLabel('Kamera', { exact: true }).locator('option')).not.toHaveCount(
      0,
    );
    await expect(
      this.page.getByLabel('Mikrofon', { exact: true }).locator('option'),
    ).not.toHaveCount(0);
  }

  async expectState(state: BroadcastState) {
    await expect(this.state).toHaveAttribute('data-state', state, { timeout: 30_000 });
  }

  async goLive() {
    await this.page.getByRole('button', { name: 'Zahájit vysílání' }).click();
    await this.expectState('live');
    await expect(this.page.getByTestId('broadcast-elapsed')).toBeVisible();
  }

  async stop() {
    await this.page.getByRole('button', { name: 'Zastavit vysílání' }).click();
    await this.expectState('idle');
  }

  async toggleMicrophone() {
    await this.page.getByTestId('toggle-microphone').click();
  }

  async toggleCamera() {
    await this.page.getByTestId('toggle-camera').click();
  }

  /** "Ukončit zasedání" → "Ano, ukončit". */
  async endSession() {
    await this.page.getByTestId('end-session').click();
    await this.page.getByTestId('end-session-confirm').click();
    await expect(this.sessionStatus).toHaveAttribute('data-status', 'ended');
  }

  get whipPanel(): Locator {
    return this.page.getByTestId('whip-panel');
  }
}
