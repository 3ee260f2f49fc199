// A pool of mediasoup workers, one process each. A worker that dies is logged, replaced by a
// fresh one, and reported to the owner so the sessions it carried can be rebuilt elsewhere.
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import type { MediaLogger, MediaOptions } from './options.ts';

export interface WorkerHealth {
  pid: number;
  alive: boolean;
  routers: number;
}

export interface WorkerPool {
  /** The live worker carrying the fewest routers, skipping `avoid` when another is available. */
  pick(avoid?: types.Worker): types.Worker;
  workers(): types.Worker[];
  health(): { workers: WorkerHealth[]; deaths: number };
  close(): void;
}

export async function createWorkerPool(
  options: Pick<MediaOptions, 'workerBin' | 'workers' | 'rtcMinPort' | 'rtcMaxPort'>,
  logger: MediaLogger,
  onDied: (worker: types.Worker) => void,
): Promise<WorkerPool> {
  const live = new Set<types.Worker>();
  const routerCounts = new WeakMap<types.Worker, number>();
  let deaths = 0;
  let closed = false;

  async function spawn(): Promise<types.Worker> {
    const worker = await mediasoup.createWorker({
      workerBin: options.workerBin,
      logLevel: 'warn',
      rtcMinPort: options.rtcMinPort,
      rtcMaxPort: options.rtcMaxPort,
    });
    routerCounts.set(worker, 0);
    worker.observer.on('newrouter', (router) => {
      routerCounts.set(worker, (routerCounts.get(worker) ?? 0) + 1);
      router.observer.once('close', () =>
        routerCounts.set(worker, (routerCounts.get(worker) ?? 1) - 1),
      );
    });
    worker.on('died', (err) => {
      live.delete(worker);
      deaths += 1;
      logger.error({ err, pid: worker.pid }, 'mediasoup worker died; replacing it');
      if (!closed) {
        spawn().then(
          (fresh) => logger.info({ pid: fresh.pid }, 'mediasoup worker replaced'),
          (spawnErr: unknown) =>
            logger.error({ err: spawnErr }, 'mediasoup worker could not be replaced'),
        );
      }
      onDied(worker);
    });
    live.add(worker);
    return worker;
  }

  await Promise.all(Array.from({ length: Math.max(1, options.workers) }, spawn));

  return {
    pick(avoid) {
      const candidates = [...live].sort(
        (a, b) => (routerCounts.get(a) ?? 0) - (routerCounts.get(b) ?? 0),
      );
      const chosen = candidates.find((w) => w !== avoid) ?? candidates[0];
      if (!chosen) throw new Error('no mediasoup worker is alive');
      return chosen;
    },
    workers: () => [...live],
    health: () => ({
      workers: [...live].map((w) => ({
        pid: w.pid,
        alive: !w.died && !w.closed,
        routers: routerCounts.get(w) ?? 0,
      })),
      deaths,
    }),
    close() {
      closed = true;
      for (const worker of live) worker.close();
      live.clear();
    },
  };
}
