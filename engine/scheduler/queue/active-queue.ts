// activeQ: the pods ready to be tried, plus the bookkeeping of pods being tried right now and the
// events that arrived while they were.

import type { Pod } from '../../api/types/core';
import type { ClusterEvent } from './events';
import { KeyedHeap } from './heap';
import { podKey, podUID, type QueuedPodInfo } from './queued-pod-info';

/** A cluster event with the objects involved, as recorded while pods are in flight. */
export interface RecordedClusterEvent {
  event: ClusterEvent;
  oldObj: unknown;
  newObj: unknown;
}

/** One entry of the in-flight list: a pod that was popped, or an event that came after it. */
export type InFlightEntry = { pod: Pod } | RecordedClusterEvent;

// Models pkg/scheduler/backend/queue/active_queue.go
/** activeQueue: the heap by the profile's QueueSort less function, and the in-flight pods and events. */
export class ActiveQueue {
  readonly queue: KeyedHeap<QueuedPodInfo>;
  /** Popped pods whose attempt is not Done yet, by uid, pointing at their entry in inFlightEvents. */
  private readonly inFlightPods = new Map<string, { pod: Pod }>();
  /** Popped pods and the events that came after each, in arrival order. */
  private inFlightEvents: InFlightEntry[] = [];
  /** The scheduling cycle: one more for every pop. */
  schedCycle = 0;

  constructor(
    less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean,
    private readonly isSchedulingQueueHintEnabled: boolean,
  ) {
    this.queue = new KeyedHeap((p) => podKey(p.pod), less);
  }

  /** Replaces the stored info of oldPodInfo's pod with newPod; the updated info, or undefined when absent. */
  update(newPod: Pod, oldPodInfo: QueuedPodInfo): QueuedPodInfo | undefined {
    const pInfo = this.queue.get(oldPodInfo);
    if (!pInfo) return undefined;
    pInfo.pod = newPod;
    this.queue.addOrUpdate(pInfo);
    return pInfo;
  }

  /** Takes the head of the queue and marks it in flight; undefined when the queue is empty (upstream blocks). */
  pop(): QueuedPodInfo | undefined {
    for (;;) {
      const pInfo = this.queue.pop();
      if (!pInfo) return undefined;
      pInfo.attempts++;
      if (this.isSchedulingQueueHintEnabled) {
        // A pod tracked twice would leak its in-flight entry: drop the duplicate, take the next.
        if (this.inFlightPods.has(podUID(pInfo.pod))) continue;
        const entry = { pod: pInfo.pod };
        this.inFlightPods.set(podUID(pInfo.pod), entry);
        this.inFlightEvents.push(entry);
      }
      this.schedCycle++;
      // The plugins that rejected the last attempt are forgotten; this attempt records its own.
      pInfo.unschedulablePlugins.clear();
      pInfo.pendingPlugins.clear();
      return pInfo;
    }
  }

  /** The pods waiting in activeQ. */
  list(): Pod[] {
    return this.queue.list().map((p) => p.pod);
  }

  /** The in-flight list: pods and events, oldest first. */
  listInFlightEvents(): InFlightEntry[] {
    return [...this.inFlightEvents];
  }

  /** The pods being tried right now. */
  listInFlightPods(): Pod[] {
    return [...this.inFlightPods.values()].map((e) => e.pod);
  }

  /** The events that arrived since the pod was popped; throws when the pod is not in flight. */
  clusterEventsForPod(pInfo: QueuedPodInfo): RecordedClusterEvent[] {
    const entry = this.inFlightPods.get(podUID(pInfo.pod));
    if (!entry) throw new Error("in flight Pod isn't found in the scheduling queue. If you see this error log, it's likely a bug in the scheduler");
    const start = this.inFlightEvents.indexOf(entry);
    return this.inFlightEvents.slice(start + 1).filter((e): e is RecordedClusterEvent => 'event' in e);
  }

  /** Records the event when newPod itself is in flight; true when it was. */
  addEventIfPodInFlight(oldPod: Pod | undefined, newPod: Pod, event: ClusterEvent): boolean {
    if (!this.inFlightPods.has(podUID(newPod))) return false;
    this.inFlightEvents.push({ event, oldObj: oldPod, newObj: newPod });
    return true;
  }

  /** Records the event when any pod is in flight; true when one was. */
  addEventIfAnyInFlight(oldObj: unknown, newObj: unknown, event: ClusterEvent): boolean {
    if (this.inFlightPods.size === 0) return false;
    this.inFlightEvents.push({ event, oldObj, newObj });
    return true;
  }

  /** Ends the pod's attempt: forgets it, and the events no other in-flight pod can still need. */
  done(uid: string): void {
    const entry = this.inFlightPods.get(uid);
    if (!entry) return;
    this.inFlightPods.delete(uid);
    this.inFlightEvents.splice(this.inFlightEvents.indexOf(entry), 1);
    // Events before the oldest pod still in flight happened before every remaining attempt began.
    let i = 0;
    while (i < this.inFlightEvents.length && 'event' in this.inFlightEvents[i]) i++;
    this.inFlightEvents = this.inFlightEvents.slice(i);
  }
}
