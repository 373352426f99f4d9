// The pods the scheduler tried and could not place, waiting for a cluster event or the timeout.

import type { Pod } from '../../api/types/core';
import { podKey, type QueuedPodInfo } from './queued-pod-info';

// Models pkg/scheduler/backend/queue/scheduling_queue.go (UnschedulablePods)
/** UnschedulablePods: unschedulable (and gated) pods by key, in the order they arrived. */
export class UnschedulablePods {
  /** The pods by namespace/name; a Map, so iteration order is arrival order (Go's map order is random). */
  readonly podInfoMap = new Map<string, QueuedPodInfo>();

  /** Adds or replaces the entry for the pod. */
  addOrUpdate(pInfo: QueuedPodInfo): void {
    this.podInfoMap.set(podKey(pInfo.pod), pInfo);
  }

  /** Drops the entry for the pod, if any. */
  delete(pod: Pod): void {
    this.podInfoMap.delete(podKey(pod));
  }

  /** The entry for a pod with the same key, if any. */
  get(pod: Pod): QueuedPodInfo | undefined {
    return this.podInfoMap.get(podKey(pod));
  }

  /** Forgets every pod. */
  clear(): void {
    this.podInfoMap.clear();
  }

  /** How many pods wait here. */
  get size(): number {
    return this.podInfoMap.size;
  }
}
