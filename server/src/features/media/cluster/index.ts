// The media calls of this node, wired for one node or for several on Redis.
import { randomUUID } from 'node:crypto';
import type { MediaService } from '@namesti/media';
import type { RedisClientType } from 'redis';
import type { Logger } from '../../../lib/logger.ts';
import { createMediaGateway, homeOps, type MediaGateway } from './gateway.ts';
import { redisHomes, singleNodeHomes } from './homes.ts';
import { localMediaOps } from './ops.ts';
import { createMediaRpc, type MediaRpc } from './rpc.ts';

export type { MediaGateway } from './gateway.ts';
export { MAX_CONSUMERS, MAX_TRANSPORTS, type MediaOps } from './ops.ts';

export interface MediaClusterDeps {
  media: MediaService;
  redis: { pub: RedisClientType; prefix: string } | null;
  /** Joins a session's recording once its room has closed on this node. */
  finishRecording(sessionId: string): void;
  /** Tells everyone who joined the session's media, on any node, to join it again. */
  resetAll(sessionId: string): void;
  logger: Logger;
}

export interface MediaCluster extends MediaGateway {
  /** This node's name among the media nodes. */
  node: string;
  close(): Promise<void>;
}

export async function startMediaCluster(deps: MediaClusterDeps): Promise<MediaCluster> {
  const { media, redis, logger } = deps;
  const self = randomUUID();
  const local = localMediaOps(media, deps.finishRecording);

  const dropLostRoom = (sessionId: string) => {
    media
      .closeRoom(sessionId)
      .then(() => deps.resetAll(sessionId))
      .catch((err: unknown) => logger.error({ err, sessionId }, 'lost media room not closed'));
  };
  const homes = redis
    ? redisHomes({ redis: redis.pub, prefix: redis.prefix, self, logger, onLost: dropLostRoom })
    : singleNodeHomes(self);
  let rpc: MediaRpc | null = null;
  if (redis) {
    rpc = await createMediaRpc({
      redis: redis.pub,
      prefix: redis.prefix,
      self,
      serve: homeOps(local, homes),
      logger,
    });
  }
  const gateway = createMediaGateway({ media, local, homes, rpc, resetAll: deps.resetAll, logger });
  return {
    ...gateway,
    node: self,
    async close() {
      await gateway.handOver();
      await rpc?.close();
    },
  };
}
