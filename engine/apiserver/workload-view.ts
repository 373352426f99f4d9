// What the canvas draws of the workloads, as the apiserver's watch cache holds them: every Node
// (ready, cordoned, taints, capacity) and every Pod (where it is bound, its phase and readiness,
// restarts, who owns it). Plain data in the apiserver's telemetry, recomputed only when the cache's
// revision moves: the app reads the cluster the way any client would, through the apiserver.

import type { Node, Pod } from '../api/types';
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

/** The summary the telemetry carries. */
export interface WorkloadView {
  nodes: NodeSummary[];
  pods: PodSummary[];
}

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
  return { nodes, pods };
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
