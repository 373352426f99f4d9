// Stand-ins for Web Workers that serve on the calling thread, over a real MessageChannel: Comlink,
// the protocols and terminate behave as with a Worker, minus the parallelism. They let WorkerHost
// and the cluster Worker be tested under Vitest in Node.

import type { ProcessKind } from '../sim/env';
import { processKinds } from '../kinds';
import { serveCluster } from './cluster-service';
import { servePool } from './pool-worker';
import type { WorkerLike, WorkerSpawner } from './worker-handle';

/** A WorkerLike whose other end `serve` serves on this thread; terminate closes both. */
function overChannel(serve: (endpoint: MessagePort) => { close(): void }): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  const served = serve(port2);
  return {
    postMessage: (msg: unknown, transfer?: Transferable[]) => port1.postMessage(msg, transfer ?? []),
    addEventListener: port1.addEventListener.bind(port1) as WorkerLike['addEventListener'],
    removeEventListener: port1.removeEventListener.bind(port1) as WorkerLike['removeEventListener'],
    start: () => port1.start(),
    terminate: () => {
      served.close();
      port1.close();
      port2.close();
    },
  };
}

/** A WorkerLike running a pool of the given kinds on this thread (for tests). */
export function inThreadWorker(kinds: ProcessKind<never>[] = processKinds): WorkerLike {
  return overChannel((endpoint) => servePool(kinds, { endpoint }));
}

/** A WorkerLike running the cluster Worker on this thread, its process Workers built by `spawn` (for tests). */
export function inThreadClusterWorker(spawn: WorkerSpawner = () => inThreadWorker()): WorkerLike {
  return overChannel((endpoint) => serveCluster({ endpoint, spawn }));
}
