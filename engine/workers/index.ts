// The browser host: processes over Web Workers on a paced virtual clock, and the etcd cluster the
// app drives on top of it. The Worker entry point (process.worker.ts) is not exported: spawn.ts builds it.
export { createBrowserCluster } from './browser-cluster';
export { createRemoteCluster } from './remote-cluster';
export type { BrowserCluster, BrowserClusterOptions, EtcdctlRunOptions } from './browser-cluster';
export { WorkerHost, defaultPlacement } from './worker-host';
export type { HostEvent, Placement, WorkerHostOptions } from './worker-host';
export { WorkerHandle } from './worker-handle';
export type { WorkerLike, WorkerSpawner } from './worker-handle';
export { servePool } from './pool-worker';
export type { ServeOptions } from './pool-worker';
export { inThreadClusterWorker, inThreadWorker } from './in-thread-worker';
export { spawnProcessWorker } from './spawn';
export type { WireRecord } from './protocol';
export type * from './types';
export type { RanRecord } from '../sim/trace';
