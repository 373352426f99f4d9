// The errors the MVCC layer raises, carrying etcd's gRPC status code and text so a member can hand
// them to the client unchanged (api/v3rpc/rpctypes/error.go, api/v3rpc/util.go toGRPCErrorMap).

import {
  ErrCompacted,
  ErrDuplicateKey,
  ErrEmptyKey,
  ErrFutureRev,
  ErrKeyNotFound,
  ErrLeaseExist,
  ErrLeaseNotFound,
  ErrLeaseTTLTooLarge,
} from '../types';

/** gRPC status names the MVCC layer can produce. */
export type MvccErrorCode = 'OutOfRange' | 'InvalidArgument' | 'NotFound' | 'FailedPrecondition';

/** A request etcd rejects; `message` is etcd's exact text and `code` its gRPC status. */
export class MvccError extends Error {
  constructor(
    readonly code: MvccErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MvccError';
  }
}

// Texts types.ts does not define yet (rpctypes/error.go); kept here so types.ts stays untouched.
/** rpctypes.ErrGRPCValueProvided: a put with ignore_value also carried a value. */
export const ErrValueProvided = 'etcdserver: value is provided';
/** rpctypes.ErrGRPCLeaseProvided: a put with ignore_lease also carried a lease. */
export const ErrLeaseProvided = 'etcdserver: lease is provided';
/** rpctypes.ErrGRPCTooManyOps: a txn branch has more than --max-txn-ops operations. */
export const ErrTooManyOps = 'etcdserver: too many operations in txn request';
/** lease.ErrNotPrimary: keep-alives are served by the leader's lessor only; a member forwards them. */
export const ErrNotPrimary = 'not a primary lessor';
/** mvcc.ErrEmptyWatcherRange: a watch whose range_end is not after its key (v3rpc answers created+canceled). */
export const ErrEmptyWatcherRange = 'mvcc: watcher range is empty';

/** mvcc.ErrCompacted as the client sees it. */
export const compactedError = (): MvccError => new MvccError('OutOfRange', ErrCompacted);
/** mvcc.ErrFutureRev as the client sees it. */
export const futureRevError = (): MvccError => new MvccError('OutOfRange', ErrFutureRev);
/** lease.ErrLeaseNotFound as the client sees it. */
export const leaseNotFoundError = (): MvccError => new MvccError('NotFound', ErrLeaseNotFound);
/** lease.ErrLeaseExists as the client sees it. */
export const leaseExistError = (): MvccError => new MvccError('FailedPrecondition', ErrLeaseExist);
/** lease.ErrLeaseTTLTooLarge as the client sees it. */
export const leaseTtlTooLargeError = (): MvccError => new MvccError('OutOfRange', ErrLeaseTTLTooLarge);
/** etcdserver.ErrKeyNotFound (ignore_value / ignore_lease on a missing key, or an empty txn op). */
export const keyNotFoundError = (): MvccError => new MvccError('InvalidArgument', ErrKeyNotFound);
/** rpctypes.ErrGRPCEmptyKey. */
export const emptyKeyError = (): MvccError => new MvccError('InvalidArgument', ErrEmptyKey);
/** rpctypes.ErrGRPCDuplicateKey. */
export const duplicateKeyError = (): MvccError => new MvccError('InvalidArgument', ErrDuplicateKey);
