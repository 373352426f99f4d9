// InterPodAffinity, as pkg/scheduler/framework/plugins/interpodaffinity/plugin.go: required pod
// affinity and anti-affinity as a filter (the pod's own terms and existing pods' anti-affinity),
// preferred terms and existing pods' affinity as a score.

import { type Labels, nothing } from '../../../api/labels';
import type { Node, Pod } from '../../../api/types/core';
import {
  type AffinityTerm,
  type ClusterListers,
  type CycleState,
  errReadingState,
  type FilterPlugin,
  getAffinityTerms,
  type Handle,
  type NodeInfo,
  type NodeScore,
  type PluginFactory,
  PodInfo,
  type PreFilterExtensions,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type ScoreExtensions,
  type ScorePlugin,
  Status,
} from '../../framework';
import { ActionType, type ClusterEventWithHint, type QueueingHint } from '../../queue/events';
import type { EnqueueExtensions } from '../../queue/hint-map';
import { names } from '../names';
import {
  filterNode,
  getExistingAntiAffinityCounts,
  getIncomingAffinityAntiAffinityCounts,
  podMatchesAllAffinityTerms,
  PreFilterState,
  preFilterStateKey,
} from './filtering';
import { normalizeScores, PreScoreState, preScoreStateKey, processExistingPod, ScoreMap, scoreNode } from './scoring';

/** config.InterPodAffinityArgs. */
export interface InterPodAffinityArgs {
  /** The score weight of an existing pod's required affinity that the incoming pod satisfies (0–100, default 1). */
  hardPodAffinityWeight?: number;
  /** Skip existing pods' preferred terms when the incoming pod has no preferred terms of its own (default false). */
  ignorePreferredTermsOfExistingPods?: boolean;
}

/** DefaultHardPodAffinityWeight (pkg/scheduler/apis/config/v1/defaults.go). */
export const DefaultHardPodAffinityWeight = 1;

// Models pkg/scheduler/framework/plugins/interpodaffinity/plugin.go (GetNamespaceLabelsSnapshot)
/** A copy of the namespace's labels, or none when the namespace is not known (upstream logs and assumes an empty set). */
export function getNamespaceLabelsSnapshot(ns: string, listers: ClusterListers): Labels | undefined {
  const n = listers.getNamespace?.(ns);
  return n ? { ...n.metadata.labels } : undefined;
}

// Models pkg/scheduler/framework/plugins/interpodaffinity/plugin.go (InterPodAffinity)
/** InterPodAffinity: PreFilter/Filter for required terms, PreScore/Score for preferred ones. */
export class InterPodAffinity implements PreFilterPlugin, PreFilterExtensions, FilterPlugin, PreScorePlugin, ScorePlugin, ScoreExtensions, EnqueueExtensions {
  readonly name = names.InterPodAffinity;
  readonly hardPodAffinityWeight: number;
  readonly ignorePreferredTermsOfExistingPods: boolean;

  constructor(
    private readonly handle: Handle,
    args: InterPodAffinityArgs = {},
  ) {
    this.hardPodAffinityWeight = args.hardPodAffinityWeight ?? DefaultHardPodAffinityWeight;
    this.ignorePreferredTermsOfExistingPods = args.ignorePreferredTermsOfExistingPods ?? false;
  }

  // Models pkg/scheduler/framework/plugins/interpodaffinity/plugin.go (mergeAffinityTermNamespacesIfNotEmpty)
  /**
   * Unrolls a non-empty namespaceSelector into the term's namespaces (then Nothing), so that matching
   * the incoming pod's terms never needs the other pod's namespace labels. An empty selector stays: it matches every namespace.
   */
  mergeAffinityTermNamespacesIfNotEmpty(at: AffinityTerm): void {
    if (at.namespaceSelector.empty()) return;
    for (const n of this.handle.listers.listNamespaces?.() ?? []) if (at.namespaceSelector.matches(n.metadata.labels)) at.namespaces.add(n.metadata.name ?? '');
    at.namespaceSelector = nothing();
  }

  preFilter(state: CycleState, pod: Pod): [PreFilterResult | null, Status | null] {
    const lister = this.handle.snapshotSharedLister().nodeInfos();
    const podInfo = new PodInfo(pod);
    if (podInfo.parseError) return [null, Status.new('UnschedulableAndUnresolvable', `parsing pod: ${podInfo.parseError}`)];
    for (const t of podInfo.requiredAffinityTerms) this.mergeAffinityTermNamespacesIfNotEmpty(t);
    for (const t of podInfo.requiredAntiAffinityTerms) this.mergeAffinityTermNamespacesIfNotEmpty(t);
    const s = new PreFilterState(podInfo, getNamespaceLabelsSnapshot(pod.metadata.namespace ?? '', this.handle.listers));
    s.existingAntiAffinityCounts = getExistingAntiAffinityCounts(pod, s.namespaceLabels, lister.havePodsWithRequiredAntiAffinityList());
    [s.affinityCounts, s.antiAffinityCounts] = getIncomingAffinityAntiAffinityCounts(podInfo, lister.list());
    if (s.existingAntiAffinityCounts.size === 0 && podInfo.requiredAffinityTerms.length === 0 && podInfo.requiredAntiAffinityTerms.length === 0) {
      return [null, Status.new('Skip')];
    }
    state.write(preFilterStateKey, s);
    return [null, null];
  }

  preFilterExtensions(): PreFilterExtensions {
    return this;
  }

  addPod(state: CycleState, _podToSchedule: Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status | null {
    return this.updateWithPod(state, podInfoToAdd, nodeInfo, 1);
  }

  removePod(state: CycleState, _podToSchedule: Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status | null {
    return this.updateWithPod(state, podInfoToRemove, nodeInfo, -1);
  }

  private updateWithPod(state: CycleState, pi: PodInfo, nodeInfo: NodeInfo, multiplier: number): Status | null {
    const s = state.read<PreFilterState>(preFilterStateKey);
    if (!s) return Status.asStatus(errReadingState(preFilterStateKey));
    const node = nodeInfo.node();
    if (node) s.updateWithPod(pi, node, multiplier);
    return null;
  }

  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status | null {
    const s = state.read<PreFilterState>(preFilterStateKey);
    if (!s) return Status.asStatus(errReadingState(preFilterStateKey));
    return filterNode(s, nodeInfo.node()!);
  }

  // Models pkg/scheduler/framework/plugins/interpodaffinity/scoring.go (PreScore)
  /** Sums every relevant existing pod's weights per domain; Skip when no domain gets one. */
  preScore(state: CycleState, pod: Pod, nodes: NodeInfo[]): Status | null {
    if (nodes.length === 0) return Status.new('Skip');
    const a = pod.spec?.affinity;
    const hasConstraints =
      (a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0 ||
      (a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
    if (this.ignorePreferredTermsOfExistingPods && !hasConstraints) return Status.new('Skip');
    // Without preferred terms of its own, only pods with affinity can add anything.
    const lister = this.handle.snapshotSharedLister().nodeInfos();
    const allNodes = hasConstraints ? lister.list() : lister.havePodsWithAffinityList();
    const podInfo = new PodInfo(pod);
    if (podInfo.parseError) return Status.asStatus(`failed to parse pod: ${podInfo.parseError}`);
    for (const t of podInfo.preferredAffinityTerms) this.mergeAffinityTermNamespacesIfNotEmpty(t);
    for (const t of podInfo.preferredAntiAffinityTerms) this.mergeAffinityTermNamespacesIfNotEmpty(t);
    const s = new PreScoreState(podInfo, getNamespaceLabelsSnapshot(pod.metadata.namespace ?? '', this.handle.listers));
    let any = false;
    for (const ni of allNodes) {
      const node = ni.node();
      if (!node) continue;
      const topoScore = new ScoreMap();
      for (const existing of hasConstraints ? ni.pods : ni.podsWithAffinity) processExistingPod(s, existing, node, pod, topoScore, this.hardPodAffinityWeight);
      if (topoScore.size === 0) continue;
      any = true;
      mergeScores(s.topologyScore, topoScore);
    }
    if (!any) return Status.new('Skip');
    state.write(preScoreStateKey, s);
    return null;
  }

  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): [number, Status | null] {
    const s = state.read<PreScoreState>(preScoreStateKey);
    if (!s) return [0, Status.asStatus(errReadingState(preScoreStateKey))];
    return [scoreNode(s, nodeInfo), null];
  }

  scoreExtensions(): ScoreExtensions {
    return this;
  }

  normalizeScore(state: CycleState, _pod: Pod, scores: NodeScore[]): Status | null {
    const s = state.read<PreScoreState>(preScoreStateKey);
    if (!s) return Status.asStatus(errReadingState(preScoreStateKey));
    normalizeScores(s, scores);
    return null;
  }

  // Models pkg/scheduler/framework/plugins/interpodaffinity/plugin.go (EventsToRegister)
  /** Pod add/label change/delete and node add/label change (queueing hints on: no UpdateNodeTaint workaround). */
  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete },
        queueingHintFn: (pod, o, n) => this.isSchedulableAfterPodChange(pod, o as Pod | undefined, n as Pod | undefined),
      },
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel },
        queueingHintFn: (pod, o, n) => this.isSchedulableAfterNodeChange(pod, o as Node | undefined, n as Node | undefined),
      },
    ];
  }

  // Models pkg/scheduler/framework/plugins/interpodaffinity/plugin.go (isSchedulableAfterPodChange)
  /** Queue when a bound pod starts matching the pod's affinity, is added matching it, or stops matching (or is deleted matching) its anti-affinity. */
  isSchedulableAfterPodChange(pod: Pod, originalPod: Pod | undefined, modifiedPod: Pod | undefined): QueueingHint {
    if ((modifiedPod && !modifiedPod.spec?.nodeName) || (originalPod && !originalPod.spec?.nodeName)) return 'QueueSkip';
    const a = pod.spec?.affinity;
    const terms = getAffinityTerms(pod, a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    const antiTerms = getAffinityTerms(pod, a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    if (modifiedPod && originalPod) {
      // Affinity looks for one pod matching all terms, so all terms are checked together.
      if (!podMatchesAllAffinityTerms(terms, originalPod) && podMatchesAllAffinityTerms(terms, modifiedPod)) return 'Queue';
      if (podMatchesAllAffinityTerms(antiTerms, originalPod) && !podMatchesAllAffinityTerms(antiTerms, modifiedPod)) return 'Queue';
      return 'QueueSkip';
    }
    if (modifiedPod) return podMatchesAllAffinityTerms(terms, modifiedPod) ? 'Queue' : 'QueueSkip';
    return podMatchesAllAffinityTerms(antiTerms, originalPod!) ? 'Queue' : 'QueueSkip';
  }

  // Models pkg/scheduler/framework/plugins/interpodaffinity/plugin.go (isSchedulableAfterNodeChange)
  /**
   * Queue for an affinity key that a node gains, or whose value changes (or a new node carrying it);
   * for anti-affinity, any new node, or a key that a node loses or changes.
   */
  isSchedulableAfterNodeChange(pod: Pod, originalNode: Node | undefined, modifiedNode: Node | undefined): QueueingHint {
    const a = pod.spec?.affinity;
    const after = modifiedNode?.metadata.labels ?? {};
    const before = originalNode?.metadata.labels ?? {};
    const has = (l: Labels, k: string) => Object.hasOwn(l, k);
    for (const t of getAffinityTerms(pod, a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution)) {
      const k = t.topologyKey;
      if (!originalNode) {
        if (has(after, k)) return 'Queue';
        continue;
      }
      if (!has(before, k) && has(after, k)) return 'Queue';
      if (has(before, k) && has(after, k) && before[k] !== after[k]) return 'Queue';
    }
    for (const t of getAffinityTerms(pod, a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution)) {
      const k = t.topologyKey;
      // A new node may join a domain without the pods the pod avoids; telling needs more than the node.
      if (!originalNode) return 'Queue';
      // Gaining the key cannot help: a node without it always admits the pod.
      if (has(before, k) && !has(after, k)) return 'Queue';
      if (has(before, k) && has(after, k) && before[k] !== after[k]) return 'Queue';
    }
    return 'QueueSkip';
  }
}

/** scoreMap.append. */
function mergeScores(into: ScoreMap, other: ScoreMap): void {
  for (const [k, m] of other.scores) {
    const byValue = into.scores.get(k) ?? new Map<string, number>();
    for (const [v, n] of m) byValue.set(v, (byValue.get(v) ?? 0) + n);
    into.scores.set(k, byValue);
  }
}

/** The plugin's factory for the registry: args are InterPodAffinityArgs. */
export const newInterPodAffinity: PluginFactory = (args, handle) => new InterPodAffinity(handle, args as InterPodAffinityArgs | undefined);

export { PreFilterState, PreScoreState };
