// NodeInfo, as pkg/scheduler/framework/types.go: everything the scheduler knows about one node,
// aggregated so that a Filter or Score call is cheap: the pods on it (and the subsets with
// affinity), host ports in use, requested and allocatable resources, images present.

import type { Node, Pod } from '../../api/types/core';
import { HostPortInfo, getHostPorts } from './host-ports';
import { PodInfo, getPodKey } from './pod-info';
import { Resource, calculateResource } from './resource';

// Models pkg/scheduler/framework/types.go (ImageStateSummary)
/** framework.ImageStateSummary: an image's size and on how many nodes of the cluster it is. */
export interface ImageStateSummary {
  /** Size in bytes, as the kubelet reports it in node.status.images. */
  size: number;
  /** How many nodes have the image (ImageLocality spreads by it). */
  numNodes: number;
}

/** Where NodeInfo generations come from; upstream uses one process-wide counter. */
export interface GenerationSource {
  next(): number;
}

/** A counter for NodeInfo generations: one per scheduler, handed to every NodeInfo it builds. */
export function newGenerationSource(): GenerationSource {
  let g = 0;
  return { next: () => ++g };
}

function podWithAffinity(p: Pod): boolean {
  const a = p.spec?.affinity;
  return !!a && (a.podAffinity !== undefined || a.podAntiAffinity !== undefined);
}

function podWithRequiredAntiAffinity(p: Pod): boolean {
  return (p.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
}

/** Removes the pod with the key by swapping in the last element, as upstream's removeFromSlice. */
function removeFromSlice(s: PodInfo[], k: string): PodInfo | undefined {
  const i = s.findIndex((pi) => getPodKey(pi.pod) === k);
  if (i < 0) return undefined;
  const removed = s[i];
  s[i] = s[s.length - 1];
  s.pop();
  return removed;
}

// Models pkg/scheduler/framework/types.go (NodeInfo)
/** framework.NodeInfo: a node and the aggregate of the pods on it. */
export class NodeInfo {
  private nodeObj: Node | undefined;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  usedPorts = new HostPortInfo();
  /** The sum of the pods' requests (assumed pods included). */
  requested = new Resource();
  /** The sum with 100m CPU / 200 MiB for every container that requests none, so that spreading sees zero-request pods. */
  nonZeroRequested = new Resource();
  /** node.status.allocatable. */
  allocatable = new Resource();
  /** Images on the node by every name they go by. */
  imageStates = new Map<string, ImageStateSummary>();
  /** "namespace/claim" → how many pods on the node use the PVC. */
  pvcRefCounts = new Map<string, number>();
  /** Bumped on every change, so a cache can copy only changed nodes into a snapshot. */
  generation = 0;

  /** framework.NewNodeInfo: a node-less info with the pods added. */
  constructor(
    pods: Pod[] = [],
    private readonly generations: GenerationSource = newGenerationSource(),
  ) {
    for (const p of pods) this.addPod(p);
  }

  /** The node, or undefined for an info whose node was removed while pods remain. */
  node(): Node | undefined {
    return this.nodeObj;
  }

  /** The node's name ('' without a node). */
  nodeName(): string {
    return this.nodeObj?.metadata.name ?? '';
  }

  /** NodeInfo.SetNode: the node and its allocatable resources. */
  setNode(node: Node): void {
    this.nodeObj = node;
    this.allocatable = Resource.from(node.status?.allocatable);
    this.generation = this.generations.next();
  }

  /** NodeInfo.RemoveNode: forgets the node, keeping the pods (they may still be terminating). */
  removeNode(): void {
    this.nodeObj = undefined;
    this.generation = this.generations.next();
  }

  /** NodeInfo.AddPodInfo. */
  addPodInfo(pi: PodInfo): void {
    this.pods.push(pi);
    if (podWithAffinity(pi.pod)) this.podsWithAffinity.push(pi);
    if (podWithRequiredAntiAffinity(pi.pod)) this.podsWithRequiredAntiAffinity.push(pi);
    this.update(pi.pod, 1);
  }

  /** NodeInfo.AddPod: parses the pod's affinity terms and adds it. */
  addPod(pod: Pod): void {
    this.addPodInfo(new PodInfo(pod));
  }

  /** NodeInfo.RemovePod: throws upstream's error when the pod is not on the node. */
  removePod(pod: Pod): void {
    const k = getPodKey(pod);
    if (podWithAffinity(pod)) removeFromSlice(this.podsWithAffinity, k);
    if (podWithRequiredAntiAffinity(pod)) removeFromSlice(this.podsWithRequiredAntiAffinity, k);
    const removed = removeFromSlice(this.pods, k);
    if (!removed) throw new Error(`no corresponding pod ${pod.metadata.name ?? ''} in pods of node ${this.nodeName()}`);
    // Subtract what was added: the stored pod, which may differ from the one passed in.
    this.update(removed.pod, -1);
  }

  // Models pkg/scheduler/framework/types.go (NodeInfo.update)
  private update(pod: Pod, sign: 1 | -1): void {
    const { res, non0CPU, non0Mem } = calculateResource(pod);
    this.requested.milliCPU += sign * res.milliCPU;
    this.requested.memory += sign * res.memory;
    this.requested.ephemeralStorage += sign * res.ephemeralStorage;
    for (const [name, v] of Object.entries(res.scalarResources)) this.requested.addScalar(name, sign * v);
    this.nonZeroRequested.milliCPU += sign * non0CPU;
    this.nonZeroRequested.memory += sign * non0Mem;
    for (const p of getHostPorts(pod)) {
      if (sign > 0) this.usedPorts.add(p.hostIP, p.protocol, p.hostPort ?? 0);
      else this.usedPorts.remove(p.hostIP, p.protocol, p.hostPort ?? 0);
    }
    this.updatePVCRefCounts(pod, sign);
    this.generation = this.generations.next();
  }

  // Models pkg/scheduler/framework/types.go (NodeInfo.updatePVCRefCounts)
  private updatePVCRefCounts(pod: Pod, sign: 1 | -1): void {
    for (const v of pod.spec?.volumes ?? []) {
      if (!v.persistentVolumeClaim) continue;
      const key = `${pod.metadata.namespace ?? ''}/${v.persistentVolumeClaim.claimName}`;
      const n = (this.pvcRefCounts.get(key) ?? 0) + sign;
      if (n <= 0) this.pvcRefCounts.delete(key);
      else this.pvcRefCounts.set(key, n);
    }
  }

  /**
   * NodeInfo.Snapshot: a copy whose lists and aggregates can change without touching this one
   * (pods shared). Given `into`, that info is overwritten instead, as the cache's UpdateSnapshot
   * does (`*existing = *clone`) so that the snapshot's lists keep pointing at it.
   */
  snapshot(into?: NodeInfo): NodeInfo {
    const c = into ?? new NodeInfo([], this.generations);
    c.nodeObj = this.nodeObj;
    c.pods = [...this.pods];
    c.podsWithAffinity = [...this.podsWithAffinity];
    c.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity];
    c.usedPorts = this.usedPorts.clone();
    c.requested = this.requested.clone();
    c.nonZeroRequested = this.nonZeroRequested.clone();
    c.allocatable = this.allocatable.clone();
    c.imageStates = new Map([...this.imageStates].map(([k, v]) => [k, { ...v }]));
    c.pvcRefCounts = new Map(this.pvcRefCounts);
    c.generation = this.generation;
    return c;
  }
}
