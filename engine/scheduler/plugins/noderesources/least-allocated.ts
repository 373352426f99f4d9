// The LeastAllocated scoring strategy, as pkg/scheduler/framework/plugins/noderesources/least_allocated.go:
// the default one, favouring the node with the most room left, resource by resource, weighted.

import { MaxNodeScore } from '../../framework/status';
import { type ResourceSpec, type Scorer, mulDiv, weightedScorer } from './resource-allocation';

// Models pkg/scheduler/framework/plugins/noderesources/least_allocated.go (leastRequestedScore)
/** (capacity − requested) × 100 / capacity, or 0 when the request does not fit. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return mulDiv(capacity - requested, MaxNodeScore, capacity);
}

// Models pkg/scheduler/framework/plugins/noderesources/least_allocated.go (leastResourceScorer)
/** The weighted mean (integer division) of leastRequestedScore over the resources the node has. */
export function leastResourceScorer(resources: readonly ResourceSpec[]): Scorer {
  return weightedScorer(resources, leastRequestedScore);
}
