// Cluster events: what changed in the cluster, in the words the scheduling queue and the plugins'
// queueing hints use to decide which unschedulable pods are worth another try.

import type { Node, Pod } from '../../api/types/core';
import { labelsEqual } from '../../api/labels';
import { parseQuantity } from '../../api/quantity';
import { deepEqual } from '../../api/validation/util';

// Models pkg/scheduler/framework/types.go (ActionType)
/** The kinds of change, as bits so a registration can name several at once. */
export const ActionType = {
  None: 0,
  Add: 1 << 0,
  Delete: 1 << 1,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  /** An update of a node's taints or of spec.unschedulable. */
  UpdateNodeTaint: 1 << 4,
  UpdateNodeCondition: 1 << 5,
  UpdateNodeAnnotation: 1 << 6,
  UpdatePodLabel: 1 << 7,
  /** Some resource request of the pod went down. */
  UpdatePodScaleDown: 1 << 8,
  UpdatePodTolerations: 1 << 9,
  UpdatePodSchedulingGatesEliminated: 1 << 10,
  UpdatePodGeneratedResourceClaim: 1 << 11,
  /** Any other pod update; never registered by plugins, only delivered. */
  updatePodOther: 1 << 12,
  All: (1 << 13) - 1,
  /** Every update sub-kind: what a plugin registers when it does not care which part changed. */
  Update: (1 << 13) - 1 - (1 << 0) - (1 << 1),
} as const;

const actionNames: Record<number, string> = {
  [ActionType.Add]: 'Add',
  [ActionType.Delete]: 'Delete',
  [ActionType.UpdateNodeAllocatable]: 'UpdateNodeAllocatable',
  [ActionType.UpdateNodeLabel]: 'UpdateNodeLabel',
  [ActionType.UpdateNodeTaint]: 'UpdateNodeTaint',
  [ActionType.UpdateNodeCondition]: 'UpdateNodeCondition',
  [ActionType.UpdateNodeAnnotation]: 'UpdateNodeAnnotation',
  [ActionType.UpdatePodLabel]: 'UpdatePodLabel',
  [ActionType.UpdatePodScaleDown]: 'UpdatePodScaleDown',
  [ActionType.UpdatePodTolerations]: 'UpdatePodTolerations',
  [ActionType.UpdatePodSchedulingGatesEliminated]: 'UpdatePodSchedulingGatesEliminated',
  [ActionType.UpdatePodGeneratedResourceClaim]: 'UpdatePodGeneratedResourceClaim',
  [ActionType.updatePodOther]: 'Update',
  [ActionType.All]: 'All',
  [ActionType.Update]: 'Update',
};

/** ActionType.String(): the name of one action (or of All/Update), '' for other unions. */
export function actionTypeString(a: number): string {
  return actionNames[a] ?? '';
}

// Models pkg/scheduler/framework/types.go (EventResource)
/** The resource an event is about; AssignedPod and UnschedulablePod are only ever delivered, Pod only registered. */
export type EventResource =
  | 'Pod'
  | 'AssignedPod'
  | 'UnschedulablePod'
  | 'Node'
  | 'PersistentVolume'
  | 'PersistentVolumeClaim'
  | 'storage.k8s.io/CSINode'
  | 'storage.k8s.io/CSIDriver'
  | 'storage.k8s.io/VolumeAttachment'
  | 'storage.k8s.io/CSIStorageCapacity'
  | 'storage.k8s.io/StorageClass'
  | 'resource.k8s.io/ResourceClaim'
  | 'resource.k8s.io/ResourceSlice'
  | 'resource.k8s.io/DeviceClass'
  | '*';

/** A change in the cluster: which resource, which action, and an optional label for the special ones. */
export interface ClusterEvent {
  readonly resource: EventResource;
  readonly actionType: number;
  /** Set only for the special events (UnschedulableTimeout, ForceActivate). */
  readonly label?: string;
}

// Models pkg/scheduler/framework/types.go (ClusterEvent.Label)
/** The event's name in logs and metrics: its label, or resource then action ("NodeAdd", "AssignedPodDelete"). */
export function eventLabel(e: ClusterEvent): string {
  return e.label ?? `${e.resource}${actionTypeString(e.actionType)}`;
}

/** Whether the event is the wildcard one that moves every pod whatever failed it. */
export function isWildCard(e: ClusterEvent): boolean {
  return e.resource === '*' && e.actionType === ActionType.All;
}

// Models pkg/scheduler/framework/types.go (ClusterEvent.Match)
/** Whether a registered event covers an incoming one: wildcard, or the same resource (Pod covers both pod kinds) and a shared action bit. */
export function eventMatches(registered: ClusterEvent, incoming: ClusterEvent): boolean {
  if (isWildCard(registered)) return true;
  const r = registered.resource;
  const resourceMatches =
    r === '*' || r === incoming.resource || (r === 'Pod' && (incoming.resource === 'AssignedPod' || incoming.resource === 'UnschedulablePod'));
  return resourceMatches && (registered.actionType & incoming.actionType) !== 0;
}

// Models pkg/scheduler/framework/events.go (special event labels)
/** The queue's own event labels: why a pod moved when no cluster object changed. */
export const QueueEventLabel = {
  ScheduleAttemptFailure: 'ScheduleAttemptFailure',
  BackoffComplete: 'BackoffComplete',
  ForceActivate: 'ForceActivate',
  UnschedulableTimeout: 'UnschedulableTimeout',
} as const;

/** The events kube-scheduler's informer handlers deliver, by the names upstream gives them. */
export const Events = {
  NodeAdd: { resource: 'Node', actionType: ActionType.Add },
  NodeDelete: { resource: 'Node', actionType: ActionType.Delete },
  AssignedPodAdd: { resource: 'AssignedPod', actionType: ActionType.Add },
  AssignedPodUpdate: { resource: 'AssignedPod', actionType: ActionType.Update },
  AssignedPodDelete: { resource: 'AssignedPod', actionType: ActionType.Delete },
  UnscheduledPodAdd: { resource: 'UnschedulablePod', actionType: ActionType.Add },
  UnscheduledPodUpdate: { resource: 'UnschedulablePod', actionType: ActionType.Update },
  UnscheduledPodDelete: { resource: 'UnschedulablePod', actionType: ActionType.Delete },
  UnschedulableTimeout: { resource: '*', actionType: ActionType.All, label: QueueEventLabel.UnschedulableTimeout },
  ForceActivate: { resource: '*', actionType: ActionType.All, label: QueueEventLabel.ForceActivate },
} as const satisfies Record<string, ClusterEvent>;

/** QueueingHint: whether an event may make a pod that a plugin rejected schedulable. */
export type QueueingHint = 'QueueSkip' | 'Queue';

/** QueueingHintFn: a plugin's verdict on one event for one pod it rejected; throwing counts as Queue. */
export type QueueingHintFn = (pod: Pod, oldObj: unknown, newObj: unknown) => QueueingHint;

/** ClusterEventWithHint: one event a plugin registers, with an optional hint (none means always Queue). */
export interface ClusterEventWithHint {
  event: ClusterEvent;
  queueingHintFn?: QueueingHintFn;
}

/** One plugin's registration for one event, as the queue keeps them (QueueingHintFunction plus its event). */
export interface QueueingHintRegistration {
  pluginName: string;
  event: ClusterEvent;
  queueingHintFn?: QueueingHintFn;
}

// Models pkg/scheduler/framework/events.go (PodSchedulingPropertiesChange)
/** The events one update of a pod amounts to: its label, scale-down, gates and toleration changes, else a plain Update. */
export function podSchedulingPropertiesChange(newPod: Pod, oldPod: Pod): ClusterEvent[] {
  const resource: EventResource = newPod.spec?.nodeName ? 'AssignedPod' : 'UnschedulablePod';
  const actions = [
    labelsEqual(newPod.metadata.labels, oldPod.metadata.labels) ? ActionType.None : ActionType.UpdatePodLabel,
    podScaledDown(newPod, oldPod) ? ActionType.UpdatePodScaleDown : ActionType.None,
    !newPod.spec?.schedulingGates?.length && oldPod.spec?.schedulingGates?.length ? ActionType.UpdatePodSchedulingGatesEliminated : ActionType.None,
    (newPod.spec?.tolerations?.length ?? 0) !== (oldPod.spec?.tolerations?.length ?? 0) ? ActionType.UpdatePodTolerations : ActionType.None,
  ].filter((a) => a !== ActionType.None);
  if (actions.length === 0) return [{ resource, actionType: ActionType.Update }];
  return actions.map((actionType) => ({ resource, actionType }));
}

/**
 * Whether any container's request went down or disappeared. Upstream compares the whole pod's
 * requests (resource.PodRequests); comparing container by container catches the same shrinks for
 * the resize cases the API allows (requests change only through in-place resize).
 */
function podScaledDown(newPod: Pod, oldPod: Pod): boolean {
  const requests = (p: Pod) => (p.spec?.containers ?? []).map((c) => c.resources?.requests ?? {});
  const now = requests(newPod);
  return requests(oldPod).some((old, i) =>
    Object.entries(old).some(([name, q]) => now[i]?.[name] === undefined || parseQuantity(now[i][name]).cmp(parseQuantity(q)) < 0),
  );
}

// Models pkg/scheduler/framework/events.go (NodeSchedulingPropertiesChange)
/** The events one update of a node amounts to (none when nothing the scheduler reads changed). */
export function nodeSchedulingPropertiesChange(newNode: Node, oldNode: Node): ClusterEvent[] {
  const conditions = (n: Node) => Object.fromEntries((n.status?.conditions ?? []).map((c) => [c.type, c.status]));
  const becameSchedulable = !!newNode.spec?.unschedulable !== !!oldNode.spec?.unschedulable && !newNode.spec?.unschedulable;
  const actions = [
    becameSchedulable ? ActionType.UpdateNodeTaint : ActionType.None,
    deepEqual(oldNode.status?.allocatable, newNode.status?.allocatable) ? ActionType.None : ActionType.UpdateNodeAllocatable,
    labelsEqual(newNode.metadata.labels, oldNode.metadata.labels) ? ActionType.None : ActionType.UpdateNodeLabel,
    deepEqual(newNode.spec?.taints, oldNode.spec?.taints) ? ActionType.None : ActionType.UpdateNodeTaint,
    deepEqual(conditions(oldNode), conditions(newNode)) ? ActionType.None : ActionType.UpdateNodeCondition,
    labelsEqual(oldNode.metadata.annotations, newNode.metadata.annotations) ? ActionType.None : ActionType.UpdateNodeAnnotation,
  ];
  return actions.filter((a) => a !== ActionType.None).map((actionType) => ({ resource: 'Node', actionType }));
}
