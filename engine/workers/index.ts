// The browser host: processes one per Web Worker on a paced virtual clock, and the etcd cluster the
// app drives on top of it. Worker entry points (*.worker.ts) are not exported: spawn.ts builds them.
export { createBrowserCluster } from './browser-cluster';
export type { BrowserCluster, BrowserClusterOptions, EtcdctlRunOptions } from './browser-cluster';
export { WorkerHost } from './worker-host';
export type { HostEvent, WorkerHostOptions } from './worker-host';
export { WorkerHandle } from './worker-handle';
export type { WorkerLike, WorkerSpawner } from './worker-handle';
export { serveProcess } from './serve-process';
export type { ServeOptions } from './serve-process';
export { ProcessRuntime } from './process-runtime';
export { inThreadWorker } from './in-thread-worker';
export { spawnEtcdWorker } from './spawn';
export { etcdWireType } from './wire-type';
export type { WireRecord } from './protocol';
export type * from './types';
