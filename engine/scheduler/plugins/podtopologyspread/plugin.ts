// PodTopologySpread, as pkg/scheduler/framework/plugins/podtopologyspread/plugin.go: spreads a
// pod's peers evenly over topology domains (zones, nodes, …), hard (Filter) or soft (Score), with
// system default constraints for pods of Services and workloads that declare none.

import { type Labels, labelsEqual } from '../../../api/labels';
import type { Node, Pod, TopologySpreadConstraint, UnsatisfiableConstraintAction } from '../../../api/types/core';
import { deepEqual } from '../../../api/validation/util';
import {
  type ClusterListers,
  type CycleState,
  type FilterPlugin,
  type Handle,
  LabelHostname,
  LabelTopologyZone,
  type NodeInfo,
  type NodeScore,
  type PluginFactory,
  type PodInfo,
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
import { filterTopologySpreadConstraints, nodeLabelsMatchSpreadConstraints, podLabelsMatchSpreadConstraints, type SpreadConstraint } from './common';
import { defaultSelector } from './default-selector';
import { calPreFilterState, filterNode, getPreFilterState, PreFilterState, preFilterStateKey, updateWithPod } from './filtering';
import { countAllNodes, getPreScoreState, initPreScoreState, normalizeScores, PreScoreState, preScoreStateKey, scoreNode } from './scoring';

/** systemDefaultConstraints: hostname maxSkew 3 and zone maxSkew 5, both ScheduleAnyway. */
export const systemDefaultConstraints: readonly TopologySpreadConstraint[] = [
  { topologyKey: LabelHostname, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LabelTopologyZone, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

/** config.PodTopologySpreadArgs: cluster-level default constraints, and whether they are the system's or a list. */
export interface PodTopologySpreadArgs {
  defaultConstraints?: TopologySpreadConstraint[];
  /** System (the built-in defaults) or List (defaultConstraints). */
  defaultingType?: 'System' | 'List';
}

// Models pkg/scheduler/apis/config/v1/defaults.go (SetDefaults_PodTopologySpreadArgs)
/** The args with v1's defaults: List when constraints are given, else System. */
export function defaultPodTopologySpreadArgs(args: PodTopologySpreadArgs = {}): Required<PodTopologySpreadArgs> {
  const defaultingType = args.defaultingType ?? ((args.defaultConstraints?.length ?? 0) > 0 ? 'List' : 'System');
  return { defaultConstraints: args.defaultConstraints ?? [], defaultingType };
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/plugin.go (PodTopologySpread)
/** PodTopologySpread: PreFilter/Filter for DoNotSchedule constraints, PreScore/Score for ScheduleAnyway ones. */
export class PodTopologySpread
  implements PreFilterPlugin, PreFilterExtensions, FilterPlugin, PreScorePlugin, ScorePlugin, ScoreExtensions, EnqueueExtensions
{
  readonly name = names.PodTopologySpread;
  private readonly defaultConstraints: readonly TopologySpreadConstraint[];
  /** Whether the defaults are the system's: then nodes missing the zone label still get hostname spreading. */
  readonly systemDefaulted: boolean;

  constructor(
    private readonly handle: Handle,
    args: PodTopologySpreadArgs = {},
  ) {
    const a = defaultPodTopologySpreadArgs(args);
    this.systemDefaulted = a.defaultingType === 'System';
    this.defaultConstraints = this.systemDefaulted ? systemDefaultConstraints : a.defaultConstraints;
  }

  private get listers(): ClusterListers {
    return this.handle.listers;
  }

  // Models pkg/scheduler/framework/plugins/podtopologyspread/common.go (buildDefaultConstraints)
  /** The default constraints with the given action, all selecting the pod's workload; none when the workload selects nothing. */
  buildDefaultConstraints(pod: Pod, action: UnsatisfiableConstraintAction): SpreadConstraint[] {
    const constraints = filterTopologySpreadConstraints(this.defaultConstraints, pod.metadata.labels, action);
    if (constraints.length === 0) return [];
    const selector = defaultSelector(pod, this.listers);
    if (selector.empty()) return [];
    return constraints.map((c) => ({ ...c, selector }));
  }

  // Models pkg/scheduler/framework/plugins/podtopologyspread/plugin.go (getConstraints)
  /** The pod's own constraints with the action, or the defaults when it declares none at all. */
  constraintsFor(pod: Pod, action: UnsatisfiableConstraintAction): SpreadConstraint[] {
    const own = pod.spec?.topologySpreadConstraints ?? [];
    if (own.length > 0) return filterTopologySpreadConstraints(own, pod.metadata.labels, action);
    return this.buildDefaultConstraints(pod, action);
  }

  preFilter(state: CycleState, pod: Pod): [PreFilterResult | null, Status | null] {
    let constraints: SpreadConstraint[];
    try {
      constraints = this.constraintsFor(pod, 'DoNotSchedule');
    } catch (e) {
      const own = (pod.spec?.topologySpreadConstraints ?? []).length > 0;
      const what = own ? "obtaining pod's hard topology spread constraints" : 'setting default hard topology spread constraints';
      return [null, Status.asStatus(`get constraints from pod: ${what}: ${(e as Error).message}`)];
    }
    const s = calPreFilterState(pod, constraints, this.handle.snapshotSharedLister().nodeInfos().list());
    if (s.constraints.length === 0) return [null, Status.new('Skip')];
    state.write(preFilterStateKey, s);
    return [null, null];
  }

  preFilterExtensions(): PreFilterExtensions {
    return this;
  }

  addPod(state: CycleState, podToSchedule: Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status | null {
    return this.updateWithPod(state, podToSchedule, podInfoToAdd, nodeInfo, 1);
  }

  removePod(state: CycleState, podToSchedule: Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status | null {
    return this.updateWithPod(state, podToSchedule, podInfoToRemove, nodeInfo, -1);
  }

  private updateWithPod(state: CycleState, podToSchedule: Pod, pi: PodInfo, nodeInfo: NodeInfo, delta: number): Status | null {
    const s = getPreFilterState(state);
    if (s instanceof Status) return s;
    updateWithPod(s, pi.pod, podToSchedule, nodeInfo.node(), delta);
    return null;
  }

  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const s = getPreFilterState(state);
    if (s instanceof Status) return s;
    // An empty state is legit: it admits every pod.
    if (s.constraints.length === 0) return null;
    return filterNode(s, pod, nodeInfo.node()!);
  }

  preScore(state: CycleState, pod: Pod, filteredNodes: NodeInfo[]): Status | null {
    const allNodes = this.handle.snapshotSharedLister().nodeInfos().list();
    if (allNodes.length === 0) return Status.new('Skip');
    let constraints: SpreadConstraint[];
    try {
      constraints = this.constraintsFor(pod, 'ScheduleAnyway');
    } catch (e) {
      const own = (pod.spec?.topologySpreadConstraints ?? []).length > 0;
      const what = own ? "obtaining pod's soft topology spread constraints" : 'setting default soft topology spread constraints';
      return Status.asStatus(`calculating preScoreState: ${what}: ${(e as Error).message}`);
    }
    // Only non-system-default rules require every topology label, so nodes without a zone label still get hostname spreading.
    const requireAllTopologies = (pod.spec?.topologySpreadConstraints ?? []).length > 0 || !this.systemDefaulted;
    const s = new PreScoreState(constraints);
    if (constraints.length === 0) return Status.new('Skip');
    initPreScoreState(s, filteredNodes, requireAllTopologies);
    countAllNodes(s, pod, allNodes, requireAllTopologies);
    state.write(preScoreStateKey, s);
    return null;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): [number, Status | null] {
    const s = getPreScoreState(state);
    if (s instanceof Status) return [0, s];
    return [scoreNode(s, pod, nodeInfo), null];
  }

  scoreExtensions(): ScoreExtensions {
    return this;
  }

  normalizeScore(state: CycleState, _pod: Pod, scores: NodeScore[]): Status | null {
    const s = getPreScoreState(state);
    if (s instanceof Status) return s;
    normalizeScores(s, scores);
    return null;
  }

  // Models pkg/scheduler/framework/plugins/podtopologyspread/plugin.go (EventsToRegister)
  /** Pod add/label change/toleration change/delete and node add/delete/label/taint changes, each with its hint. */
  eventsToRegister(): ClusterEventWithHint[] {
    // UpdatePodTolerations is registered because QueueingHints are on (a new toleration matters under nodeTaintsPolicy: Honor).
    const podActions = ActionType.Add | ActionType.UpdatePodLabel | ActionType.UpdatePodTolerations | ActionType.Delete;
    const nodeActions = ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint;
    return [
      {
        event: { resource: 'Pod', actionType: podActions },
        queueingHintFn: (pod, o, n) => this.isSchedulableAfterPodChange(pod, o as Pod | undefined, n as Pod | undefined),
      },
      {
        event: { resource: 'Node', actionType: nodeActions },
        queueingHintFn: (pod, o, n) => this.isSchedulableAfterNodeChange(pod, o as Node | undefined, n as Node | undefined),
      },
    ];
  }

  // Models pkg/scheduler/framework/plugins/podtopologyspread/plugin.go (isSchedulableAfterPodChange)
  /**
   * Queue when a bound pod of the namespace that a constraint selects comes, goes or changes labels in
   * a way a selector notices, or when the pod itself gains a toleration that nodeTaintsPolicy: Honor cares about.
   */
  isSchedulableAfterPodChange(pod: Pod, originalPod: Pod | undefined, modifiedPod: Pod | undefined): QueueingHint {
    if ((modifiedPod && !involvedInTopologySpreading(modifiedPod, pod)) || (originalPod && !involvedInTopologySpreading(originalPod, pod))) return 'QueueSkip';
    const constraints = this.constraintsFor(pod, 'DoNotSchedule');
    if (modifiedPod && originalPod) {
      const newToleration = pod.metadata.uid === modifiedPod.metadata.uid && !deepEqual(modifiedPod.spec?.tolerations, originalPod.spec?.tolerations);
      if (newToleration && constraints.some((c) => c.nodeTaintsPolicy === 'Honor')) return 'Queue';
      if (labelsEqual(modifiedPod.metadata.labels, originalPod.metadata.labels)) return 'QueueSkip';
      const before: Labels | undefined = originalPod.metadata.labels;
      const after: Labels | undefined = modifiedPod.metadata.labels;
      return constraints.some((c) => c.selector.matches(before) !== c.selector.matches(after)) ? 'Queue' : 'QueueSkip';
    }
    const changed = modifiedPod ?? originalPod!;
    return podLabelsMatchSpreadConstraints(constraints, changed.metadata.labels) ? 'Queue' : 'QueueSkip';
  }

  // Models pkg/scheduler/framework/plugins/podtopologyspread/plugin.go (isSchedulableAfterNodeChange)
  /** Queue when a node that carries every topology key comes or goes, gains or loses a key, changes a key's value or its taints. */
  isSchedulableAfterNodeChange(pod: Pod, originalNode: Node | undefined, modifiedNode: Node | undefined): QueueingHint {
    const constraints = this.constraintsFor(pod, 'DoNotSchedule');
    const originalMatching = !!originalNode && nodeLabelsMatchSpreadConstraints(originalNode.metadata.labels, constraints);
    const modifiedMatching = !!modifiedNode && nodeLabelsMatchSpreadConstraints(modifiedNode.metadata.labels, constraints);
    if (originalNode && modifiedNode) {
      if (originalMatching !== modifiedMatching) return 'Queue';
      const keyChanged = constraints.some((c) => originalNode.metadata.labels?.[c.topologyKey] !== modifiedNode.metadata.labels?.[c.topologyKey]);
      if (modifiedMatching && (keyChanged || !deepEqual(originalNode.spec?.taints, modifiedNode.spec?.taints))) return 'Queue';
      return 'QueueSkip';
    }
    return (modifiedNode ? modifiedMatching : originalMatching) ? 'Queue' : 'QueueSkip';
  }
}

// Models pkg/scheduler/framework/plugins/podtopologyspread/plugin.go (involvedInTopologySpreading)
/** Whether the event's pod matters to the spreading pod: it is that pod, or a bound pod of its namespace. */
function involvedInTopologySpreading(incomingPod: Pod, podWithSpreading: Pod): boolean {
  return (
    incomingPod.metadata.uid === podWithSpreading.metadata.uid ||
    (!!incomingPod.spec?.nodeName && (incomingPod.metadata.namespace ?? '') === (podWithSpreading.metadata.namespace ?? ''))
  );
}

/** The plugin's factory for the registry: args are PodTopologySpreadArgs. */
export const newPodTopologySpread: PluginFactory = (args, handle) => new PodTopologySpread(handle, args as PodTopologySpreadArgs | undefined);

export { PreFilterState, PreScoreState };
