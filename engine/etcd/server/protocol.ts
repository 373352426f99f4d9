// The messages an etcd member exchanges: Raft between peers (etcd's rafthttp), lease renewals
// forwarded to the leader (etcd's /leases peer handler), and gRPC-like calls from clients.

import type { Message } from '../raft/types';
import type { EtcdApi, EtcdError, EtcdMethod, LeaseID, Member, WatchCreateRequest, WatchResponse } from '../types';
import type { PutRequest, DeleteRangeRequest, TxnRequest, CompactionRequest } from '../types';

/** Between members. */
export type PeerMessage =
  | { kind: 'raft'; m: Message }
  /** A follower asks the leader to renew a lease or report its TTL (leases live on the leader). */
  | { kind: 'lease-forward'; reqId: string; method: 'LeaseKeepAlive' | 'LeaseTimeToLive'; req: unknown }
  | { kind: 'lease-forward-result'; reqId: string; res?: unknown; err?: EtcdError }
  /** rafthttp's 410 Gone: the sender was removed from the cluster and should stop. */
  | { kind: 'removed' };

/** A unary call: the method and its request type travel together, so a switch on `method` narrows `req`. */
export type RpcMessage = { kind: 'rpc'; id: number } & { [M in EtcdMethod]: { method: M; req: EtcdApi[M]['req'] } }[EtcdMethod];

/** From a client to a member. */
export type ClientMessage =
  | RpcMessage
  | { kind: 'watch-create'; watchId: number; req: WatchCreateRequest }
  | { kind: 'watch-cancel'; watchId: number };

/** From a member to a client. */
export type ServerMessage =
  | { kind: 'rpc-result'; id: number; res?: unknown; err?: EtcdError }
  | { kind: 'watch'; watchId: number; res: WatchResponse }
  /** The watch's gRPC stream ended with an error (v3rpc/interceptor.go monitorLeader: no leader). */
  | { kind: 'watch-error'; watchId: number; err: EtcdError };

/** What a member proposes to Raft (etcdserverpb.InternalRaftRequest, the parts Kubeplay uses). */
export type InternalRequest =
  | { Put: PutRequest }
  | { DeleteRange: DeleteRangeRequest }
  | { Txn: TxnRequest }
  | { Compaction: CompactionRequest }
  | { LeaseGrant: { ID: LeaseID; TTL: number } }
  | { LeaseRevoke: { ID: LeaseID } }
  /** A started member publishes its name and client URLs (etcdserver/server.go publish). */
  | { MemberAttr: { ID: bigint; name: string; clientURLs: string[] } }
  /** The leader sets the cluster version once (server.go updateClusterVersion: a v2 PUT of /0/version). */
  | { ClusterVersion: string };

/** The data of a normal Raft entry: the request and the id its proposer waits on. */
export interface EntryData {
  id: string;
  req: InternalRequest;
}

/** The context of a ConfChange entry: the member added or removed, and (bootstrap only) the cluster id. */
export interface ConfContext {
  member: Member;
  clusterId?: bigint;
}

/** Any message a member may receive. */
export type MemberInbound = PeerMessage | ClientMessage;
