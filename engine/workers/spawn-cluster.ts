// The cluster Worker's constructor, apart from spawn.ts so that the page's bundle names only this
// entry (the process Workers are the cluster Worker's to spawn). The `new URL(…, import.meta.url)`
// must stay a literal next to `new Worker` so Vite bundles the entry as a worker chunk.

import type { WorkerLike } from './worker-handle';

/** The Worker that runs a browser cluster's clock and spawns its process Workers (cluster.worker.ts). */
export function spawnClusterWorker(): WorkerLike {
  return new Worker(new URL('./cluster.worker.ts', import.meta.url), { type: 'module', name: 'cluster' });
}
