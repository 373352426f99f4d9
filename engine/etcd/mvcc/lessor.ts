// Leases (lease/lessor.go). Grants, revokes and attachments are replicated state changed only by
// applied entries; expiry is leader-only state, as in etcd: the leader's lessor is "primary" and
// runs lease clocks, followers hold every lease "forever" until they are promoted.
//
// Lease ids are int64 in etcd and bigint here; 0n means "no lease". Times are simulated
// milliseconds handed in by the caller.

import type { KeyValue, LeaseID } from '../types';
import { ErrNotPrimary, MvccError, leaseExistError, leaseNotFoundError, leaseTtlTooLargeError } from './errors';
import { compareKeys } from './keys';

/** lessor.go MaxLeaseTTL: the largest TTL (seconds) a lease may be granted. */
export const MaxLeaseTTL = 9_000_000_000;

/** lessor.go defaultLeaseRevokeRate: leases revoked per second at most; expired() hands out half per call (500 ms loop). */
export const leaseRevokeRate = 1000;

/** etcd's minimum TTL with default timing (heartbeat 100 ms, election 1000 ms): ceil(15 × 100 ms) = 2 s. */
export const defaultMinLeaseTtlSec = 2;

/** Deletes `keys` (sorted) in one write transaction and returns the KeyValues deleted (lease.RangeDeleter). */
export type RangeDeleter = (keys: string[]) => KeyValue[];

/** How a Lessor is configured. */
export interface LessorOptions {
  /** etcdserver/server.go minTTL: ceil((3 × electionTicks / 2) × heartbeat) in seconds. */
  minTtlSec?: number;
  /** Deletes a revoked lease's keys through the store; MvccStore wires this. */
  rangeDeleter?: RangeDeleter;
}

/** What timeToLive reports (etcdserver/v3_server.go LeaseTimeToLive + v3rpc/lease.go). */
export interface LeaseTimeToLive {
  /** Remaining seconds, truncated as int64(Remaining().Seconds()); -1 when the lease does not exist. */
  TTL: number;
  /** The TTL it was granted with (after raising to the minimum); 0 when it does not exist. */
  grantedTTL: number;
  /** Attached keys, sorted (etcd returns them in map order). */
  keys: string[];
}

/** A lease as the snapshot keeps it (leasepb.Lease without the checkpointed remaining TTL). */
export interface LeaseRecord {
  ID: LeaseID;
  TTL: number;
}

interface Lease {
  id: LeaseID;
  ttl: number;
  /** Simulated ms when it expires; Infinity is etcd's "forever" (not primary). */
  expiryMs: number;
  keys: Set<string>;
}

// int64(math.MaxInt64 nanoseconds) in seconds: what Remaining() gives a lease that never expires.
const foreverSec = 9_223_372_036;

/** lease/lessor.go: grants, revokes, attaches keys to leases and tracks expiry on the leader. */
export class Lessor {
  /** The minimum TTL in seconds; shorter grants are raised to it. */
  readonly minTtlSec: number;
  private readonly leaseMap = new Map<LeaseID, Lease>();
  private readonly itemMap = new Map<string, LeaseID>();
  private rangeDeleter: RangeDeleter;
  private isPrimary = false;

  constructor(opts: LessorOptions = {}) {
    this.minTtlSec = opts.minTtlSec ?? defaultMinLeaseTtlSec;
    this.rangeDeleter = opts.rangeDeleter ?? (() => []);
  }

  /** lessor.go SetRangeDeleter: how revoke deletes keys (MvccStore sets itself). */
  setRangeDeleter(rd: RangeDeleter): void {
    this.rangeDeleter = rd;
  }

  /** Whether this lessor runs lease clocks (it was promoted and not demoted since). */
  get primary(): boolean {
    return this.isPrimary;
  }

  /**
   * lessor.go Grant: creates lease `id` and returns its TTL, raised to minTtlSec. A primary lessor
   * starts its clock now; otherwise it never expires until promote. Errors: id 0 -> ErrLeaseNotFound,
   * ttl > MaxLeaseTTL -> ErrLeaseTTLTooLarge, existing id -> ErrLeaseExist.
   */
  grant(id: LeaseID, ttlSec: number, nowMs: number, primary: boolean = this.isPrimary): number {
    if (id === 0n) throw leaseNotFoundError();
    if (ttlSec > MaxLeaseTTL) throw leaseTtlTooLargeError();
    if (this.leaseMap.has(id)) throw leaseExistError();
    const ttl = Math.max(ttlSec, this.minTtlSec);
    this.leaseMap.set(id, { id, ttl, expiryMs: primary ? nowMs + ttl * 1000 : Infinity, keys: new Set() });
    return ttl;
  }

  /** lessor.go Revoke: deletes every attached key in one revision (keys sorted), then the lease; returns the deleted KeyValues. */
  revoke(id: LeaseID): KeyValue[] {
    const l = this.leaseMap.get(id);
    if (!l) throw leaseNotFoundError();
    const keys = [...l.keys].sort(compareKeys);
    const deleted = this.rangeDeleter(keys);
    this.leaseMap.delete(id);
    for (const k of l.keys) if (this.itemMap.get(k) === id) this.itemMap.delete(k);
    return deleted;
  }

  /** lessor.go Lookup: whether lease `id` exists. */
  has(id: LeaseID): boolean {
    return this.leaseMap.has(id);
  }

  /** lessor.go Attach: `key` now belongs to lease `id` (ErrLeaseNotFound if it does not exist). */
  attach(id: LeaseID, key: string): void {
    const l = this.leaseMap.get(id);
    if (!l) throw leaseNotFoundError();
    l.keys.add(key);
    this.itemMap.set(key, id);
  }

  /** lessor.go Detach: `key` no longer belongs to lease `id`. */
  detach(id: LeaseID, key: string): void {
    const l = this.leaseMap.get(id);
    if (!l) throw leaseNotFoundError();
    l.keys.delete(key);
    this.itemMap.delete(key);
  }

  /** lessor.go GetLease: the lease `key` is attached to, or 0. */
  getLease(key: string): LeaseID {
    return this.itemMap.get(key) ?? 0n;
  }

  /**
   * lessor.go Promote: this member became leader; every lease expires ttl + extendMs from now
   * (extend is the election timeout, so leases survive a leader change). With at least
   * leaseRevokeRate leases, expiries are spread so no more than 3/4 of the rate fall in one second.
   */
  promote(nowMs: number, extendMs: number): void {
    this.isPrimary = true;
    for (const l of this.leaseMap.values()) l.expiryMs = nowMs + extendMs + l.ttl * 1000;
    if (this.leaseMap.size < leaseRevokeRate) return;
    this.spreadExpiries(nowMs, extendMs);
  }

  /** lessor.go Demote: this member is no longer leader; no lease expires here. */
  demote(): void {
    this.isPrimary = false;
    for (const l of this.leaseMap.values()) l.expiryMs = Infinity;
  }

  /**
   * lessor.go Renew (a keep-alive, leader only): restarts the lease's clock and returns its TTL.
   * Not primary -> ErrNotPrimary (the member forwards to the leader); unknown or already expired
   * lease -> ErrLeaseNotFound (etcd waits for the pending revoke, then says not found).
   */
  renew(id: LeaseID, nowMs: number): number {
    if (!this.isPrimary) throw new MvccError('FailedPrecondition', ErrNotPrimary);
    const l = this.leaseMap.get(id);
    if (!l || l.expiryMs <= nowMs) throw leaseNotFoundError();
    l.expiryMs = nowMs + l.ttl * 1000;
    return l.ttl;
  }

  /**
   * lessor.go findExpiredLeases: on a primary, the leases whose expiry has passed, soonest first,
   * at most `limit` (revokeExpiredLeases hands out leaseRevokeRate/2 per 500 ms). Pure: the
   * caller proposes a LeaseRevoke for each and should not re-propose one still in flight.
   */
  expired(nowMs: number, limit = leaseRevokeRate / 2): LeaseID[] {
    if (!this.isPrimary) return [];
    return [...this.leaseMap.values()]
      .filter((l) => l.expiryMs <= nowMs)
      .sort(byExpiry)
      .slice(0, limit)
      .map((l) => l.id);
  }

  /** etcdserver/v3_server.go LeaseTimeToLive as answered by the leader, with v3rpc's -1 for a missing lease. */
  timeToLive(id: LeaseID, nowMs: number): LeaseTimeToLive {
    const l = this.leaseMap.get(id);
    if (!l) return { TTL: -1, grantedTTL: 0, keys: [] };
    const ttl = l.expiryMs === Infinity ? foreverSec : Math.trunc((l.expiryMs - nowMs) / 1000);
    return { TTL: ttl, grantedTTL: l.ttl, keys: [...l.keys].sort(compareKeys) };
  }

  /**
   * lessor.go Leases: every lease id, sorted by Remaining(), soonest expiry first. On a follower every
   * lease is "forever", so etcd lists them in Go map order; here ties keep the order leases were
   * granted (or, after a restore, read back from the lease bucket, which is by id).
   */
  leases(): LeaseID[] {
    return [...this.leaseMap.values()].sort((a, b) => (a.expiryMs === b.expiryMs ? 0 : a.expiryMs < b.expiryMs ? -1 : 1)).map((l) => l.id);
  }

  /** The lease's expiry in simulated ms (Infinity when not primary), or undefined if it does not exist. */
  expiryMs(id: LeaseID): number | undefined {
    return this.leaseMap.get(id)?.expiryMs;
  }

  /** Every lease as the snapshot stores it (lessor.go persistTo), sorted by id. */
  toRecords(): LeaseRecord[] {
    return [...this.leaseMap.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((l) => ({ ID: l.id, TTL: l.ttl }));
  }

  /** lessor.go initAndRecover: reloads leases (all "forever", keys attached afterwards by the store). */
  restore(records: readonly LeaseRecord[]): void {
    this.leaseMap.clear();
    this.itemMap.clear();
    this.isPrimary = false;
    for (const r of records) this.leaseMap.set(r.ID, { id: r.ID, ttl: r.TTL, expiryMs: Infinity, keys: new Set() });
  }

  // The pile-up avoidance at the end of lessor.go Promote.
  private spreadExpiries(nowMs: number, extendMs: number): void {
    const ls = [...this.leaseMap.values()].sort(byExpiry);
    let baseWindow = ls[0].expiryMs - nowMs;
    let nextWindow = baseWindow + 1000;
    let expires = 0;
    const targetExpiresPerSecond = Math.floor((3 * leaseRevokeRate) / 4);
    for (const l of ls) {
      const remaining = l.expiryMs - nowMs;
      if (remaining > nextWindow) {
        baseWindow = remaining;
        nextWindow = baseWindow + 1000;
        expires = 1;
        continue;
      }
      expires++;
      if (expires <= targetExpiresPerSecond) continue;
      // Leases n seconds past the base window need only one more second, hence the subtraction.
      const delay = 1000 * (expires / targetExpiresPerSecond) - (remaining - baseWindow);
      nextWindow = baseWindow + delay;
      l.expiryMs = nowMs + delay + extendMs + l.ttl * 1000;
    }
  }
}

function byExpiry(a: Lease, b: Lease): number {
  if (a.expiryMs !== b.expiryMs) return a.expiryMs < b.expiryMs ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
