// Builders for scheduler tests, in the spirit of upstream's pkg/scheduler/testing/wrappers.go
// (st.MakePod(), st.MakeNode()): plain Pod and Node objects with only what a test sets.

import type { Container, Node, Pod, PodSpec, ResourceList } from '../../api/types/core';
import { CycleState } from './cycle-state';
import { SchedulerHandle } from './handle';
import type { ClusterListers, FilterPlugin, NodeScore, Plugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from './interface';
import type { NodeInfo } from './node-info';
import { Snapshot } from './snapshot';
import { Status } from './status';

/** A container requesting the given resources (none: a BestEffort container). */
export function container(requests: ResourceList = {}, extra: Partial<Container> = {}): Container {
  return { name: extra.name ?? 'c', image: extra.image ?? 'app', ...(Object.keys(requests).length ? { resources: { requests } } : {}), ...extra };
}

/** A pod in `default` (uid = name) whose spec is the given fields; containers default to one BestEffort container. */
export function makePod(name: string, spec: Partial<PodSpec> = {}, meta: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: name, ...meta },
    spec: { containers: [container()], ...spec },
  };
}

/** A pod with one container per request list. */
export function podWithRequests(name: string, ...requests: ResourceList[]): Pod {
  return makePod(name, { containers: requests.map((r, i) => container(r, { name: `c${i}` })) });
}

/** A node with the given allocatable (capacity the same); pods default to 110, as the kubelet's default. */
export function makeNode(name: string, allocatable: ResourceList = {}, extra: { labels?: Record<string, string>; spec?: Node['spec']; status?: Node['status'] } = {}): Node {
  const alloc = { pods: '110', ...allocatable };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...extra.labels } },
    spec: { ...extra.spec },
    status: { capacity: alloc, allocatable: alloc, ...extra.status },
  };
}

/** A snapshot of the nodes (with the pods bound to them) and a Handle over it, as plugin tests build with cache.NewSnapshot. */
export function handleFor(nodes: Node[], pods: Pod[] = [], listers: ClusterListers = {}): { handle: SchedulerHandle; snapshot: Snapshot } {
  const handle = new SchedulerHandle(listers);
  const snapshot = Snapshot.from(pods, nodes);
  handle.snapshot = snapshot;
  return { handle, snapshot };
}

/** PreFilter (when the plugin has one) then Filter on one node, as the framework would; a PreFilter rejection or Skip is returned as is. */
export function runFilter(plugin: Plugin, pod: Pod, nodeInfo: NodeInfo, state = new CycleState()): Status | null {
  const pre = plugin as Partial<PreFilterPlugin>;
  if (pre.preFilter) {
    const [, s] = pre.preFilter(state, pod);
    if (!Status.isSuccess(s)) return s;
  }
  return (plugin as FilterPlugin).filter(state, pod, nodeInfo);
}

/** PreScore, Score on every node of the snapshot, then NormalizeScore: the scores upstream's score tests compare. */
export function runScore(plugin: Plugin, pod: Pod, snapshot: Snapshot, state = new CycleState()): NodeScore[] {
  const nodes = snapshot.list();
  const pre = plugin as Partial<PreScorePlugin>;
  if (pre.preScore) {
    const s = pre.preScore(state, pod, nodes);
    if (s?.isSkip()) return nodes.map((n) => ({ name: n.nodeName(), score: 0 }));
    if (!Status.isSuccess(s)) throw new Error(s!.message());
  }
  const sp = plugin as ScorePlugin;
  const scores = nodes.map((n) => {
    const [score, s] = sp.score(state, pod, n);
    if (!Status.isSuccess(s)) throw new Error(s!.message());
    return { name: n.nodeName(), score };
  });
  const s = sp.scoreExtensions()?.normalizeScore(state, pod, scores);
  if (!Status.isSuccess(s)) throw new Error(s!.message());
  return scores;
}

/** A status as tests compare it: code and reasons, or null for success. */
export function statusOf(s: Status | null): { code: string; reasons: string[] } | null {
  return Status.isSuccess(s) ? null : { code: s!.code(), reasons: s!.reasons() };
}
