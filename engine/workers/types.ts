// The browser cluster as the app sees it: the same verbs as the headless cluster in engine/index.ts
// (etcdctl, chaos, inspect) plus the time controls and a telemetry stream for the canvas.
// Implemented by engine/workers/browser-cluster.ts on top of WorkerHost (one Worker per process).

import type { RaftStatus } from '../etcd/raft/types';

/** One etcd member as the canvas shows it. */
export interface MemberView {
  /** Process name, e.g. 'etcd-1'. */
  name: string;
  /** etcd's 64-bit member id, in hex as etcdctl prints it. */
  memberId: string;
  /** False while killed. */
  up: boolean;
  /** Raft state; role 'down' while killed. */
  raft: RaftStatus;
  /** The MVCC store's current revision and compacted revision. */
  revision: number;
  compactRevision: number;
  /** Set when the member was removed from the cluster (etcd stops such a member). */
  removed: boolean;
  /** Why the member last went down by itself (its process threw, its worker hung or failed to load). */
  lastError?: string;
  /** The Worker it runs in (the placement policy's choice). */
  worker?: string | null;
  /** What it is waiting for, as of the last telemetry: its timers (tag, due at) and open streams. */
  pending?: { timers: { tag: string; atMs: number }[]; streams: number; requests: number };
}

/** A message seen on the wire, for animation. */
export interface WireMessage {
  from: string;
  to: string;
  /** raftpb message type ('MsgApp', 'MsgVote', …) or 'client'. */
  type: string;
  /** Simulated send and delivery times; deliverAt is null when the message was lost or the link cut. */
  sentAt: number;
  deliverAt: number | null;
}

/**
 * Worker nodes from which a cluster is big: its canvas is redrawn ten times a second rather than
 * every frame (app/cluster/connection.ts), so its Workers' telemetry (the apiserver's view of every
 * pod among it) is fetched as often and no more (browser-cluster.ts).
 */
export const busyClusterNodes = 20;

/** Wall ms between refreshes of what the canvas draws: every other frame for a small cluster, ten a second from busyClusterNodes. */
export const refreshEveryMs = (workerNodes: number) => (workerNodes >= busyClusterNodes ? 100 : 33);

/** A verb's error result, as the browser cluster answers one. */
export const errorResult = (message: string): CommandResult => ({ code: 1, stdout: '', stderr: `Error: ${message}\n` });
/** The message of whatever was thrown. */
export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Everything the UI renders, pushed after every host tick. */
export interface ClusterSnapshot {
  /** Simulated ms since start. */
  now: number;
  paused: boolean;
  speed: number;
  members: MemberView[];
  /** Links cut by the user or a partition, as pairs of process names. */
  cutLinks: [string, string][];
  /** Messages sent since the previous snapshot. */
  messages: WireMessage[];
  /** The apiservers (none in an etcd-only cluster). */
  apiservers: ApiServerView[];
  /** kube-controller-managers and kube-schedulers, with their leader election. */
  components?: ComponentView[];
  /** Worker nodes' kubelet processes (up or killed). */
  nodeProcesses?: { name: string; up: boolean }[];
  /** Cluster-wide addon processes (coredns, ingress-nginx), up or killed. */
  addons?: { name: string; up: boolean }[];
  /** Nodes and pods as the first ready apiserver's cache holds them. */
  workloads?: import('../apiserver/workload-view').WorkloadView;
  /** The leading scheduler's last scheduling cycle of each pod (at most the last 500), by `namespace/name`. */
  scheduling?: Record<string, import('../scheduler/schedule-one').SchedulingInspection & { at?: number; message?: string }>;
  /** The scheduler profile's score plugins and their weights. */
  scoreWeights?: Record<string, number>;
  /** Each node's kube-proxy, by node name (absent without the kube-proxy addon). */
  proxies?: Record<string, ProxyView>;
}

/** A node's kube-proxy as the UI shows it. */
export interface ProxyView {
  up: boolean;
  /** null while it is down or has not reported. */
  mode: import('../proxy/config').ProxyMode | null;
  scheduler: string | null;
  /** Why its ConfigMap was not used, if it was not. */
  configError: string;
  /** `ipvsadm -Ln` (ipvs mode) and `iptables-save -t nat`. */
  ipvsadm: string;
  iptablesSave: string;
  /** What one new connection costs in this mode. */
  perPacket: import('../proxy/server').KubeProxyTelemetry['perPacket'] | null;
  /** What its last sync wrote. */
  lastSync: import('../proxy/server').SyncCost | null;
  syncs: number;
  servicePorts: number;
  endpoints: number;
}

/** A leader-elected control-plane component as the UI shows it. */
export interface ComponentView {
  name: string;
  kind: 'kube-controller-manager' | 'kube-scheduler';
  up: boolean;
  leading: boolean;
  /** The holder it last observed (an identity `<process>_<uuid>`). */
  holder: string;
}

/** Output of a CLI command, as the real tool prints it. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
  /**
   * kubectl only: the API errors behind what it printed, by the manifest document (0-based, in the
   * order of `-f -`) they are about, for editors that mark the lines a Status' causes name.
   */
  apiErrors?: { document: number; status: import('../api/types').Status }[];
}

/** One kube-apiserver as the UI shows it. */
export interface ApiServerView {
  name: string;
  up: boolean;
  /** Its watch cache is filled and it serves. */
  ready: boolean;
  /** The etcd revision its cache has seen. */
  revision: number;
  objects: number;
  watchers: number;
  served: number;
  /** The last requests it answered. */
  recent: { at: number; verb: string; path: string; code: number; user: string }[];
  /** Every object it holds (capped at 2,000), in etcd key order. */
  catalog: { resource: string; group: string; namespace: string; name: string; rv: string; kind: string }[];
}
