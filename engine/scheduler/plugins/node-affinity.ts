// NodeAffinity, as pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go: Filter on the
// pod's spec.nodeSelector and required node affinity (and the profile's addedAffinity); PreFilter
// narrows the nodes when the terms pin metadata.name; Score sums the weights of the preferred terms
// a node matches, normalised so the best node gets 100.

import type { NodeAffinity as NodeAffinitySpec, Pod } from '../../api/types/core';
import type { CycleState } from '../framework/cycle-state';
import type { FilterPlugin, NodeScore, PluginFactory, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScoreExtensions, ScorePlugin } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import { LazyErrorNodeSelector, ObjectNameField, PreferredSchedulingTerms, type RequiredNodeAffinity, getRequiredNodeAffinity } from '../framework/nodeaffinity';
import { MaxNodeScore, Status } from '../framework/status';
import { defaultNormalizeScore } from './helper/normalize-score';
import { names } from './names';

/** nodeaffinity.ErrReasonPod. */
export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
/** nodeaffinity.errReasonEnforced: the profile's addedAffinity rejected the node. */
export const errReasonEnforced = "node(s) didn't match scheduler-enforced node affinity";
/** nodeaffinity.errReasonConflict: terms pinning metadata.name exclude every node. */
export const errReasonConflict = 'pod affinity terms conflict';

const preFilterStateKey = `PreFilter${names.NodeAffinity}`;
const preScoreStateKey = `PreScore${names.NodeAffinity}`;

/** config.NodeAffinityArgs: node affinity the profile adds to every pod. */
export interface NodeAffinityArgs {
  addedAffinity?: NodeAffinitySpec;
}

class PreFilterState {
  constructor(readonly requiredNodeSelectorAndAffinity: RequiredNodeAffinity) {}
  clone(): PreFilterState {
    return this;
  }
}

class PreScoreState {
  constructor(readonly preferredNodeAffinity: PreferredSchedulingTerms | undefined) {}
  clone(): PreScoreState {
    return this;
  }
}

// Models pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go (getPodPreferredNodeAffinity)
function getPodPreferredNodeAffinity(pod: Pod): PreferredSchedulingTerms | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  return terms ? PreferredSchedulingTerms.parse(terms) : undefined;
}

// Models pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go (PreFilter's metadata.name scan)
function pinnedNodeNames(pod: Pod): Set<string> | undefined | 'all' {
  let nodeNames: Set<string> | undefined;
  for (const t of pod.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms) {
    let termNodeNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== ObjectNameField || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      // Requirements of one term are ANDed.
      termNodeNames = termNodeNames === undefined ? s : new Set([...termNodeNames].filter((n) => s.has(n)));
    }
    // A term without a name requirement admits every node, since terms are ORed.
    if (termNodeNames === undefined) return 'all';
    nodeNames = new Set([...(nodeNames ?? []), ...termNodeNames]);
  }
  return nodeNames;
}

// Models pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go
/** NodeAffinity: hard node selection in PreFilter/Filter, preferred terms in PreScore/Score. */
export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, ScoreExtensions {
  readonly name = names.NodeAffinity;
  private readonly addedNodeSelector?: LazyErrorNodeSelector;
  private readonly addedPrefSchedTerms?: PreferredSchedulingTerms;

  constructor(args: NodeAffinityArgs = {}) {
    const added = args.addedAffinity;
    if (added?.requiredDuringSchedulingIgnoredDuringExecution) this.addedNodeSelector = new LazyErrorNodeSelector(added.requiredDuringSchedulingIgnoredDuringExecution);
    if (added?.preferredDuringSchedulingIgnoredDuringExecution?.length) this.addedPrefSchedTerms = PreferredSchedulingTerms.parse(added.preferredDuringSchedulingIgnoredDuringExecution);
  }

  preFilter(state: CycleState, pod: Pod): [PreFilterResult | null, Status | null] {
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && !this.addedNodeSelector && pod.spec?.nodeSelector === undefined) return [null, Status.new('Skip')];
    state.write(preFilterStateKey, new PreFilterState(getRequiredNodeAffinity(pod)));
    if (!required || required.nodeSelectorTerms.length === 0) return [null, null];
    const nodeNames = pinnedNodeNames(pod);
    if (nodeNames === 'all' || nodeNames === undefined) return [null, null];
    if (nodeNames.size === 0) return [null, Status.new('UnschedulableAndUnresolvable', errReasonConflict)];
    return [{ nodeNames }, null];
  }

  preFilterExtensions(): null {
    return null;
  }

  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const node = nodeInfo.node()!;
    if (this.addedNodeSelector && !this.addedNodeSelector.match(node).match) return Status.new('UnschedulableAndUnresolvable', errReasonEnforced);
    // Without PreFilter state (PreFilter disabled) the affinity is worked out here.
    const s = state.read<PreFilterState>(preFilterStateKey) ?? new PreFilterState(getRequiredNodeAffinity(pod));
    // Parse errors are ignored for backwards compatibility: they just do not match.
    if (!s.requiredNodeSelectorAndAffinity.match(node).match) return Status.new('UnschedulableAndUnresolvable', ErrReasonPod);
    return null;
  }

  preScore(state: CycleState, pod: Pod, nodes: NodeInfo[]): Status | null {
    if (nodes.length === 0) return null;
    let preferred: PreferredSchedulingTerms | undefined;
    try {
      preferred = getPodPreferredNodeAffinity(pod);
    } catch (e) {
      return Status.asStatus(e as Error);
    }
    if (!preferred && !this.addedPrefSchedTerms) return Status.new('Skip');
    state.write(preScoreStateKey, new PreScoreState(preferred));
    return null;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): [number, Status | null] {
    const node = nodeInfo.node()!;
    let count = this.addedPrefSchedTerms?.score(node) ?? 0;
    let s = state.read<PreScoreState>(preScoreStateKey);
    if (!s) {
      try {
        s = new PreScoreState(getPodPreferredNodeAffinity(pod));
      } catch (e) {
        return [0, Status.asStatus(e as Error)];
      }
    }
    count += s.preferredNodeAffinity?.score(node) ?? 0;
    return [count, null];
  }

  scoreExtensions(): ScoreExtensions {
    return this;
  }

  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): Status | null {
    return defaultNormalizeScore(MaxNodeScore, false, scores);
  }
}

/** The plugin's factory for the registry; args are NodeAffinityArgs. */
export const newNodeAffinity: PluginFactory = (args) => new NodeAffinity((args ?? {}) as NodeAffinityArgs);
