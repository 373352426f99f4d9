// Slow start (pkg/controller/replicaset/replica_set.go slowStartBatch): calls are made in batches
// of 1, 2, 4, … (SlowStartInitialBatchSize doubling), each batch side by side, and a batch with
// any failure ends the run. A ReplicaSet over quota thus sends one doomed create, not 500, and
// records one FailedCreate event instead of a storm of them.

import { Cancelled, Coroutine, suspend, type Co, type Outcome } from '../../sim/co';

/** The size of the first batch (controller.SlowStartInitialBatchSize). */
export const slowStartInitialBatchSize = 1;

/** How a slow-start run ended: how many calls succeeded, and the first error if one failed. */
export interface SlowStartResult {
  successes: number;
  error?: unknown;
}

/** Runs coroutines side by side and waits for every one to end, keeping each outcome (a WaitGroup). */
export function* settleAll<T>(cos: Co<T>[]): Co<Outcome<T>[]> {
  if (cos.length === 0) return [];
  return yield* suspend<Outcome<T>[]>((resume) => {
    const outcomes: Outcome<T>[] = new Array(cos.length);
    let left = cos.length;
    const runners = cos.map(
      (co, i) =>
        new Coroutine(co, (o) => {
          outcomes[i] = o;
          if (--left === 0) resume(outcomes);
        }),
    );
    for (const r of runners) r.start();
    return () => {
      for (const r of runners) r.interrupt(new Cancelled());
    };
  });
}

// Models pkg/controller/replicaset/replica_set.go slowStartBatch
/** Calls `fn` `count` times in doubling batches, stopping after the first batch that has an error. */
export function* slowStartBatch(count: number, initialBatchSize: number, fn: () => Co<void>): Co<SlowStartResult> {
  let remaining = count;
  let successes = 0;
  for (let batchSize = Math.min(remaining, initialBatchSize); batchSize > 0; batchSize = Math.min(2 * batchSize, remaining)) {
    const outcomes = yield* settleAll(Array.from({ length: batchSize }, () => fn()));
    const errors = outcomes.filter((o): o is { ok: false; error: unknown } => !o.ok);
    successes += batchSize - errors.length;
    if (errors.length > 0) return { successes, error: errors[0].error };
    remaining -= batchSize;
  }
  return { successes };
}
