// The queueing hint map: for every plugin that can reject a pod, the cluster events it says may
// undo that rejection, and its hint for each. The queue consults it to decide which pods an event
// moves out of the unschedulable pool.

import type { Plugin } from '../framework';
import { ActionType, type ClusterEvent, type ClusterEventWithHint, type EventResource, type QueueingHintRegistration } from './events';

/** EnqueueExtensions: a plugin that names the events which may make a pod it rejected schedulable. */
export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): ClusterEventWithHint[];
}

/** The resources UnrollWildCardResource lists: what a plugin without EnqueueExtensions is registered for. */
const wildCardResources: EventResource[] = [
  'Pod',
  'Node',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSIStorageCapacity',
  'storage.k8s.io/StorageClass',
  'resource.k8s.io/ResourceClaim',
  'resource.k8s.io/DeviceClass',
];

// Models pkg/scheduler/framework/types.go (UnrollWildCardResource)
/** Every resource with All actions: the registration of a plugin that does not say what it cares about. */
export function unrollWildCardResource(): ClusterEventWithHint[] {
  return wildCardResources.map((resource) => ({ event: { resource, actionType: ActionType.All } }));
}

/** The extension points at which a plugin can reject a pod (fillEnqueueExtensions is called for these). */
const rejectingPoints = ['preEnqueue', 'preFilter', 'filter', 'reserve', 'permit'];

function canReject(p: Plugin): boolean {
  return rejectingPoints.some((m) => typeof (p as unknown as Record<string, unknown>)[m] === 'function');
}

function hasEnqueueExtensions(p: Plugin): p is EnqueueExtensions {
  return typeof (p as Partial<EnqueueExtensions>).eventsToRegister === 'function';
}

// Models pkg/scheduler/scheduler.go (buildQueueingHintMap) and framework/runtime/framework.go (fillEnqueueExtensions)
/**
 * Builds one profile's queueing hint map from its plugins: each rejecting plugin's EventsToRegister
 * (or, if it has none, every resource); hints off (or none given) mean "always Queue". A plugin that
 * registers Node/Add but not Node/UpdateNodeTaint also gets the latter, as upstream's workaround for
 * preCheck (kubernetes#109437) does.
 */
export function buildQueueingHintMap(plugins: Iterable<Plugin>, queueingHints = true): QueueingHintRegistration[] {
  const out: QueueingHintRegistration[] = [];
  for (const p of plugins) {
    if (!canReject(p)) continue;
    const events = hasEnqueueExtensions(p) ? p.eventsToRegister() : unrollWildCardResource();
    let nodeAdded = false;
    let nodeTaintUpdated = false;
    for (const { event, queueingHintFn } of events) {
      if (event.resource === 'Node') {
        nodeAdded ||= (event.actionType & ActionType.Add) !== 0;
        nodeTaintUpdated ||= (event.actionType & ActionType.UpdateNodeTaint) !== 0;
      }
      out.push({ pluginName: p.name, event, queueingHintFn: queueingHints ? queueingHintFn : undefined });
    }
    const taintUpdate: ClusterEvent = { resource: 'Node', actionType: ActionType.UpdateNodeTaint };
    if (nodeAdded && !nodeTaintUpdated) out.push({ pluginName: p.name, event: taintUpdate });
  }
  return out;
}
