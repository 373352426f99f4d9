// The cluster events each in-tree plugin of this folder registers (its EventsToRegister in
// kube-scheduler 1.32), so the scheduling queue retries a pod a plugin rejected only when something
// that plugin looks at changed. No QueueingHint functions are given: every registered event
// requeues the pod (upstream's hints would skip some of them), which retries more, never less.

import type { Plugin } from '../framework/interface';
import { ActionType, type ClusterEventWithHint, type EventResource } from '../queue/events';
import { names } from './names';

const ev = (resource: EventResource, actionType: number): ClusterEventWithHint => ({ event: { resource, actionType } });
const { Add, Delete, UpdateNodeAllocatable, UpdateNodeLabel, UpdateNodeTaint, UpdatePodScaleDown, UpdatePodTolerations, UpdatePodSchedulingGatesEliminated, Update } = ActionType;

// Models the EventsToRegister of each plugin under pkg/scheduler/framework/plugins (1.32, queueing hints on)
const registrations: Record<string, ClusterEventWithHint[]> = {
  [names.SchedulingGates]: [ev('Pod', UpdatePodSchedulingGatesEliminated)],
  [names.NodeUnschedulable]: [ev('Node', Add | UpdateNodeTaint), ev('Pod', UpdatePodTolerations)],
  [names.NodeName]: [ev('Node', Add | Update)],
  [names.TaintToleration]: [ev('Node', Add | UpdateNodeTaint), ev('Pod', UpdatePodTolerations)],
  [names.NodeAffinity]: [ev('Node', Add | UpdateNodeLabel)],
  [names.NodePorts]: [ev('Pod', Delete), ev('Node', Add | Update)],
  [names.NodeResourcesFit]: [ev('Pod', Delete | UpdatePodScaleDown), ev('Node', Add | UpdateNodeAllocatable | UpdateNodeTaint | UpdateNodeLabel)],
  [names.VolumeRestrictions]: [ev('Pod', Delete), ev('Node', Add | UpdateNodeTaint), ev('PersistentVolumeClaim', Add | Update)],
  [names.NodeVolumeLimits]: [ev('storage.k8s.io/CSINode', Add), ev('Pod', Delete), ev('PersistentVolumeClaim', Add)],
  [names.VolumeBinding]: [
    ev('storage.k8s.io/StorageClass', Add | Update),
    ev('PersistentVolumeClaim', Add | Update),
    ev('PersistentVolume', Add | Update),
    ev('Node', Add | UpdateNodeLabel | UpdateNodeTaint),
    ev('storage.k8s.io/CSINode', Add | Update),
    ev('storage.k8s.io/CSIDriver', Update),
    ev('storage.k8s.io/CSIStorageCapacity', Add | Update),
  ],
  [names.VolumeZone]: [
    ev('storage.k8s.io/StorageClass', Add),
    ev('Node', Add | UpdateNodeLabel | UpdateNodeTaint),
    ev('PersistentVolumeClaim', Add | Update),
    ev('PersistentVolume', Add | Update),
  ],
};

/** The events the named plugin registers (none for plugins that never reject a pod). */
export function eventsToRegister(pluginName: string): ClusterEventWithHint[] {
  return (registrations[pluginName] ?? []).map((r) => ({ event: { ...r.event } }));
}

/** The plugin with EnqueueExtensions (eventsToRegister) added, for those that register events. */
export function withEvents<T extends Plugin>(p: T): T {
  if (!Object.hasOwn(registrations, p.name)) return p;
  return Object.assign(p, { eventsToRegister: () => eventsToRegister(p.name) });
}
