// The home page follows the lobby: any session going live, ending or changing triggers a refetch.
// The board widget follows it too, for answers published on the board.
import { emitWithAck, getSocket, listen } from './socket';

/** What a page refetches for: sessions changing (the default), board answers, or both. */
export type LobbyNews = 'lobby:changed' | 'board:answered';

export class Lobby {
  connected = $state(false);

  #cleanup: (() => void) | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Joins the lobby on every connect and calls `refresh` (debounced) whenever something changed,
   * and after reconnects, when changes may have been missed.
   */
  start(refresh: () => unknown, news: LobbyNews[] = ['lobby:changed']): void {
    if (this.#cleanup) return;
    const socket = getSocket();
    let connectedBefore = false;

    const schedule = () => {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        this.#timer = null;
        void refresh();
      }, 150);
    };
    const onConnect = () => {
      this.connected = true;
      emitWithAck('lobby:join', {}).catch((error: unknown) => {
        console.error('lobby:join failed', error);
      });
      if (connectedBefore) schedule();
      connectedBefore = true;
    };
    const onDisconnect = () => {
      this.connected = false;
    };

    const stop = listen(socket, {
      connect: onConnect,
      disconnect: onDisconnect,
      ...Object.fromEntries(news.map((event) => [event, schedule])),
    });
    if (socket.connected) onConnect();
    this.#cleanup = stop;
  }

  destroy(): void {
    this.#cleanup?.();
    this.#cleanup = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
