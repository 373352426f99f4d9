// NodeResourcesFit, as pkg/scheduler/framework/plugins/noderesources/fit.go: Filter rejects a node
// without room for the pod's requests ("Insufficient cpu", "Too many pods"); Score ranks nodes by
// the scoring strategy, LeastAllocated over cpu and memory (weight 1 each) by default.

import type { Pod } from '../../../api/types/core';
import { goCompare } from '../../../api/labels';
import { type CycleState, errReadingState } from '../../framework/cycle-state';
import type { FilterPlugin, PluginFactory, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScorePlugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node-info';
import { type Resource, computePodResourceRequest, isExtendedResourceName } from '../../framework/resource';
import { Status } from '../../framework/status';
import { names } from '../names';
import { leastResourceScorer } from './least-allocated';
import { mostResourceScorer } from './most-allocated';
import { ResourceAllocationScorer, type ResourceSpec, defaultResourceSpecs } from './resource-allocation';

const preFilterStateKey = `PreFilter${names.NodeResourcesFit}`;
const preScoreStateKey = `PreScore${names.NodeResourcesFit}`;

/** config.ScoringStrategy: which formula and over which resources. */
export interface ScoringStrategy {
  type: 'LeastAllocated' | 'MostAllocated';
  resources?: ResourceSpec[];
}

/** config.NodeResourcesFitArgs. */
export interface NodeResourcesFitArgs {
  /** Extended resources Filter does not check. */
  ignoredResources?: string[];
  /** Extended resource groups (the part before '/') Filter does not check. */
  ignoredResourceGroups?: string[];
  scoringStrategy?: ScoringStrategy;
}

/** noderesources.InsufficientResource: one resource the node lacks for the pod. */
export interface InsufficientResource {
  resourceName: string;
  /** The FailedScheduling text: "Insufficient cpu", "Too many pods". */
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

class StateData<T> {
  constructor(readonly value: T) {}
  clone(): StateData<T> {
    return this;
  }
}

/** One of fitsRequest's native resources: short when the pod asks for more than is left. */
function checkFit(out: InsufficientResource[], resourceName: string, req: number, used: number, capacity: number): void {
  if (req > 0 && req > capacity - used) out.push({ resourceName, reason: `Insufficient ${resourceName}`, requested: req, used, capacity });
}

// Models pkg/scheduler/framework/plugins/noderesources/fit.go (fitsRequest)
/** The resources the node lacks for a pod requesting podRequest (empty when it fits). */
export function fitsRequest(
  podRequest: Resource,
  nodeInfo: NodeInfo,
  ignoredExtendedResources: ReadonlySet<string> = new Set(),
  ignoredResourceGroups: ReadonlySet<string> = new Set(),
): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: nodeInfo.pods.length, capacity: alloc.allowedPodNumber });
  }
  // podRequest.isEmpty(), without listing the scalar resources for every node.
  let hasScalar = false;
  for (const _ in podRequest.scalarResources) {
    hasScalar = true;
    break;
  }
  if (!hasScalar && podRequest.milliCPU === 0 && podRequest.memory === 0 && podRequest.ephemeralStorage === 0) return out;
  checkFit(out, 'cpu', podRequest.milliCPU, used.milliCPU, alloc.milliCPU);
  checkFit(out, 'memory', podRequest.memory, used.memory, alloc.memory);
  checkFit(out, 'ephemeral-storage', podRequest.ephemeralStorage, used.ephemeralStorage, alloc.ephemeralStorage);
  if (!hasScalar) return out;
  // Upstream walks a Go map here (random order); sorting by name keeps the reasons stable.
  for (const name of Object.keys(podRequest.scalarResources).sort(goCompare)) {
    const q = podRequest.scalarResources[name];
    if (q === 0) continue;
    if (isExtendedResourceName(name) && (ignoredExtendedResources.has(name) || ignoredResourceGroups.has(name.split('/')[0]))) continue;
    const cap = alloc.scalarResources[name] ?? 0;
    const u = used.scalarResources[name] ?? 0;
    if (q > cap - u) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: q, used: u, capacity: cap });
  }
  return out;
}

// Models pkg/scheduler/framework/plugins/noderesources/fit.go (Fits)
/** What the node lacks for the pod; the kubelet's admission asks the same question. */
export function fits(pod: Pod, nodeInfo: NodeInfo): InsufficientResource[] {
  return fitsRequest(computePodResourceRequest(pod), nodeInfo);
}

function newScorer(strategy: ScoringStrategy | undefined): ResourceAllocationScorer {
  const resources = strategy?.resources ?? defaultResourceSpecs;
  const type = strategy?.type ?? 'LeastAllocated';
  if (type === 'MostAllocated') return new ResourceAllocationScorer(names.NodeResourcesFit, mostResourceScorer(resources), resources);
  if (type === 'LeastAllocated') return new ResourceAllocationScorer(names.NodeResourcesFit, leastResourceScorer(resources), resources);
  throw new Error(`scoring strategy ${type} is not supported`);
}

// Models pkg/scheduler/framework/plugins/noderesources/fit.go (Fit)
/** NodeResourcesFit: requests against allocatable in Filter; the scoring strategy in Score. */
export class Fit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = names.NodeResourcesFit;
  private readonly ignoredResources: Set<string>;
  private readonly ignoredResourceGroups: Set<string>;
  private readonly scorer: ResourceAllocationScorer;

  constructor(args: NodeResourcesFitArgs = {}) {
    this.ignoredResources = new Set(args.ignoredResources ?? []);
    this.ignoredResourceGroups = new Set(args.ignoredResourceGroups ?? []);
    this.scorer = newScorer(args.scoringStrategy);
  }

  preFilter(state: CycleState, pod: Pod): [PreFilterResult | null, Status | null] {
    // SidecarContainers is on by default since 1.29, so restartable init containers are accepted.
    state.write(preFilterStateKey, new StateData(computePodResourceRequest(pod)));
    return [null, null];
  }

  preFilterExtensions(): null {
    return null;
  }

  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status | null {
    const s = state.read<StateData<Resource>>(preFilterStateKey);
    if (!s) return Status.asStatus(errReadingState(preFilterStateKey));
    const insufficient = fitsRequest(s.value, nodeInfo, this.ignoredResources, this.ignoredResourceGroups);
    if (insufficient.length === 0) return null;
    return Status.new('Unschedulable', ...insufficient.map((r) => r.reason));
  }

  preScore(state: CycleState, pod: Pod): Status | null {
    state.write(preScoreStateKey, new StateData(this.scorer.calculatePodResourceRequestList(pod)));
    return null;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): [number, Status | null] {
    const s = state.read<StateData<number[]>>(preScoreStateKey);
    return this.scorer.score(nodeInfo, s ? s.value : this.scorer.calculatePodResourceRequestList(pod));
  }

  scoreExtensions(): null {
    return null;
  }
}

/** The plugin's factory for the registry; args are NodeResourcesFitArgs. */
export const newFit: PluginFactory = (args) => new Fit((args ?? {}) as NodeResourcesFitArgs);
