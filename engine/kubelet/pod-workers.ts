// The pod workers (pkg/kubelet/pod_workers.go): one worker per pod, never running two syncs of a
// pod at once, moving it from syncing to terminating (deleted, or reached a terminal phase) to
// terminated, and requeueing it as the kubelet's work queue does — at the resync interval after a
// good sync, after the back-off period after a failed one, at once on a phase change.

import type { Pod } from '../api/types';
import { Cancelled, Coroutine, type Co } from '../sim/co';
import type { Rng } from '../sim/rng';
import type { CancelTimer, Scheduler } from './scheduler';
import type { PodSyncer } from './sync';
import { isPodPhaseTerminal as isTerminal } from './status/phase';

/** Where a pod is in its life on the node. */
export type PodWorkerState = 'syncing' | 'terminating' | 'terminated';

interface Worker {
  uid: string;
  pod: Pod;
  state: PodWorkerState;
  running: Coroutine<void> | null;
  pending: boolean;
  resync: CancelTimer | null;
  terminatedSynced: boolean;
  /** Gone from the API: clean up once terminated. */
  removed: boolean;
  gracePeriodOverride?: number;
  /** When the last sync ended (the pod cache must be newer than this for the next one). */
  lastSyncTime: number;
}

/** The kubelet's timings that pace the workers. */
export interface WorkerTiming {
  /** --sync-frequency: a pod is synced at least this often. */
  resyncIntervalMs: number;
  /** A failed sync is retried after this (pod_workers.go backOffPeriod). */
  backOffPeriodMs: number;
  /** The sync loop's ticker: queued work is picked up on its ticks. */
  syncTickMs: number;
  /** The PLEG's relist period: the pod cache a sync reads is refreshed on its ticks. */
  plegRelistPeriodMs: number;
}

// workerResyncIntervalJitterFactor and workerBackOffPeriodJitterFactor.
const jitterFactor = 0.5;


// Models pkg/kubelet/pod_workers.go podWorkers
/** Every pod worker of a node. */
export class PodWorkers {
  private readonly workers = new Map<string, Worker>();

  constructor(
    private readonly sched: Scheduler,
    private readonly rng: Rng,
    private readonly syncer: PodSyncer,
    private readonly timing: WorkerTiming,
    private readonly hooks: { terminated(uid: string): void; cleanup(uid: string): void },
  ) {}

  /** UpdatePod: a pod from the API, new or changed. */
  update(pod: Pod): void {
    const uid = pod.metadata.uid!;
    let w = this.workers.get(uid);
    if (!w) {
      const state: PodWorkerState = isTerminal(pod.status?.phase) ? 'terminated' : 'syncing';
      w = { uid, pod, state, running: null, pending: false, resync: null, terminatedSynced: false, removed: false, lastSyncTime: -Infinity };
      this.workers.set(uid, w);
    }
    w.pod = pod;
    if (pod.metadata.deletionTimestamp && w.state === 'syncing') this.terminate(w);
    else this.kick(w);
  }

  /** A pod gone from the API: stop it (if it still runs) and forget it. */
  remove(uid: string): void {
    const w = this.workers.get(uid);
    if (!w) return;
    w.removed = true;
    if (w.state === 'syncing') this.terminate(w, w.pod.metadata.deletionGracePeriodSeconds ?? 0);
    else this.kick(w);
  }

  /** Syncs a pod now (a runtime event, a probe result, its deadline). */
  requestSync(uid: string): void {
    const w = this.workers.get(uid);
    if (w) this.kick(w);
  }

  /** Where the pod is, or undefined when the node does not know it. */
  state(uid: string): PodWorkerState | undefined {
    return this.workers.get(uid)?.state;
  }

  /** Every pod the workers know. */
  pods(): Pod[] {
    return [...this.workers.values()].map((w) => w.pod);
  }

  // Termination cancels a sync in progress (its context is cancelled upstream).
  private terminate(w: Worker, gracePeriodOverride?: number): void {
    w.state = 'terminating';
    w.gracePeriodOverride = gracePeriodOverride;
    if (w.running) w.running.interrupt(new Cancelled());
    else this.kick(w);
  }

  private kick(w: Worker): void {
    if (w.running) {
      w.pending = true;
      return;
    }
    w.resync?.();
    w.resync = null;
    const co = new Coroutine(this.work(w), (o) => {
      w.running = null;
      if (!o.ok && !(o.error instanceof Cancelled)) throw o.error;
      if (this.workers.get(w.uid) !== w) return;
      if (w.pending || !o.ok) {
        w.pending = false;
        this.kick(w);
      }
    });
    w.running = co;
    co.start();
  }

  private *work(w: Worker): Co<void> {
    yield* this.waitForCache(w);
    try {
      yield* this.workOnce(w);
    } finally {
      w.lastSyncTime = this.sched.now();
    }
  }

  private *workOnce(w: Worker): Co<void> {
    if (w.state === 'syncing') {
      const r = yield* this.syncer.syncPod(w.pod);
      if (w.state !== 'syncing') return;
      if (r.terminal) {
        w.state = 'terminating';
        w.pending = true;
        return;
      }
      this.requeue(w, r.failed ? this.timing.backOffPeriodMs : this.timing.resyncIntervalMs);
      return;
    }
    if (w.state === 'terminating') {
      yield* this.syncer.syncTerminatingPod(w.pod, w.gracePeriodOverride);
      w.state = 'terminated';
      this.hooks.terminated(w.uid);
      w.pending = true;
      return;
    }
    if (!w.terminatedSynced) {
      yield* this.syncer.syncTerminatedPod(w.pod);
      w.terminatedSynced = true;
      this.hooks.terminated(w.uid);
    }
    if (w.removed) {
      this.workers.delete(w.uid);
      this.hooks.cleanup(w.uid);
    }
  }

  // podCache.GetNewerThan(lastSyncTime): a sync reads what the PLEG relisted after the previous
  // sync ended, so one asked for during or right after another waits for the next relist.
  private *waitForCache(w: Worker): Co<void> {
    const period = this.timing.plegRelistPeriodMs;
    const lastRelist = Math.floor(this.sched.now() / period) * period;
    if (lastRelist > w.lastSyncTime) return;
    yield* this.sched.sleepUntil(lastRelist + period);
  }

  // The work queue's Enqueue(uid, wait.Jitter(d, 0.5)), picked up on the next tick of the sync loop.
  private requeue(w: Worker, delayMs: number): void {
    const due = this.sched.now() + delayMs * (1 + jitterFactor * this.rng.next());
    const tick = this.timing.syncTickMs;
    w.resync = this.sched.at(Math.ceil(due / tick) * tick, () => {
      w.resync = null;
      this.kick(w);
    });
  }
}
