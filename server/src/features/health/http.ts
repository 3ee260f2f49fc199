import { Router } from 'express';
import type { RedisClientType } from 'redis';
import type { MediaService } from '@namesti/media';
import type { Database } from '../../db/database.ts';
import type { HealthDto } from '../../protocol/dto.ts';

async function redisState(redis: RedisClientType | null): Promise<HealthDto['redis']> {
  if (!redis) return 'off';
  try {
    return (await redis.ping()) === 'PONG' ? 'ok' : 'down';
  } catch {
    return 'down';
  }
}

export function healthRouter(deps: {
  db: Database;
  redis: RedisClientType | null;
  media: MediaService;
  version: string;
}): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [dbOk, redis] = await Promise.all([deps.db.ping(), redisState(deps.redis)]);
    const media = deps.media.health();
    const health: HealthDto = {
      status: dbOk && redis !== 'down' && media.status !== 'degraded' ? 'ok' : 'degraded',
      db: dbOk ? 'ok' : 'down',
      redis,
      media: media.status,
      mediaWorkers: media.workers,
      mediaWorkerDeaths: media.workerDeaths,
      version: deps.version,
    };
    res
      .status(dbOk ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(health);
  });
  return router;
}
