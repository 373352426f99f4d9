// The Worker constructors, one per process kind. Each `new URL(…, import.meta.url)` must stay a
// literal next to `new Worker` so Vite bundles the entry as a worker chunk.

import type { WorkerLike } from './worker-handle';

/** A fresh Worker running one etcd member (engine/workers/etcd.worker.ts). */
export function spawnEtcdWorker(name: string): WorkerLike {
  return new Worker(new URL('./etcd.worker.ts', import.meta.url), { type: 'module', name });
}
