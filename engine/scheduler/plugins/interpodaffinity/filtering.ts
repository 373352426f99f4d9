// InterPodAffinity's PreFilter and Filter: count, per topology domain, the existing pods that the
// incoming pod's required (anti-)affinity terms select, and the existing pods whose required
// anti-affinity selects the incoming pod; then admit a node only if its domains satisfy all three.

import type { Labels } from '../../../api/labels';
import type { Node, Pod } from '../../../api/types/core';
import { type AffinityTerm, affinityTermMatches, type NodeInfo, type PodInfo, Status } from '../../framework';

/** ErrReasonExistingAntiAffinityRulesNotMatch: an existing pod's anti-affinity repels the pod from the node's domain. */
export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
/** ErrReasonAffinityRulesNotMatch: no pod the pod's affinity wants is in the node's domain. */
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
/** ErrReasonAntiAffinityRulesNotMatch: a pod the pod's anti-affinity avoids is in the node's domain. */
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

/** The cycle-state key of the PreFilter state. */
export const preFilterStateKey = 'PreFilterInterPodAffinity';

// Models pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (topologyToMatchedTermCount)
/** topologyToMatchedTermCount: (topology key, value) → count; an entry that falls to zero is removed. */
export class TopologyCounts {
  readonly counts = new Map<string, Map<string, number>>();

  get(key: string, value: string): number {
    return this.counts.get(key)?.get(value) ?? 0;
  }

  get size(): number {
    let n = 0;
    for (const m of this.counts.values()) n += m.size;
    return n;
  }

  /** Adds value to the pair of the node's value for the key, if the node has the key. */
  update(node: Node, tk: string, value: number): void {
    const labels = node.metadata.labels ?? {};
    if (!Object.hasOwn(labels, tk)) return;
    const tv = labels[tk];
    const byValue = this.counts.get(tk) ?? new Map<string, number>();
    const n = (byValue.get(tv) ?? 0) + value;
    // The value can be negative (RemovePod): an entry down to zero goes.
    if (n === 0) byValue.delete(tv);
    else byValue.set(tv, n);
    if (byValue.size === 0) this.counts.delete(tk);
    else this.counts.set(tk, byValue);
  }

  /** updateWithAffinityTerms: when the pod matches every term, each term's pair moves by value. */
  updateWithAffinityTerms(terms: readonly AffinityTerm[], pod: Pod, node: Node, value: number): void {
    if (!podMatchesAllAffinityTerms(terms, pod)) return;
    for (const t of terms) this.update(node, t.topologyKey, value);
  }

  /** updateWithAntiAffinityTerms: each term that selects the pod moves its pair by value. */
  updateWithAntiAffinityTerms(terms: readonly AffinityTerm[], pod: Pod, nsLabels: Labels | undefined, node: Node, value: number): void {
    for (const t of terms) if (affinityTermMatches(t, pod, nsLabels)) this.update(node, t.topologyKey, value);
  }

  merge(other: TopologyCounts): void {
    for (const [k, m] of other.counts) {
      const byValue = this.counts.get(k) ?? new Map<string, number>();
      for (const [v, n] of m) byValue.set(v, (byValue.get(v) ?? 0) + n);
      this.counts.set(k, byValue);
    }
  }

  clone(): TopologyCounts {
    const c = new TopologyCounts();
    c.merge(this);
    return c;
  }
}

// Models pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (podMatchesAllAffinityTerms)
/**
 * Whether the pod matches every term (false for no terms). The incoming pod's terms have their
 * namespaceSelector merged into their namespaces, so no namespace labels are needed here.
 */
export function podMatchesAllAffinityTerms(terms: readonly AffinityTerm[], pod: Pod): boolean {
  return terms.length > 0 && terms.every((t) => affinityTermMatches(t, pod, undefined));
}

// Models pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (preFilterState)
/** preFilterState: the three counts, the incoming pod's parsed terms and its namespace's labels. */
export class PreFilterState {
  constructor(
    readonly podInfo: PodInfo,
    readonly namespaceLabels: Labels | undefined,
    /** Existing pods whose required anti-affinity selects the incoming pod. */
    public existingAntiAffinityCounts = new TopologyCounts(),
    /** Existing pods that match all the incoming pod's required affinity terms. */
    public affinityCounts = new TopologyCounts(),
    /** Existing pods that the incoming pod's required anti-affinity terms select. */
    public antiAffinityCounts = new TopologyCounts(),
  ) {}

  clone(): PreFilterState {
    // The pod info does not change, so it is shared.
    return new PreFilterState(this.podInfo, this.namespaceLabels, this.existingAntiAffinityCounts.clone(), this.affinityCounts.clone(), this.antiAffinityCounts.clone());
  }

  // Models pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (updateWithPod)
  /** AddPod/RemovePod: a pod joins (1) or leaves (-1) the node; every count it takes part in moves. */
  updateWithPod(pInfo: PodInfo, node: Node, multiplier: number): void {
    this.existingAntiAffinityCounts.updateWithAntiAffinityTerms(pInfo.requiredAntiAffinityTerms, this.podInfo.pod, this.namespaceLabels, node, multiplier);
    this.affinityCounts.updateWithAffinityTerms(this.podInfo.requiredAffinityTerms, pInfo.pod, node, multiplier);
    // The incoming pod's terms have their namespaceSelector merged, so the other pod's namespace labels are not needed.
    this.antiAffinityCounts.updateWithAntiAffinityTerms(this.podInfo.requiredAntiAffinityTerms, pInfo.pod, undefined, node, multiplier);
  }
}

// Models pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (getExistingAntiAffinityCounts)
/** For the nodes with pods that have required anti-affinity: the pairs where such a pod's term selects the incoming pod. */
export function getExistingAntiAffinityCounts(pod: Pod, nsLabels: Labels | undefined, nodes: readonly NodeInfo[]): TopologyCounts {
  const result = new TopologyCounts();
  for (const ni of nodes) {
    const node = ni.node();
    if (!node) continue;
    for (const existing of ni.podsWithRequiredAntiAffinity) result.updateWithAntiAffinityTerms(existing.requiredAntiAffinityTerms, pod, nsLabels, node, 1);
  }
  return result;
}

// Models pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (getIncomingAffinityAntiAffinityCounts)
/** The pairs of the existing pods that the incoming pod's required affinity (all terms) and anti-affinity (each term) select. */
export function getIncomingAffinityAntiAffinityCounts(podInfo: PodInfo, allNodes: readonly NodeInfo[]): [TopologyCounts, TopologyCounts] {
  const affinity = new TopologyCounts();
  const antiAffinity = new TopologyCounts();
  if (podInfo.requiredAffinityTerms.length === 0 && podInfo.requiredAntiAffinityTerms.length === 0) return [affinity, antiAffinity];
  for (const ni of allNodes) {
    const node = ni.node();
    if (!node) continue;
    for (const existing of ni.pods) {
      affinity.updateWithAffinityTerms(podInfo.requiredAffinityTerms, existing.pod, node, 1);
      antiAffinity.updateWithAntiAffinityTerms(podInfo.requiredAntiAffinityTerms, existing.pod, undefined, node, 1);
    }
  }
  return [affinity, antiAffinity];
}

// Models pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (satisfyExistingPodsAntiAffinity)
/** Whether no existing pod's anti-affinity covers any of the node's domains. */
function satisfyExistingPodsAntiAffinity(s: PreFilterState, node: Node): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  return Object.entries(node.metadata.labels ?? {}).every(([k, v]) => s.existingAntiAffinityCounts.get(k, v) <= 0);
}

// Models pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (satisfyPodAntiAffinity)
/** Whether none of the pod's anti-affinity terms finds a selected pod in the node's domain for it. */
function satisfyPodAntiAffinity(s: PreFilterState, node: Node): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  const labels = node.metadata.labels ?? {};
  return s.podInfo.requiredAntiAffinityTerms.every((t) => !Object.hasOwn(labels, t.topologyKey) || s.antiAffinityCounts.get(t.topologyKey, labels[t.topologyKey]) <= 0);
}

// Models pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (satisfyPodAffinity)
/**
 * Whether every affinity term finds a matching pod in the node's domain (the node must carry every
 * term's key). The first pod of a group that has affinity to itself passes anyway when no pod in the
 * cluster matches and the pod matches its own terms, so such a group is not pending forever.
 */
function satisfyPodAffinity(s: PreFilterState, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  let podsExist = true;
  for (const t of s.podInfo.requiredAffinityTerms) {
    if (!Object.hasOwn(labels, t.topologyKey)) return false;
    if (s.affinityCounts.get(t.topologyKey, labels[t.topologyKey]) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  return s.affinityCounts.size === 0 && podMatchesAllAffinityTerms(s.podInfo.requiredAffinityTerms, s.podInfo.pod);
}

// Models pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (Filter)
/** Affinity first (unresolvable by preemption), then the pod's anti-affinity, then existing pods' anti-affinity. */
export function filterNode(s: PreFilterState, node: Node): Status | null {
  if (!satisfyPodAffinity(s, node)) return Status.new('UnschedulableAndUnresolvable', ErrReasonAffinityRulesNotMatch);
  if (!satisfyPodAntiAffinity(s, node)) return Status.new('Unschedulable', ErrReasonAntiAffinityRulesNotMatch);
  if (!satisfyExistingPodsAntiAffinity(s, node)) return Status.new('Unschedulable', ErrReasonExistingAntiAffinityRulesNotMatch);
  return null;
}
