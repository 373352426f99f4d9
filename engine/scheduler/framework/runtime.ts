// The framework runtime, as pkg/scheduler/framework/runtime/framework.go: a profile's plugins
// sorted into extension points (MultiPoint expansion: a plugin joins every point it implements, in
// profile order) and the Run… functions that call them with upstream's rules for Skip, errors and
// weights. Plugins run one after another, node by node; upstream runs nodes in parallel, which
// changes only timing, except that this search stops exactly at numFeasibleNodesToFind.

import type { Pod } from '../../api/types/core';
import { podPriority } from './corev1';
import type { CycleState } from './cycle-state';
import {
  type BindPlugin,
  type FilterPlugin,
  type Handle,
  type NodePluginScores,
  type NodeScore,
  type NodeToStatusReader,
  type Plugin,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreEnqueuePlugin,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type QueueSortPlugin,
  type Registry,
  type ReservePlugin,
  type ScorePlugin,
  allNodes,
  mergePreFilterResults,
} from './interface';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';
import { MaxNodeScore, MinNodeScore, Status } from './status';

/** A plugin a profile enables, with its score weight (MultiPoint's PluginSpec). */
export interface PluginSpec {
  name: string;
  /** Score weight; 0 or unset counts as 1, as upstream. */
  weight?: number;
}

/** config.KubeSchedulerProfile, the parts the framework reads. */
export interface Profile {
  schedulerName: string;
  /** The MultiPoint plugins, in order. */
  plugins: PluginSpec[];
  /** pluginConfig: arguments by plugin name. */
  pluginConfig?: Record<string, unknown>;
  /** percentageOfNodesToScore for this profile; unset or 0 means the adaptive default. */
  percentageOfNodesToScore?: number;
}

const has = <K extends string>(p: Plugin, ...methods: K[]): boolean =>
  methods.every((m) => typeof (p as unknown as Record<string, unknown>)[m] === 'function');

/** The per-node, per-plugin scores of one cycle, before and after weighting. */
export interface ScoreRun {
  /** Weighted, as selectHost sees them. */
  nodeScores: NodePluginScores[];
  /** Plugin → node → normalised score before its weight (what `inspect.scheduling` shows). */
  normalized: Map<string, Map<string, number>>;
}

// Models pkg/scheduler/framework/runtime/framework.go (frameworkImpl)
/** frameworkImpl: one profile's plugins by extension point, and the functions that run them. */
export class Framework {
  readonly queueSortPlugins: QueueSortPlugin[] = [];
  readonly preEnqueuePlugins: PreEnqueuePlugin[] = [];
  readonly preFilterPlugins: PreFilterPlugin[] = [];
  readonly filterPlugins: FilterPlugin[] = [];
  readonly postFilterPlugins: PostFilterPlugin[] = [];
  readonly preScorePlugins: PreScorePlugin[] = [];
  readonly scorePlugins: ScorePlugin[] = [];
  readonly reservePlugins: ReservePlugin[] = [];
  readonly bindPlugins: BindPlugin[] = [];
  readonly scorePluginWeight = new Map<string, number>();
  readonly plugins = new Map<string, Plugin>();

  // Models pkg/scheduler/framework/runtime/framework.go (NewFramework, expandMultiPointPlugins)
  /** Builds every plugin of the profile from the registry; throws for one the registry lacks. */
  constructor(
    registry: Registry,
    readonly profile: Profile,
    readonly handle: Handle,
  ) {
    for (const spec of profile.plugins) {
      const factory = registry.get(spec.name);
      if (!factory) throw new Error(`plugin ${JSON.stringify(spec.name)} does not exist`);
      const p = factory(profile.pluginConfig?.[spec.name], handle);
      this.plugins.set(spec.name, p);
      if (has(p, 'less')) this.queueSortPlugins.push(p as QueueSortPlugin);
      if (has(p, 'preEnqueue')) this.preEnqueuePlugins.push(p as PreEnqueuePlugin);
      if (has(p, 'preFilter')) this.preFilterPlugins.push(p as PreFilterPlugin);
      if (has(p, 'filter')) this.filterPlugins.push(p as FilterPlugin);
      if (has(p, 'postFilter')) this.postFilterPlugins.push(p as PostFilterPlugin);
      if (has(p, 'preScore')) this.preScorePlugins.push(p as PreScorePlugin);
      if (has(p, 'score')) {
        this.scorePlugins.push(p as ScorePlugin);
        this.scorePluginWeight.set(spec.name, spec.weight || 1);
      }
      if (has(p, 'reserve', 'unreserve')) this.reservePlugins.push(p as ReservePlugin);
      if (has(p, 'bind')) this.bindPlugins.push(p as BindPlugin);
    }
    if (this.queueSortPlugins.length > 1) throw new Error('only one queue sort plugin can be enabled');
  }

  /** The profile's schedulerName (pods pick a profile by spec.schedulerName). */
  profileName(): string {
    return this.profile.schedulerName;
  }

  /** The profile's percentageOfNodesToScore, if set. */
  percentageOfNodesToScore(): number | undefined {
    return this.profile.percentageOfNodesToScore;
  }

  /** Framework.QueueSortFunc: the activeQ order. */
  queueSortFunc(): QueueSortPlugin['less'] {
    const p = this.queueSortPlugins[0];
    if (!p) throw new Error('no queue sort plugin is enabled');
    return (a, b) => p.less(a, b);
  }

  hasFilterPlugins(): boolean {
    return this.filterPlugins.length > 0;
  }

  hasPostFilterPlugins(): boolean {
    return this.postFilterPlugins.length > 0;
  }

  hasScorePlugins(): boolean {
    return this.scorePlugins.length > 0;
  }

  // Models pkg/scheduler/framework/runtime/framework.go (RunPreEnqueuePlugins)
  /** The first PreEnqueue rejection, with its plugin set, or null. */
  runPreEnqueuePlugins(pod: Pod): Status | null {
    for (const pl of this.preEnqueuePlugins) {
      const s = pl.preEnqueue(pod);
      if (Status.isSuccess(s)) continue;
      if (s!.isRejected()) return s!.withPlugin(pl.name);
      return Status.asStatus(`running PreEnqueue plugin ${JSON.stringify(pl.name)}: ${s!.asError()?.message}`)!.withPlugin(pl.name);
    }
    return null;
  }

  // Models pkg/scheduler/framework/runtime/framework.go (RunPreFilterPlugins)
  /**
   * Runs every PreFilter: Skip turns that plugin's Filter off for the cycle; UnschedulableAndUnresolvable
   * stops at once; Unschedulable is remembered while the rest still run (preemption needs their
   * state); the node sets of the results are intersected, and an empty intersection rejects the pod.
   */
  runPreFilterPlugins(state: CycleState, pod: Pod): { result: PreFilterResult | null; status: Status | null; unschedulablePlugins: Set<string> } {
    let result: PreFilterResult | null = null;
    let returnStatus: Status | null = null;
    const pluginsWithNodes = new Set<string>();
    const skip = new Set<string>();
    const done = (r: PreFilterResult | null, status: Status | null, unschedulablePlugins: Set<string>) => {
      state.skipFilterPlugins = skip;
      return { result: r, status, unschedulablePlugins };
    };
    for (const pl of this.preFilterPlugins) {
      const [r, s] = pl.preFilter(state, pod);
      if (s?.isSkip()) {
        skip.add(pl.name);
        continue;
      }
      if (!Status.isSuccess(s)) {
        s!.setPlugin(pl.name);
        if (s!.code() === 'UnschedulableAndUnresolvable') return done(null, s, new Set());
        if (s!.code() === 'Unschedulable') {
          returnStatus = s;
          continue;
        }
        return done(null, Status.asStatus(`running PreFilter plugin ${JSON.stringify(pl.name)}: ${s!.asError()?.message}`)!.withPlugin(pl.name), new Set());
      }
      if (!allNodes(r)) pluginsWithNodes.add(pl.name);
      result = mergePreFilterResults(result, r);
      if (!allNodes(result) && result!.nodeNames!.size === 0) {
        const names = [...pluginsWithNodes].sort();
        const msg = names.length === 1 ? `node(s) didn't satisfy plugin ${names[0]}` : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`;
        return done(result, Status.new('UnschedulableAndUnresolvable', msg), pluginsWithNodes);
      }
    }
    return done(result, returnStatus, pluginsWithNodes);
  }

  // Models pkg/scheduler/framework/runtime/framework.go (RunPreFilterExtensionAddPod)
  /** Tells every PreFilter with extensions that podInfoToAdd joins nodeInfo (nominated pods, preemption). */
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status | null {
    return this.runPreFilterExtension('AddPod', state, (ext) => ext.addPod(state, podToSchedule, podInfoToAdd, nodeInfo));
  }

  // Models pkg/scheduler/framework/runtime/framework.go (RunPreFilterExtensionRemovePod)
  /** Tells every PreFilter with extensions that podInfoToRemove leaves nodeInfo (preemption's victims). */
  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status | null {
    return this.runPreFilterExtension('RemovePod', state, (ext) => ext.removePod(state, podToSchedule, podInfoToRemove, nodeInfo));
  }

  private runPreFilterExtension(
    op: string,
    state: CycleState,
    call: (ext: NonNullable<ReturnType<PreFilterPlugin['preFilterExtensions']>>) => Status | null,
  ): Status | null {
    for (const pl of this.preFilterPlugins) {
      const ext = pl.preFilterExtensions();
      if (!ext || state.skipFilterPlugins.has(pl.name)) continue;
      const s = call(ext);
      if (!Status.isSuccess(s)) return Status.asStatus(`running ${op} on PreFilter plugin ${JSON.stringify(pl.name)}: ${s!.asError()?.message}`);
    }
    return null;
  }

  // Models pkg/scheduler/framework/runtime/framework.go (RunFilterPlugins)
  /** The first Filter that rejects the node (with its plugin set), or null; a non-rejection failure is an Error. */
  runFilterPlugins(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    for (const pl of this.filterPlugins) {
      if (state.skipFilterPlugins.has(pl.name)) continue;
      let s = pl.filter(state, pod, nodeInfo);
      if (Status.isSuccess(s)) continue;
      if (!s!.isRejected()) s = Status.asStatus(`running ${JSON.stringify(pl.name)} filter plugin: ${s!.asError()?.message}`)!;
      s!.setPlugin(pl.name);
      return s;
    }
    return null;
  }

  // Models pkg/scheduler/framework/runtime/framework.go (RunFilterPluginsWithNominatedPods)
  /**
   * Filters the node twice when pods of equal or higher priority are nominated to it: once as if
   * they were running there, then (if that passed) without them, so the pod fits either way.
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, info: NodeInfo): Status | null {
    let status: Status | null = null;
    let podsAdded = false;
    for (let i = 0; i < 2; i++) {
      let stateToUse = state;
      let nodeInfoToUse = info;
      if (i === 0) {
        const added = this.addGENominatedPods(pod, state, info);
        if (added.error) return added.error;
        ({ podsAdded, state: stateToUse, nodeInfo: nodeInfoToUse } = added);
      } else if (!podsAdded || !Status.isSuccess(status)) break;
      status = this.runFilterPlugins(stateToUse, pod, nodeInfoToUse);
      if (!Status.isSuccess(status) && !status!.isRejected()) return status;
    }
    return status;
  }

  // Models pkg/scheduler/framework/runtime/framework.go (addGENominatedPods)
  private addGENominatedPods(pod: Pod, state: CycleState, nodeInfo: NodeInfo): { podsAdded: boolean; state: CycleState; nodeInfo: NodeInfo; error?: Status } {
    const nominated = this.handle.nominator?.nominatedPodsForNode(nodeInfo.nodeName()) ?? [];
    if (nominated.length === 0) return { podsAdded: false, state, nodeInfo };
    const nodeInfoOut = nodeInfo.snapshot();
    const stateOut = state.clone();
    let podsAdded = false;
    for (const pi of nominated) {
      if (podPriority(pi.pod) >= podPriority(pod) && pi.pod.metadata.uid !== pod.metadata.uid) {
        nodeInfoOut.addPodInfo(pi);
        const s = this.runPreFilterExtensionAddPod(stateOut, pod, pi, nodeInfoOut);
        if (!Status.isSuccess(s)) return { podsAdded: false, state, nodeInfo, error: Status.asStatus(s!.asError()) ?? undefined };
        podsAdded = true;
      }
    }
    return { podsAdded, state: stateOut, nodeInfo: nodeInfoOut };
  }

  // Models pkg/scheduler/framework/runtime/framework.go (RunPostFilterPlugins)
  /** Runs PostFilter plugins until one succeeds; else an Unschedulable status with all their reasons. */
  runPostFilterPlugins(state: CycleState, pod: Pod, m: NodeToStatusReader): [PostFilterResult | null, Status] {
    let result: PostFilterResult | null = null;
    const reasons: string[] = [];
    let rejector = '';
    for (const pl of this.postFilterPlugins) {
      const [r, s] = pl.postFilter(state, pod, m);
      if (Status.isSuccess(s)) return [r, s ?? Status.new('Success')];
      if (s!.code() === 'UnschedulableAndUnresolvable') return [r, s!.withPlugin(pl.name)];
      if (!s!.isRejected()) return [null, Status.asStatus(s!.asError())!.withPlugin(pl.name)];
      if (r && r.nominatingInfo && r.nominatingInfo.nominatingMode !== 'Noop') result = r;
      reasons.push(...s!.reasons());
      if (rejector === '') rejector = pl.name;
    }
    return [result, Status.new('Unschedulable', ...reasons).withPlugin(rejector)];
  }

  // Models pkg/scheduler/framework/runtime/framework.go (RunPreScorePlugins)
  /** Runs every PreScore; Skip turns that plugin's Score off for the cycle; any other failure is an Error. */
  runPreScorePlugins(state: CycleState, pod: Pod, nodes: NodeInfo[]): Status | null {
    const skip = new Set<string>();
    for (const pl of this.preScorePlugins) {
      const s = pl.preScore(state, pod, nodes);
      if (s?.isSkip()) {
        skip.add(pl.name);
        continue;
      }
      if (!Status.isSuccess(s)) return Status.asStatus(`running PreScore plugin ${JSON.stringify(pl.name)}: ${s!.asError()?.message}`);
    }
    state.skipScorePlugins = skip;
    return null;
  }

  // Models pkg/scheduler/framework/runtime/framework.go (RunScorePlugins)
  /** Scores every node with every non-skipped plugin, normalises each plugin's scores, checks the range, applies the weights. */
  runScorePlugins(state: CycleState, pod: Pod, nodes: NodeInfo[]): { run?: ScoreRun; status: Status | null } {
    const plugins = this.scorePlugins.filter((pl) => !state.skipScorePlugins.has(pl.name));
    const names = nodes.map((ni) => ni.nodeName());
    // One list per plugin, in the plugins' order (a plugin's NormalizeScore rewrites its own list).
    const byPlugin: NodeScore[][] = [];
    for (const pl of plugins) {
      const list = new Array<NodeScore>(nodes.length);
      for (let i = 0; i < nodes.length; i++) {
        const [score, s] = pl.score(state, pod, nodes[i]);
        if (!Status.isSuccess(s)) return { status: Status.asStatus(`plugin ${JSON.stringify(pl.name)} failed with: ${s!.asError()?.message}`) };
        list[i] = { name: names[i], score };
      }
      byPlugin.push(list);
    }
    for (let p = 0; p < plugins.length; p++) {
      const ext = plugins[p].scoreExtensions();
      if (!ext) continue;
      const s = ext.normalizeScore(state, pod, byPlugin[p]);
      if (!Status.isSuccess(s)) return { status: Status.asStatus(`plugin ${JSON.stringify(plugins[p].name)} failed with: ${s!.asError()?.message}`) };
    }
    const normalized = new Map<string, Map<string, number>>();
    const nodeScores: NodePluginScores[] = names.map((name) => ({ name, scores: [], totalScore: 0 }));
    for (let p = 0; p < plugins.length; p++) {
      const pl = plugins[p];
      const weight = this.scorePluginWeight.get(pl.name) ?? 1;
      const perNode = new Map<string, number>();
      const list = byPlugin[p];
      for (let i = 0; i < list.length; i++) {
        const score = list[i].score;
        if (score > MaxNodeScore || score < MinNodeScore) {
          const msg = `plugin ${JSON.stringify(pl.name)} returns an invalid score ${score}, it should in the range of [${MinNodeScore}, ${MaxNodeScore}] after normalizing`;
          return { status: Status.asStatus(msg) };
        }
        perNode.set(names[i], score);
        nodeScores[i].scores.push({ name: pl.name, score: score * weight });
        nodeScores[i].totalScore += score * weight;
      }
      normalized.set(pl.name, perNode);
    }
    return { run: { nodeScores, normalized }, status: null };
  }

  // Models pkg/scheduler/framework/runtime/framework.go (RunReservePluginsReserve)
  /** Reserves with every Reserve plugin; the first failure is returned (the caller then unreserves). */
  runReservePluginsReserve(state: CycleState, pod: Pod, nodeName: string): Status | null {
    for (const pl of this.reservePlugins) {
      const s = pl.reserve(state, pod, nodeName);
      if (Status.isSuccess(s)) continue;
      if (s!.isRejected()) return s!.withPlugin(pl.name);
      return Status.asStatus(`running Reserve plugin ${JSON.stringify(pl.name)}: ${s!.asError()?.message}`)!.withPlugin(pl.name);
    }
    return null;
  }

  // Models pkg/scheduler/framework/runtime/framework.go (RunReservePluginsUnreserve)
  /** Unreserves with every Reserve plugin, in reverse order. */
  runReservePluginsUnreserve(state: CycleState, pod: Pod, nodeName: string): void {
    for (let i = this.reservePlugins.length - 1; i >= 0; i--) this.reservePlugins[i].unreserve(state, pod, nodeName);
  }
}
