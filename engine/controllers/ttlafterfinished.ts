// The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
// spec.ttlSecondsAfterFinished is deleted (foreground, so its pods go first) that many seconds
// after its Complete or Failed condition's lastTransitionTime. Until then the key waits in the
// queue for the time left; before deleting, a fresh read confirms the TTL still holds.

import type { Job } from '../api/types';
import { isNotFound, res } from '../client/clientset';
import { keyOf, splitKey } from '../client/store';
import type { Co } from '../sim/co';
import type { Controller, ControllerContext } from './controller';
import { isJobFinished } from './job';

const jobs = res('batch', 'jobs');

/** --concurrent-ttl-after-finished-syncs default. */
const concurrentTTLSyncs = 5;

// Models pkg/controller/ttlafterfinished/ttlafterfinished_controller.go needsCleanup.
/** Whether a Job has finished and has a TTL. */
export function needsCleanup(j: Job): boolean {
  return j.spec?.ttlSecondsAfterFinished !== undefined && j.spec.ttlSecondsAfterFinished !== null && isJobFinished(j);
}

// Models pkg/controller/ttlafterfinished/ttlafterfinished_controller.go jobFinishTime.
/** When the Job finished: its terminal condition's lastTransitionTime (wall ms). */
export function jobFinishTime(j: Job): number {
  for (const c of j.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') {
      const at = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
      if (Number.isNaN(at)) throw new Error(`unable to find the time when the Job ${j.metadata.namespace}/${j.metadata.name} finished`);
      return at;
    }
  }
  throw new Error(`unable to find the status of the finished Job ${j.metadata.namespace}/${j.metadata.name}`);
}

// Models pkg/controller/ttlafterfinished/ttlafterfinished_controller.go timeLeft.
/** Ms until the TTL expires (negative once past), and when it does. */
export function timeLeft(j: Job, nowMs: number): { remainingMs: number; expireAt: number } {
  if (!needsCleanup(j)) throw new Error(`job ${j.metadata.namespace}/${j.metadata.name} should not be cleaned up`);
  const expireAt = jobFinishTime(j) + j.spec!.ttlSecondsAfterFinished! * 1000;
  return { remainingMs: expireAt - nowMs, expireAt };
}

// Models pkg/controller/ttlafterfinished/ttlafterfinished_controller.go New.
/** The TTL-after-finished controller. */
export function newTTLAfterFinishedController(ctx: ControllerContext): Controller {
  const queue = ctx.newQueue('ttl_jobs_to_delete');
  const informer = ctx.informers.informerFor<Job>(jobs);
  const lister = informer.lister;
  const enqueueIfDue = (j: Job) => {
    if (!j.metadata.deletionTimestamp && needsCleanup(j)) queue.add(keyOf(j));
  };
  informer.addEventHandler({ add: enqueueIfDue, update: (_old, cur) => enqueueIfDue(cur) });

  // Models ttlafterfinished_controller.go processTTL: true when expired; otherwise requeued for when it will be.
  function processTTL(j: Job): boolean {
    if (j.metadata.deletionTimestamp || !needsCleanup(j)) return false;
    const { remainingMs } = timeLeft(j, ctx.wallMs());
    if (remainingMs <= 0) return true;
    queue.addAfter(keyOf(j), remainingMs);
    return false;
  }

  // Models ttlafterfinished_controller.go processJob.
  function* sync(key: string): Co<void> {
    const [ns, name] = splitKey(key);
    const job = lister.get(ns, name);
    if (!job || !processTTL(job)) return;
    // The cached TTL may be stale: decide again on a fresh read.
    let fresh: Job;
    try {
      fresh = yield* ctx.client.get<Job>(jobs, ns, name);
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
    if (!processTTL(fresh)) return;
    yield* ctx.client.delete(jobs, ns, name, { propagationPolicy: 'Foreground', preconditions: { uid: fresh.metadata.uid! } });
  }

  return { name: 'ttl-after-finished', workers: concurrentTTLSyncs, queue, sync };
}
