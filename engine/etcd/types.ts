// The etcd v3 API as plain data, shaped after etcdserverpb (api/etcdserverpb/rpc.proto) and
// mvccpb (api/mvccpb/kv.proto) so that etcdctl can print exactly what the real one prints.
// Field names keep the proto's snake_case JSON names; 64-bit ids are bigint because cluster and
// member ids use all 64 bits. Keys and values are UTF-8 strings (see docs/FIDELITY.md).

/** Every response carries the header etcd stamps on it (etcdserverpb.ResponseHeader). */
export interface ResponseHeader {
  cluster_id: bigint;
  member_id: bigint;
  /** The store revision when the request was applied (or read). */
  revision: number;
  raft_term: number;
}

/** A lease id: int64 in etcd, generated from 63 bits (idutil.Generator); 0n means "no lease". */
export type LeaseID = bigint;

/** mvccpb.KeyValue. `lease` is 0n when the key has none. */
export interface KeyValue {
  key: string;
  create_revision: number;
  mod_revision: number;
  version: number;
  value: string;
  lease: LeaseID;
}

export type SortOrder = 'NONE' | 'ASCEND' | 'DESCEND';
export type SortTarget = 'KEY' | 'VERSION' | 'CREATE' | 'MOD' | 'VALUE';

/** etcdserverpb.RangeRequest. `range_end` '\0' means "every key >= key" (--from-key). */
export interface RangeRequest {
  key: string;
  range_end?: string;
  limit?: number;
  revision?: number;
  sort_order?: SortOrder;
  sort_target?: SortTarget;
  serializable?: boolean;
  keys_only?: boolean;
  count_only?: boolean;
}
export interface RangeResponse {
  header: ResponseHeader;
  kvs: KeyValue[];
  more: boolean;
  count: number;
}

export interface PutRequest {
  key: string;
  value: string;
  lease?: LeaseID;
  prev_kv?: boolean;
  ignore_value?: boolean;
  ignore_lease?: boolean;
}
export interface PutResponse {
  header: ResponseHeader;
  prev_kv?: KeyValue;
}

export interface DeleteRangeRequest {
  key: string;
  range_end?: string;
  prev_kv?: boolean;
}
export interface DeleteRangeResponse {
  header: ResponseHeader;
  deleted: number;
  prev_kvs: KeyValue[];
}

export type CompareResult = 'EQUAL' | 'GREATER' | 'LESS' | 'NOT_EQUAL';
export type CompareTarget = 'VERSION' | 'CREATE' | 'MOD' | 'VALUE' | 'LEASE';

/** etcdserverpb.Compare: exactly one of the target fields is set, matching `target`. */
export interface Compare {
  result: CompareResult;
  target: CompareTarget;
  key: string;
  range_end?: string;
  version?: number;
  create_revision?: number;
  mod_revision?: number;
  value?: string;
  lease?: LeaseID;
}

export type RequestOp =
  | { request_range: RangeRequest }
  | { request_put: PutRequest }
  | { request_delete_range: DeleteRangeRequest }
  | { request_txn: TxnRequest };

export type ResponseOp =
  | { response_range: RangeResponse }
  | { response_put: PutResponse }
  | { response_delete_range: DeleteRangeResponse }
  | { response_txn: TxnResponse };

export interface TxnRequest {
  compare: Compare[];
  success: RequestOp[];
  failure: RequestOp[];
}
export interface TxnResponse {
  header: ResponseHeader;
  succeeded: boolean;
  responses: ResponseOp[];
}

export interface CompactionRequest {
  revision: number;
  physical?: boolean;
}
export interface CompactionResponse {
  header: ResponseHeader;
}

export interface LeaseGrantRequest {
  TTL: number;
  /** 0 lets the server choose an id. */
  ID?: LeaseID;
}
export interface LeaseGrantResponse {
  header: ResponseHeader;
  ID: LeaseID;
  TTL: number;
  error: string;
}
export interface LeaseRevokeRequest {
  ID: LeaseID;
}
export interface LeaseRevokeResponse {
  header: ResponseHeader;
}
export interface LeaseKeepAliveRequest {
  ID: LeaseID;
}
export interface LeaseKeepAliveResponse {
  header: ResponseHeader;
  ID: LeaseID;
  /** Remaining TTL after the renewal; 0 or less when the lease was not found. */
  TTL: number;
}
export interface LeaseTimeToLiveRequest {
  ID: LeaseID;
  keys?: boolean;
}
export interface LeaseTimeToLiveResponse {
  header: ResponseHeader;
  ID: LeaseID;
  /** Remaining seconds; -1 when the lease has expired or does not exist. */
  TTL: number;
  grantedTTL: number;
  keys: string[];
}
export interface LeaseLeasesResponse {
  header: ResponseHeader;
  leases: { ID: LeaseID }[];
}

/** etcdserverpb.Member. */
export interface Member {
  ID: bigint;
  name: string;
  peerURLs: string[];
  clientURLs: string[];
  isLearner: boolean;
}
export interface MemberListResponse {
  header: ResponseHeader;
  members: Member[];
}
export interface MemberAddRequest {
  peerURLs: string[];
  isLearner?: boolean;
}
export interface MemberAddResponse {
  header: ResponseHeader;
  member: Member;
  members: Member[];
}
export interface MemberRemoveRequest {
  ID: bigint;
}
export interface MemberRemoveResponse {
  header: ResponseHeader;
  members: Member[];
}

/** etcdserverpb.StatusResponse (endpoint status). */
export interface StatusResponse {
  header: ResponseHeader;
  version: string;
  dbSize: number;
  leader: bigint;
  raftIndex: number;
  raftTerm: number;
  raftAppliedIndex: number;
  errors: string[];
  dbSizeInUse: number;
  isLearner: boolean;
}

/** Watch (etcdserverpb.WatchCreateRequest). start_revision 0 means "from the next revision". */
export interface WatchCreateRequest {
  key: string;
  range_end?: string;
  start_revision?: number;
  prev_kv?: boolean;
  progress_notify?: boolean;
}
export interface WatchEvent {
  type: 'PUT' | 'DELETE';
  kv: KeyValue;
  prev_kv?: KeyValue;
}
export interface WatchResponse {
  header: ResponseHeader;
  watch_id: number;
  created: boolean;
  canceled: boolean;
  compact_revision: number;
  cancel_reason: string;
  events: WatchEvent[];
  /**
   * clientv3's closeErr, set by the client (never on the wire) when the watch ended without a server
   * cancel of its own: the server refused to create it, or its gRPC stream failed (no leader). The
   * response then has a zero header and no events slice, and Err() is this text.
   */
  closeErr?: string;
}

/** The unary RPCs a member serves, by method name: what etcdctl calls. */
export interface EtcdApi {
  Range: { req: RangeRequest; res: RangeResponse };
  Put: { req: PutRequest; res: PutResponse };
  DeleteRange: { req: DeleteRangeRequest; res: DeleteRangeResponse };
  Txn: { req: TxnRequest; res: TxnResponse };
  Compact: { req: CompactionRequest; res: CompactionResponse };
  LeaseGrant: { req: LeaseGrantRequest; res: LeaseGrantResponse };
  LeaseRevoke: { req: LeaseRevokeRequest; res: LeaseRevokeResponse };
  LeaseKeepAlive: { req: LeaseKeepAliveRequest; res: LeaseKeepAliveResponse };
  LeaseTimeToLive: { req: LeaseTimeToLiveRequest; res: LeaseTimeToLiveResponse };
  LeaseLeases: { req: Record<string, never>; res: LeaseLeasesResponse };
  MemberList: { req: Record<string, never>; res: MemberListResponse };
  MemberAdd: { req: MemberAddRequest; res: MemberAddResponse };
  MemberRemove: { req: MemberRemoveRequest; res: MemberRemoveResponse };
  Status: { req: Record<string, never>; res: StatusResponse };
}
export type EtcdMethod = keyof EtcdApi;

/**
 * A failed RPC as the gRPC client sees it: `code` is the gRPC status name and `message` the
 * server's text, e.g. { code: 'OutOfRange', message: 'etcdserver: mvcc: required revision has been compacted' }.
 * `DeadlineExceeded` with message 'context deadline exceeded' is what a client sees when no member answers.
 */
export interface EtcdError {
  code:
    | 'InvalidArgument'
    | 'NotFound'
    | 'FailedPrecondition'
    | 'OutOfRange'
    | 'Unavailable'
    | 'DeadlineExceeded'
    | 'ResourceExhausted'
    | 'Unknown';
  message: string;
}

/** Thrown (rejected) by EtcdClient calls. */
export class EtcdRpcError extends Error {
  constructor(readonly code: EtcdError['code'], message: string) {
    super(message);
    this.name = 'EtcdRpcError';
  }
}

/** A handle on one open watch stream. */
export interface WatchHandle {
  cancel(): void;
}

/**
 * What etcdctl talks to: a gRPC-like client for one cluster, living inside a process. Nothing here
 * returns a Promise: a call takes its continuation and returns how to cancel it; the continuation runs
 * inside the process's receive when the answer (or the deadline) arrives. `endpoint` is a member name
 * ('etcd-1'); the client accepts 'etcd-1:2379' and URLs too.
 */
export interface EtcdClient {
  /** The endpoints used when --endpoints is not given. */
  defaultEndpoints(): string[];
  /**
   * A unary call; `done` gets the error (an EtcdRpcError) or the response, exactly once unless cancelled.
   * A call that finds no connection to `endpoint` waits out its deadline (gRPC's WaitForReady), or
   * with `failFast` fails at once with Unavailable `ErrNoConnection`, so the caller can pick another.
   */
  call<M extends EtcdMethod>(
    endpoint: string,
    method: M,
    req: EtcdApi[M]['req'],
    opts: { timeoutMs?: number; failFast?: boolean },
    done: (err: EtcdRpcError | null, res?: EtcdApi[M]['res']) => void,
  ): () => void;
  /**
   * Opens a watch on the first endpoint; given several, a watch whose stream breaks resumes on
   * another reachable one from the revision after the last it delivered (clientv3's balancer).
   */
  watch(endpoint: string | string[], req: WatchCreateRequest, onResponse: (res: WatchResponse) => void): WatchHandle;
  /**
   * Whether a connection to `endpoint` can be made now (the member is up and reachable). clientv3's
   * balancer skips endpoints it cannot connect to; with none left a call waits out its deadline.
   */
  connected(endpoint: string): boolean;
  /** Calls `wake` after `ms` of the client's (simulated) time; returns how to cancel it. */
  sleep(ms: number, wake: () => void): () => void;
  /** The client's clock, in simulated ms. */
  now(): number;
}

/**
 * What a `failFast` call with no connection to its member fails with at once (Unavailable): the
 * request never left the client, so clientv3 holds it safe to send elsewhere even for a write
 * (retry_interceptor.go isSafeRetryMutableRPC).
 */
export const ErrNoConnection = 'there is no connection available';

/** Server-side error texts, as etcd's rpctypes define them (api/v3rpc/rpctypes/error.go). */
export const ErrCompacted = 'etcdserver: mvcc: required revision has been compacted';
export const ErrFutureRev = 'etcdserver: mvcc: required revision is a future revision';
export const ErrLeaseNotFound = 'etcdserver: requested lease not found';
export const ErrLeaseExist = 'etcdserver: lease already exists';
export const ErrLeaseTTLTooLarge = 'etcdserver: too large lease TTL';
export const ErrEmptyKey = 'etcdserver: key is not provided';
export const ErrDuplicateKey = 'etcdserver: duplicate key given in txn request';
export const ErrKeyNotFound = 'etcdserver: key not found';
export const ErrNoLeader = 'etcdserver: no leader';
export const ErrTimeout = 'etcdserver: request timed out';
export const ErrLeaderChanged = 'etcdserver: leader changed';
export const ErrRequestTooLarge = 'etcdserver: request is too large';
export const ErrMemberNotFound = 'etcdserver: member not found';
export const ErrPeerURLExist = 'etcdserver: Peer URLs already exists';
export const ErrUnhealthy = 'etcdserver: unhealthy cluster';
export const ErrMemberNotEnoughStarted = 'etcdserver: re-configuration failed due to not enough started members';
