// The preemption evaluator, as pkg/scheduler/framework/preemption/preemption.go (v1.32): when no
// node fits a pod, dry-run removing lower-priority pods from the nodes that failed for reasons
// preemption can fix, pick the node whose victims matter least, delete those victims and nominate
// the pod to the node. Nodes are examined one after another from a random offset (upstream: in
// parallel, stopping once it has enough candidates); async preemption (alpha, off) and extenders
// are not modelled.

import type { Pod, PodCondition, PodStatus } from '../../api/types/core';
import type { PodDisruptionBudget } from '../../api/types/policy';
import {
  type CycleState,
  FitError,
  type Handle,
  type NodeInfo,
  type NodeToStatusReader,
  NodeToStatus,
  type PodInfo,
  type PostFilterResult,
  Status,
  newDiagnosis,
  podPriority,
} from '../framework';
import { getEarliestPodStartTime, timeMs, updatePodCondition } from './util';

/** extenderv1.Victims: the pods to preempt on a node, most important first, and how many of them violate a PDB. */
export interface Victims {
  pods: Pod[];
  numPDBViolations: number;
}

/** preemption.Candidate: a node the pod could run on once the victims are gone. */
export interface Candidate {
  name: string;
  victims: Victims;
}

/** The framework calls preemption makes: upstream's framework.Handle is the framework itself. */
export interface PreemptionFramework {
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, info: NodeInfo): Status | null;
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status | null;
  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status | null;
}

/**
 * What preemption reads from and does to the cluster: upstream's PodLister, PDB lister, waiting
 * pods, ClientSet and event recorder. The calls are synchronous; an implementation may queue them.
 */
export interface PreemptionClient {
  /** PodLister.Get: the pod's latest version, undefined when it is gone. Without it, the pod as given is used. */
  getPod?(namespace: string, name: string): Pod | undefined;
  /** PdbLister.List: every PodDisruptionBudget. */
  listPodDisruptionBudgets?(): PodDisruptionBudget[];
  /** GetWaitingPod(uid).Reject(plugin, msg): true when the pod was waiting at Permit and is now rejected. */
  rejectWaitingPod?(uid: string, pluginName: string, msg: string): boolean;
  /** util.PatchPodStatus: replaces the pod's status with newStatus (upstream sends the difference as a merge patch). */
  patchPodStatus(pod: Pod, newStatus: PodStatus): Error | null;
  /** util.DeletePod: 'NotFound' when the pod is already gone. */
  deletePod(pod: Pod): Error | 'NotFound' | null;
  /** EventRecorder.Eventf(regarding, related, type, reason, action, note). */
  recordEvent?(regarding: Pod, related: Pod, eventType: 'Normal' | 'Warning', reason: string, action: string, note: string): void;
}

/** preemption.Interface: what a preemption plugin decides; the Evaluator does the rest. */
export interface PreemptionInterface {
  /** A random offset into the potential nodes and how many candidates to find. */
  getOffsetAndNumCandidates(nodes: number): [number, number];
  /** Candidates by node name. */
  candidatesToVictimsMap(candidates: readonly Candidate[]): Map<string, Victims>;
  /** Whether the pod may preempt at all, and why not. */
  podEligibleToPreemptOthers(pod: Pod, nominatedNodeStatus: Status | null): [boolean, string];
  /** The fewest pods to remove from the node (a copy, as is the state) for the pod to fit, and how many of them violate a PDB. */
  selectVictimsOnNode(state: CycleState, pod: Pod, nodeInfo: NodeInfo, pdbs: readonly PodDisruptionBudget[]): [Pod[], number, Status | null];
  /** Score functions for choosing among candidates, best first; undefined for the defaults. */
  orderedScoreFuncs(nodesToVictims: Map<string, Victims>): ((node: string) => number)[] | undefined;
}

/** The evaluator's collaborators. */
export interface EvaluatorOptions {
  pluginName: string;
  handle: Handle;
  /** The profile's framework (resolved when preemption runs: the framework is built after its plugins). */
  framework: () => PreemptionFramework;
  client: PreemptionClient;
  /** The simulation clock, RFC 3339. */
  now: () => string;
  iface: PreemptionInterface;
}

/** What the dry run found: the candidates, the statuses of the nodes that are not, and the errors met. */
export interface DryRunResult {
  candidates: Candidate[];
  nodeToStatus?: NodeToStatus;
  error?: Error;
}

/** v1.PodReasonPreemptionByScheduler. */
export const PodReasonPreemptionByScheduler = 'PreemptionByScheduler';
/** v1.DisruptionTarget: the condition type a pod about to be disrupted gets. */
export const DisruptionTarget = 'DisruptionTarget';

// Models pkg/scheduler/framework/preemption/preemption.go (Evaluator)
/** preemption.Evaluator: Preempt and the steps it is made of. */
export class Evaluator {
  constructor(readonly opts: EvaluatorOptions) {}

  // Models pkg/scheduler/framework/preemption/preemption.go (Preempt)
  /**
   * The PostFilter result and status: [null, Error] for a transient error; [null, Unschedulable]
   * when the pod is not eligible (its nomination stays); [Override "", Unschedulable] when no
   * candidate exists (the nomination is cleared); [Override node, Success] on the happy path.
   */
  preempt(state: CycleState, pod: Pod, m: NodeToStatusReader): [PostFilterResult | null, Status | null] {
    const { client, iface, handle } = this.opts;
    // 0) The latest version of the pod.
    const latest = client.getPod ? client.getPod(pod.metadata.namespace ?? '', pod.metadata.name ?? '') : pod;
    if (!latest) return [null, Status.asStatus(`pod ${JSON.stringify(pod.metadata.name ?? '')} not found`)];
    pod = latest;
    // 1) Is the pod eligible to preempt?
    const [ok, msg] = iface.podEligibleToPreemptOthers(pod, m.get(pod.status?.nominatedNodeName ?? ''));
    if (!ok) return [null, Status.new('Unschedulable', msg)];
    // 2) The candidates.
    const allNodes = handle.snapshotSharedLister().nodeInfos().list();
    const found = this.findCandidates(state, allNodes, pod, m);
    if (found.error && found.candidates.length === 0) return [null, Status.asStatus(found.error)];
    if (found.candidates.length === 0) {
      const diagnosis = newDiagnosis();
      diagnosis.nodeToStatus = found.nodeToStatus!;
      diagnosis.nodeToStatus.setAbsentNodesStatus(Status.new('UnschedulableAndUnresolvable', 'Preemption is not helpful for scheduling'));
      const fitError = new FitError(pod, allNodes.length, diagnosis);
      // The empty nomination clears the pod's nominatedNodeName, if it has one.
      return [{ nominatingInfo: { nominatedNodeName: '', nominatingMode: 'Override' } }, Status.new('Unschedulable', fitError.error())];
    }
    // 3) Extenders are not modelled. 4) The best candidate.
    const best = this.selectCandidate(found.candidates);
    if (!best || best.name === '') return [null, Status.new('Unschedulable', 'no candidate node for preemption')];
    // 5) Delete the victims and clear lower-priority nominations.
    const s = this.prepareCandidate(best, pod);
    if (!Status.isSuccess(s)) return [null, s];
    return [{ nominatingInfo: { nominatedNodeName: best.name, nominatingMode: 'Override' } }, Status.new('Success')];
  }

  // Models pkg/scheduler/framework/preemption/preemption.go (findCandidates)
  /** The candidates among the nodes whose status is Unschedulable (the others cannot be fixed by removing pods). */
  findCandidates(state: CycleState, allNodes: readonly NodeInfo[], pod: Pod, m: NodeToStatusReader): DryRunResult {
    if (allNodes.length === 0) return { candidates: [], error: new Error('no nodes available') };
    const lister = this.opts.handle.snapshotSharedLister().nodeInfos();
    const potentialNodes = m.nodesForStatusCode(lister, 'Unschedulable');
    if (potentialNodes.length === 0) return { candidates: [], nodeToStatus: NodeToStatus.newDefault() };
    const pdbs = this.opts.client.listPodDisruptionBudgets?.() ?? [];
    const [offset, candidatesNum] = this.opts.iface.getOffsetAndNumCandidates(potentialNodes.length);
    return this.dryRunPreemption(state, pod, potentialNodes, pdbs, offset, candidatesNum);
  }

  // Models pkg/scheduler/framework/preemption/preemption.go (DryRunPreemption)
  /**
   * Tries the potential nodes from the offset, each on copies of the node and the state, until it
   * has candidatesNum candidates of which at least one violates no PDB. Non-violating candidates come first.
   */
  dryRunPreemption(
    state: CycleState,
    pod: Pod,
    potentialNodes: readonly NodeInfo[],
    pdbs: readonly PodDisruptionBudget[],
    offset: number,
    candidatesNum: number,
  ): DryRunResult & { nodeToStatus: NodeToStatus } {
    const nonViolating: Candidate[] = [];
    const violating: Candidate[] = [];
    const nodeStatuses = NodeToStatus.newDefault();
    const errs: string[] = [];
    for (let i = 0; i < potentialNodes.length; i++) {
      const nodeInfoCopy = potentialNodes[(offset + i) % potentialNodes.length].snapshot();
      const name = nodeInfoCopy.nodeName();
      const [pods, numPDBViolations, s] = this.opts.iface.selectVictimsOnNode(state.clone(), pod, nodeInfoCopy, pdbs);
      let status = s;
      if (Status.isSuccess(status) && pods.length > 0) {
        const c = { name, victims: { pods, numPDBViolations } };
        // The candidate lists hold candidatesNum each; later additions are dropped.
        const list = numPDBViolations === 0 ? nonViolating : violating;
        if (list.length < candidatesNum) list.push(c);
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= candidatesNum) break;
        continue;
      }
      if (Status.isSuccess(status) && pods.length === 0) status = Status.asStatus(`expected at least one victim pod on node ${JSON.stringify(name)}`);
      if (status!.code() === 'Error') errs.push(status!.asError()!.message);
      nodeStatuses.set(name, status!);
    }
    // utilerrors.NewAggregate: one error as itself, several as "[a, b]".
    const error = errs.length === 0 ? undefined : new Error(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
    return { candidates: [...nonViolating, ...violating], nodeToStatus: nodeStatuses, error };
  }

  // Models pkg/scheduler/framework/preemption/preemption.go (SelectCandidate)
  /** The best candidate by pickOneNodeForPreemption; the only one when there is one. */
  selectCandidate(candidates: readonly Candidate[]): Candidate | undefined {
    if (candidates.length === 0) return undefined;
    if (candidates.length === 1) return candidates[0];
    const victimsMap = this.opts.iface.candidatesToVictimsMap(candidates);
    const scoreFuncs = this.opts.iface.orderedScoreFuncs(victimsMap);
    const node = pickOneNodeForPreemption(victimsMap, scoreFuncs, this.opts.now());
    const victims = victimsMap.get(node);
    // Upstream reports the case of no selection as unexpected and goes on with the first candidate.
    return victims ? { name: node, victims } : candidates[0];
  }

  // Models pkg/scheduler/framework/preemption/preemption.go (prepareCandidate)
  /** Preempts every victim not already terminating, then clears the nominations of lower-priority pods nominated to the node. */
  prepareCandidate(c: Candidate, pod: Pod): Status | null {
    for (const victim of c.victims.pods) {
      // Graceful deletion has already started: another API call is unnecessary.
      if (victim.metadata.deletionTimestamp) continue;
      const err = this.preemptPod(c, pod, victim);
      // The first error cancels the rest (upstream: the others in flight may still finish).
      if (err) return Status.asStatus(err);
    }
    const nominatedPods = getLowerPriorityNominatedPods(this.opts.handle, pod, c.name);
    // A failure to clear is logged, not returned: it is not critical.
    clearNominatedNodeName(this.opts.client, nominatedPods);
    return null;
  }

  // Models pkg/scheduler/framework/preemption/preemption.go (NewEvaluator: PreemptPod)
  /**
   * Preempts one victim: a pod waiting at Permit is rejected; any other gets the DisruptionTarget
   * condition and is deleted. A Normal "Preempted" event is recorded on the victim.
   */
  preemptPod(c: Candidate, preemptor: Pod, victim: Pod): Error | null {
    const { client, pluginName, now } = this.opts;
    if (!client.rejectWaitingPod?.(victim.metadata.uid ?? '', pluginName, 'preempted')) {
      const condition: PodCondition = {
        type: DisruptionTarget,
        status: 'True',
        reason: PodReasonPreemptionByScheduler,
        message: `${preemptor.spec?.schedulerName ?? ''}: preempting to accommodate a higher priority pod`,
      };
      const newStatus: PodStatus = structuredClone(victim.status ?? {});
      if (updatePodCondition(newStatus, condition, now())) {
        const err = client.patchPodStatus(victim, newStatus);
        if (err) return err;
      }
      const del = client.deletePod(victim);
      // Already gone: nothing more to do (no event, as upstream).
      if (del === 'NotFound') return null;
      if (del) return del;
    }
    client.recordEvent?.(victim, preemptor, 'Normal', 'Preempted', 'Preempting', `Preempted by pod ${preemptor.metadata.uid ?? ''} on node ${c.name}`);
    return null;
  }
}

// Models pkg/scheduler/framework/preemption/preemption.go (clearNominatedNodeName)
/** Clears status.nominatedNodeName of each pod that has one; the errors, joined, or null. */
export function clearNominatedNodeName(client: PreemptionClient, pods: readonly Pod[]): Error | null {
  const errs: string[] = [];
  for (const p of pods) {
    if (!p.status?.nominatedNodeName) continue;
    const copy: PodStatus = structuredClone(p.status);
    delete copy.nominatedNodeName;
    const err = client.patchPodStatus(p, copy);
    if (err) errs.push(err.message);
  }
  return errs.length === 0 ? null : new Error(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
}

// Models pkg/scheduler/framework/preemption/preemption.go (getLowerPriorityNominatedPods)
/** The pods nominated to the node with a lower priority than the pod: once victims go, they may no longer fit there. */
export function getLowerPriorityNominatedPods(handle: Handle, pod: Pod, nodeName: string): Pod[] {
  const infos = handle.nominator?.nominatedPodsForNode(nodeName) ?? [];
  const p = podPriority(pod);
  return infos.filter((pi) => podPriority(pi.pod) < p).map((pi) => pi.pod);
}

// Models pkg/scheduler/framework/preemption/preemption.go (pickOneNodeForPreemption)
/**
 * The node to preempt on. Each score function keeps the nodes with the highest score, the next
 * one breaking ties: fewest PDB violations, lowest highest-priority victim, smallest sum of
 * priorities, fewest victims, latest start of the highest-priority victims; then the first node.
 * Upstream walks the candidates in Go map order, so its final tie-break is arbitrary; here it is candidate order.
 */
export function pickOneNodeForPreemption(nodesToVictims: Map<string, Victims>, scoreFuncs: ((node: string) => number)[] | undefined, now: string): string {
  if (nodesToVictims.size === 0) return '';
  let allCandidates = [...nodesToVictims.keys()];
  const v = (node: string) => nodesToVictims.get(node)!;
  const funcs = scoreFuncs?.length
    ? scoreFuncs
    : [
        // The smaller NumPDBViolations, the higher the score.
        (node: string) => -v(node).numPDBViolations,
        // The smaller the highest victim priority, the higher the score.
        (node: string) => -podPriority(v(node).pods[0]),
        // MaxInt32+1 makes every priority non-negative, so more pods of a negative priority never score better.
        (node: string) => -v(node).pods.reduce((sum, p) => sum + podPriority(p) + 2147483648, 0),
        (node: string) => -v(node).pods.length,
        // The later the earliest start of the highest-priority victims, the higher the score.
        (node: string) => {
          const t = getEarliestPodStartTime(v(node).pods, now);
          return t === undefined ? Number.MIN_SAFE_INTEGER : timeMs(t);
        },
      ];
  for (const f of funcs) {
    let selected: string[] = [];
    let maxScore = -Infinity;
    for (const node of allCandidates) {
      const score = f(node);
      if (score > maxScore) {
        maxScore = score;
        selected = [];
      }
      if (score === maxScore) selected.push(node);
    }
    if (selected.length === 1) return selected[0];
    allCandidates = selected;
  }
  return allCandidates[0];
}
