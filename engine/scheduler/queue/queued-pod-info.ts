// A pod as the scheduling queue holds it: the pod plus what the queue knows of its attempts.

import type { Pod } from '../../api/types/core';

// Models pkg/scheduler/framework/types.go (QueuedPodInfo)
/** QueuedPodInfo: a pending pod with its queue timestamp, attempt count and the plugins that last rejected it. */
export interface QueuedPodInfo {
  pod: Pod;
  /** When the pod last entered the queue (simulated ms); backoff and the unschedulable timeout count from here. */
  timestamp: number;
  /** Scheduling attempts so far; each Pop adds one, and backoff doubles with it. */
  attempts: number;
  /** When the pod first reached activeQ, for the e2e scheduling latency; set once. */
  initialAttemptTimestamp?: number;
  /** Plugins that returned Unschedulable or UnschedulableAndUnresolvable in the last attempt (or a failing PreEnqueue). */
  unschedulablePlugins: Set<string>;
  /** Plugins that returned Pending in the last attempt: a Queue hint from one of these skips backoff. */
  pendingPlugins: Set<string>;
  /** Whether a PreEnqueue plugin (scheduling gates) keeps the pod out of activeQ. */
  gated: boolean;
}

/** The key every sub-queue files a pod under: namespace/name. */
export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

/** The pod's uid, the key of in-flight tracking and of the nominator. */
export function podUID(pod: Pod): string {
  return pod.metadata.uid ?? '';
}

/** klog.KObj's text: namespace/name. */
export function kObj(pod: Pod): string {
  return podKey(pod);
}

// Models pkg/scheduler/backend/queue/scheduling_queue.go (newQueuedPodInfo)
/** A fresh QueuedPodInfo entering the queue at `now`, optionally already rejected by `plugins`. */
export function newQueuedPodInfo(now: number, pod: Pod, ...plugins: string[]): QueuedPodInfo {
  return { pod, timestamp: now, attempts: 0, unschedulablePlugins: new Set(plugins), pendingPlugins: new Set(), gated: false };
}

/** A QueuedPodInfo for looking a pod up by key (newQueuedPodInfoForLookup); tests use it as the scheduler's returned info. */
export function queuedPodInfoForLookup(pod: Pod, ...plugins: string[]): QueuedPodInfo {
  return newQueuedPodInfo(0, pod, ...plugins);
}
