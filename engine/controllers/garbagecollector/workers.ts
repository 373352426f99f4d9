// Workers for a controller's second queue. The framework starts `workers` coroutines over a
// controller's own queue; kube-controller-manager's garbage collector (attemptToOrphan, the graph
// changes) and resource quota controller (missingUsageQueue) run more queues than one, each with
// workers of its own. These run as the controller's loops, over the same processNextWorkItem.

import type { Queue } from '../../client/workqueue';
import type { Co } from '../../sim/co';
import { worker, type Controller } from '../controller';

/** A queue workers can take keys from: the process's WorkQueue, or a test's tracking queue. */
export interface TakingQueue extends Queue {
  readonly len: number;
  get(): Co<string | null>;
  done(key: string): void;
}

/** Whether the context's queue can feed workers (ControllerContext.newQueue's type names only what sync needs). */
export function canTake(q: Queue): q is TakingQueue {
  const t = q as Partial<TakingQueue>;
  return typeof t.get === 'function' && typeof t.done === 'function';
}

// Models staging/src/k8s.io/apimachinery/pkg/util/wait (go wait.Until(worker)) over processNextWorkItem
/** `n` workers that sync each key of `q`, forgetting it on success and requeuing it rate-limited on error. */
export function queueWorkers(name: string, q: Queue & { readonly len: number }, n: number, sync: (key: string) => Co<void>): Co<void>[] {
  if (!canTake(q)) return [];
  const c: Controller = { name, workers: n, queue: q, sync };
  return Array.from({ length: n }, () => worker(c, () => q.get(), (k) => q.done(k)));
}
