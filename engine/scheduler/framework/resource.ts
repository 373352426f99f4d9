// Resource, as pkg/scheduler/framework/types.go: a node's or a pod's resources as plain integers
// (milli-CPU, bytes, a pod count, and scalar resources such as hugepages or extended resources), and
// the pod request arithmetic of k8s.io/component-helpers/resource (PodRequests) that fills them.

import { Quantity, parseQuantity } from '../../api/quantity';
import type { Container, Pod, ResourceList } from '../../api/types/core';

/** schedutil.DefaultMilliCPURequest: the CPU a container without a CPU request counts as when spreading (100m). */
export const DefaultMilliCPURequest = 100;
/** schedutil.DefaultMemoryRequest: the memory a container without a memory request counts as when spreading (200 MiB). */
export const DefaultMemoryRequest = 200 * 1024 * 1024;

const qualifiedName = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

// Models pkg/apis/core/v1/helper/helpers.go (IsPrefixedNativeResource)
/** Whether the name is in the kubernetes.io/ namespace, and so native though prefixed. */
export function isPrefixedNativeResource(name: string): boolean {
  return name.includes('kubernetes.io/');
}

// Models pkg/apis/core/v1/helper/helpers.go (IsExtendedResourceName)
/** Whether the name is an extended resource (`example.com/gpu`): prefixed, not native, not `requests.`. */
export function isExtendedResourceName(name: string): boolean {
  const native = !name.includes('/') || isPrefixedNativeResource(name);
  if (native || name.startsWith('requests.')) return false;
  return qualifiedName.test(`requests.${name}`) && `requests.${name}`.split('/')[1].length <= 63;
}

// Models pkg/scheduler/util/utils.go (IsScalarResourceName)
/** Whether the scheduler keeps the resource in Resource.scalarResources: extended, hugepages, prefixed native or attachable volumes. */
export function isScalarResourceName(name: string): boolean {
  return isExtendedResourceName(name) || name.startsWith('hugepages-') || isPrefixedNativeResource(name) || name.startsWith('attachable-volumes-');
}

/** A quantity from an object the apiserver validated; an unparsable one counts as zero. */
function quantity(s: string | undefined): Quantity {
  if (s === undefined) return Quantity.zero();
  try {
    return parseQuantity(s);
  } catch {
    return Quantity.zero();
  }
}

/** A ResourceList held as Quantities while requests are summed, so rounding happens once at the end as upstream. */
export type QuantityList = Map<string, Quantity>;

function entries(rl: ResourceList | QuantityList | undefined): [string, Quantity][] {
  if (rl === undefined) return [];
  if (rl instanceof Map) return [...rl];
  return Object.entries(rl).map(([k, v]) => [k, quantity(v)]);
}

// Models pkg/scheduler/framework/types.go (Resource)
/** framework.Resource: resources as integers, in the units the scheduler compares them. */
export class Resource {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  /** The `pods` resource: how many pods the node takes. */
  allowedPodNumber = 0;
  /** Extended, hugepages and other scalar resources, by name. */
  scalarResources: Record<string, number> = {};

  /** framework.NewResource: the resources of a ResourceList. */
  static from(rl: ResourceList | undefined): Resource {
    const r = new Resource();
    r.add(rl);
    return r;
  }

  /** Resource.Add: adds every resource of the list, each in its unit (CPU rounded up to milli). */
  add(rl: ResourceList | QuantityList | undefined): void {
    for (const [name, q] of entries(rl)) {
      if (name === 'cpu') this.milliCPU += q.milliValue();
      else if (name === 'memory') this.memory += q.value();
      else if (name === 'pods') this.allowedPodNumber += q.value();
      else if (name === 'ephemeral-storage') this.ephemeralStorage += q.value();
      else if (isScalarResourceName(name)) this.addScalar(name, q.value());
    }
  }

  /** Resource.SetMaxResource: each resource becomes the larger of its value and the list's (pods aside). */
  setMaxResource(rl: ResourceList | QuantityList | undefined): void {
    for (const [name, q] of entries(rl)) {
      if (name === 'memory') this.memory = Math.max(this.memory, q.value());
      else if (name === 'cpu') this.milliCPU = Math.max(this.milliCPU, q.milliValue());
      else if (name === 'ephemeral-storage') this.ephemeralStorage = Math.max(this.ephemeralStorage, q.value());
      else if (isScalarResourceName(name)) this.setScalar(name, Math.max(this.scalarResources[name] ?? 0, q.value()));
    }
  }

  /** Resource.AddScalar. */
  addScalar(name: string, v: number): void {
    this.setScalar(name, (this.scalarResources[name] ?? 0) + v);
  }

  /** Resource.SetScalar. */
  setScalar(name: string, v: number): void {
    this.scalarResources[name] = v;
  }

  /** Resource.Clone. */
  clone(): Resource {
    const r = new Resource();
    r.milliCPU = this.milliCPU;
    r.memory = this.memory;
    r.ephemeralStorage = this.ephemeralStorage;
    r.allowedPodNumber = this.allowedPodNumber;
    r.scalarResources = { ...this.scalarResources };
    return r;
  }

  /** Whether nothing is set: no CPU, memory, ephemeral storage or scalar resource (the `pods` count aside). */
  isEmpty(): boolean {
    return this.milliCPU === 0 && this.memory === 0 && this.ephemeralStorage === 0 && Object.keys(this.scalarResources).length === 0;
  }
}

function addResourceList(into: QuantityList, rl: QuantityList): void {
  for (const [name, q] of rl) into.set(name, into.has(name) ? into.get(name)!.add(q) : q);
}

function maxResourceList(into: QuantityList, rl: QuantityList): void {
  for (const [name, q] of rl) if (!into.has(name) || q.cmp(into.get(name)!) > 0) into.set(name, q);
}

function toQuantityList(rl: ResourceList | undefined): QuantityList {
  return new Map(entries(rl));
}

/** Options of PodRequests that the scheduler uses. */
export interface PodResourcesOptions {
  /** Requests a container counts as having for a resource it does not request at all (an explicit 0 stays 0). */
  nonMissingContainerRequests?: ResourceList;
  /** Leave spec.overhead out. */
  excludeOverhead?: boolean;
}

function containerRequests(c: Container, opts: PodResourcesOptions): QuantityList {
  const reqs = toQuantityList(c.resources?.requests);
  for (const [name, v] of Object.entries(opts.nonMissingContainerRequests ?? {})) if (!reqs.has(name)) reqs.set(name, quantity(v));
  return reqs;
}

// Models k8s.io/component-helpers/resource/helpers.go (PodRequests, AggregateContainerRequests)
/**
 * The pod's effective requests: the sum over its containers and sidecars (restartPolicy Always
 * init containers), or the largest single init container's need if larger (each init container
 * runs beside the sidecars started before it), plus spec.overhead. Pod-level resources
 * (spec.resources, alpha in 1.32) are not read, as the feature gate is off by default.
 */
export function podRequests(pod: Pod, opts: PodResourcesOptions = {}): QuantityList {
  const reqs: QuantityList = new Map();
  for (const c of pod.spec?.containers ?? []) addResourceList(reqs, containerRequests(c, opts));
  const restartableInitReqs: QuantityList = new Map();
  const initReqs: QuantityList = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    let cReqs = containerRequests(c, opts);
    if (c.restartPolicy === 'Always') {
      addResourceList(reqs, cReqs);
      addResourceList(restartableInitReqs, cReqs);
      cReqs = restartableInitReqs;
    } else {
      const tmp: QuantityList = new Map();
      addResourceList(tmp, cReqs);
      addResourceList(tmp, restartableInitReqs);
      cReqs = tmp;
    }
    maxResourceList(initReqs, cReqs);
  }
  maxResourceList(reqs, initReqs);
  if (!opts.excludeOverhead && pod.spec?.overhead) addResourceList(reqs, toQuantityList(pod.spec.overhead));
  return reqs;
}

/** The QuantityList as a ResourceList of canonical strings. */
export function toResourceList(ql: QuantityList): ResourceList {
  return Object.fromEntries([...ql].map(([k, q]) => [k, q.toString()]));
}

/** The non-missing defaults the scheduler spreads zero-request pods with (100m CPU, 200 MiB). */
export const nonZeroDefaults: ResourceList = { cpu: `${DefaultMilliCPURequest}m`, memory: `${DefaultMemoryRequest}` };

// Models pkg/scheduler/framework/types.go (calculateResource)
/** A pod's requests as NodeInfo adds them up: the plain requests, and the non-zero CPU and memory used for spreading. */
export function calculateResource(pod: Pod): { res: Resource; non0CPU: number; non0Mem: number } {
  const res = new Resource();
  res.add(podRequests(pod));
  const non0 = podRequests(pod, { nonMissingContainerRequests: nonZeroDefaults });
  return { res, non0CPU: non0.get('cpu')?.milliValue() ?? 0, non0Mem: non0.get('memory')?.value() ?? 0 };
}

// Models pkg/scheduler/framework/plugins/noderesources/fit.go (computePodResourceRequest)
/** The pod's requests as NodeResourcesFit checks them against a node: the largest of each resource (no `pods` count). */
export function computePodResourceRequest(pod: Pod): Resource {
  const r = new Resource();
  r.setMaxResource(podRequests(pod));
  return r;
}
