// DefaultPreemption, as pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go
// (v1.32): the PostFilter plugin that runs the preemption Evaluator with the default policy —
// victims are the node's lower-priority pods, the fewest of them kept removed (PDB-violating ones
// reprieved first), and a random offset into the nodes so that preemption spreads.

import { labelSelectorAsSelector } from '../../api/labels';
import type { Pod } from '../../api/types/core';
import type { PodDisruptionBudget } from '../../api/types/policy';
import type { Rng } from '../../sim/rng';
import {
  type CycleState,
  type Handle,
  type NodeInfo,
  type NodeToStatusReader,
  type PluginFactory,
  type PodInfo,
  type PostFilterPlugin,
  type PostFilterResult,
  Status,
  podPriority,
} from '../framework';
import { names } from '../plugins/names';
import type { ClusterEventWithHint } from '../queue/events';
import type { EnqueueExtensions } from '../queue/hint-map';
import {
  type Candidate,
  DisruptionTarget,
  Evaluator,
  PodReasonPreemptionByScheduler,
  type PreemptionClient,
  type PreemptionFramework,
  type PreemptionInterface,
  type Victims,
} from './preemption';
import { moreImportantPod } from './util';

/** config.DefaultPreemptionArgs. */
export interface DefaultPreemptionArgs {
  /** The least share of the nodes (0–100) to find candidates among (default 10). */
  minCandidateNodesPercentage?: number;
  /** The least number of nodes to find candidates among (default 100). */
  minCandidateNodesAbsolute?: number;
}

/** What the plugin needs besides its arguments and the handle: see EvaluatorOptions. */
export interface DefaultPreemptionDeps {
  /** The profile's framework, resolved when preemption runs. */
  framework: () => PreemptionFramework;
  client: PreemptionClient;
  /** The simulation clock, RFC 3339. */
  now: () => string;
  /** The source of the dry run's random offset (upstream: rand.Int31n). */
  rng: Rng;
}

// Models pkg/scheduler/apis/config/v1/defaults.go (SetDefaults_DefaultPreemptionArgs)
/** The arguments with the defaults: 10% and 100 nodes. */
export function defaultPreemptionArgs(args: DefaultPreemptionArgs = {}): Required<DefaultPreemptionArgs> {
  return { minCandidateNodesPercentage: args.minCandidateNodesPercentage ?? 10, minCandidateNodesAbsolute: args.minCandidateNodesAbsolute ?? 100 };
}

// Models pkg/scheduler/apis/config/validation/validation_pluginargs.go (ValidateDefaultPreemptionArgs)
/** The arguments' errors, as the field errors upstream aggregates; empty when they are valid. */
export function validateDefaultPreemptionArgs(args: Required<DefaultPreemptionArgs>): string[] {
  const errs: string[] = [];
  const pct = args.minCandidateNodesPercentage;
  const abs = args.minCandidateNodesAbsolute;
  if (pct < 0 || pct > 100) errs.push(`minCandidateNodesPercentage: Invalid value: ${pct}: not in valid range [0, 100]`);
  if (abs < 0) errs.push(`minCandidateNodesAbsolute: Invalid value: ${abs}: not in valid range [0, inf)`);
  if (pct === 0 && abs === 0) {
    errs.push(
      'minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute',
      'minCandidateNodesAbsolute: Invalid value: 0: cannot be zero at the same time as minCandidateNodesPercentage',
    );
  }
  return errs;
}

// Models pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (DefaultPreemption)
/** DefaultPreemption: the PostFilter plugin, and the default policy the Evaluator asks. */
export class DefaultPreemption implements PostFilterPlugin, PreemptionInterface, EnqueueExtensions {
  readonly name = names.DefaultPreemption;
  readonly args: Required<DefaultPreemptionArgs>;
  readonly evaluator: Evaluator;

  constructor(
    private readonly handle: Handle,
    args: DefaultPreemptionArgs,
    private readonly deps: DefaultPreemptionDeps,
  ) {
    this.args = defaultPreemptionArgs(args);
    const errs = validateDefaultPreemptionArgs(this.args);
    if (errs.length) throw new Error(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
    this.evaluator = new Evaluator({ pluginName: this.name, handle, framework: deps.framework, client: deps.client, now: deps.now, iface: this });
  }

  // Models pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (PostFilter)
  /** Runs preemption; a message gets the "preemption: " prefix kubectl describe shows. */
  postFilter(state: CycleState, pod: Pod, m: NodeToStatusReader): [PostFilterResult | null, Status | null] {
    const [result, status] = this.evaluator.preempt(state, pod, m);
    const msg = Status.message(status);
    if (msg.length > 0) return [result, Status.new(Status.code(status), `preemption: ${msg}`)];
    return [result, status];
  }

  // Models pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (EventsToRegister)
  /** None: with async preemption off (1.32's default) the plugin never rejects a pod, so nothing requeues for it. */
  eventsToRegister(): ClusterEventWithHint[] {
    return [];
  }

  // Models pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (calculateNumCandidates)
  /** minCandidateNodesPercentage of the nodes, at least minCandidateNodesAbsolute, at most all of them. */
  calculateNumCandidates(numNodes: number): number {
    let n = Math.trunc((numNodes * this.args.minCandidateNodesPercentage) / 100);
    if (n < this.args.minCandidateNodesAbsolute) n = this.args.minCandidateNodesAbsolute;
    if (n > numNodes) n = numNodes;
    return n;
  }

  // Models pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (GetOffsetAndNumCandidates)
  /** A random offset in [0, numNodes) and the number of candidates to find. */
  getOffsetAndNumCandidates(numNodes: number): [number, number] {
    return [this.deps.rng.int(0, numNodes), this.calculateNumCandidates(numNodes)];
  }

  // Models pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (CandidatesToVictimsMap)
  /** The candidates by node name, in candidate order. */
  candidatesToVictimsMap(candidates: readonly Candidate[]): Map<string, Victims> {
    return new Map(candidates.map((c) => [c.name, c.victims]));
  }

  // Models pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (SelectVictimsOnNode)
  /**
   * Removes every lower-priority pod; if the pod then passes the filters (with nominated pods),
   * adds them back most important first — PDB-violating ones before the others — keeping each
   * that still lets the pod fit. The rest are the victims, most important first.
   */
  selectVictimsOnNode(state: CycleState, pod: Pod, nodeInfo: NodeInfo, pdbs: readonly PodDisruptionBudget[]): [Pod[], number, Status | null] {
    const fwk = this.deps.framework();
    const now = this.deps.now();
    const removePod = (pi: PodInfo): Error | null => {
      try {
        nodeInfo.removePod(pi.pod);
      } catch (e) {
        return e as Error;
      }
      const s = fwk.runPreFilterExtensionRemovePod(state, pod, pi, nodeInfo);
      return Status.isSuccess(s) ? null : s!.asError();
    };
    const addPod = (pi: PodInfo): Error | null => {
      nodeInfo.addPodInfo(pi);
      const s = fwk.runPreFilterExtensionAddPod(state, pod, pi, nodeInfo);
      return Status.isSuccess(s) ? null : s!.asError();
    };
    const priority = podPriority(pod);
    const potentialVictims = nodeInfo.pods.filter((pi) => podPriority(pi.pod) < priority);
    for (const pi of potentialVictims) {
      const err = removePod(pi);
      if (err) return [[], 0, Status.asStatus(err)];
    }
    // Nothing to remove: the node is as it was, no need to filter it again.
    if (potentialVictims.length === 0) return [[], 0, Status.new('UnschedulableAndUnresolvable', 'No preemption victims found for incoming pod')];
    // Not fitting without them (say, affinity to a victim) ends it: upstream does not search further.
    const s = fwk.runFilterPluginsWithNominatedPods(state, pod, nodeInfo);
    if (!Status.isSuccess(s)) return [[], 0, s];
    // Most important first, so that those are reprieved first (upstream sort.Slice; stable here).
    potentialVictims.sort((a, b) => (moreImportantPod(a.pod, b.pod, now) ? -1 : moreImportantPod(b.pod, a.pod, now) ? 1 : 0));
    const [violatingVictims, nonViolatingVictims] = filterPodsWithPDBViolation(potentialVictims, pdbs);
    const victims: PodInfo[] = [];
    const reprievePod = (pi: PodInfo): [boolean, Error | null] => {
      const err = addPod(pi);
      if (err) return [false, err];
      const fits = Status.isSuccess(fwk.runFilterPluginsWithNominatedPods(state, pod, nodeInfo));
      if (!fits) {
        const err2 = removePod(pi);
        if (err2) return [false, err2];
        victims.push(pi);
      }
      return [fits, null];
    };
    let numViolatingVictim = 0;
    for (const p of violatingVictims) {
      const [fits, err] = reprievePod(p);
      if (err) return [[], 0, Status.asStatus(err)];
      if (!fits) numViolatingVictim++;
    }
    for (const p of nonViolatingVictims) {
      const [, err] = reprievePod(p);
      if (err) return [[], 0, Status.asStatus(err)];
    }
    // Keep the victims most important first when both groups contributed.
    if (violatingVictims.length !== 0 && nonViolatingVictims.length !== 0) {
      victims.sort((a, b) => (moreImportantPod(a.pod, b.pod, now) ? -1 : moreImportantPod(b.pod, a.pod, now) ? 1 : 0));
    }
    return [victims.map((pi) => pi.pod), numViolatingVictim, Status.new('Success')];
  }

  // Models pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (PodEligibleToPreemptOthers)
  /**
   * Not with preemptionPolicy Never; not while a lower-priority pod on the pod's nominated node is
   * terminating because of preemption (an earlier preemption is still taking effect), unless that
   * node has become UnschedulableAndUnresolvable for the pod.
   */
  podEligibleToPreemptOthers(pod: Pod, nominatedNodeStatus: Status | null): [boolean, string] {
    if (pod.spec?.preemptionPolicy === 'Never') return [false, 'not eligible due to preemptionPolicy=Never.'];
    const nomNodeName = pod.status?.nominatedNodeName ?? '';
    if (nomNodeName.length > 0) {
      if (Status.code(nominatedNodeStatus) === 'UnschedulableAndUnresolvable') return [true, ''];
      let nodeInfo: NodeInfo | undefined;
      try {
        nodeInfo = this.handle.snapshotSharedLister().nodeInfos().get(nomNodeName);
      } catch {
        nodeInfo = undefined;
      }
      if (nodeInfo) {
        const priority = podPriority(pod);
        for (const p of nodeInfo.pods) {
          if (podPriority(p.pod) < priority && podTerminatingByPreemption(p.pod)) return [false, 'not eligible due to a terminating pod on the nominated node.'];
        }
      }
    }
    return [true, ''];
  }

  /** The defaults of pickOneNodeForPreemption. */
  orderedScoreFuncs(): undefined {
    return undefined;
  }
}

// Models pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (podTerminatingByPreemption)
/** Whether the pod is terminating with the DisruptionTarget condition the scheduler's preemption sets. */
export function podTerminatingByPreemption(p: Pod): boolean {
  if (!p.metadata.deletionTimestamp) return false;
  for (const c of p.status?.conditions ?? []) {
    if (c.type === DisruptionTarget) return c.status === 'True' && c.reason === PodReasonPreemptionByScheduler;
  }
  return false;
}

// Models pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (filterPodsWithPDBViolation)
/**
 * Splits the pods, in order, into those whose removal would take a matching PDB below zero
 * disruptions allowed and the others, spending each PDB's budget as it goes. Pods a PDB already
 * lists as disrupted do not spend it.
 */
export function filterPodsWithPDBViolation(podInfos: readonly PodInfo[], pdbs: readonly PodDisruptionBudget[]): [PodInfo[], PodInfo[]] {
  const allowed = pdbs.map((pdb) => pdb.status?.disruptionsAllowed ?? 0);
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const pi of podInfos) {
    const pod = pi.pod;
    let violated = false;
    // A pod without labels matches no PDB.
    if (Object.keys(pod.metadata.labels ?? {}).length !== 0) {
      pdbs.forEach((pdb, i) => {
        if ((pdb.metadata.namespace ?? '') !== (pod.metadata.namespace ?? '')) return;
        let selector;
        try {
          selector = labelSelectorAsSelector(pdb.spec?.selector);
        } catch {
          // An invalid selector matches nothing.
          return;
        }
        // A nil or empty selector matches nothing.
        if (selector.empty() || !selector.matches(pod.metadata.labels ?? {})) return;
        // Already in disruptedPods: the API server has counted it.
        if (Object.hasOwn(pdb.status?.disruptedPods ?? {}, pod.metadata.name ?? '')) return;
        allowed[i]--;
        if (allowed[i] < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(pi);
  }
  return [violating, nonViolating];
}

/** The plugin's factory for the registry, closing over what the handle does not carry; args are DefaultPreemptionArgs. */
export function newDefaultPreemption(deps: DefaultPreemptionDeps): PluginFactory {
  return (args, handle) => new DefaultPreemption(handle, (args as DefaultPreemptionArgs | undefined) ?? {}, deps);
}
