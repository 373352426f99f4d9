// What the canvas draws of the workloads, as the apiserver's watch cache holds them: every Node
// (ready, cordoned, taints, capacity) and every Pod (where it is bound, its phase and readiness,
// restarts, who owns it). Plain data in the apiserver's telemetry, recomputed only when the cache's
// revision moves: the app reads the cluster the way any client would, through the apiserver.

import type { Deployment, EndpointSlice, Event, Node, Pod, ReplicaSet, Service } from '../api/types';
import type { Cacher } from './storage/cacher';
import { deepFreeze } from '../sim/telemetry-delta';

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

/** One endpoint of a Service, from its EndpointSlices. */
export interface EndpointSummary {
  ip: string;
  /** The slice's ports, `name:port/protocol` (the name left out when empty). */
  ports: string[];
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** `namespace/name` of the pod it points at ('' when it points at no pod). */
  pod: string;
  node: string;
}

/** A Service as the canvas shows it. */
export interface ServiceSummary {
  namespace: string;
  name: string;
  type: string;
  /** `None` for a headless Service; '' for ExternalName. */
  clusterIP: string;
  /** `port/protocol` or `port:nodePort/protocol`, as kubectl's PORT(S) column prints them. */
  ports: string[];
  selector: Record<string, string>;
  externalName: string;
  endpoints: EndpointSummary[];
}

/** One ReplicaSet of a Deployment, as `kubectl get rs` and the revision annotation tell it. */
export interface ReplicaSetSummary {
  name: string;
  /** Its pod-template-hash label (the middle of its pods' names). */
  hash: string;
  /** deployment.kubernetes.io/revision (0 when it has none). */
  revision: number;
  /** spec.replicas (DESIRED), status.replicas (CURRENT), readyReplicas (READY), availableReplicas. */
  desired: number;
  current: number;
  ready: number;
  available: number;
}

/** A Deployment as `kubectl get deploy` and `rollout status` see it, with the ReplicaSets it controls. */
export interface DeploymentSummary {
  namespace: string;
  name: string;
  /** spec.replicas. */
  replicas: number;
  updated: number;
  ready: number;
  available: number;
  /** `RollingUpdate 25%/25%` (maxSurge/maxUnavailable) or `Recreate`. */
  strategy: string;
  paused: boolean;
  /** The Deployment's deployment.kubernetes.io/revision: its newest ReplicaSet's. */
  revision: number;
  /** The Progressing condition's reason (NewReplicaSetAvailable, ReplicaSetUpdated, ProgressDeadlineExceeded, …), '' before the controller has set one. */
  progress: string;
  /** Its ReplicaSets (by controllerRef), newest revision first. */
  replicaSets: ReplicaSetSummary[];
}

/** The summary the telemetry carries. */
export interface WorkloadView {
  nodes: NodeSummary[];
  pods: PodSummary[];
  /** Services with their endpoints (from EndpointSlices labelled kubernetes.io/service-name). */
  services?: ServiceSummary[];
  /** Deployments and their ReplicaSets. */
  deployments?: DeploymentSummary[];
  /** The latest core/v1 Events (the newest last), at most eventCap. */
  events?: EventSummary[];
}

/** Events the view carries at most. */
export const eventCap = 200;

/** Pods listed at most (the canvas aggregates beyond this anyway). */
const podCap = 5000;

/**
 * Each cached object's summary, made once: a changed object is a new object in the cache, so the
 * view of 1,000 pods of which one changed summarises one.
 */
const summaries = new WeakMap<object, NodeSummary | PodSummary | EventSummary>();

function memo<O extends object, S extends NodeSummary | PodSummary | EventSummary>(obj: O, summarise: (o: O) => S): S {
  let s = summaries.get(obj) as S | undefined;
  // Frozen: telemetry's deltas send an unchanged summary once (engine/workers/telemetry-delta.ts).
  if (!s) summaries.set(obj, (s = deepFreeze(summarise(obj))));
  return s;
}

/** Summarises the cache's Nodes and Pods. */
export function workloadView(cacher: Cacher): WorkloadView {
  const nodes = cacher.list('/registry/minions/').map((o) => memo(o.obj as Node, nodeSummary));
  const pods: PodSummary[] = [];
  for (const o of cacher.list('/registry/pods/')) {
    if (pods.length >= podCap) break;
    pods.push(memo(o.obj as Pod, podSummary));
  }
  const events = cacher.list('/registry/events/').map((o) => memo(o.obj as Event, eventSummary));
  events.sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { nodes, pods, events: events.slice(-eventCap), services: serviceSummaries(cacher), deployments: deploymentSummaries(cacher) };
}

const revisionOf = (o: { metadata: { annotations?: Record<string, string> } }) => {
  const n = Number(o.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
};

/** Every Deployment, with the ReplicaSets whose controllerRef is it. */
function deploymentSummaries(cacher: Cacher): DeploymentSummary[] {
  const owned = new Map<string, ReplicaSetSummary[]>();
  for (const o of cacher.list('/registry/replicasets/')) {
    const rs = o.obj as ReplicaSet;
    const ref = rs.metadata.ownerReferences?.find((r) => r.controller === true && r.kind === 'Deployment');
    if (!ref) continue;
    const list = owned.get(ref.uid) ?? [];
    list.push({
      name: rs.metadata.name ?? '',
      hash: rs.metadata.labels?.['pod-template-hash'] ?? '',
      revision: revisionOf(rs),
      desired: rs.spec?.replicas ?? 1,
      current: rs.status?.replicas ?? 0,
      ready: rs.status?.readyReplicas ?? 0,
      available: rs.status?.availableReplicas ?? 0,
    });
    owned.set(ref.uid, list);
  }
  return cacher.list('/registry/deployments/').map((o) => {
    const d = o.obj as Deployment;
    const st = d.status ?? {};
    const strategy = d.spec?.strategy;
    const ru = strategy?.rollingUpdate;
    return {
      namespace: d.metadata.namespace ?? '',
      name: d.metadata.name ?? '',
      replicas: d.spec?.replicas ?? 1,
      updated: st.updatedReplicas ?? 0,
      ready: st.readyReplicas ?? 0,
      available: st.availableReplicas ?? 0,
      strategy: strategy?.type === 'Recreate' ? 'Recreate' : `RollingUpdate ${ru?.maxSurge ?? '25%'}/${ru?.maxUnavailable ?? '25%'}`,
      paused: d.spec?.paused === true,
      revision: revisionOf(d),
      progress: st.conditions?.find((c) => c.type === 'Progressing')?.reason ?? '',
      replicaSets: (owned.get(d.metadata.uid ?? '') ?? []).sort((a, b) => b.revision - a.revision || (a.name < b.name ? -1 : 1)),
    };
  });
}

/** Every Service, with the endpoints of the EndpointSlices that name it. */
function serviceSummaries(cacher: Cacher): ServiceSummary[] {
  const endpoints = new Map<string, EndpointSummary[]>();
  for (const o of cacher.list('/registry/endpointslices/')) {
    const slice = o.obj as EndpointSlice;
    const svc = slice.metadata.labels?.['kubernetes.io/service-name'];
    if (!svc || slice.addressType === 'FQDN') continue;
    const key = `${slice.metadata.namespace ?? ''}/${svc}`;
    const ports = (slice.ports ?? []).map((p) => `${p.name ? `${p.name}:` : ''}${p.port ?? ''}/${p.protocol ?? 'TCP'}`);
    const list = endpoints.get(key) ?? [];
    for (const e of slice.endpoints ?? []) {
      const c = e.conditions ?? {};
      const ready = c.ready !== false;
      for (const ip of e.addresses) {
        list.push({
          ip,
          ports,
          ready,
          // The API's defaults when a condition is unset: serving follows ready, terminating is false.
          serving: c.serving ?? ready,
          terminating: c.terminating === true,
          pod: e.targetRef?.kind === 'Pod' ? `${e.targetRef.namespace ?? slice.metadata.namespace ?? ''}/${e.targetRef.name ?? ''}` : '',
          node: e.nodeName ?? '',
        });
      }
    }
    endpoints.set(key, list);
  }
  return cacher.list('/registry/services/specs/').map((o) => {
    const svc = o.obj as Service;
    const key = `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`;
    const spec = svc.spec ?? {};
    return {
      namespace: svc.metadata.namespace ?? '',
      name: svc.metadata.name ?? '',
      type: spec.type ?? 'ClusterIP',
      clusterIP: spec.clusterIP ?? '',
      ports: (spec.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`),
      selector: { ...(spec.selector ?? {}) },
      externalName: spec.externalName ?? '',
      endpoints: (endpoints.get(key) ?? []).sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0)),
    };
  });
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
