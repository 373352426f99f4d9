// One scheduling cycle, as pkg/scheduler/schedule_one.go (schedulingCycle's algorithm part,
// schedulePod, findNodesThatFitPod, findNodesThatPassFilters, numFeasibleNodesToFind,
// prioritizeNodes, selectHost): pure, over a snapshot, with the random tie-break drawn from an
// injected Rng. Assuming, Reserve, Permit and binding are the scheduler process's (server.ts).

import type { Rng } from '../sim/rng';
import type { Pod } from '../api/types/core';
import { CycleState } from './framework/cycle-state';
import { type Diagnosis, ErrNoNodesAvailable, FitError, addPluginStatus, newDiagnosis } from './framework/diagnosis';
import { type NodePluginScores, type NominatingInfo, allNodes } from './framework/interface';
import type { NodeInfo } from './framework/node-info';
import type { Framework } from './framework/runtime';
import { Status } from './framework/status';

/** minFeasibleNodesToFind: below this many nodes every node is checked. */
export const minFeasibleNodesToFind = 100;
/** minFeasibleNodesPercentageToFind: the adaptive percentage never goes below 5%. */
export const minFeasibleNodesPercentageToFind = 5;
/** numberOfHighestScoredNodesToReport: selectHost keeps the top 3 for logs. */
export const numberOfHighestScoredNodesToReport = 3;

/** One node as `inspect.scheduling` shows it (DESIGN.md): why it was filtered out, or its normalised scores. */
export interface NodeVerdict {
  /** null when the node passed every Filter; else the rejecting status's message. */
  filter: string | null;
  /** The plugin that rejected the node, when one did. */
  filterPlugin?: string;
  /** Score plugin → normalised score 0..100, before its weight. */
  scores: Record<string, number>;
  /** The weighted sum selectHost compared. */
  total: number;
}

/** `inspect.scheduling`'s shape: the chosen node and every node the cycle looked at. */
export interface SchedulingInspection {
  node: string | null;
  nodes: Record<string, NodeVerdict>;
}

/** What one cycle decided. */
export interface ScheduleOneResult {
  /** The node to bind to, when the pod fits somewhere. */
  suggestedHost?: string;
  evaluatedNodes: number;
  feasibleNodes: number;
  /** null on success; else Unschedulable (FitError), UnschedulableAndUnresolvable (no nodes) or Error. */
  status: Status | null;
  fitError?: FitError;
  /** From PostFilter (preemption): the node to nominate the pod to. */
  nominatingInfo?: NominatingInfo;
  diagnosis: Diagnosis;
  /** The cycle state, for Reserve/Permit/PreBind. */
  state: CycleState;
  inspection: SchedulingInspection;
}

// Models pkg/scheduler/schedule_one.go (numFeasibleNodesToFind)
/** How many feasible nodes to find before stopping: all below 100 nodes; else the percentage (adaptive 50 − n/125, at least 5%), at least 100. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number | undefined, numAllNodes: number): number {
  if (numAllNodes < minFeasibleNodesToFind) return numAllNodes;
  let percentage = percentageOfNodesToScore ?? 0;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < minFeasibleNodesPercentageToFind) percentage = minFeasibleNodesPercentageToFind;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < minFeasibleNodesToFind ? minFeasibleNodesToFind : numNodes;
}

// container/heap with Less = higher TotalScore, as nodeScoreHeap: the pop order decides ties' sampling order.
function heapDown(h: NodePluginScores[], i0: number, n: number): void {
  let i = i0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n) break;
    let j = j1;
    const j2 = j1 + 1;
    if (j2 < n && h[j2].totalScore > h[j1].totalScore) j = j2;
    if (!(h[j].totalScore > h[i].totalScore)) break;
    [h[i], h[j]] = [h[j], h[i]];
    i = j;
  }
}

function heapInit(h: NodePluginScores[]): void {
  for (let i = Math.floor(h.length / 2) - 1; i >= 0; i--) heapDown(h, i, h.length);
}

function heapPop(h: NodePluginScores[]): NodePluginScores {
  const n = h.length - 1;
  [h[0], h[n]] = [h[n], h[0]];
  heapDown(h, 0, n);
  return h.pop()!;
}

// Models pkg/scheduler/schedule_one.go (selectHost)
/** The highest-scoring node, ties broken by reservoir sampling (each tied node equally likely), and the top `count`. */
export function selectHost(nodeScoreList: readonly NodePluginScores[], count: number, rng: Rng): { host: string; top: NodePluginScores[] } {
  if (nodeScoreList.length === 0) throw new Error('empty priorityList');
  const h = [...nodeScoreList];
  heapInit(h);
  let cntOfMaxScore = 1;
  let selectedIndex = 0;
  const sorted: NodePluginScores[] = [heapPop(h)];
  while (h.length > 0) {
    const ns = heapPop(h);
    if (ns.totalScore !== sorted[0].totalScore && sorted.length === count) break;
    if (ns.totalScore === sorted[0].totalScore) {
      cntOfMaxScore++;
      // Replace the candidate with probability 1/cntOfMaxScore.
      if (rng.int(0, cntOfMaxScore) === 0) selectedIndex = cntOfMaxScore - 1;
    }
    sorted.push(ns);
  }
  if (selectedIndex !== 0) [sorted[0], sorted[selectedIndex]] = [sorted[selectedIndex], sorted[0]];
  return { host: sorted[0].name, top: sorted.slice(0, count) };
}

/** The scheduling algorithm's own state across cycles: where the next filter pass starts. */
export class SchedulingAlgorithm {
  /** sched.nextStartNodeIndex: rotates so every node gets its turn to be examined. */
  nextStartNodeIndex = 0;
  /** Each node's index in a snapshot's node list, per list (a snapshot replaces its list when nodes come or go). */
  private readonly positionsByList = new WeakMap<readonly NodeInfo[], Map<string, number>>();

  constructor(
    private readonly rng: Rng,
    /** The global percentageOfNodesToScore (KubeSchedulerConfiguration); 0 is adaptive. */
    private readonly percentageOfNodesToScore = 0,
  ) {}

  // Models pkg/scheduler/schedule_one.go (schedulingCycle: SchedulePod, then PostFilter on a FitError)
  /** Runs one cycle for the pod against fwk's snapshot; PostFilter (preemption) runs when nothing fits. */
  scheduleOne(fwk: Framework, pod: Pod): ScheduleOneResult {
    const state = new CycleState();
    const r = this.schedulePod(fwk, state, pod);
    if (!r.error) return r;
    const base = { ...r, error: undefined };
    if (r.error === ErrNoNodesAvailable) return { ...base, status: Status.new('UnschedulableAndUnresolvable').withError(new Error(r.error)) };
    if (!(r.error instanceof FitError)) return { ...base, status: Status.asStatus(r.error) };
    const fitError = r.error;
    if (!fwk.hasPostFilterPlugins()) return { ...base, fitError, status: Status.new('Unschedulable').withError(new Error(fitError.error())) };
    const [result, status] = fwk.runPostFilterPlugins(state, pod, fitError.diagnosis.nodeToStatus);
    fitError.diagnosis.postFilterMsg = status.message();
    return { ...base, fitError, nominatingInfo: result?.nominatingInfo, status: Status.new('Unschedulable').withError(new Error(fitError.error())) };
  }

  // Models pkg/scheduler/schedule_one.go (schedulePod)
  /** Finds the feasible nodes and picks one; a FitError (or the no-nodes error) when there is none. */
  schedulePod(fwk: Framework, state: CycleState, pod: Pod): ScheduleOneResult & { error?: FitError | string | Error } {
    const nodeInfos = fwk.handle.snapshotSharedLister().nodeInfos();
    const all = nodeInfos.list();
    const diagnosis = newDiagnosis();
    const empty = { evaluatedNodes: 0, feasibleNodes: 0, status: null, diagnosis, state };
    if (all.length === 0) return { ...empty, error: ErrNoNodesAvailable, inspection: { node: null, nodes: {} } };
    const found = this.findNodesThatFitPod(fwk, state, pod, all, diagnosis);
    const view: InspectView = { diagnosis, all, excluded: found.excluded, positions: (l) => this.positions(l) };
    if (found.error) return { ...empty, error: found.error, inspection: inspect(null, found.feasible, view) };
    const feasible = found.feasible;
    if (feasible.length === 0) return { ...empty, error: new FitError(pod, all.length, diagnosis), inspection: inspect(null, [], view) };
    const evaluatedNodes = feasible.length + diagnosis.nodeToStatus.len();
    // When only one node passes, it is used without scoring.
    if (feasible.length === 1) {
      const host = feasible[0].nodeName();
      return { ...empty, suggestedHost: host, evaluatedNodes, feasibleNodes: 1, inspection: inspect(host, feasible, view) };
    }
    const prioritized = prioritizeNodes(fwk, state, pod, feasible);
    if (prioritized.error) return { ...empty, error: prioritized.error, inspection: inspect(null, feasible, view) };
    const { host } = selectHost(prioritized.scores!, numberOfHighestScoredNodesToReport, this.rng);
    const inspection = inspect(host, feasible, view, prioritized.scores, prioritized.normalized);
    return { ...empty, suggestedHost: host, evaluatedNodes, feasibleNodes: feasible.length, inspection };
  }

  private positions(all: readonly NodeInfo[]): Map<string, number> {
    let pos = this.positionsByList.get(all);
    if (!pos || pos.size !== all.length) {
      pos = new Map(all.map((ni, i) => [ni.nodeName(), i]));
      this.positionsByList.set(all, pos);
    }
    return pos;
  }

  // Models pkg/scheduler/schedule_one.go (findNodesThatFitPod)
  private findNodesThatFitPod(fwk: Framework, state: CycleState, pod: Pod, all: NodeInfo[], diagnosis: Diagnosis): FoundNodes {
    const pre = fwk.runPreFilterPlugins(state, pod);
    diagnosis.unschedulablePlugins = new Set(pre.unschedulablePlugins);
    if (!Status.isSuccess(pre.status)) {
      if (!pre.status!.isRejected()) return { feasible: [], excluded: new Set(), error: pre.status!.asError()! };
      // Every node gets the PreFilter's status, so preemption can look at them.
      diagnosis.nodeToStatus.setAbsentNodesStatus(pre.status!);
      diagnosis.preFilterMsg = pre.status!.message();
      addPluginStatus(diagnosis, pre.status!);
      return { feasible: [], excluded: new Set(all.map((n) => n.nodeName())) };
    }
    // A nominated node (set by an earlier preemption) is likely the only fit: try it first.
    const nnn = pod.status?.nominatedNodeName;
    if (nnn) {
      const ni = all.find((n) => n.nodeName() === nnn);
      // Upstream logs a missing nominated node and goes on with the full search.
      if (ni) {
        const r = this.findNodesThatPassFilters(fwk, state, pod, diagnosis, [ni]);
        if (!r.error && r.feasible.length > 0) return { ...r, excluded: new Set() };
      }
    }
    let nodes = all;
    const excluded = new Set<string>();
    if (!allNodes(pre.result)) {
      // Upstream walks a Go set (random order); the snapshot's order keeps it stable.
      nodes = all.filter((n) => pre.result!.nodeNames!.has(n.nodeName()));
      for (const n of all) if (!pre.result!.nodeNames!.has(n.nodeName())) excluded.add(n.nodeName());
      const plugins = [...pre.unschedulablePlugins].sort();
      diagnosis.nodeToStatus.setAbsentNodesStatus(Status.new('UnschedulableAndUnresolvable', `node(s) didn't satisfy plugin(s) [${plugins.join(' ')}]`));
    }
    const r = this.findNodesThatPassFilters(fwk, state, pod, diagnosis, nodes);
    // Always advance, error or not, so every node gets its chance to be searched.
    const processed = r.feasible.length + diagnosis.nodeToStatus.len();
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % all.length;
    return { ...r, excluded };
  }

  // Models pkg/scheduler/schedule_one.go (findNodesThatPassFilters)
  private findNodesThatPassFilters(fwk: Framework, state: CycleState, pod: Pod, diagnosis: Diagnosis, nodes: NodeInfo[]): Omit<FoundNodes, 'excluded'> {
    const numAllNodes = nodes.length;
    const numNodesToFind = numFeasibleNodesToFind(fwk.percentageOfNodesToScore() ?? this.percentageOfNodesToScore, numAllNodes);
    const feasible: NodeInfo[] = [];
    if (!fwk.hasFilterPlugins()) {
      for (let i = 0; i < numNodesToFind; i++) feasible.push(nodes[(this.nextStartNodeIndex + i) % numAllNodes]);
      return { feasible };
    }
    for (let i = 0; i < numAllNodes && feasible.length < numNodesToFind; i++) {
      // Start where the last cycle stopped, so all nodes are examined alike across pods.
      const ni = nodes[(this.nextStartNodeIndex + i) % numAllNodes];
      const s = fwk.runFilterPluginsWithNominatedPods(state, pod, ni);
      if (Status.code(s) === 'Error') return { feasible, error: s!.asError()! };
      if (Status.isSuccess(s)) feasible.push(ni);
      else {
        diagnosis.nodeToStatus.set(ni.nodeName(), s!);
        addPluginStatus(diagnosis, s!);
      }
    }
    return { feasible };
  }
}

// Models pkg/scheduler/schedule_one.go (prioritizeNodes)
function prioritizeNodes(
  fwk: Framework,
  state: CycleState,
  pod: Pod,
  nodes: NodeInfo[],
): { scores?: NodePluginScores[]; normalized?: Map<string, Map<string, number>>; error?: Error } {
  // Without score plugins every node scores 1.
  if (!fwk.hasScorePlugins()) return { scores: nodes.map((n) => ({ name: n.nodeName(), scores: [], totalScore: 1 })), normalized: new Map() };
  const pre = fwk.runPreScorePlugins(state, pod, nodes);
  if (!Status.isSuccess(pre)) return { error: pre!.asError()! };
  const { run, status } = fwk.runScorePlugins(state, pod, nodes);
  if (!Status.isSuccess(status)) return { error: status!.asError()! };
  return { scores: run!.nodeScores, normalized: run!.normalized };
}

/** The nodes found feasible, and the nodes PreFilter ruled out before any Filter ran. */
interface FoundNodes {
  feasible: NodeInfo[];
  excluded: Set<string>;
  error?: Error;
}

/** What `inspect` reads besides the verdicts: the cycle's diagnosis and nodes, and the nodes' positions in the list. */
interface InspectView {
  diagnosis: Diagnosis;
  all: NodeInfo[];
  excluded: Set<string>;
  positions: (all: readonly NodeInfo[]) => Map<string, number>;
}

/**
 * The inspection of a cycle: rejected nodes with their reason (PreFilter's for the nodes it ruled
 * out), feasible ones with their scores; nodes the cycle never looked at are left out.
 */
function inspect(
  host: string | null,
  feasible: NodeInfo[],
  view: InspectView,
  scores?: NodePluginScores[],
  normalized?: Map<string, Map<string, number>>,
): SchedulingInspection {
  const { diagnosis, all, excluded, positions } = view;
  const feasibleNames = new Set(feasible.map((n) => n.nodeName()));
  const totals = new Map((scores ?? []).map((s) => [s.name, s.totalScore]));
  const explicit = new Set<string>();
  diagnosis.nodeToStatus.forEachExplicitNode((name) => explicit.add(name));
  const byPlugin = [...(normalized ?? [])];
  const verdict = (name: string): NodeVerdict => {
    if (feasibleNames.has(name)) {
      const perPlugin: Record<string, number> = {};
      for (const [plugin, byNode] of byPlugin) perPlugin[plugin] = byNode.get(name) ?? 0;
      return { filter: null, scores: perPlugin, total: totals.get(name) ?? 0 };
    }
    const s = diagnosis.nodeToStatus.get(name);
    return { filter: s.message(), ...(s.plugin() ? { filterPlugin: s.plugin() } : {}), scores: {}, total: 0 };
  };
  // The nodes listed, in the snapshot's order: with a partial search (percentageOfNodesToScore)
  // they are a few hundred of thousands, so they are sorted by position rather than found by
  // walking every node; a PreFilter that ruled nodes out names them all, so then every node is walked.
  let names: string[];
  if (excluded.size === 0) {
    const pos = positions(all);
    const listed = [...new Set([...feasibleNames, ...explicit])].map((n): [number, string] => [pos.get(n) ?? -1, n]);
    names = listed.sort((a, b) => a[0] - b[0]).map(([, n]) => n);
  } else names = all.map((ni) => ni.nodeName()).filter((n) => feasibleNames.has(n) || explicit.has(n) || excluded.has(n));
  const nodes: Record<string, NodeVerdict> = {};
  for (const name of names) nodes[name] = verdict(name);
  return { node: host, nodes };
}

