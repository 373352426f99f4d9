// PodTopologySpread's PreFilter and Filter: count the pods each hard (DoNotSchedule) constraint
// selects in every topology domain, then refuse the nodes where one more pod would make the skew
// (this domain's count, plus the pod itself, minus the global minimum) exceed maxSkew.

import type { Node, Pod } from '../../../api/types/core';
import { type CycleState, errReadingState, getRequiredNodeAffinity, type NodeInfo, type RequiredNodeAffinity, Status } from '../../framework';
import { countPodsMatchSelector, matchNodeInclusionPolicies, nodeLabelsMatchSpreadConstraints, type SpreadConstraint } from './common';

/** framework's math.MaxInt32: the match count of a critical path not yet seen. */
const maxInt32 = 2 ** 31 - 1;

/** ErrReasonConstraintsNotMatch: the Filter reason when the skew would exceed maxSkew. */
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
/** ErrReasonNodeLabelNotMatch: the Filter reason when the node lacks a constraint's topology key. */
export const ErrReasonNodeLabelNotMatch = `${ErrReasonConstraintsNotMatch} (missing required label)`;

/** The cycle-state key of the PreFilter state. */
export const preFilterStateKey = 'PreFilterPodTopologySpread';

/** One critical path: a topology value and how many selected pods it has. */
export interface CriticalPath {
  topologyValue: string;
  matchNum: number;
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/filtering.go (criticalPaths)
/**
 * criticalPaths: the two least-loaded domains of a topology key. paths[0] always holds the minimum;
 * paths[1] is at least as large but not always the second minimum. Two are enough because
 * preemption removes pods from one node at a time, each on its own copy of the state.
 */
export class CriticalPaths {
  readonly paths: [CriticalPath, CriticalPath] = [
    { topologyValue: '', matchNum: maxInt32 },
    { topologyValue: '', matchNum: maxInt32 },
  ];

  /** criticalPaths.update: records the domain's new count, keeping paths[0] the minimum. */
  update(tpVal: string, num: number): void {
    const p = this.paths;
    const existing = tpVal === p[0].topologyValue ? p[0] : tpVal === p[1].topologyValue ? p[1] : undefined;
    if (existing) {
      existing.matchNum = num;
      if (p[0].matchNum > p[1].matchNum) [p[0], p[1]] = [p[1], p[0]];
    } else if (num < p[0].matchNum) {
      p[1] = { ...p[0] };
      p[0] = { topologyValue: tpVal, matchNum: num };
    } else if (num < p[1].matchNum) {
      p[1] = { topologyValue: tpVal, matchNum: num };
    }
  }

  clone(): CriticalPaths {
    const c = new CriticalPaths();
    c.paths[0] = { ...this.paths[0] };
    c.paths[1] = { ...this.paths[1] };
    return c;
  }
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/filtering.go (preFilterState)
/**
 * preFilterState: the constraints and, per topology key, the critical paths, the number of
 * domains and the selected-pod count of every (key, value) pair. As in 1.32 the counts are keyed
 * by topology pair, so two constraints on the same key share them.
 */
export class PreFilterState {
  constructor(
    readonly constraints: SpreadConstraint[] = [],
    readonly tpKeyToCriticalPaths = new Map<string, CriticalPaths>(),
    /** Topology key → how many domains it has; not changed by AddPod/RemovePod, so shared by clones. */
    readonly tpKeyToDomainsNum = new Map<string, number>(),
    /** Topology key → value → selected pods. */
    readonly tpPairToMatchNum = new Map<string, Map<string, number>>(),
  ) {}

  /** The skew's global minimum: the least count, or 0 while fewer than minDomains domains exist; undefined when the key is unknown. */
  minMatchNum(tpKey: string, minDomains: number): number | undefined {
    const paths = this.tpKeyToCriticalPaths.get(tpKey);
    const domainsNum = this.tpKeyToDomainsNum.get(tpKey);
    // Upstream returns an error here, and Filter then skips the constraint.
    if (!paths || domainsNum === undefined) return undefined;
    return domainsNum < minDomains ? 0 : paths.paths[0].matchNum;
  }

  /** The selected-pod count of the pair (0 when unknown). */
  matchNum(key: string, value: string): number {
    return this.tpPairToMatchNum.get(key)?.get(value) ?? 0;
  }

  /** Adds delta to the pair's count. */
  addMatchNum(key: string, value: string, delta: number): number {
    const byValue = this.tpPairToMatchNum.get(key) ?? new Map<string, number>();
    const n = (byValue.get(value) ?? 0) + delta;
    byValue.set(value, n);
    this.tpPairToMatchNum.set(key, byValue);
    return n;
  }

  clone(): PreFilterState {
    const paths = new Map([...this.tpKeyToCriticalPaths].map(([k, p]) => [k, p.clone()]));
    const counts = new Map([...this.tpPairToMatchNum].map(([k, m]) => [k, new Map(m)]));
    return new PreFilterState(this.constraints, paths, this.tpKeyToDomainsNum, counts);
  }
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/filtering.go (calPreFilterState)
/** Counts, for every node that counts, the pods each constraint selects, and derives domains and critical paths. */
export function calPreFilterState(pod: Pod, constraints: SpreadConstraint[], allNodes: readonly NodeInfo[]): PreFilterState {
  const s = new PreFilterState(constraints);
  if (constraints.length === 0) return s;
  const requiredNodeAffinity = getRequiredNodeAffinity(pod);
  const ns = pod.metadata.namespace ?? '';
  for (const nodeInfo of allNodes) {
    const node = nodeInfo.node();
    // A node lacking any constraint's topology key is left out entirely.
    if (!node || !nodeLabelsMatchSpreadConstraints(node.metadata.labels, constraints)) continue;
    // Per node, a pair is counted once (the last constraint on the key wins), as upstream's tpCounts map does.
    const tpCounts = new Map<string, [string, string, number]>();
    for (const c of constraints) {
      if (!matchNodeInclusionPolicies(c, pod, node, requiredNodeAffinity)) continue;
      const value = node.metadata.labels![c.topologyKey];
      tpCounts.set(`${c.topologyKey}\u0000${value}`, [c.topologyKey, value, countPodsMatchSelector(nodeInfo.pods, c.selector, ns)]);
    }
    for (const [key, value, count] of tpCounts.values()) s.addMatchNum(key, value, count);
  }
  for (const [key, byValue] of s.tpPairToMatchNum) s.tpKeyToDomainsNum.set(key, byValue.size);
  for (const c of constraints) s.tpKeyToCriticalPaths.set(c.topologyKey, new CriticalPaths());
  for (const [key, byValue] of s.tpPairToMatchNum) for (const [value, num] of byValue) s.tpKeyToCriticalPaths.get(key)!.update(value, num);
  return s;
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/filtering.go (updateWithPod)
/** AddPod/RemovePod: a pod joins or leaves the node, so the counts (and critical paths) of the pairs it is selected in move by delta. */
export function updateWithPod(s: PreFilterState, updatedPod: Pod, preemptorPod: Pod, node: Node | undefined, delta: number): void {
  if (!node || (updatedPod.metadata.namespace ?? '') !== (preemptorPod.metadata.namespace ?? '')) return;
  if (!nodeLabelsMatchSpreadConstraints(node.metadata.labels, s.constraints)) return;
  const requiredSchedulingTerm: RequiredNodeAffinity = getRequiredNodeAffinity(preemptorPod);
  for (const c of s.constraints) {
    if (!c.selector.matches(updatedPod.metadata.labels)) continue;
    if (!matchNodeInclusionPolicies(c, preemptorPod, node, requiredSchedulingTerm)) continue;
    const v = node.metadata.labels![c.topologyKey];
    s.tpKeyToCriticalPaths.get(c.topologyKey)!.update(v, s.addMatchNum(c.topologyKey, v, delta));
  }
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/filtering.go (Filter)
/** Refuses a node without a constraint's topology key (unresolvable) or where the skew would exceed maxSkew. */
export function filterNode(s: PreFilterState, pod: Pod, node: Node): Status | null {
  for (const c of s.constraints) {
    const labels = node.metadata.labels ?? {};
    if (!Object.hasOwn(labels, c.topologyKey)) return Status.new('UnschedulableAndUnresolvable', ErrReasonNodeLabelNotMatch);
    const minMatchNum = s.minMatchNum(c.topologyKey, c.minDomains);
    // Upstream logs "Internal error occurred while retrieving value precalculated in PreFilter" and skips the constraint.
    if (minMatchNum === undefined) continue;
    const selfMatchNum = c.selector.matches(pod.metadata.labels) ? 1 : 0;
    const skew = s.matchNum(c.topologyKey, labels[c.topologyKey]) + selfMatchNum - minMatchNum;
    if (skew > c.maxSkew) return Status.new('Unschedulable', ErrReasonConstraintsNotMatch);
  }
  return null;
}

/** The PreFilter state of the cycle, or the error upstream returns when PreFilter did not run. */
export function getPreFilterState(state: CycleState): PreFilterState | Status {
  const s = state.read<PreFilterState>(preFilterStateKey);
  return s ?? Status.asStatus(errReadingState(preFilterStateKey, 'reading'))!;
}
