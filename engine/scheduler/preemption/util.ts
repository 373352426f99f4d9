// The helpers preemption shares with the rest of the scheduler, as pkg/scheduler/util/utils.go
// (GetPodStartTime, GetEarliestPodStartTime, MoreImportantPod) and pkg/api/v1/pod/util.go
// (UpdatePodCondition). A pod that has not started counts as starting now: `now` is the
// simulation clock, as RFC 3339, where upstream reads the wall clock.

import type { Pod, PodCondition, PodStatus } from '../../api/types/core';
import { podPriority } from '../framework';

/** Milliseconds since the epoch of an RFC 3339 time (metav1.Time); NaN for a malformed one. */
export function timeMs(t: string): number {
  return Date.parse(t);
}

// Models pkg/scheduler/util/utils.go (GetPodStartTime)
/** The pod's status.startTime, or now when it has not started (assumed and bound-but-unstarted pods). */
export function getPodStartTime(pod: Pod, now: string): string {
  return pod.status?.startTime ?? now;
}

// Models pkg/scheduler/util/utils.go (GetEarliestPodStartTime)
/** The earliest start time among the victims of the highest priority; undefined for no victims. */
export function getEarliestPodStartTime(victims: readonly Pod[], now: string): string | undefined {
  if (victims.length === 0) return undefined;
  let earliest = getPodStartTime(victims[0], now);
  let maxPriority = podPriority(victims[0]);
  for (const pod of victims) {
    const p = podPriority(pod);
    if (p === maxPriority) {
      const t = getPodStartTime(pod, now);
      if (timeMs(t) < timeMs(earliest)) earliest = t;
    } else if (p > maxPriority) {
      maxPriority = p;
      earliest = getPodStartTime(pod, now);
    }
  }
  return earliest;
}

// Models pkg/scheduler/util/utils.go (MoreImportantPod)
/** Whether pod1 is more important than pod2: higher priority, or equal priority and started earlier. */
export function moreImportantPod(pod1: Pod, pod2: Pod, now: string): boolean {
  const p1 = podPriority(pod1);
  const p2 = podPriority(pod2);
  if (p1 !== p2) return p1 > p2;
  return timeMs(getPodStartTime(pod1, now)) < timeMs(getPodStartTime(pod2, now));
}

// Models pkg/api/v1/pod/util.go (UpdatePodCondition)
/**
 * Sets the condition in the status (adding it, or replacing the one of its type) and says whether
 * anything changed. The transition time is now unless the condition's status stays the same.
 */
export function updatePodCondition(status: PodStatus, condition: PodCondition, now: string): boolean {
  const c: PodCondition = { ...condition, lastTransitionTime: now };
  const conditions = (status.conditions ??= []);
  const i = conditions.findIndex((x) => x.type === c.type);
  if (i < 0) {
    conditions.push(c);
    return true;
  }
  const old = conditions[i];
  if (c.status === old.status) c.lastTransitionTime = old.lastTransitionTime;
  const isEqual =
    c.status === old.status &&
    (c.reason ?? '') === (old.reason ?? '') &&
    (c.message ?? '') === (old.message ?? '') &&
    (c.lastProbeTime ?? null) === (old.lastProbeTime ?? null) &&
    (c.lastTransitionTime ?? null) === (old.lastTransitionTime ?? null);
  conditions[i] = c;
  return !isEqual;
}
