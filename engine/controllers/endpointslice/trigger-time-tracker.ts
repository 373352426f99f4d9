// The trigger-time tracker (k8s.io/endpointslice/util/trigger_time_tracker.go): for the
// `endpoints.kubernetes.io/last-change-trigger-time` annotation, the earliest of the changes this
// sync is the first to see — a pod's Ready condition flipping, or the Service being created — so a
// consumer can measure how long the change took to reach it. Times are ms; 0 is Go's zero time.

import type { Pod, Service } from '../../api/types';
import { getPodReadyCondition, timeMs } from '../util';

interface ServiceState {
  lastServiceTriggerTime: number;
  /** The Ready condition's lastTransitionTime of each pod, by pod name. */
  lastPodTriggerTimes: Map<string, number>;
}

const earliest = (cur: number, next: number) => (cur === 0 || next < cur ? next : cur);

/** The last trigger times each Service's pods and the Service itself had when last synced. */
export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  // Models trigger_time_tracker.go ComputeEndpointLastChangeTriggerTime
  /**
   * The trigger time for this sync: the Service's creation when the Service is new to the tracker,
   * otherwise the earliest pod (or Service) trigger time newer than the last sync saw; 0 when none.
   * Updates the tracker's state even if the caller then writes nothing.
   */
  computeEndpointLastChangeTriggerTime(namespace: string, service: Service, pods: readonly Pod[]): number {
    const key = `${namespace}/${service.metadata.name}`;
    const known = this.states.get(key);
    const state: ServiceState = known ?? { lastServiceTriggerTime: 0, lastPodTriggerTimes: new Map() };
    let minChanged = 0;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const t = timeMs(pod.status && getPodReadyCondition(pod)?.lastTransitionTime);
      if (t === 0) continue;
      podTimes.set(pod.metadata.name ?? '', t);
      if (t > (state.lastPodTriggerTimes.get(pod.metadata.name ?? '') ?? 0)) minChanged = earliest(minChanged, t);
    }
    const svcTime = timeMs(service.metadata.creationTimestamp);
    if (svcTime > state.lastServiceTriggerTime) minChanged = earliest(minChanged, svcTime);
    this.states.set(key, { lastPodTriggerTimes: podTimes, lastServiceTriggerTime: svcTime });
    return known ? minChanged : svcTime;
  }

  /** Forgets a deleted Service (DeleteService). */
  deleteService(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}
