// What the canvas draws of the workloads, as the apiserver's watch cache holds them: every Node
// (ready, cordoned, taints, capacity) and every Pod (where it is bound, its phase and readiness,
// restarts, who owns it). Plain data in the apiserver's telemetry, recomputed only when the cache's
// revision moves: the app reads the cluster the way any client would, through the apiserver.

import type { Event, Node, Pod } from '../api/types';
import type { Cacher } from './storage/cacher';

/** A Node as the canvas shows it. */
export interface NodeSummary {
  name: string;
  /** The Ready condition's status: 'True', 'False', 'Unknown' ('' when it has none yet). */
  ready: string;
  unschedulable: boolean;
  taints: string[];
  cpu: string;
  memory: string;
  pods: string;
  labels: Record<string, string>;
  internalIP: string;
}

/** A Pod as the canvas shows it. */
export interface PodSummary {
  namespace: string;
  name: string;
  uid: string;
  node: string;
  /** kubectl's STATUS column's reason when there is one (CrashLoopBackOff, Terminating, …), else the phase. */
  status: string;
  phase: string;
  ready: boolean;
  restarts: number;
  podIP: string;
  owner: string;
  deleting: boolean;
  labels: Record<string, string>;
}

/** An Event as `kubectl get events` lists it. */
export interface EventSummary {
  namespace: string;
  name: string;
  /** When it was last seen (wall ms: lastTimestamp, else series.lastObservedTime, eventTime or firstTimestamp). */
  at: number;
  type: string;
  reason: string;
  /** `kind/name` as the OBJECT column prints it (`pod/web-7d4b9c-x2kq9`). */
  object: string;
  message: string;
  count: number;
}

/** The summary the telemetry carries. */
export interface WorkloadView {
  nodes: NodeSummary[];
  pods: PodSummary[];
  /** The latest core/v1 Events (the newest last), at most eventCap. */
  events?: EventSummary[];
}

/** Events the view carries at most. */
export const eventCap = 200;

/** Pods listed at most (the canvas aggregates beyond this anyway). */
const podCap = 5000;

/** Summarises the cache's Nodes and Pods. */
export function workloadView(cacher: Cacher): WorkloadView {
  const nodes = cacher.list('/registry/minions/').map((o) => nodeSummary(o.obj as Node));
  const pods: PodSummary[] = [];
  for (const o of cacher.list('/registry/pods/')) {
    if (pods.length >= podCap) break;
    pods.push(podSummary(o.obj as Pod));
  }
  const events = cacher.list('/registry/events/').map((o) => eventSummary(o.obj as Event));
  events.sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { nodes, pods, events: events.slice(-eventCap) };
}

function eventSummary(e: Event): EventSummary {
  const t = e.lastTimestamp || e.series?.lastObservedTime || e.eventTime || e.firstTimestamp || e.metadata.creationTimestamp || '';
  const at = t ? Date.parse(t) : 0;
  return {
    namespace: e.metadata.namespace ?? '',
    name: e.metadata.name ?? '',
    at: Number.isFinite(at) ? at : 0,
    type: e.type ?? '',
    reason: e.reason ?? '',
    object: `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`,
    message: e.message ?? '',
    count: e.series?.count ?? e.count ?? 1,
  };
}

function nodeSummary(n: Node): NodeSummary {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? '';
  return {
    name: n.metadata.name ?? '',
    ready,
    unschedulable: n.spec?.unschedulable === true,
    taints: (n.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
    cpu: n.status?.capacity?.cpu ?? '',
    memory: n.status?.capacity?.memory ?? '',
    pods: n.status?.capacity?.pods ?? '',
    labels: { ...(n.metadata.labels ?? {}) },
    internalIP: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
  };
}

// The STATUS column, as printPod (pkg/printers/internalversion/printers.go) reasons it, in short.
function podStatus(p: Pod): string {
  if (p.metadata.deletionTimestamp) return 'Terminating';
  let reason = p.status?.reason || p.status?.phase || 'Pending';
  for (const c of p.status?.initContainerStatuses ?? []) {
    const t = c.state?.terminated;
    if (t && t.exitCode === 0) continue;
    if (t) return t.reason ? `Init:${t.reason}` : `Init:ExitCode:${t.exitCode}`;
    if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') return `Init:${c.state.waiting.reason}`;
    return 'PodInitializing';
  }
  for (const c of p.status?.containerStatuses ?? []) {
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
  }
  return reason;
}

function podSummary(p: Pod): PodSummary {
  const statuses = p.status?.containerStatuses ?? [];
  const owner = p.metadata.ownerReferences?.find((o) => o.controller);
  return {
    namespace: p.metadata.namespace ?? '',
    name: p.metadata.name ?? '',
    uid: p.metadata.uid ?? '',
    node: p.spec?.nodeName ?? '',
    status: podStatus(p),
    phase: p.status?.phase ?? 'Pending',
    ready: p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    restarts: statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0),
    podIP: p.status?.podIP ?? '',
    owner: owner ? `${owner.kind}/${owner.name}` : '',
    deleting: !!p.metadata.deletionTimestamp,
    labels: { ...(p.metadata.labels ?? {}) },
  };
}
