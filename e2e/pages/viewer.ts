// What a citizen sees of the live video on the session page: the player's state, its sound
// switch, and whether picture and sound really arrive (the page's WebRTC statistics).
import { expect, type Locator, type Page, type WebSocketRoute } from '@playwright/test';
import { SessionPage } from './citizen.ts';

export type VideoState = 'off' | 'waiting' | 'connecting' | 'playing' | 'reconnecting';

interface ReceiveCounts {
  state: VideoState;
  /** Receiving transports set up so far; a rebuild after a drop adds one. */
  receivers: number;
  video: { framesDecoded: number; packetsReceived: number; frameWidth: number | null };
  audio: { packetsReceived: number };
}

/**
 * A page's Socket.IO connection routed through Playwright, so a test can cut it as a lost
 * network would; Socket.IO then reconnects by itself (through the route again).
 */
export class DroppableSocket {
  #socket: WebSocketRoute | null = null;

  /** Call before the page opens. */
  static async on(page: Page): Promise<DroppableSocket> {
    const droppable = new DroppableSocket();
    await page.routeWebSocket(/\/socket\.io\//, (socket) => {
      socket.connectToServer();
      droppable.#socket = socket;
    });
    return droppable;
  }

  async drop() {
    if (!this.#socket) throw new Error('no socket yet');
    await this.#socket.close({ code: 4000, reason: 'test: network drop' });
  }
}

export class ViewerPage {
  readonly session: SessionPage;

  constructor(readonly page: Page) {
    this.session = new SessionPage(page);
  }

  async open(sessionId: string) {
    await this.session.open(sessionId);
    await expect(this.player).toBeVisible();
  }

  checkAccessibility = () => this.session.checkAccessibility();

  get player(): Locator {
    return this.page.getByTestId('live-player');
  }

  get stateText(): Locator {
    return this.page.getByTestId('video-state-text');
  }

  get soundButton(): Locator {
    return this.page.getByTestId('video-sound');
  }

  get quality(): Locator {
    return this.page.getByTestId('video-quality');
  }

  async expectState(state: VideoState, timeout = 30_000) {
    await expect(this.player).toHaveAttribute('data-video-state', state, { timeout });
  }

  /** The counters the viewer exposes for tests (window.__namestiViewer). */
  stats(): Promise<ReceiveCounts> {
    return this.page.evaluate(() => {
      const hook = Reflect.get(globalThis, '__namestiViewer') as
        { stats(): Promise<ReceiveCounts> } | undefined;
      if (!hook) throw new Error('no live player on this page');
      return hook.stats();
    });
  }

  /** Frames are decoded, and more keep coming. */
  async expectPictureFlowing(timeout = 40_000) {
    const frames = async () => (await this.stats()).video.framesDecoded;
    const start = await frames();
    await expect
      .poll(frames, { timeout, message: 'decoded video frames keep rising' })
      .toBeGreaterThan(start + 30);
  }

  /** Audio packets arrive, and more keep coming. */
  async expectSoundFlowing(timeout = 40_000) {
    const packets = async () => (await this.stats()).audio.packetsReceived;
    const start = await packets();
    await expect
      .poll(packets, { timeout, message: 'received audio packets keep rising' })
      .toBeGreaterThan(start + 50);
  }
}
