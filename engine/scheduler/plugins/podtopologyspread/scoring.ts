// PodTopologySpread's PreScore, Score and NormalizeScore: for the soft (ScheduleAnyway)
// constraints, a node scores by how many selected pods its domains already hold, weighted by the
// log of the number of domains; normalising turns fewest pods into the highest score.

import type { Node, Pod } from '../../../api/types/core';
import { type CycleState, errReadingState, getRequiredNodeAffinity, LabelHostname, MaxNodeScore, type NodeInfo, type NodeScore, Status } from '../../framework';
import { countPodsMatchSelector, matchNodeInclusionPolicies, nodeLabelsMatchSpreadConstraints, type SpreadConstraint } from './common';

/** The cycle-state key of the PreScore state. */
export const preScoreStateKey = 'PreScorePodTopologySpread';
const invalidScore = -1;

// Models pkg/scheduler/framework/plugins/podtopologyspread/scoring.go (preScoreState)
/** preScoreState: the soft constraints, the nodes left unscored, the pod counts per topology pair and each constraint's weight. */
export class PreScoreState {
  constructor(
    readonly constraints: SpreadConstraint[] = [],
    /** Filtered nodes missing some constraint's topology key: they score 0. */
    readonly ignoredNodes = new Set<string>(),
    /** Topology key → value → selected pods (hostname pairs are counted in Score instead). */
    readonly topologyPairToPodCounts = new Map<string, Map<string, number>>(),
    readonly topologyNormalizingWeight: number[] = [],
  ) {}

  /** Not copied: nothing changes it after PreScore. */
  clone(): PreScoreState {
    return this;
  }
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/scoring.go (topologyNormalizingWeight)
/** The weight of a topology with `size` domains: log(size + 2), so a small topology's counts are not watered down by a big one's. */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/scoring.go (scoreForCount)
/** cnt × weight + (maxSkew − 1): maxSkew − 1 flattens differences the constraint tolerates. */
export function scoreForCount(cnt: number, maxSkew: number, tpWeight: number): number {
  return cnt * tpWeight + (maxSkew - 1);
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/scoring.go (initPreScoreState)
/** Registers the topology pairs of the filtered nodes (marking those missing a key as ignored) and each constraint's weight. */
export function initPreScoreState(s: PreScoreState, filteredNodes: readonly NodeInfo[], requireAllTopologies: boolean): void {
  const topoSize = s.constraints.map(() => 0);
  for (const ni of filteredNodes) {
    const node = ni.node()!;
    const labels = node.metadata.labels ?? {};
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, s.constraints)) {
      s.ignoredNodes.add(ni.nodeName());
      continue;
    }
    s.constraints.forEach((c, i) => {
      // Per-node counts are calculated during Score.
      if (c.topologyKey === LabelHostname) return;
      const byValue = s.topologyPairToPodCounts.get(c.topologyKey) ?? new Map<string, number>();
      const value = labels[c.topologyKey] ?? '';
      if (!byValue.has(value)) {
        byValue.set(value, 0);
        topoSize[i]++;
      }
      s.topologyPairToPodCounts.set(c.topologyKey, byValue);
    });
  }
  s.constraints.forEach((c, i) => {
    const sz = c.topologyKey === LabelHostname ? filteredNodes.length - s.ignoredNodes.size : topoSize[i];
    s.topologyNormalizingWeight.push(topologyNormalizingWeight(sz));
  });
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/scoring.go (PreScore, processAllNode)
/** Adds every node's selected pods to the counts of its registered pairs (hostname excluded). */
export function countAllNodes(s: PreScoreState, pod: Pod, allNodes: readonly NodeInfo[], requireAllTopologies: boolean): void {
  const requiredNodeAffinity = getRequiredNodeAffinity(pod);
  const ns = pod.metadata.namespace ?? '';
  for (const ni of allNodes) {
    const node = ni.node();
    if (!node) continue;
    const labels = node.metadata.labels ?? {};
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, s.constraints)) continue;
    for (const c of s.constraints) {
      if (!matchNodeInclusionPolicies(c, pod, node, requiredNodeAffinity)) continue;
      const byValue = s.topologyPairToPodCounts.get(c.topologyKey);
      const value = labels[c.topologyKey] ?? '';
      // Only pairs of candidate nodes are counted; per-node pairs are counted in Score.
      if (!byValue?.has(value)) continue;
      byValue.set(value, byValue.get(value)! + countPodsMatchSelector(ni.pods, c.selector, ns));
    }
  }
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/scoring.go (Score)
/** The node's raw score: the sum over constraints whose key it has of scoreForCount, rounded. */
export function scoreNode(s: PreScoreState, pod: Pod, nodeInfo: NodeInfo): number {
  const node: Node = nodeInfo.node()!;
  if (s.ignoredNodes.has(nodeInfo.nodeName())) return 0;
  const labels = node.metadata.labels ?? {};
  let score = 0;
  s.constraints.forEach((c, i) => {
    if (!Object.hasOwn(labels, c.topologyKey)) return;
    const cnt =
      c.topologyKey === LabelHostname
        ? countPodsMatchSelector(nodeInfo.pods, c.selector, pod.metadata.namespace ?? '')
        : (s.topologyPairToPodCounts.get(c.topologyKey)?.get(labels[c.topologyKey]) ?? 0);
    score += scoreForCount(cnt, c.maxSkew, s.topologyNormalizingWeight[i]);
  });
  return goRound(score);
}

/** Go's math.Round: halves away from zero (JS Math.round rounds -0.5 up). */
function goRound(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/scoring.go (NormalizeScore)
/** Ignored nodes get 0; the rest MaxNodeScore × (max + min − score) / max, or MaxNodeScore when every score is 0. */
export function normalizeScores(s: PreScoreState, scores: NodeScore[]): void {
  let minScore = Number.MAX_SAFE_INTEGER;
  let maxScore = 0;
  for (const sc of scores) {
    if (s.ignoredNodes.has(sc.name)) {
      sc.score = invalidScore;
      continue;
    }
    minScore = Math.min(minScore, sc.score);
    maxScore = Math.max(maxScore, sc.score);
  }
  for (const sc of scores) {
    if (sc.score === invalidScore) sc.score = 0;
    else if (maxScore === 0) sc.score = MaxNodeScore;
    else sc.score = Math.trunc((MaxNodeScore * (maxScore + minScore - sc.score)) / maxScore);
  }
}

/** The PreScore state of the cycle, or upstream's error when PreScore did not run. */
export function getPreScoreState(state: CycleState): PreScoreState | Status {
  return state.read<PreScoreState>(preScoreStateKey) ?? Status.asStatus(errReadingState(preScoreStateKey))!;
}
