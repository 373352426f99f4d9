// The MostAllocated scoring strategy, as pkg/scheduler/framework/plugins/noderesources/most_allocated.go:
// bin packing, favouring the fullest node; a profile opts in through NodeResourcesFitArgs.

import { MaxNodeScore } from '../../framework/status';
import { type ResourceSpec, type Scorer, mulDiv, weightedScorer } from './resource-allocation';

// Models pkg/scheduler/framework/plugins/noderesources/most_allocated.go (mostRequestedScore)
/** requested × 100 / capacity, capped at 100 (an overcommitted node is as full as a full one). */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) requested = capacity;
  return mulDiv(requested, MaxNodeScore, capacity);
}

// Models pkg/scheduler/framework/plugins/noderesources/most_allocated.go (mostResourceScorer)
/** The weighted mean of mostRequestedScore over the resources the node has. */
export function mostResourceScorer(resources: readonly ResourceSpec[]): Scorer {
  return weightedScorer(resources, mostRequestedScore);
}
