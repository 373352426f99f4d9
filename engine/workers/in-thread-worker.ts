// A stand-in for a Web Worker that serves a process on the calling thread, over a real
// MessageChannel: Comlink, the tick protocol, transferred peer ports and terminate all behave as
// with a Worker, minus the parallelism. It lets WorkerHost be tested under Vitest in Node.

import type { ProcessFactory } from '../sim/env';
import { serveProcess, type ServeOptions } from './serve-process';
import type { WorkerLike } from './worker-handle';

/** A WorkerLike running `build`'s process on this thread (for tests). */
export function inThreadWorker<C>(build: (config: C) => ProcessFactory, opts: Omit<ServeOptions, 'endpoint'> = {}): WorkerLike {
  const { port1, port2 } = new MessageChannel();
  const served = serveProcess(build, { ...opts, endpoint: port2 });
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
