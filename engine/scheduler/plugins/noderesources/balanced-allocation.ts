// NodeResourcesBalancedAllocation, as pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go:
// favours the node whose CPU and memory would be used in the most equal fractions with the pod added.

import type { Pod } from '../../../api/types/core';
import type { CycleState } from '../../framework/cycle-state';
import type { PluginFactory, PreScorePlugin, ScorePlugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import { MaxNodeScore, type Status } from '../../framework/status';
import { names } from '../names';
import { ResourceAllocationScorer, type ResourceSpec, defaultResourceSpecs } from './resource-allocation';

const preScoreStateKey = `PreScore${names.NodeResourcesBalancedAllocation}`;

/** config.NodeResourcesBalancedAllocationArgs. */
export interface NodeResourcesBalancedAllocationArgs {
  resources?: ResourceSpec[];
}

class PreScoreState {
  constructor(readonly podRequests: number[]) {}
  clone(): PreScoreState {
    return this;
  }
}

// Models pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go (balancedResourceScorer)
/** (1 − standard deviation of the requested/allocatable fractions, each capped at 1) × 100, truncated. */
export function balancedResourceScorer(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(requested[i] / allocatable[i], 1);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  // With two resources the standard deviation is half their difference.
  if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
  else if (fractions.length > 2) {
    const mean = total / fractions.length;
    const sum = fractions.reduce((s, f) => s + (f - mean) * (f - mean), 0);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MaxNodeScore);
}

// Models pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go (BalancedAllocation)
/** NodeResourcesBalancedAllocation: a Score plugin over cpu and memory by default. */
export class BalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = names.NodeResourcesBalancedAllocation;
  private readonly scorer: ResourceAllocationScorer;

  constructor(args: NodeResourcesBalancedAllocationArgs = {}) {
    this.scorer = new ResourceAllocationScorer(this.name, balancedResourceScorer, args.resources ?? defaultResourceSpecs);
  }

  preScore(state: CycleState, pod: Pod): Status | null {
    state.write(preScoreStateKey, new PreScoreState(this.scorer.calculatePodResourceRequestList(pod)));
    return null;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): [number, Status | null] {
    const s = state.read<PreScoreState>(preScoreStateKey);
    return this.scorer.score(nodeInfo, s ? s.podRequests : this.scorer.calculatePodResourceRequestList(pod));
  }

  scoreExtensions(): null {
    return null;
  }
}

/** The plugin's factory for the registry; args are NodeResourcesBalancedAllocationArgs. */
export const newBalancedAllocation: PluginFactory = (args) => new BalancedAllocation((args ?? {}) as NodeResourcesBalancedAllocationArgs);
