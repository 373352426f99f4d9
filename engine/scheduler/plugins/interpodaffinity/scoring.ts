// InterPodAffinity's PreScore, Score and NormalizeScore: every existing pod adds the weights of the
// preferred terms (both ways) and of its own required affinity (hardPodAffinityWeight) to the
// topology domain it runs in; a node scores the sum over its domains, rescaled to 0–100.

import type { Labels } from '../../../api/labels';
import type { Node, Pod } from '../../../api/types/core';
import { type AffinityTerm, affinityTermMatches, MaxNodeScore, type NodeInfo, type NodeScore, type PodInfo, type WeightedAffinityTerm } from '../../framework';

/** The cycle-state key of the PreScore state. */
export const preScoreStateKey = 'PreScoreInterPodAffinity';

// Models pkg/scheduler/framework/plugins/interpodaffinity/scoring.go (scoreMap)
/** scoreMap: topology key → value → summed weight. */
export class ScoreMap {
  readonly scores = new Map<string, Map<string, number>>();

  /** processTerm: when the term selects the pod, the node's domain for the term's key gains weight × multiplier. */
  processTerm(term: AffinityTerm, weight: number, pod: Pod, nsLabels: Labels | undefined, node: Node, multiplier: number): void {
    if (!affinityTermMatches(term, pod, nsLabels)) return;
    const labels = node.metadata.labels ?? {};
    if (!Object.hasOwn(labels, term.topologyKey)) return;
    const byValue = this.scores.get(term.topologyKey) ?? new Map<string, number>();
    const v = labels[term.topologyKey];
    byValue.set(v, (byValue.get(v) ?? 0) + weight * multiplier);
    this.scores.set(term.topologyKey, byValue);
  }

  processTerms(terms: readonly WeightedAffinityTerm[], pod: Pod, nsLabels: Labels | undefined, node: Node, multiplier: number): void {
    for (const t of terms) this.processTerm(t, t.weight, pod, nsLabels, node, multiplier);
  }

  get size(): number {
    return this.scores.size;
  }
}

// Models pkg/scheduler/framework/plugins/interpodaffinity/scoring.go (preScoreState)
/** preScoreState: the summed weights, the incoming pod's parsed terms and its namespace's labels. */
export class PreScoreState {
  constructor(
    readonly podInfo: PodInfo,
    readonly namespaceLabels: Labels | undefined,
    readonly topologyScore = new ScoreMap(),
  ) {}

  /** Not copied: nothing changes it after PreScore. */
  clone(): PreScoreState {
    return this;
  }
}

// Models pkg/scheduler/framework/plugins/interpodaffinity/scoring.go (processExistingPod)
/** Adds one existing pod's contributions to its node's domains. */
export function processExistingPod(
  s: PreScoreState,
  existing: PodInfo,
  existingNode: Node,
  incomingPod: Pod,
  topoScore: ScoreMap,
  hardPodAffinityWeight: number,
): void {
  if (Object.keys(existingNode.metadata.labels ?? {}).length === 0) return;
  // The incoming pod's preferred terms (namespaces merged): affinity adds, anti-affinity subtracts.
  topoScore.processTerms(s.podInfo.preferredAffinityTerms, existing.pod, undefined, existingNode, 1);
  topoScore.processTerms(s.podInfo.preferredAntiAffinityTerms, existing.pod, undefined, existingNode, -1);
  // The existing pod's required affinity that the incoming pod satisfies counts hardPodAffinityWeight.
  if (hardPodAffinityWeight > 0) {
    for (const t of existing.requiredAffinityTerms) topoScore.processTerm(t, hardPodAffinityWeight, incomingPod, s.namespaceLabels, existingNode, 1);
  }
  // The existing pod's preferred terms that select the incoming pod.
  topoScore.processTerms(existing.preferredAffinityTerms, incomingPod, s.namespaceLabels, existingNode, 1);
  topoScore.processTerms(existing.preferredAntiAffinityTerms, incomingPod, s.namespaceLabels, existingNode, -1);
}

// Models pkg/scheduler/framework/plugins/interpodaffinity/scoring.go (Score)
/** The node's raw score: the summed weights of its domains (positive for affinity, negative for anti-affinity). */
export function scoreNode(s: PreScoreState, nodeInfo: NodeInfo): number {
  const labels = nodeInfo.node()?.metadata.labels ?? {};
  let score = 0;
  for (const [tpKey, tpValues] of s.topologyScore.scores) if (Object.hasOwn(labels, tpKey)) score += tpValues.get(labels[tpKey]) ?? 0;
  return score;
}

// Models pkg/scheduler/framework/plugins/interpodaffinity/scoring.go (NormalizeScore)
/** Min-max scaling to 0–100 (truncated); all equal gives 0; nothing to do when no domain got a weight. */
export function normalizeScores(s: PreScoreState, scores: NodeScore[]): void {
  if (s.topologyScore.size === 0) return;
  let minCount = Number.MAX_SAFE_INTEGER;
  let maxCount = Number.MIN_SAFE_INTEGER;
  for (const { score } of scores) {
    maxCount = Math.max(maxCount, score);
    minCount = Math.min(minCount, score);
  }
  const diff = maxCount - minCount;
  for (const sc of scores) sc.score = diff > 0 ? Math.trunc(MaxNodeScore * ((sc.score - minCount) / diff)) : 0;
}
