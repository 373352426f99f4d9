// A pod's total requests and limits (k8s.io/component-helpers/resource/helpers.go PodRequests and
// PodLimits, as kube 1.32 calls them with PodLevelResources and InPlacePodVerticalScaling off): the
// containers' sum, at least the largest init container (each plus the sidecars started before it),
// sidecars (restartPolicy Always init containers) counted with the containers, then the pod overhead.

import type { Container, Pod, ResourceList } from '../api/types';
import { toQuantityList, type QuantityList } from './resources';

type Pick = (c: Container) => ResourceList | undefined;

/** addResourceList: adds `more` into `list`. */
function addInto(list: QuantityList, more: QuantityList): void {
  for (const [k, v] of Object.entries(more)) list[k] = list[k] === undefined ? v : list[k].add(v);
}

/** maxResourceList: raises each of `list` to `more`'s amount where that is greater. */
function maxInto(list: QuantityList, more: QuantityList): void {
  for (const [k, v] of Object.entries(more)) if (list[k] === undefined || v.cmp(list[k]) > 0) list[k] = v;
}

// Models staging/src/k8s.io/component-helpers/resource/helpers.go aggregateContainerResourcesByFn
/** The containers' resources under the sidecar rule of KEP-753. */
function aggregateContainers(pod: Pod, pick: Pick): QuantityList {
  const result: QuantityList = {};
  for (const c of pod.spec?.containers ?? []) addInto(result, toQuantityList(pick(c)));
  const sidecars: QuantityList = {};
  const initPeak: QuantityList = {};
  for (const c of pod.spec?.initContainers ?? []) {
    const own = toQuantityList(pick(c));
    let inUse: QuantityList;
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running next to the containers, and next to every init container after it.
      addInto(result, own);
      addInto(sidecars, own);
      inUse = sidecars;
    } else {
      inUse = {};
      addInto(inUse, own);
      addInto(inUse, sidecars);
    }
    maxInto(initPeak, inUse);
  }
  maxInto(result, initPeak);
  return result;
}

// Models staging/src/k8s.io/component-helpers/resource/helpers.go PodRequests
/** The pod's effective requests, overhead included. */
export function podRequests(pod: Pod): QuantityList {
  const reqs = aggregateContainers(pod, (c) => c.resources?.requests);
  if (pod.spec?.overhead) addInto(reqs, toQuantityList(pod.spec.overhead));
  return reqs;
}

// Models staging/src/k8s.io/component-helpers/resource/helpers.go PodLimits
/** The pod's effective limits; the overhead is added only to limits that are set and non-zero. */
export function podLimits(pod: Pod): QuantityList {
  const limits = aggregateContainers(pod, (c) => c.resources?.limits);
  for (const [k, v] of Object.entries(toQuantityList(pod.spec?.overhead))) if (limits[k] !== undefined && !limits[k].isZero()) limits[k] = limits[k].add(v);
  return limits;
}
