// Leases: lease/lessor.go (Grant, Revoke, Renew, Promote, Demote, Attach/Detach, findExpiredLeases)
// and etcdserver/v3_server.go LeaseTimeToLive; TTL figures checked against a real etcd 3.4.23.

import { describe, expect, it } from 'vitest';
import { ErrLeaseExist, ErrLeaseNotFound, ErrLeaseTTLTooLarge } from '../types';
import { ErrNotPrimary, Lessor, MaxLeaseTTL, MvccStore, leaseRevokeRate, type WatchNotice } from './index';
import { thrown } from './testing';


describe('grant (lessor.go Grant)', () => {
  it('raises a TTL below the minimum to it (etcd 3.4.23 default timing: grant 1 -> TTL 2)', () => {
    expect(new Lessor().grant(1n, 1, 0)).toBe(2);
    const l = new Lessor({ minTtlSec: 5 });
    expect(l.grant(1n, 3, 0)).toBe(5);
    expect(l.grant(2n, 0, 0)).toBe(5);
    expect(l.grant(3n, 60, 0)).toBe(60);
    expect(l.timeToLive(1n, 0).grantedTTL).toBe(5);
  });

  it('rejects id 0, a TTL above MaxLeaseTTL and an existing id', () => {
    const l = new Lessor();
    expect(thrown(() => l.grant(0n, 10, 0))).toMatchObject({ code: 'NotFound', message: ErrLeaseNotFound });
    expect(thrown(() => l.grant(1n, MaxLeaseTTL + 1, 0))).toMatchObject({ code: 'OutOfRange', message: ErrLeaseTTLTooLarge });
    expect(l.grant(1n, MaxLeaseTTL, 0)).toBe(MaxLeaseTTL);
    expect(thrown(() => l.grant(1n, 10, 0))).toMatchObject({ code: 'FailedPrecondition', message: ErrLeaseExist });
  });

  it('granting takes no store revision', () => {
    const s = new MvccStore();
    s.lessor.grant(1n, 10, 0);
    expect(s.rev).toBe(1);
  });
});

describe('attach and detach through puts and deletes (kvstore_txn.go put/delete)', () => {
  it('a put with a lease attaches the key; a put with another lease or none moves or detaches it', () => {
    const s = new MvccStore();
    s.lessor.grant(1n, 60, 0);
    s.lessor.grant(2n, 60, 0);
    s.put({ key: 'a', value: '', lease: 1n });
    s.put({ key: 'b', value: '', lease: 1n });
    expect(s.lessor.timeToLive(1n, 0).keys).toEqual(['a', 'b']);
    s.put({ key: 'a', value: '', lease: 2n });
    expect(s.lessor.timeToLive(1n, 0).keys).toEqual(['b']);
    expect(s.lessor.timeToLive(2n, 0).keys).toEqual(['a']);
    s.put({ key: 'b', value: 'no lease' });
    expect(s.lessor.timeToLive(1n, 0).keys).toEqual([]);
    expect(s.lessor.getLease('b')).toBe(0n);
  });

  it('deleting a key detaches it, so revoking the lease later does not delete a recreated key', () => {
    const s = new MvccStore();
    s.lessor.grant(1n, 60, 0);
    s.put({ key: 'a', value: '', lease: 1n });
    s.deleteRange({ key: 'a' });
    expect(s.lessor.timeToLive(1n, 0).keys).toEqual([]);
    s.put({ key: 'a', value: 'mine' });
    const rev = s.rev;
    expect(s.lessor.revoke(1n)).toEqual([]);
    expect(s.rev).toBe(rev); // nothing deleted, no revision
    expect(s.range({ key: 'a' }).kvs[0].value).toBe('mine');
  });
});

describe('revoke (lessor.go Revoke)', () => {
  it('deletes every attached key in ONE revision, sorted, and notifies watchers once (etcd 3.4.23: rev 9 -> 10)', () => {
    const s = new MvccStore();
    s.lessor.grant(7n, 100, 0);
    s.put({ key: 'lb', value: '2', lease: 7n }); // 2
    s.put({ key: 'la', value: '1', lease: 7n }); // 3
    s.put({ key: 'other', value: '' }); // 4
    const got: WatchNotice[] = [];
    s.watch({ key: '\0', range_end: '\0' }, (n) => void got.push(n));
    const deleted = s.lessor.revoke(7n);
    expect(deleted.map((kv) => `${kv.key}=${kv.value}`)).toEqual(['la=1', 'lb=2']);
    expect(s.rev).toBe(5);
    expect(s.range({ key: 'l', range_end: 'm' }).count).toBe(0);
    expect(s.range({ key: 'other' }).count).toBe(1);
    expect(got).toHaveLength(1);
    expect(got[0].events.map((e) => `${e.type} ${e.kv.key}@${e.kv.mod_revision}`)).toEqual(['DELETE la@5', 'DELETE lb@5']);
    expect(s.lessor.has(7n)).toBe(false);
    expect(s.lessor.timeToLive(7n, 0)).toEqual({ TTL: -1, grantedTTL: 0, keys: [] });
    expect(thrown(() => s.lessor.revoke(7n))).toMatchObject({ code: 'NotFound', message: ErrLeaseNotFound });
    expect(thrown(() => s.put({ key: 'lc', value: '', lease: 7n })).message).toBe(ErrLeaseNotFound);
  });

  it('a lease without keys is revoked without a revision', () => {
    const s = new MvccStore();
    s.lessor.grant(1n, 10, 0);
    expect(s.lessor.revoke(1n)).toEqual([]);
    expect(s.rev).toBe(1);
  });
});

describe('expiry is leader state (lessor.go Promote, Demote, Renew, findExpiredLeases)', () => {
  it('a follower lessor never expires anything; promote starts clocks at ttl + extend', () => {
    const l = new Lessor();
    l.grant(1n, 10, 0);
    l.grant(2n, 20, 0);
    expect(l.primary).toBe(false);
    expect(l.expired(1e12)).toEqual([]);
    expect(l.timeToLive(1n, 0).TTL).toBe(9_223_372_036); // Remaining() of "forever"
    l.promote(1_000, 500);
    expect(l.primary).toBe(true);
    expect(l.expiryMs(1n)).toBe(11_500);
    expect(l.expired(11_499)).toEqual([]);
    expect(l.expired(11_500)).toEqual([1n]);
    expect(l.expired(30_000)).toEqual([1n, 2n]); // soonest first
    l.demote();
    expect(l.expired(30_000)).toEqual([]);
    expect(l.expiryMs(1n)).toBe(Infinity);
  });

  it('a grant on a primary lessor starts its clock at once', () => {
    const l = new Lessor();
    l.promote(0, 0);
    l.grant(3n, 5, 2_000);
    expect(l.expired(6_999)).toEqual([]);
    expect(l.expired(7_000)).toEqual([3n]);
  });

  it('renew restarts the clock and returns the granted TTL; unknown/expired -> ErrLeaseNotFound; follower -> ErrNotPrimary', () => {
    const l = new Lessor();
    l.grant(1n, 10, 0);
    expect(thrown(() => l.renew(1n, 0))).toMatchObject({ message: ErrNotPrimary });
    l.promote(0, 0);
    expect(l.renew(1n, 9_000)).toBe(10);
    expect(l.expired(18_999)).toEqual([]);
    expect(l.expired(19_000)).toEqual([1n]);
    expect(thrown(() => l.renew(1n, 19_000))).toMatchObject({ code: 'NotFound', message: ErrLeaseNotFound });
    expect(thrown(() => l.renew(2n, 0))).toMatchObject({ code: 'NotFound', message: ErrLeaseNotFound });
  });

  it('timeToLive truncates remaining seconds like int64(Remaining().Seconds()) (etcd shows 99 just after granting 100)', () => {
    const l = new Lessor();
    l.promote(0, 0);
    l.grant(1n, 100, 0);
    expect(l.timeToLive(1n, 0)).toEqual({ TTL: 100, grantedTTL: 100, keys: [] });
    expect(l.timeToLive(1n, 1)).toMatchObject({ TTL: 99 });
    expect(l.timeToLive(1n, 99_999)).toMatchObject({ TTL: 0 });
    expect(l.timeToLive(1n, 101_500)).toMatchObject({ TTL: -1 }); // expired, not yet revoked
    expect(l.timeToLive(2n, 0)).toEqual({ TTL: -1, grantedTTL: 0, keys: [] });
  });

  it('leases() lists ids soonest expiry first (lessor.go Leases sorts by Remaining)', () => {
    const l = new Lessor();
    l.grant(30n, 30, 0);
    l.grant(10n, 60, 0);
    l.grant(20n, 10, 0);
    l.grant(5n, 30, 0);
    // All "forever" on a follower: etcd lists them in map order, Kubeplay in grant order.
    expect(l.leases()).toEqual([30n, 10n, 20n, 5n]);
    l.promote(0, 0);
    // Equal expiries keep grant order too (etcd: map order, as its sort is not stable).
    expect(l.leases()).toEqual([20n, 30n, 5n, 10n]);
  });

  it('expired() hands out at most leaseRevokeRate/2 per call', () => {
    const l = new Lessor();
    l.promote(0, 0);
    for (let i = 1; i <= 600; i++) l.grant(BigInt(i), 5, 0);
    expect(l.expired(10_000)).toHaveLength(leaseRevokeRate / 2);
  });

  it('promote spreads a pile-up of >= leaseRevokeRate leases so at most 3/4 of the rate expire per second', () => {
    const l = new Lessor();
    for (let i = 1; i <= 2000; i++) l.grant(BigInt(i), 10, 0);
    l.promote(0, 1_000);
    const perSecond = new Map<number, number>();
    for (let i = 1; i <= 2000; i++) {
      const s = Math.floor(l.expiryMs(BigInt(i))! / 1000);
      perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    }
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual((3 * leaseRevokeRate) / 4);
    expect(l.expiryMs(1n)).toBe(11_000); // the first 750 keep ttl + extend
    expect(Math.max(...[...Array(2000)].map((_, i) => l.expiryMs(BigInt(i + 1))!))).toBeGreaterThan(12_000);
  });
});

describe('a lease expiring end to end through the store', () => {
  it('the leader finds it expired and revoking it deletes its keys', () => {
    const s = new MvccStore({ minLeaseTtlSec: 1 });
    s.lessor.promote(0, 0);
    s.lessor.grant(9n, 2, 0);
    s.put({ key: 'session', value: 'x', lease: 9n });
    expect(s.lessor.expired(1_999)).toEqual([]);
    const [id] = s.lessor.expired(2_000);
    s.lessor.revoke(id);
    expect(s.range({ key: 'session' }).count).toBe(0);
  });
});
