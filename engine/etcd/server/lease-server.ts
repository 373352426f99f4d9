// Models etcdserver/api/v3rpc/lease.go and etcdserver/api/v3rpc/leasehttp: lessor checks, and keep-alives and TTLs answered by the leader.

import type { ProcessId } from '../../sim/env';
import { ErrNotPrimary, MvccError } from '../mvcc';
import { ErrLeaseNotFound, ErrTimeout, type LeaseID, type LeaseTimeToLiveRequest } from '../types';
import { toEtcdError, type MemberCore, type Waiter } from './core';
import type { EntryData, PeerMessage } from './protocol';

type LeaderMethod = 'LeaseKeepAlive' | 'LeaseTimeToLive';

/** The lease RPCs of one member and the leader's lease duties (expiry, promotion). */
export class LeaseServer {
  /** Keep-alives and TTL requests forwarded to the leader, by request id. */
  private readonly forwards = new Map<string, Waiter>();
  /** Leases whose revoke the leader proposed, and when (re-proposed if it is lost). */
  private readonly revoking = new Map<LeaseID, number>();
  private wasLeader = false;

  constructor(private readonly core: MemberCore) {}

  /** v3_server.go LeaseGrant: with no id given, the next request id, masked to 63 bits, is the lease's. */
  grant(w: Waiter, req: { ID?: LeaseID; TTL: number }): void {
    const ID = req.ID || this.core.nextRequestId() & 0x7fffffffffffffffn;
    this.core.propose(w, { LeaseGrant: { ID, TTL: req.TTL } });
  }

  /** v3_server.go LeaseRevoke: an unknown lease is refused before anything is proposed. */
  revoke(w: Waiter, id: LeaseID): void {
    if (!this.core.store.lessor.has(id)) throw new MvccError('NotFound', ErrLeaseNotFound);
    this.core.propose(w, { LeaseRevoke: { ID: id } });
  }

  /** v3rpc/lease.go LeaseLeases: every lease this member's lessor holds. */
  leases(w: Waiter): void {
    this.core.reply(w, this.core.withHeader({ leases: this.core.store.lessor.leases().map((ID) => ({ ID })) }));
  }

  /** Keep-alive and time-to-live are the leader's to answer (leasehttp forwards them from a follower). */
  serveAtLeader(w: Waiter, method: LeaderMethod, req: LeaseTimeToLiveRequest): void {
    const core = this.core;
    if (core.raft.state === 'StateLeader') {
      core.reply(w, core.withHeader(this.leaseLocal(method, req)));
      return;
    }
    if (core.raft.lead === '') {
      core.reply(w, undefined, { code: 'Unavailable', message: 'etcdserver: no leader' });
      return;
    }
    const reqId = core.nextId();
    this.forwards.set(reqId, w);
    core.env.send(core.raft.lead, { kind: 'lease-forward', reqId, method, req } satisfies PeerMessage);
  }

  /** leasehttp's handler on the leader. */
  serveForward(from: ProcessId, m: Extract<PeerMessage, { kind: 'lease-forward' }>): void {
    let out: PeerMessage;
    try {
      if (this.core.raft.state !== 'StateLeader') throw new MvccError('FailedPrecondition', ErrNotPrimary);
      out = { kind: 'lease-forward-result', reqId: m.reqId, res: this.leaseLocal(m.method, m.req as LeaseTimeToLiveRequest) };
    } catch (x) {
      out = { kind: 'lease-forward-result', reqId: m.reqId, err: toEtcdError(x) };
    }
    this.core.env.send(from, out);
  }

  finishForward(m: Extract<PeerMessage, { kind: 'lease-forward-result' }>): void {
    const w = this.forwards.get(m.reqId);
    if (!w) return;
    this.forwards.delete(m.reqId);
    this.core.reply(w, m.err ? undefined : this.core.withHeader(m.res), m.err);
  }

  /** Forwarded calls the leader never answered fail with "etcdserver: request timed out". */
  expire(now: number): void {
    for (const [id, w] of this.forwards) {
      if (now < w.deadline) continue;
      this.forwards.delete(id);
      this.core.reply(w, undefined, { code: 'Unavailable', message: ErrTimeout });
    }
  }

  /** lessor.go revokeExpiredLeases: the leader proposes a LeaseRevoke for each expired lease. */
  revokeExpired(): void {
    const core = this.core;
    if (core.raft.state !== 'StateLeader') return;
    const now = core.env.now();
    for (const id of core.store.lessor.expired(now)) {
      const at = this.revoking.get(id);
      if (at !== undefined && now - at < core.timing.electionMs * 3) continue;
      this.revoking.set(id, now);
      core.raft.propose({ id: core.nextId(), req: { LeaseRevoke: { ID: id } } } satisfies EntryData);
    }
  }

  /** A LeaseRevoke was applied: its lease needs no more revoking. */
  revoked(id: LeaseID): void {
    this.revoking.delete(id);
  }

  /**
   * lessor.go Promote/Demote: only the leader runs lease clocks; a new leader extends every lease
   * by an election timeout so leases do not expire merely because leadership moved.
   */
  noticeLeadership(): void {
    const core = this.core;
    const leader = core.raft.state === 'StateLeader';
    if (leader === this.wasLeader) return;
    this.wasLeader = leader;
    if (leader) core.store.lessor.promote(core.env.now(), core.timing.electionMs);
    else core.store.lessor.demote();
  }

  /** A restored lessor starts demoted; the leadership check promotes it if this member leads. */
  restored(): void {
    this.wasLeader = false;
  }

  private leaseLocal(method: LeaderMethod, req: LeaseTimeToLiveRequest): object {
    const lessor = this.core.store.lessor;
    const id = req.ID;
    const now = this.core.env.now();
    if (method === 'LeaseKeepAlive') {
      // v3rpc/lease.go: a keep-alive for an unknown lease answers TTL 0 rather than an error.
      if (!lessor.has(id)) return { ID: id, TTL: 0 };
      return { ID: id, TTL: lessor.renew(id, now) };
    }
    const t = lessor.timeToLive(id, now);
    return { ID: id, TTL: t.TTL, grantedTTL: t.grantedTTL, keys: req.keys ? t.keys : [] };
  }
}
