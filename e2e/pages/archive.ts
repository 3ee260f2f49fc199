// The archive as a citizen uses it: the list of ended sessions, one session's replay (the
// player, its chapters and the transcript that follows it) and the search from the header.
import { expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from '../tests/axe.ts';

/** The bits of the page's <video> the tests read (the e2e project has no DOM typings). */
interface PlayerElement {
  readyState: number;
  currentTime: number;
  pause(): void;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class ArchivePage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/archive');
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Archiv');
  }

  card(title: string): Locator {
    return this.page.getByTestId('archive-card').filter({ hasText: title });
  }

  /** Opens a session's replay from its card. */
  async openSession(title: string): Promise<ReplayPage> {
    await this.card(title).getByRole('link', { name: title }).click();
    const replay = new ReplayPage(this.page);
    await replay.ready();
    return replay;
  }

  checkAccessibility = () => expectAccessible(this.page, 'archive');
}

export class ReplayPage {
  constructor(readonly page: Page) {}

  async open(sessionId: string, seconds?: number) {
    await this.page.goto(`/archive/${sessionId}${seconds === undefined ? '' : `?t=${seconds}`}`);
    await this.ready();
  }

  /** The page is up and the player knows the recording's length (seeking works from now). */
  async ready() {
    await expect(this.page.getByTestId('replay')).toBeVisible();
    await expect
      .poll(() => this.video.evaluate((video: PlayerElement) => video.readyState), {
        message: 'the recording has loaded its metadata',
      })
      .toBeGreaterThanOrEqual(1);
  }

  get video(): Locator {
    return this.page.getByTestId('replay-player').locator('video');
  }

  currentTime(): Promise<number> {
    return this.video.evaluate((video: PlayerElement) => video.currentTime);
  }

  pause(): Promise<void> {
    return this.video.evaluate((video: PlayerElement) => video.pause());
  }

  /** The player is within `tolerance` seconds of `seconds` (it may be playing on). */
  async expectTimeNear(seconds: number, tolerance = 2.5) {
    await expect
      .poll(async () => Math.abs((await this.currentTime()) - seconds), {
        message: `the player is at about ${seconds} s`,
      })
      .toBeLessThanOrEqual(tolerance);
  }

  /** A chapter in the chapter list (the timeline bar has the same ones as its stretches). */
  chapter(title: string): Locator {
    return this.page
      .getByTestId('chapters')
      .getByRole('button', { name: new RegExp(escape(title)) });
  }

  get transcript(): Locator {
    return this.page.getByTestId('transcript');
  }

  /** The chat as it was written, replayed beside the recording. */
  get chat(): Locator {
    return this.page.getByTestId('replay-chat');
  }

  get chatMessages(): Locator {
    return this.chat.getByTestId('replay-chat-message');
  }

  get transcriptFilter(): Locator {
    return this.transcript.getByLabel('Hledat v přepisu');
  }

  /** A sentence's button in the transcript (click or Enter plays from there). */
  sentence(text: string): Locator {
    return this.transcript
      .getByTestId('transcript-sentence')
      .filter({ hasText: text })
      .getByRole('button', { name: new RegExp(escape(text)) });
  }

  /** The sentence being spoken now. */
  get currentSentence(): Locator {
    return this.transcript.locator('[aria-current="time"]');
  }

  /** The transcript's panel has stopped scrolling (its own smooth scroll included). */
  async transcriptSettled() {
    const scroller = this.transcript.getByTestId('transcript-scroller');
    await expect
      .poll(
        () =>
          scroller.evaluate(
            (element) =>
              new Promise<boolean>((done) => {
                const before = element.scrollTop;
                setTimeout(() => done(element.scrollTop === before), 300);
              }),
          ),
        { message: 'the transcript has stopped scrolling' },
      )
      .toBe(true);
  }

  get resumeButton(): Locator {
    return this.transcript.getByRole('button', { name: 'Zpět na aktuální místo' });
  }

  get shareButton(): Locator {
    return this.page.getByRole('button', { name: 'Sdílet tento okamžik' });
  }

  get shareStatus(): Locator {
    return this.page.getByTestId('share-status');
  }

  checkAccessibility = () => expectAccessible(this.page, `replay ${this.page.url()}`);
}

export class SearchPage {
  constructor(readonly page: Page) {}

  /** Types into the header's search box (on any page) and submits with Enter. */
  async searchFromHeader(query: string) {
    const box = this.page
      .getByRole('search', { name: 'Hledat v archivu' })
      .getByRole('searchbox', { name: 'Hledat v archivu' });
    await box.fill(query);
    await box.press('Enter');
    await expect(this.page).toHaveURL(/\/search\?/);
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Hledání v archivu');
  }

  /** "Nalezeny 3 výsledky" and the like. */
  get total(): Locator {
    return this.page.getByTestId('search-results').getByRole('heading', { level: 2 });
  }

  hit(text: string): Locator {
    return this.page.getByTestId('search-hit').filter({ hasText: text });
  }

  checkAccessibility = () => expectAccessible(this.page, `search ${this.page.url()}`);
}
