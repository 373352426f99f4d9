// Models etcdserver/server.go's EtcdServer as its parts reach one another (v3rpc's servers each hold a *EtcdServer).

import type { Env, StreamId } from '../../sim/env';
import { MvccError, type MvccStore } from '../mvcc';
import type { ConfChange, RaftNode } from '../raft';
import type { EtcdError, EtcdMethod, ResponseHeader } from '../types';
import type { InternalRequest, ServerMessage } from './protocol';
import type { EtcdTiming } from './timing';

/** A unary call waiting for its answer (etcd's pkg/wait registration plus the gRPC stream to answer on). */
export interface Waiter {
  /** The stream the call came on (for a forwarded lease call: the leader-side reply address). */
  client: StreamId;
  rpcId: number;
  method: EtcdMethod;
  deadline: number;
}

/** etcd's ReqTimeout: 5 s plus two election timeouts (etcdserver/config.go). */
export const reqTimeoutMs = (t: EtcdTiming) => 5000 + 2 * t.electionMs;

/** What every part of a member may use of the others. */
export interface MemberCore {
  readonly env: Env;
  readonly name: string;
  readonly timing: EtcdTiming;
  readonly raft: RaftNode;
  /** Replaced when a snapshot is restored: read it each time, never keep it. */
  readonly store: MvccStore;
  /** This member's id, once it has seen itself in the membership. */
  selfId(): bigint | undefined;
  /** reqIDGen.Next(): the member's next request id (pkg/idutil). */
  nextRequestId(): bigint;
  /** The key a request id is known by in waits and dedup: unique across members and restarts. */
  requestKey(id: bigint): string;
  /** requestKey(nextRequestId()): a fresh key for a proposal or a ReadIndex round. */
  nextId(): string;
  header(): ResponseHeader;
  withHeader(res: unknown): unknown;
  /** Answers a unary call on its client's stream (a gone stream drops the answer, as a closed connection does). */
  reply(w: Waiter, res: unknown, err?: EtcdError): void;
  toClient(client: StreamId, msg: ServerMessage): void;
  /** v3_server.go raftRequest: proposes `req` and answers `w` once it is applied. */
  propose(w: Waiter, req: InternalRequest): void;
  /** server.go configure: proposes a configuration change and answers `w` once it is applied. */
  configure(w: Waiter, cc: ConfChange): void;
}

/** The gRPC error a thrown MvccError (or anything else) becomes. */
export function toEtcdError(x: unknown): EtcdError {
  if (x instanceof MvccError) return { code: x.code as EtcdError['code'], message: x.message };
  return { code: 'Unknown', message: x instanceof Error ? x.message : String(x) };
}
