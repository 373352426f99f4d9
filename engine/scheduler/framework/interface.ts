// The plugin interfaces of the scheduling framework and the values that pass between them, as
// pkg/scheduler/framework/interface.go (and k8s.io/kube-scheduler/framework) define them for
// Kubernetes 1.32. A plugin is an object with a name and the methods of the extension points it
// implements; the framework finds out which by looking for them. A null Status is Success.

import type { Namespace, PersistentVolume, PersistentVolumeClaim, Pod, ReplicationController, Service } from '../../api/types/core';
import type { ReplicaSet, StatefulSet } from '../../api/types/apps';
import type { StorageClass } from '../../api/types/storage';
import type { CycleState } from './cycle-state';
import type { NodeInfo } from './node-info';
import type { PodInfo } from './pod-info';
import type { SharedLister } from './snapshot';
import type { Status } from './status';

/** framework.Plugin: every plugin has a name, the one profiles and `inspect.scheduling` use. */
export interface Plugin {
  readonly name: string;
}

/** What a QueueSort plugin compares: a queued pod and when it entered the queue (simulated ms). */
export interface QueuedPodRef {
  pod: Pod;
  timestamp: number;
}

/** framework.QueueSortPlugin: orders the activeQ. Exactly one per profile. */
export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodRef, b: QueuedPodRef): boolean;
}

/** framework.PreEnqueuePlugin: a non-success keeps the pod out of activeQ (scheduling gates). */
export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: Pod): Status | null;
}

// Models pkg/scheduler/framework/interface.go (PreFilterResult)
/** framework.PreFilterResult: the only nodes worth filtering; undefined nodeNames means all. */
export interface PreFilterResult {
  nodeNames?: Set<string>;
}

/** PreFilterResult.AllNodes: a null result or one without node names admits every node. */
export function allNodes(r: PreFilterResult | null | undefined): boolean {
  return !r || r.nodeNames === undefined;
}

// Models pkg/scheduler/framework/interface.go (PreFilterResult.Merge)
/** PreFilterResult.Merge: the intersection of two results' node sets. */
export function mergePreFilterResults(a: PreFilterResult | null, b: PreFilterResult | null): PreFilterResult | null {
  if (allNodes(a) && allNodes(b)) return null;
  if (allNodes(a)) return { nodeNames: new Set(b!.nodeNames) };
  if (allNodes(b)) return { nodeNames: new Set(a!.nodeNames) };
  return { nodeNames: new Set([...a!.nodeNames!].filter((n) => b!.nodeNames!.has(n))) };
}

/** framework.PreFilterExtensions: keeps a PreFilter's state right when preemption or nominated pods add or remove a pod. */
export interface PreFilterExtensions {
  addPod(state: CycleState, podToSchedule: Pod, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status | null;
  removePod(state: CycleState, podToSchedule: Pod, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status | null;
}

/** framework.PreFilterPlugin: runs once per cycle before any Filter; Skip turns its Filter off for the cycle. */
export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod): [PreFilterResult | null, Status | null];
  preFilterExtensions(): PreFilterExtensions | null;
}

/** framework.FilterPlugin: may the pod run on this node? */
export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null;
}

/** framework.NominatingMode. */
export type NominatingMode = 'Noop' | 'Override';

/** framework.NominatingInfo: the node a PostFilter nominates the pod to. */
export interface NominatingInfo {
  nominatedNodeName: string;
  nominatingMode: NominatingMode;
}

/** framework.PostFilterResult. */
export interface PostFilterResult {
  nominatingInfo?: NominatingInfo;
}

/** framework.PostFilterPlugin: runs when no node fits (preemption). */
export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: Pod, filteredNodeStatusMap: NodeToStatusReader): [PostFilterResult | null, Status | null];
}

/** framework.PreScorePlugin: runs once over the feasible nodes before Score; Skip turns its Score off for the cycle. */
export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Pod, nodes: NodeInfo[]): Status | null;
}

/** framework.NodeScore: one node's score from one plugin. */
export interface NodeScore {
  name: string;
  score: number;
}

/** framework.ScoreExtensions: rescales a plugin's raw scores into [0, MaxNodeScore] in place. */
export interface ScoreExtensions {
  normalizeScore(state: CycleState, pod: Pod, scores: NodeScore[]): Status | null;
}

/**
 * framework.ScorePlugin. Upstream 1.32 passes the node's name and plugins look the NodeInfo up in
 * the snapshot; here the framework passes the NodeInfo it already has.
 */
export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): [number, Status | null];
  scoreExtensions(): ScoreExtensions | null;
}

/** framework.ReservePlugin: claims per-node resources (volumes) before binding; unreserve undoes it. */
export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: Pod, nodeName: string): Status | null;
  unreserve(state: CycleState, pod: Pod, nodeName: string): void;
}

/** framework.BindPlugin: the lead's DefaultBinder (it talks to the apiserver). */
export interface BindPlugin extends Plugin {
  bind(state: CycleState, pod: Pod, nodeName: string): Status | null;
}

/** framework.PluginScore: a plugin's weighted score for a node. */
export interface PluginScore {
  name: string;
  score: number;
}

/** framework.NodePluginScores: a node's weighted score per plugin and their total. */
export interface NodePluginScores {
  name: string;
  scores: PluginScore[];
  totalScore: number;
}

/** framework.NodeToStatusReader: read access to the per-node filter verdicts. */
export interface NodeToStatusReader {
  get(nodeName: string): Status;
  len(): number;
  absentNodesStatus(): Status;
  forEachExplicitNode(fn: (nodeName: string, status: Status) => void): void;
  nodesForStatusCode(nodeLister: { list(): NodeInfo[]; get(name: string): NodeInfo }, code: ReturnType<Status['code']>): NodeInfo[];
}

/** Lookups of cluster objects other than nodes and pods, as informer listers; absent ones read as empty. */
export interface ClusterListers {
  getPersistentVolumeClaim?(namespace: string, name: string): PersistentVolumeClaim | undefined;
  getPersistentVolume?(name: string): PersistentVolume | undefined;
  listPersistentVolumes?(): PersistentVolume[];
  getStorageClass?(name: string): StorageClass | undefined;
  getNamespace?(name: string): Namespace | undefined;
  listNamespaces?(): Namespace[];
  listServices?(namespace: string): Service[];
  listReplicationControllers?(namespace: string): ReplicationController[];
  listReplicaSets?(namespace: string): ReplicaSet[];
  listStatefulSets?(namespace: string): StatefulSet[];
}

/** framework.PodNominator (the read side): pods nominated to a node by preemption, waiting for room. */
export interface PodNominator {
  nominatedPodsForNode(nodeName: string): PodInfo[];
}

/** framework.Handle: what a plugin may use besides its arguments. */
export interface Handle {
  /** The snapshot of the current cycle (the framework points it at each cycle's). */
  snapshotSharedLister(): SharedLister;
  /** Listers of the other cluster objects plugins read. */
  readonly listers: ClusterListers;
  /** Nominated pods, when the scheduler keeps a nominator. */
  readonly nominator?: PodNominator;
}

/** frameworkruntime.PluginFactory: builds a plugin from its arguments (pluginConfig) and the handle. */
export type PluginFactory = (args: unknown, handle: Handle) => Plugin;

/** frameworkruntime.Registry: plugin name → factory. */
export type Registry = Map<string, PluginFactory>;
