// The media calls the app makes, routed to the node that carries each session: run here when
// this node is its home, forwarded over Redis otherwise. A home that no longer answers loses
// its claim, so the next join opens the room on a node that does.
import { MediaError, type MediaService } from '@namesti/media';
import type { Logger } from '../../../lib/logger.ts';
import type { MediaHomes } from './homes.ts';
import type { MediaOpName, MediaOps } from './ops.ts';
import type { MediaRpc } from './rpc.ts';

/** Calls that open the session's room, and so may claim it for this node. */
const OPENS_ROOM = new Set<MediaOpName>(['join', 'publishWhip']);

export interface MediaGateway extends MediaOps {
  /** Before this node shuts down: give up its sessions and send their peers to join again,
   * which opens each room on a node that stays. */
  handOver(): Promise<void>;
}

export interface GatewayDeps {
  media: MediaService;
  local: MediaOps;
  homes: MediaHomes;
  /** Null on a single node. */
  rpc: MediaRpc | null;
  /** Tells everyone who joined the session's media, on any node, to join it again. */
  resetAll(sessionId: string): void;
  logger: Logger;
}

/** What this node runs for its own sessions, whoever asked: closing a room also gives up the
 * claim, and a room is only opened while this node holds (or can take) the claim. */
export function homeOps(local: MediaOps, homes: MediaHomes): MediaOps {
  return {
    ...local,
    async join(sessionId, peerId) {
      await assertHome(homes, sessionId);
      return local.join(sessionId, peerId);
    },
    async publishWhip(sessionId, peerId, offer) {
      await assertHome(homes, sessionId);
      return local.publishWhip(sessionId, peerId, offer);
    },
    async closeRoom(sessionId) {
      await local.closeRoom(sessionId);
      await homes.release(sessionId);
    },
  };
}

async function assertHome(homes: MediaHomes, sessionId: string) {
  // Asked as the home, but another node took the session since: the asker tries again.
  if ((await homes.claim(sessionId)) !== homes.self) {
    throw new MediaError('unreachable', 'The session moved to another media node');
  }
}

export function createMediaGateway(deps: GatewayDeps): MediaGateway {
  const { media, homes, rpc, logger } = deps;
  const atHome = homeOps(deps.local, homes);

  async function route(op: MediaOpName, args: unknown[], retried = false): Promise<unknown> {
    const sessionId = args[0] as string;
    const home = OPENS_ROOM.has(op) ? await homes.claim(sessionId) : await homes.find(sessionId);
    const runHere = home === null || home === homes.self || rpc === null;
    if (runHere) return (atHome[op] as (...a: unknown[]) => Promise<unknown>)(...args);
    try {
      return await rpc.call(home, op, args as never);
    } catch (err) {
      if (!(err instanceof MediaError) || err.reason !== 'unreachable') throw err;
      logger.warn({ sessionId, home, op }, 'media home did not answer; releasing its claim');
      await homes.evict(sessionId, home);
      // Opening a room can go on here at once; anything else belonged to the lost room.
      if (OPENS_ROOM.has(op) && !retried) return route(op, args, true);
      if (op === 'leave') return undefined;
      // Nothing is left to close there; the recording's segments can still be joined here.
      if (op === 'closeRoom') return atHome.closeRoom(sessionId);
      throw new MediaError('not_live', 'The media of this session was lost; join again');
    }
  }

  const routed = Object.fromEntries(
    (Object.keys(atHome) as MediaOpName[]).map((op) => [
      op,
      (...args: unknown[]) => route(op, args),
    ]),
  ) as unknown as MediaOps;

  return {
    ...routed,
    async handOver() {
      for (const sessionId of homes.owned()) {
        await homes.release(sessionId);
        await media.closeRoom(sessionId);
        deps.resetAll(sessionId);
      }
      homes.stop();
    },
  };
}
