// The selector a pod's workload implies: the Services that select the pod and the controller that
// owns it. PodTopologySpread's default constraints spread the pods this selector picks.

import { labelSelectorAsSelector, mergeLabels, type Selector, selectorFromSet } from '../../../api/labels';
import type { Pod, Service } from '../../../api/types/core';
import type { ClusterListers } from '../../framework';

// Models pkg/scheduler/framework/plugins/helper/spread.go (GetPodServices)
/** The pod's namespace's Services whose selector matches the pod; a Service without a selector matches nothing. */
export function getPodServices(listers: ClusterListers, pod: Pod): Service[] {
  const all = listers.listServices?.(pod.metadata.namespace ?? '') ?? [];
  return all.filter((svc) => {
    const sel = svc.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) return false;
    return selectorFromSet(sel).matches(pod.metadata.labels);
  });
}

/** The owner reference with controller: true (metav1.GetControllerOfNoCopy). */
function controllerOf(pod: Pod) {
  return pod.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** The requirements of a workload's label selector, or none when it does not parse. */
function requirementsOf(ls: Parameters<typeof labelSelectorAsSelector>[0]) {
  try {
    const { requirements, selectable } = labelSelectorAsSelector(ls).requirements();
    return selectable ? [...requirements] : [];
  } catch {
    return [];
  }
}

// Models pkg/scheduler/framework/plugins/helper/spread.go (DefaultSelector)
/**
 * The union of the selectors of the Services that select the pod and of its controlling
 * ReplicationController, ReplicaSet or StatefulSet (looked up in the pod's namespace). They all
 * select the pod, so their labels cannot conflict and merging is safe.
 */
export function defaultSelector(pod: Pod, listers: ClusterListers): Selector {
  const ns = pod.metadata.namespace ?? '';
  let labelSet: Record<string, string> = {};
  for (const svc of getPodServices(listers, pod)) labelSet = mergeLabels(labelSet, svc.spec?.selector);
  let selector = selectorFromSet(labelSet);
  const owner = controllerOf(pod);
  if (!owner) return selector;
  const named = <T extends { metadata: { name?: string } }>(list: T[] | undefined) => list?.find((o) => o.metadata.name === owner.name);
  if (owner.apiVersion === 'v1' && owner.kind === 'ReplicationController') {
    const rc = named(listers.listReplicationControllers?.(ns));
    if (rc) selector = selectorFromSet(mergeLabels(labelSet, rc.spec?.selector));
  } else if (owner.apiVersion === 'apps/v1' && owner.kind === 'ReplicaSet') {
    const rs = named(listers.listReplicaSets?.(ns));
    if (rs) selector = selector.add(...requirementsOf(rs.spec?.selector));
  } else if (owner.apiVersion === 'apps/v1' && owner.kind === 'StatefulSet') {
    const ss = named(listers.listStatefulSets?.(ns));
    if (ss) selector = selector.add(...requirementsOf(ss.spec?.selector));
  }
  return selector;
}
