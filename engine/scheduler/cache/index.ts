// kube-scheduler's cache (pkg/scheduler/backend/cache): node infos kept by the informers' events,
// assumed pods, and the incremental snapshot every cycle reads.

export { Cache } from './cache';
