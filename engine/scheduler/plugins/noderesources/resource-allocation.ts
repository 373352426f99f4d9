// The scorer NodeResourcesFit and NodeResourcesBalancedAllocation share, as
// pkg/scheduler/framework/plugins/noderesources/resource_allocation.go: per resource, the node's
// allocatable and what it would have requested with this pod added, fed to a scoring formula.

import type { Pod } from '../../../api/types/core';
import type { NodeInfo } from '../../framework/node-info';
import { DefaultMemoryRequest, DefaultMilliCPURequest, isScalarResourceName, podRequests } from '../../framework/resource';
import { Status } from '../../framework/status';

/** config.ResourceSpec: a resource a scoring strategy looks at, and its weight. */
export interface ResourceSpec {
  name: string;
  weight: number;
}

/** The default resources of both plugins' scoring: cpu and memory, weight 1 each. */
export const defaultResourceSpecs: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** A scoring formula: requested and allocatable per resource (0 allocatable: resource left out) → 0..100. */
export type Scorer = (requested: number[], allocatable: number[]) => number;

// Models pkg/scheduler/framework/plugins/noderesources/resource_allocation.go (resourceAllocationScorer)
/** resourceAllocationScorer: one formula over a list of resources. */
export class ResourceAllocationScorer {
  constructor(
    readonly name: string,
    private readonly scorer: Scorer,
    readonly resources: readonly ResourceSpec[],
    /** Whether to count real requests; false counts the 100m / 200 MiB non-zero defaults (both default plugins). */
    private readonly useRequested = false,
  ) {}

  // Models pkg/scheduler/framework/plugins/noderesources/resource_allocation.go (score)
  /** The node's score for a pod whose requests per resource are podRequests. */
  score(nodeInfo: NodeInfo, podReqs: number[]): [number, Status | null] {
    const n = this.resources.length;
    if (n === 0) return [0, Status.new('Error', 'resources not found')];
    const requested = new Array<number>(n).fill(0);
    const allocatable = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const [alloc, req] = this.calculateResourceAllocatableRequest(nodeInfo, this.resources[i].name, podReqs[i]);
      // Only fill the entry when the node has some of the resource.
      if (alloc === 0) continue;
      allocatable[i] = alloc;
      requested[i] = req;
    }
    return [this.scorer(requested, allocatable), null];
  }

  // Models pkg/scheduler/framework/plugins/noderesources/resource_allocation.go (calculateResourceAllocatableRequest)
  private calculateResourceAllocatableRequest(nodeInfo: NodeInfo, resource: string, podRequest: number): [number, number] {
    const requested = this.useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
    // An extended resource the pod does not ask for is not scored.
    if (podRequest === 0 && isScalarResourceName(resource)) return [0, 0];
    if (resource === 'cpu') return [nodeInfo.allocatable.milliCPU, requested.milliCPU + podRequest];
    if (resource === 'memory') return [nodeInfo.allocatable.memory, requested.memory + podRequest];
    if (resource === 'ephemeral-storage') return [nodeInfo.allocatable.ephemeralStorage, nodeInfo.requested.ephemeralStorage + podRequest];
    if (Object.hasOwn(nodeInfo.allocatable.scalarResources, resource)) {
      return [nodeInfo.allocatable.scalarResources[resource], (nodeInfo.requested.scalarResources[resource] ?? 0) + podRequest];
    }
    return [0, 0];
  }

  // Models pkg/scheduler/framework/plugins/noderesources/resource_allocation.go (calculatePodResourceRequestList)
  /** The pod's request of each scored resource (with the non-zero defaults unless useRequested), overhead included. */
  calculatePodResourceRequestList(pod: Pod): number[] {
    const nonMissing = this.useRequested ? undefined : { cpu: `${DefaultMilliCPURequest}m`, memory: `${DefaultMemoryRequest}` };
    const reqs = podRequests(pod, { nonMissingContainerRequests: nonMissing });
    return this.resources.map((r) => {
      const q = reqs.get(r.name);
      if (!q) return 0;
      return r.name === 'cpu' ? q.milliValue() : q.value();
    });
  }
}

/** Go's int64 division of a product, exact beyond 2^53: trunc(a × b / c). */
export function mulDiv(a: number, b: number, c: number): number {
  const p = a * b;
  // With |a·b| + |c| below 2^53 the product is exact and the correctly rounded quotient cannot
  // reach the next integer, so truncating it is the integer division; BigInt only beyond.
  if (c !== 0 && Number.isSafeInteger(p) && Number.isSafeInteger(c) && Math.abs(p) + Math.abs(c) <= Number.MAX_SAFE_INTEGER) return Math.trunc(p / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** The weighted mean (Go integer division) of a per-resource score over the resources the node has: LeastAllocated and MostAllocated. */
export function weightedScorer(resources: readonly ResourceSpec[], perResource: (requested: number, capacity: number) => number): Scorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      nodeScore += perResource(requested[i], allocatable[i]) * resources[i].weight;
      weightSum += resources[i].weight;
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  };
}
