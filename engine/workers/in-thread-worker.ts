// A stand-in for a Web Worker that serves a pool on the calling thread, over a real MessageChannel:
// Comlink, the tick protocol and terminate behave as with a Worker, minus the parallelism. It lets
// WorkerHost be tested under Vitest in Node.

import type { ProcessKind } from '../sim/env';
import { processKinds } from '../kinds';
import { servePool } from './pool-worker';
import type { WorkerLike } from './worker-handle';

/** A WorkerLike running a pool of the given kinds on this thread (for tests). */
export function inThreadWorker(kinds: ProcessKind<never>[] = processKinds): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  const served = servePool(kinds, { endpoint: port2 });
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
