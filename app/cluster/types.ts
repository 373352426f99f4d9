// The browser cluster as the app drives it: engine/workers/browser-cluster.ts implements it on top
// of WorkerHost (one Web Worker per etcd member). The app only ever keeps its snapshots.
export type { BrowserCluster, BrowserClusterOptions, EtcdctlRunOptions } from '../../engine/workers';
export type { ClusterSnapshot, CommandResult, MemberView, WireMessage } from '../../engine/workers/types';
