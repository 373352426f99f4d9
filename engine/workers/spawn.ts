// The Worker constructor. The `new URL(…, import.meta.url)` must stay a literal next to `new Worker`
// so Vite bundles the entry as a worker chunk.

import type { WorkerLike } from './worker-handle';

/** A fresh Worker that can host any process kind (engine/workers/process.worker.ts). */
export function spawnProcessWorker(name: string): WorkerLike {
  return new Worker(new URL('./process.worker.ts', import.meta.url), { type: 'module', name });
}
