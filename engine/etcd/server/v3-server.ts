// Models etcdserver/v3_server.go (with the request checks of api/v3rpc/key.go): unary requests, proposals and the wait for their apply.

import type { StreamId } from '../../sim/env';
import { MvccError, checkDeleteRequest, checkPutRequest, checkRangeRequest, checkTxn, isTxnReadonly } from '../mvcc';
import type { ConfChange } from '../raft';
import { ErrRequestTooLarge, ErrTimeout, type EtcdError } from '../types';
import type { ClusterServer } from './cluster-server';
import { reqTimeoutMs, toEtcdError, type MemberCore, type Waiter } from './core';
import type { LeaseServer } from './lease-server';
import { internalRaftRequestSize, maxRequestBytes } from './pbsize';
import type { EntryData, InternalRequest, RpcMessage } from './protocol';
import type { ReadIndex } from './read-index';

/** The etcd version Kubeplay reports (endpoint status, the version the tooling compares against). */
export const etcdVersion = '3.4.23';

/** The other servers a unary call may be routed to. */
export interface V3Routes {
  reads: ReadIndex;
  leases: LeaseServer;
  cluster: ClusterServer;
}

/** Serves unary calls and keeps the proposals that wait to be applied (etcd's pkg/wait). */
export class V3Server {
  private readonly waiters = new Map<string, Waiter>();
  /** Proposals waiting for a leader. */
  private readonly blocked: (EntryData | ConfChange)[] = [];

  constructor(
    private readonly core: MemberCore,
    private readonly routes: V3Routes,
  ) {}

  serve(client: StreamId, m: RpcMessage): void {
    const core = this.core;
    const { reads, leases, cluster } = this.routes;
    const w: Waiter = { client, rpcId: m.id, method: m.method, deadline: core.env.now() + reqTimeoutMs(core.timing) };
    try {
      switch (m.method) {
        case 'Range':
          // v3rpc/key.go validates before anything reaches Raft.
          checkRangeRequest(m.req);
          if (m.req.serializable) core.reply(w, core.withHeader(core.store.range(m.req)));
          else reads.read(w, 'Range', m.req);
          return;
        case 'Txn':
          checkTxn(m.req);
          if (isTxnReadonly(m.req)) reads.read(w, 'Txn', m.req);
          else this.propose(w, { Txn: m.req });
          return;
        case 'Put':
          checkPutRequest(m.req);
          this.propose(w, { Put: m.req });
          return;
        case 'DeleteRange':
          checkDeleteRequest(m.req);
          this.propose(w, { DeleteRange: m.req });
          return;
        case 'Compact':
          this.propose(w, { Compaction: m.req });
          return;
        case 'LeaseGrant':
          leases.grant(w, m.req);
          return;
        case 'LeaseRevoke':
          leases.revoke(w, m.req.ID);
          return;
        case 'LeaseKeepAlive':
        case 'LeaseTimeToLive':
          leases.serveAtLeader(w, m.method, m.req);
          return;
        case 'LeaseLeases':
          leases.leases(w);
          return;
        case 'MemberList':
          cluster.list(w);
          return;
        case 'MemberAdd':
          cluster.memberAdd(w, m.req.peerURLs, !!m.req.isLearner);
          return;
        case 'MemberRemove':
          cluster.memberRemove(w, m.req.ID);
          return;
        case 'Status':
          core.reply(w, core.withHeader(this.status()));
          return;
      }
    } catch (x) {
      core.reply(w, undefined, toEtcdError(x));
    }
  }

  /**
   * processInternalRaftRequestOnce: takes the next request id, refuses a request whose
   * InternalRaftRequest is over --max-request-bytes, then registers the waiter and proposes.
   */
  propose(w: Waiter, req: InternalRequest): void {
    const rid = this.core.nextRequestId();
    if (internalRaftRequestSize(req, rid) > maxRequestBytes) throw new MvccError('InvalidArgument', ErrRequestTooLarge);
    const id = this.core.requestKey(rid);
    this.waiters.set(id, w);
    this.submit({ id, req } satisfies EntryData);
  }

  /** server.go configure: the same for a configuration change. */
  configure(w: Waiter, cc: ConfChange): void {
    const id = this.core.nextId();
    this.waiters.set(id, w);
    this.submit({ ...cc, id });
  }

  /** wait.Trigger: answers the proposer of entry `id`, if it waits on this member. */
  trigger(id: string | undefined, res: () => unknown, err?: EtcdError): void {
    const w = id ? this.waiters.get(id) : undefined;
    if (!w) return;
    this.waiters.delete(id!);
    this.core.reply(w, err ? undefined : res(), err);
  }

  /** Proposals blocked while there was no leader go to the one now known. */
  retryBlocked(): void {
    if (this.blocked.length === 0 || this.core.raft.lead === '') return;
    const waiting = this.blocked.splice(0);
    for (const data of waiting) {
      if (this.waiters.has(data.id!)) this.submit(data);
    }
  }

  /** Proposals not applied within the request timeout fail with "etcdserver: request timed out". */
  expire(now: number): void {
    for (const [id, w] of this.waiters) {
      if (now < w.deadline) continue;
      this.waiters.delete(id);
      this.core.reply(w, undefined, { code: 'Unavailable', message: ErrTimeout });
    }
  }

  /**
   * Hands a proposal to Raft. With no leader, etcd's raft node blocks the proposal until one is
   * elected or the request times out (node.go: propc is nil while there is no leader), so it waits here.
   */
  private submit(data: EntryData | ConfChange): void {
    const raft = this.core.raft;
    const ok = 'req' in data ? raft.propose(data) : raft.proposeConfChange(data);
    if (!ok) this.blocked.push(data);
  }

  /** api/v3rpc/maintenance.go Status. */
  private status(): object {
    const { raft, store } = this.core;
    const leadMember = this.routes.cluster.memberOf(raft.lead);
    // A fresh bbolt file is 5 pages of 4 KiB; the MVCC history is estimated on top (see FIDELITY.md).
    const dbSize = 5 * 4096 + store.approximateSize();
    return {
      version: etcdVersion,
      dbSize,
      leader: leadMember?.ID ?? 0n,
      raftIndex: raft.log.committed,
      raftTerm: raft.term,
      raftAppliedIndex: raft.log.applied,
      errors: raft.lead === '' ? ['etcdserver: no leader'] : [],
      dbSizeInUse: dbSize,
      isLearner: false,
    };
  }
}
