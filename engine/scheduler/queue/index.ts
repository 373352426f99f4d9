// kube-scheduler's scheduling queue (pkg/scheduler/backend/queue), pure: time comes in as `now`.

export { ActiveQueue, type InFlightEntry, type RecordedClusterEvent } from './active-queue';
export {
  ActionType,
  actionTypeString,
  type ClusterEvent,
  type ClusterEventWithHint,
  eventLabel,
  eventMatches,
  type EventResource,
  Events,
  isWildCard,
  nodeSchedulingPropertiesChange,
  podSchedulingPropertiesChange,
  QueueEventLabel,
  type QueueingHint,
  type QueueingHintFn,
  type QueueingHintRegistration,
} from './events';
export { KeyedHeap } from './heap';
export { Nominator, type PodLister, type PodRef } from './nominator';
export { kObj, newQueuedPodInfo, podKey, podUID, type QueuedPodInfo, queuedPodInfoForLookup } from './queued-pod-info';
export {
  BackoffQFlushIntervalMs,
  DefaultPodInitialBackoffMs,
  DefaultPodMaxBackoffMs,
  DefaultPodMaxInUnschedulablePodsMs,
  DefaultSchedulerName,
  isPodUpdated,
  type LessFunc,
  type PreEnqueueCheck,
  PriorityQueue,
  type PriorityQueueOptions,
  type QueueName,
  UnschedulablePodsFlushIntervalMs,
} from './scheduling-queue';
export { UnschedulablePods } from './unschedulable-pods';
export { buildQueueingHintMap, type EnqueueExtensions, unrollWildCardResource } from './hint-map';
