// Revisions, versions, ranges and compaction, checked against mvcc/kvstore_txn.go, etcdserver/apply.go
// Range and mvcc/kvstore.go Compact, and against a real etcd 3.4.23 where noted.

import { describe, expect, it } from 'vitest';
import { ErrCompacted, ErrEmptyKey, ErrFutureRev, ErrKeyNotFound, ErrLeaseNotFound } from '../types';
import { ErrLeaseProvided, ErrValueProvided, MvccStore, compareKeys } from './index';
import { thrown } from './testing';


const get = (s: MvccStore, key: string, revision?: number) => s.range({ key, revision }).kvs[0];

describe('revisions and versions (mvcc/kvstore_txn.go put/delete)', () => {
  it('starts at revision 1; each put takes the next revision', () => {
    const s = new MvccStore();
    expect(s.rev).toBe(1);
    expect(s.compactRev).toBe(0);
    s.put({ key: 'a', value: '1' });
    expect(s.rev).toBe(2);
    expect(get(s, 'a')).toEqual({ key: 'a', create_revision: 2, mod_revision: 2, version: 1, value: '1', lease: 0n });
    s.put({ key: 'a', value: '2' });
    s.put({ key: 'a', value: '2' }); // same value still writes a new revision
    expect(get(s, 'a')).toEqual({ key: 'a', create_revision: 2, mod_revision: 4, version: 3, value: '2', lease: 0n });
  });

  it('delete resets the version; a recreated key gets a new create_revision', () => {
    const s = new MvccStore();
    s.put({ key: 'a', value: '1' }); // 2
    s.put({ key: 'a', value: '2' }); // 3
    expect(s.deleteRange({ key: 'a' })).toEqual({ deleted: 1, prev_kvs: [] });
    expect(s.rev).toBe(4);
    expect(s.range({ key: 'a' })).toEqual({ kvs: [], more: false, count: 0 });
    s.put({ key: 'a', value: '3' }); // 5
    expect(get(s, 'a')).toMatchObject({ create_revision: 5, mod_revision: 5, version: 1 });
    // The old generation is still readable at its revisions.
    expect(get(s, 'a', 3)).toMatchObject({ value: '2', create_revision: 2, version: 2 });
    expect(get(s, 'a', 4)).toBeUndefined();
  });

  it('a delete that deletes nothing takes no revision', () => {
    const s = new MvccStore();
    s.put({ key: 'a', value: '1' });
    expect(s.deleteRange({ key: 'b' })).toEqual({ deleted: 0, prev_kvs: [] });
    expect(s.deleteRange({ key: 'a' }).deleted).toBe(1);
    expect(s.deleteRange({ key: 'a' }).deleted).toBe(0);
    expect(s.rev).toBe(3);
  });

  it('deleteRange over a range uses one revision for all keys and returns prev_kvs in key order', () => {
    const s = new MvccStore();
    for (const k of ['p/b', 'p/a', 'p/c', 'q']) s.put({ key: k, value: k });
    const res = s.deleteRange({ key: 'p/', range_end: 'p0', prev_kv: true });
    expect(res.deleted).toBe(3);
    expect(res.prev_kvs.map((kv) => kv.key)).toEqual(['p/a', 'p/b', 'p/c']);
    expect(s.rev).toBe(6);
    expect(s.range({ key: '\0', range_end: '\0' }).kvs.map((kv) => kv.key)).toEqual(['q']);
  });

  it('put returns prev_kv only when asked and the key existed (apply.go Put)', () => {
    const s = new MvccStore();
    expect(s.put({ key: 'a', value: '1', prev_kv: true })).toEqual({});
    expect(s.put({ key: 'a', value: '2' })).toEqual({});
    expect(s.put({ key: 'a', value: '3', prev_kv: true }).prev_kv).toMatchObject({ value: '2', mod_revision: 3 });
  });

  it('ignore_value keeps the value, ignore_lease keeps the lease; both need the key (apply.go Put)', () => {
    const s = new MvccStore();
    s.lessor.grant(7n, 60, 0);
    s.put({ key: 'a', value: 'v', lease: 7n });
    s.put({ key: 'a', value: '', ignore_value: true, lease: 0n });
    expect(get(s, 'a')).toMatchObject({ value: 'v', lease: 0n, version: 2 });
    s.put({ key: 'a', value: 'w', lease: 7n });
    s.put({ key: 'a', value: 'x', ignore_lease: true });
    expect(get(s, 'a')).toMatchObject({ value: 'x', lease: 7n, version: 4 });
    expect(thrown(() => s.put({ key: 'nope', value: '', ignore_value: true }))).toMatchObject({ code: 'InvalidArgument', message: ErrKeyNotFound });
    expect(thrown(() => s.put({ key: 'a', value: 'x', ignore_value: true }))).toMatchObject({ message: ErrValueProvided });
    expect(thrown(() => s.put({ key: 'a', value: 'x', lease: 7n, ignore_lease: true }))).toMatchObject({ message: ErrLeaseProvided });
    expect(s.rev).toBe(5); // four puts; the rejected ones took no revision
  });

  it('rejects an unknown lease and an empty key without taking a revision', () => {
    const s = new MvccStore();
    expect(thrown(() => s.put({ key: 'a', value: '1', lease: 99n }))).toMatchObject({ code: 'NotFound', message: ErrLeaseNotFound });
    expect(thrown(() => s.put({ key: '', value: '1' }))).toMatchObject({ code: 'InvalidArgument', message: ErrEmptyKey });
    expect(thrown(() => s.range({ key: '' }))).toMatchObject({ message: ErrEmptyKey });
    expect(s.rev).toBe(1);
  });
});

describe('range (etcdserver/apply.go Range, mvcc/index.go)', () => {
  function fixture(): MvccStore {
    const s = new MvccStore();
    s.put({ key: 'k1', value: 'v2' }); // 2
    s.put({ key: 'k1', value: 'v1' }); // 3: k1 version 2
    s.put({ key: 'k3', value: 'a' }); // 4
    s.put({ key: 'k4', value: 'b' }); // 5
    s.put({ key: 'k5', value: 'z' }); // 6
    s.put({ key: 'n1', value: 'x' }); // 7
    return s;
  }
  const keys = (r: { kvs: { key: string }[] }) => r.kvs.map((kv) => kv.key);

  it('single key, [key, range_end), from-key and all keys', () => {
    const s = fixture();
    expect(keys(s.range({ key: 'k3' }))).toEqual(['k3']);
    expect(keys(s.range({ key: 'k', range_end: 'l' }))).toEqual(['k1', 'k3', 'k4', 'k5']);
    expect(keys(s.range({ key: 'k3', range_end: 'k5' }))).toEqual(['k3', 'k4']);
    expect(keys(s.range({ key: 'k4', range_end: '\0' }))).toEqual(['k4', 'k5', 'n1']);
    expect(keys(s.range({ key: '\0', range_end: '\0' }))).toEqual(['k1', 'k3', 'k4', 'k5', 'n1']);
    // range_end before key is an empty range (real etcd: `get k9 k1` prints nothing).
    expect(s.range({ key: 'k9', range_end: 'k1' })).toEqual({ kvs: [], more: false, count: 0 });
  });

  it('limit keeps count as the total and sets more (etcd 3.4.23: count 4, more true)', () => {
    const s = fixture();
    const r = s.range({ key: 'k', range_end: 'l', limit: 1 });
    expect(keys(r)).toEqual(['k1']);
    expect(r).toMatchObject({ more: true, count: 4 });
    expect(s.range({ key: 'k', range_end: 'l', limit: 4 })).toMatchObject({ more: false, count: 4 });
    expect(s.range({ key: '\0', range_end: '\0', limit: 2 })).toMatchObject({ more: true, count: 5 });
  });

  it('keys_only blanks values; count_only returns no kvs and more false even with a limit', () => {
    const s = fixture();
    expect(s.range({ key: 'k', range_end: 'l', keys_only: true, limit: 1 }).kvs).toEqual([
      { key: 'k1', create_revision: 2, mod_revision: 3, version: 2, value: '', lease: 0n },
    ]);
    expect(s.range({ key: 'k', range_end: 'l', count_only: true, limit: 1 })).toEqual({ kvs: [], more: false, count: 4 });
  });

  it('sorts: a non-KEY target defaults to ASCEND; ties keep key order (etcd 3.4.23)', () => {
    const s = fixture();
    // --sort-by=MODIFY --order=DESCEND --limit 2 on etcd: k5 (6) then k4 (5).
    expect(keys(s.range({ key: 'k', range_end: 'l', sort_target: 'MOD', sort_order: 'DESCEND', limit: 2 }))).toEqual(['k5', 'k4']);
    // sort_target VERSION, order NONE: ascending by version; k3/k4/k5 tie at 1 and stay in key order.
    const byVersion = s.range({ key: 'k', range_end: 'l', sort_target: 'VERSION', limit: 2 });
    expect(keys(byVersion)).toEqual(['k3', 'k4']);
    expect(byVersion).toMatchObject({ more: true, count: 4 });
    expect(keys(s.range({ key: 'k', range_end: 'l', sort_target: 'KEY', sort_order: 'DESCEND' }))).toEqual(['k5', 'k4', 'k3', 'k1']);
    expect(keys(s.range({ key: 'k', range_end: 'l', sort_target: 'VALUE', sort_order: 'ASCEND' }))).toEqual(['k3', 'k4', 'k1', 'k5']);
    expect(keys(s.range({ key: 'k', range_end: 'l', sort_target: 'CREATE', sort_order: 'DESCEND' }))).toEqual(['k5', 'k4', 'k3', 'k1']);
  });

  it('reads at an old revision see the keys as they were then', () => {
    const s = fixture();
    s.deleteRange({ key: 'k3' }); // 8
    s.put({ key: 'k4', value: 'b2' }); // 9
    expect(keys(s.range({ key: 'k', range_end: 'l', revision: 4 }))).toEqual(['k1', 'k3']);
    expect(s.range({ key: 'k', range_end: 'l', revision: 7 }).kvs.map((kv) => kv.value)).toEqual(['v1', 'a', 'b', 'z']);
    expect(s.range({ key: 'k4', revision: 8 }).kvs[0].value).toBe('b');
    expect(s.range({ key: 'k4', revision: 9 }).kvs[0].value).toBe('b2');
    expect(s.range({ key: 'k1', revision: 2 }).kvs[0]).toMatchObject({ value: 'v2', version: 1 });
    expect(s.range({ key: 'k1', revision: 1 }).kvs).toEqual([]);
  });

  it('a revision above the current one is ErrFutureRev (OutOfRange)', () => {
    const s = fixture();
    expect(thrown(() => s.range({ key: 'k1', revision: 8 }))).toMatchObject({ code: 'OutOfRange', message: ErrFutureRev });
    expect(s.range({ key: 'k1', revision: 7 }).count).toBe(1);
  });

  it('orders keys by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF01 is EF BC 81 in UTF-8; U+1F600 is F0 9F 98 80, so it sorts after, unlike in UTF-16.
    expect(compareKeys('\uff01', '\u{1f600}')).toBe(-1);
    expect(compareKeys('a', 'ab')).toBe(-1);
    const s = new MvccStore();
    s.put({ key: '\u{1f600}', value: '' });
    s.put({ key: '\uff01', value: '' });
    expect(keys(s.range({ key: '\0', range_end: '\0' }))).toEqual(['\uff01', '\u{1f600}']);
  });

  it('returns copies: mutating a result does not change the store', () => {
    const s = fixture();
    s.range({ key: 'k1' }).kvs[0].value = 'mutated';
    expect(get(s, 'k1').value).toBe('v1');
  });
});

describe('compaction (mvcc/kvstore.go Compact, key_index.go compact)', () => {
  it('rejects rev <= compactRev with ErrCompacted and rev > rev with ErrFutureRev (etcd 3.4.23)', () => {
    const s = new MvccStore();
    for (let i = 0; i < 6; i++) s.put({ key: 'k', value: String(i) }); // revisions 2..7
    expect(thrown(() => s.compact(8))).toMatchObject({ code: 'OutOfRange', message: ErrFutureRev });
    s.compact(5);
    expect(s.compactRev).toBe(5);
    expect(thrown(() => s.compact(5))).toMatchObject({ code: 'OutOfRange', message: ErrCompacted });
    expect(thrown(() => s.compact(3))).toMatchObject({ message: ErrCompacted });
    s.compact(7); // compacting at the current revision is allowed
    expect(s.compactRev).toBe(7);
  });

  it('compact(0) on a never-compacted store succeeds once, like etcd (compactMainRev starts at -1)', () => {
    const s = new MvccStore();
    s.compact(0);
    expect(s.compactRev).toBe(0);
    expect(thrown(() => s.compact(0)).message).toBe(ErrCompacted);
  });

  it('reads below the compaction revision fail; at and above it they work', () => {
    const s = new MvccStore();
    s.put({ key: 'a', value: '1' }); // 2
    s.put({ key: 'b', value: '1' }); // 3
    s.put({ key: 'a', value: '2' }); // 4
    s.deleteRange({ key: 'b' }); // 5
    s.put({ key: 'c', value: '1' }); // 6
    s.compact(4);
    expect(thrown(() => s.range({ key: 'a', revision: 3 }))).toMatchObject({ code: 'OutOfRange', message: ErrCompacted });
    expect(s.range({ key: '\0', range_end: '\0', revision: 4 }).kvs.map((kv) => `${kv.key}=${kv.value}`)).toEqual(['a=2', 'b=1']);
    expect(s.range({ key: '\0', range_end: '\0', revision: 5 }).kvs.map((kv) => kv.key)).toEqual(['a']);
    expect(s.range({ key: '\0', range_end: '\0' }).kvs.map((kv) => kv.key)).toEqual(['a', 'c']);
    // revision 0 still means "current".
    expect(s.range({ key: 'a', revision: 0 }).kvs[0].value).toBe('2');
  });

  it('keeps the latest version of each live key, drops older history and old tombstones', () => {
    const s = new MvccStore();
    s.put({ key: 'live', value: '1' }); // 2
    s.put({ key: 'live', value: '2' }); // 3
    s.put({ key: 'gone', value: '1' }); // 4
    s.deleteRange({ key: 'gone' }); // 5
    s.put({ key: 'later', value: '1' }); // 6
    const before = s.approximateSize();
    s.compact(6);
    expect(s.approximateSize()).toBeLessThan(before);
    // The snapshot holds exactly what survived: live@3 (its newest at or below 6) and later@6.
    const kept = s.toSnapshot().records.map((r) => `${r.kv.key}@${r.main}${r.tombstone ? '†' : ''}`);
    expect(kept).toEqual(['live@3', 'later@6']);
    // Versions and create revisions survive compaction; history continues from them.
    s.put({ key: 'live', value: '3' });
    expect(get(s, 'live')).toMatchObject({ create_revision: 2, version: 3, mod_revision: 7 });
  });

  it('a tombstone exactly at the compaction revision stays until the next compaction', () => {
    const s = new MvccStore();
    s.put({ key: 'x', value: '1' }); // 2
    s.deleteRange({ key: 'x' }); // 3
    s.compact(3);
    expect(s.toSnapshot().records.map((r) => `${r.kv.key}@${r.main}${r.tombstone ? '†' : ''}`)).toEqual(['x@3†']);
    expect(s.range({ key: 'x', revision: 3 }).kvs).toEqual([]);
    s.put({ key: 'y', value: '1' }); // 4
    s.compact(4);
    expect(s.toSnapshot().records.map((r) => r.kv.key)).toEqual(['y']);
  });
});
