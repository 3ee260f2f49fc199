// One session's routers: the origin, where publishers send, and edge routers on other workers
// that every producer is piped to once the origin carries `consumersPerRouter` viewers. A
// worker is one CPU core; this is how one broadcast reaches more viewers than a core can feed.
import type { types } from 'mediasoup';
import { MEDIA_CODECS } from './codecs.ts';
import type { WorkerPool } from './worker-pool.ts';

export interface Fanout {
  readonly origin: types.Router;
  /** The router a new viewer's transport goes on (creating and filling an edge if needed). */
  routerForViewer(): Promise<types.Router>;
  /** Makes a producer on the origin consumable on every edge. */
  pipeToEdges(producerId: string): Promise<void>;
  viewerJoined(router: types.Router): void;
  viewerLeft(router: types.Router): void;
  routers(): types.Router[];
  /** Which of this session's routers a worker carries, for recovery when it dies. */
  onWorker(worker: types.Worker): { origin: boolean; edges: types.Router[] };
  close(): void;
}

export async function createFanout(
  pool: WorkerPool,
  consumersPerRouter: number,
  producerIds: () => string[],
): Promise<Fanout> {
  const originWorker = pool.pick();
  const origin = await originWorker.createRouter({ mediaCodecs: MEDIA_CODECS });
  const edges: types.Router[] = [];
  const edgeWorkers = new Map<types.Router, types.Worker>();
  const viewers = new Map<types.Router, number>([[origin, 0]]);
  // Concurrent joins past the threshold must create one edge, not one each.
  let creating: Promise<types.Router> | null = null;

  const load = (router: types.Router) => viewers.get(router) ?? 0;

  async function createEdge(): Promise<types.Router> {
    const worker = pool.pick(originWorker);
    const edge = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
    viewers.set(edge, 0);
    edgeWorkers.set(edge, worker);
    edge.observer.once('close', () => {
      viewers.delete(edge);
      edgeWorkers.delete(edge);
      const at = edges.indexOf(edge);
      if (at >= 0) edges.splice(at, 1);
    });
    for (const producerId of producerIds()) {
      await origin.pipeToRouter({ producerId, router: edge });
    }
    edges.push(edge);
    return edge;
  }

  async function routerForViewer(): Promise<types.Router> {
    if (load(origin) < consumersPerRouter) return origin;
    const open = edges
      .filter((e) => load(e) < consumersPerRouter)
      .sort((a, b) => load(a) - load(b));
    if (open[0]) return open[0];
    // One worker: another router on the same core would only add copying.
    if (pool.workers().length < 2) return origin;
    creating ??= createEdge().finally(() => (creating = null));
    return creating;
  }

  return {
    origin,
    routerForViewer,
    async pipeToEdges(producerId) {
      await Promise.all(edges.map((router) => origin.pipeToRouter({ producerId, router })));
    },
    viewerJoined: (router) => viewers.set(router, load(router) + 1),
    viewerLeft: (router) => {
      if (viewers.has(router)) viewers.set(router, Math.max(0, load(router) - 1));
    },
    routers: () => [origin, ...edges],
    onWorker: (worker) => ({
      origin: worker === originWorker,
      edges: edges.filter((edge) => edgeWorkers.get(edge) === worker),
    }),
    close() {
      for (const edge of [...edges]) edge.close();
      origin.close();
    },
  };
}
