// Snapshot round trip: what mvcc/kvstore.go restore and lease/lessor.go initAndRecover rebuild
// from boltdb must come back exactly: history, revisions, compaction, leases and attachments.

import { describe, expect, it } from 'vitest';
import { ErrCompacted } from '../types';
import { MvccStore, type MvccSnapshot, type WatchNotice } from './index';

function busyStore(): MvccStore {
  const s = new MvccStore({ minLeaseTtlSec: 3 });
  s.lessor.grant(11n, 30, 0);
  s.lessor.grant(12n, 1, 0); // raised to 3
  s.put({ key: 'a', value: '1' }); // 2
  s.put({ key: 'a', value: '2', lease: 11n }); // 3
  s.put({ key: 'b', value: 'x', lease: 12n }); // 4
  s.put({ key: 'gone', value: 'y' }); // 5
  s.deleteRange({ key: 'gone' }); // 6
  s.txn({ compare: [], success: [{ request_put: { key: 'c', value: 'c1', lease: 11n } }, { request_put: { key: 'd', value: 'd1' } }], failure: [] }); // 7
  s.compact(4);
  s.put({ key: 'a', value: '3', ignore_lease: true }); // 8
  return s;
}

describe('toSnapshot / fromSnapshot', () => {
  it('is plain data: structured-cloneable (lease ids are bigints, so not JSON)', () => {
    const snap = busyStore().toSnapshot();
    expect(structuredClone(snap)).toEqual(snap);
  });

  it('restores revisions, compaction, every readable revision and the lease state', () => {
    const s = busyStore();
    const r = MvccStore.fromSnapshot(structuredClone(s.toSnapshot()));
    expect([r.rev, r.compactRev]).toEqual([8, 4]);
    for (let rev = 4; rev <= 8; rev++) {
      expect(r.range({ key: '\0', range_end: '\0', revision: rev })).toEqual(s.range({ key: '\0', range_end: '\0', revision: rev }));
    }
    expect(() => r.range({ key: 'a', revision: 3 })).toThrow(ErrCompacted);
    expect(() => r.compact(4)).toThrow(ErrCompacted);
    expect(r.lessor.leases()).toEqual([11n, 12n]);
    expect(r.lessor.timeToLive(11n, 0)).toMatchObject({ grantedTTL: 30, keys: ['a', 'c'] });
    expect(r.lessor.timeToLive(12n, 0)).toMatchObject({ grantedTTL: 3, keys: ['b'] });
    expect(r.lessor.minTtlSec).toBe(3);
    expect(r.approximateSize()).toBe(s.approximateSize());
    expect(r.toSnapshot()).toEqual(s.toSnapshot());
  });

  it('a restored lessor is demoted (expiry forever) until promoted, like a restarted member', () => {
    const s = busyStore();
    s.lessor.promote(0, 0);
    const r = MvccStore.fromSnapshot(s.toSnapshot());
    expect(r.lessor.primary).toBe(false);
    expect(r.lessor.expired(1e9)).toEqual([]);
    r.lessor.promote(100_000, 1_000);
    expect(r.lessor.expired(100_000 + 1_000 + 3_000)).toEqual([12n]);
  });

  it('the restored store keeps going: versions, revoke, watch replay', () => {
    const r = MvccStore.fromSnapshot(busyStore().toSnapshot());
    r.put({ key: 'a', value: '4', ignore_lease: true });
    expect(r.range({ key: 'a' }).kvs[0]).toMatchObject({ create_revision: 2, version: 4, mod_revision: 9, lease: 11n });
    const got: WatchNotice[] = [];
    r.watch({ key: '\0', range_end: '\0', start_revision: 6 }, (n) => void got.push(n));
    r.syncWatchers();
    expect(got[0].events.map((e) => `${e.type} ${e.kv.key}@${e.kv.mod_revision}`)).toEqual(['DELETE gone@6', 'PUT c@7', 'PUT d@7', 'PUT a@8', 'PUT a@9']);
    r.lessor.revoke(11n);
    expect(r.range({ key: '\0', range_end: '\0' }).kvs.map((kv) => kv.key)).toEqual(['b', 'd']);
    expect(r.rev).toBe(10);
  });

  it('shares nothing with the store it came from', () => {
    const s = busyStore();
    const snap: MvccSnapshot = s.toSnapshot();
    snap.records[0].kv.value = 'tampered';
    expect(s.range({ key: 'a', revision: 4 }).kvs[0].value).toBe('2');
    const r = MvccStore.fromSnapshot(snap);
    snap.records.length = 0;
    expect(r.range({ key: 'a' }).count).toBe(1);
  });
});
