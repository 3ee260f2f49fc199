// Citizens on stage from both sides: the "Slovo pro občany" area of the session page (raise a
// hand, wait, speak) and the console's "Přihlášení o slovo" panel (accept, decline, mute, end).
import { expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from '../tests/axe.ts';
import type { ModeratorConsole } from './moderator.ts';

/**
 * Records every track the page's getUserMedia hands out, so a test can check that none stays
 * live once the turn is over. Call before the page opens.
 */
export async function recordDeviceTracks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    // The browser's types are not in this project's lib: just the parts used here.
    interface Track {
      kind: string;
      readyState: string;
    }
    interface Devices {
      getUserMedia(constraints: unknown): Promise<{ getTracks(): Track[] }>;
    }
    const tracks: Track[] = [];
    Reflect.set(globalThis, '__deviceTracks', tracks);
    const { mediaDevices } = Reflect.get(globalThis, 'navigator') as { mediaDevices: Devices };
    const original = mediaDevices.getUserMedia.bind(mediaDevices);
    mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      tracks.push(...stream.getTracks());
      return stream;
    };
  });
}

export class CitizenStage {
  constructor(readonly page: Page) {}

  checkAccessibility = () => expectAccessible(this.page, `session (stage) ${this.page.url()}`);

  get area(): Locator {
    return this.page.getByTestId('stage-area');
  }

  get raiseForm(): Locator {
    return this.area.getByTestId('stage-raise');
  }

  /** Raises a hand and waits for the server's ack (the waiting notice replaces the form). */
  async raise(topic: string, name?: string) {
    const form = this.raiseForm;
    await form.getByLabel('O čem chcete mluvit').fill(topic);
    if (name !== undefined) await form.getByLabel('Vaše jméno').fill(name);
    await form.getByRole('button', { name: 'Přihlásit se o slovo' }).click();
    await expect(this.waiting).toBeVisible();
  }

  get raiseError(): Locator {
    return this.area.getByTestId('stage-raise-error');
  }

  get waiting(): Locator {
    return this.area.getByTestId('stage-waiting');
  }

  /** "Jste na řadě č. N". */
  get position(): Locator {
    return this.area.getByTestId('stage-position');
  }

  /** The note about a finished request (declined with its reason, ended, withdrawn). */
  get ended(): Locator {
    return this.area.getByTestId('stage-ended');
  }

  /** The citizen's own turn; `data-phase` is off / opening / connecting / on / reconnecting. */
  get turn(): Locator {
    return this.area.getByTestId('stage-turn');
  }

  /** Turns the microphone on (optionally the camera) and waits until it is on stage. */
  async startMicrophone(options: { camera?: boolean } = {}) {
    if (options.camera) await this.turn.getByLabel('Zapnout i kameru').check();
    await this.turn.getByRole('button', { name: 'Zapnout mikrofon' }).click();
    await expect(this.turn).toHaveAttribute('data-phase', 'on', { timeout: 30_000 });
    await expect(this.turn.getByTestId('stage-mic-state')).toHaveText('Váš mikrofon je zapnutý.');
  }

  /** The microphone meter's value (0–100). */
  micLevel(): Promise<number> {
    return this.turn
      .getByRole('meter', { name: 'Hlasitost vašeho mikrofonu' })
      .evaluate((meter) => (meter as unknown as { value: number }).value);
  }

  /** readyState of every camera and microphone track the page opened (recordDeviceTracks). */
  deviceTracks(): Promise<string[]> {
    return this.page.evaluate(() => {
      const tracks = Reflect.get(globalThis, '__deviceTracks') as
        { kind: string; readyState: string }[] | undefined;
      return (tracks ?? []).map((track) => `${track.kind}:${track.readyState}`);
    });
  }

  /** Who is on stage, as everyone on the session page sees it; `data-on-stage` yes / no. */
  get speaker(): Locator {
    return this.page.getByTestId('stage-speaker');
  }
}

export class ModeratorStage {
  constructor(readonly console: ModeratorConsole) {}

  get page(): Page {
    return this.console.page;
  }

  get panel(): Locator {
    return this.page.getByTestId('stage-panel');
  }

  /** A raised hand in the waiting list, by (part of) its topic. */
  request(topic: string): Locator {
    return this.panel.getByTestId('stage-request').filter({ hasText: topic });
  }

  get requests(): Locator {
    return this.panel.getByTestId('stage-request');
  }

  /** The polite announcement region (new hands, results of the moderator's actions). */
  get announcement(): Locator {
    return this.panel.getByTestId('stage-announcement');
  }

  /** The citizen on stage and the controls over them. */
  get speaker(): Locator {
    return this.panel.getByTestId('stage-speaker-controls');
  }

  /** Picks the time limit and accepts with the keyboard only. */
  async acceptWithKeyboard(topic: string, limit: string) {
    const row = this.request(topic);
    const select = row.getByLabel('Časový limit');
    await select.focus();
    await select.selectOption({ label: limit });
    await this.page.keyboard.press('Tab');
    await expect(row.getByTestId('stage-accept')).toBeFocused();
    await this.page.keyboard.press('Enter');
    await expect(this.speaker).toContainText(topic);
  }

  async decline(topic: string, reason?: string) {
    const row = this.request(topic);
    await row.getByTestId('stage-decline').click();
    if (reason) await row.getByLabel('Důvod odmítnutí (nepovinné)').fill(reason);
    await row.getByRole('button', { name: 'Odmítnout přihlášku', exact: true }).click();
    await expect(row).toHaveCount(0);
  }

  async toggleMute() {
    const button = this.speaker.getByTestId('stage-mute');
    const before = await button.textContent();
    await button.click();
    await expect(button).not.toHaveText(before ?? '');
  }

  async addMinute() {
    await this.speaker.getByTestId('stage-add-minute').click();
  }

  /** "Ukončit příspěvek", confirmed, with the keyboard only. */
  async removeWithKeyboard() {
    await this.speaker.getByTestId('stage-remove').focus();
    await this.page.keyboard.press('Enter');
    await expect(this.speaker.getByTestId('stage-remove-confirm')).toBeFocused();
    await this.page.keyboard.press('Enter');
    await expect(this.speaker).toHaveCount(0);
  }
}
