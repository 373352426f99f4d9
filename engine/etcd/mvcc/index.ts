// etcd's MVCC layer: the revisioned key-value store, txns, watchers and leases, as pure,
// deterministic TypeScript (mvcc/, lease/, and the MVCC half of etcdserver/apply.go).

export { MvccStore, type MvccStoreOptions } from './store';
export type { RangeResult } from './read';
export type { MvccRecord, MvccSnapshot } from './snapshot';
export { pageRevs } from './kvindex';
export { watchBatchMaxRevs, type WatchCallback, type WatchNotice } from './watch';
export {
  Lessor,
  MaxLeaseTTL,
  defaultMinLeaseTtlSec,
  leaseRevokeRate,
  type LeaseRecord,
  type LeaseTimeToLive,
  type LessorOptions,
  type RangeDeleter,
} from './lessor';
export {
  MvccError,
  ErrEmptyWatcherRange,
  ErrLeaseProvided,
  ErrNotPrimary,
  ErrTooManyOps,
  ErrValueProvided,
  type MvccErrorCode,
} from './errors';
export { checkDeleteRequest, checkPutRequest, checkRangeRequest, checkTxn, defaultMaxTxnOps, isTxnReadonly } from './validate';
export { compareKeys } from './keys';
