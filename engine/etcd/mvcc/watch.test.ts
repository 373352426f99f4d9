// Watches: mvcc/watchable_store.go (watch, notify, syncWatchers), watcher_group.go (batching) and
// the prev_kv lookup in etcdserver/api/v3rpc/watch.go; shapes recorded from a real etcd 3.4.23.

import { describe, expect, it } from 'vitest';
import { ErrEmptyWatcherRange, MvccError, MvccStore, watchBatchMaxRevs, type WatchNotice } from './index';

function recorder() {
  const got: WatchNotice[] = [];
  return { got, cb: (n: WatchNotice) => void got.push(n) };
}
const summary = (n: WatchNotice) => ({ revision: n.revision, events: n.events.map((e) => `${e.type} ${e.kv.key}@${e.kv.mod_revision}`) });

describe('watch from revision 0: future events only (watchable_store.go watch, synced)', () => {
  it('gets one response per revision with that revision in the header; a txn is one response', () => {
    const s = new MvccStore();
    s.put({ key: 'w0', value: 'before' }); // 2
    const { got, cb } = recorder();
    const id = s.watch({ key: 'w', range_end: 'x' }, cb);
    expect(id).toBe(0);
    s.put({ key: 'w1', value: 'a' }); // 3
    s.put({ key: 'other', value: 'a' }); // 4: outside the range
    s.txn({ compare: [], success: [{ request_put: { key: 'w1', value: 'b' } }, { request_put: { key: 'w2', value: 'c' } }], failure: [] }); // 5
    s.deleteRange({ key: 'w1' }); // 6
    expect(got.map(summary)).toEqual([
      { revision: 3, events: ['PUT w1@3'] },
      { revision: 5, events: ['PUT w1@5', 'PUT w2@5'] },
      { revision: 6, events: ['DELETE w1@6'] },
    ]);
    // A DELETE event's kv carries only key and mod_revision (watchable_store_txn.go End).
    expect(got[2].events[0].kv).toEqual({ key: 'w1', create_revision: 0, mod_revision: 6, version: 0, value: '', lease: 0n });
  });

  it('single-key and from-key watchers match only their keys', () => {
    const s = new MvccStore();
    const one = recorder();
    const from = recorder();
    s.watch({ key: 'b' }, one.cb);
    s.watch({ key: 'b', range_end: '\0' }, from.cb);
    for (const k of ['a', 'b', 'ba', 'c']) s.put({ key: k, value: '' });
    expect(one.got.flatMap((n) => n.events.map((e) => e.kv.key))).toEqual(['b']);
    expect(from.got.flatMap((n) => n.events.map((e) => e.kv.key))).toEqual(['b', 'ba', 'c']);
  });

  it('prev_kv: the key at mod_revision-1, none for a create (v3rpc/watch.go sendLoop; etcd 3.4.23)', () => {
    const s = new MvccStore();
    s.put({ key: 'w1', value: 'old' }); // 2
    const { got, cb } = recorder();
    s.watch({ key: 'w', range_end: 'x', prev_kv: true }, cb);
    s.txn({ compare: [], success: [{ request_put: { key: 'w1', value: 'a' } }, { request_put: { key: 'w2', value: 'b' } }], failure: [] }); // 3
    s.deleteRange({ key: 'w1' }); // 4
    expect(got[0].events[0].prev_kv).toEqual({ key: 'w1', create_revision: 2, mod_revision: 2, version: 1, value: 'old', lease: 0n });
    expect(got[0].events[1].prev_kv).toBeUndefined();
    expect(got[1].events[0].prev_kv).toMatchObject({ value: 'a', mod_revision: 3, version: 2 });
  });

  it('cancelWatch stops delivery', () => {
    const s = new MvccStore();
    const { got, cb } = recorder();
    const id = s.watch({ key: 'a' }, cb);
    s.put({ key: 'a', value: '1' });
    expect(s.cancelWatch(id)).toBe(true);
    expect(s.cancelWatch(id)).toBe(false);
    s.put({ key: 'a', value: '2' });
    expect(got).toHaveLength(1);
  });

  it('a start revision beyond the current one waits for it', () => {
    const s = new MvccStore();
    const { got, cb } = recorder();
    s.watch({ key: 'a', start_revision: 4 }, cb);
    s.put({ key: 'a', value: '1' }); // 2
    s.put({ key: 'a', value: '2' }); // 3
    s.put({ key: 'a', value: '3' }); // 4
    expect(got.map(summary)).toEqual([{ revision: 4, events: ['PUT a@4'] }]);
  });

  it('an empty range is rejected (watcher.go ErrEmptyWatcherRange)', () => {
    const s = new MvccStore();
    expect(() => s.watch({ key: 'b', range_end: 'a' }, () => {})).toThrow(MvccError);
    expect(() => s.watch({ key: 'b', range_end: 'b' }, () => {})).toThrow(ErrEmptyWatcherRange);
  });
});

describe('watch from an old revision (watchable_store.go syncWatchers)', () => {
  function history(): MvccStore {
    const s = new MvccStore();
    s.put({ key: 'k1', value: 'v1' }); // 2
    s.put({ key: 'k1', value: 'v2' }); // 3
    s.put({ key: 'k2', value: 'x' }); // 4
    s.txn({ compare: [], success: [{ request_put: { key: 'k3', value: 'a' } }, { request_put: { key: 'k4', value: 'b' } }], failure: [] }); // 5
    s.deleteRange({ key: 'k2' }); // 6
    s.put({ key: 'n1', value: 'x' }); // 7
    return s;
  }

  it('replays from start_revision inclusive in one response headed by the current revision, after watch() returns', () => {
    const s = history();
    const { got, cb } = recorder();
    s.watch({ key: 'k', range_end: 'l', start_revision: 3 }, cb);
    expect(got).toHaveLength(0); // never synchronously: the member announces "created" first
    expect(s.syncWatchers()).toBe(0);
    // etcd 3.4.23 sends all caught-up events in one response whose header revision is the store's.
    expect(got.map(summary)).toEqual([{ revision: 7, events: ['PUT k1@3', 'PUT k2@4', 'PUT k3@5', 'PUT k4@5', 'DELETE k2@6'] }]);
    s.put({ key: 'k9', value: '' }); // 8, now live
    expect(got.map(summary)[1]).toEqual({ revision: 8, events: ['PUT k9@8'] });
  });

  it('a write catches up lagging watchers before delivering its own events, without duplicates', () => {
    const s = history();
    const { got, cb } = recorder();
    s.watch({ key: 'k1', start_revision: 2 }, cb);
    s.put({ key: 'k1', value: 'v3' }); // 8
    s.put({ key: 'k1', value: 'v4' }); // 9
    expect(got.map(summary)).toEqual([
      { revision: 8, events: ['PUT k1@2', 'PUT k1@3', 'PUT k1@8'] },
      { revision: 9, events: ['PUT k1@9'] },
    ]);
  });

  it('replays with prev_kv, except where mod_revision-1 is compacted', () => {
    const s = history();
    s.compact(3);
    const { got, cb } = recorder();
    s.watch({ key: 'k1', start_revision: 3, prev_kv: true }, cb);
    s.syncWatchers();
    // prev of k1@3 would be at revision 2 < compactRev 3: etcd's Range fails, so no prev_kv.
    expect(got[0].events[0].prev_kv).toBeUndefined();
    s.put({ key: 'k1', value: 'v3' });
    expect(got[1].events[0].prev_kv).toMatchObject({ value: 'v2', mod_revision: 3 });
  });

  it('start_revision below the compaction revision is cancelled with compact_revision (etcd 3.4.23)', () => {
    const s = history();
    s.compact(5);
    const old = recorder();
    s.watch({ key: 'k', range_end: 'l', start_revision: 4 }, old.cb);
    s.syncWatchers();
    expect(old.got).toEqual([{ events: [], revision: 0, canceled: true, compact_revision: 5 }]);
    s.put({ key: 'k1', value: 'after' });
    expect(old.got).toHaveLength(1); // gone for good
  });

  it('start_revision equal to the compaction revision still works and replays that revision (etcd 3.4.23)', () => {
    const s = history();
    s.compact(5);
    const at = recorder();
    s.watch({ key: 'k', range_end: 'l', start_revision: 5 }, at.cb);
    s.syncWatchers();
    expect(at.got.map(summary)).toEqual([{ revision: 7, events: ['PUT k3@5', 'PUT k4@5', 'DELETE k2@6'] }]);
  });

  it('a watcher created before a compaction but not yet synced is cancelled by it', () => {
    const s = history();
    const { got, cb } = recorder();
    s.watch({ key: 'k1', start_revision: 2 }, cb);
    s.compact(4);
    s.syncWatchers();
    expect(got).toEqual([{ events: [], revision: 0, canceled: true, compact_revision: 4 }]);
  });

  it('a callback that cancels another lagging watcher stops that one cleanly', () => {
    const s = history();
    const second = recorder();
    let secondId = -1;
    s.watch({ key: 'k1', start_revision: 2 }, () => void s.cancelWatch(secondId));
    secondId = s.watch({ key: 'k1', start_revision: 2 }, second.cb);
    expect(s.syncWatchers()).toBe(0);
    s.put({ key: 'k1', value: 'later' });
    expect(second.got).toEqual([]);
  });

  it('catch-up responses hold at most watchBatchMaxRevs revisions (watcher_group.go eventBatch)', () => {
    const s = new MvccStore();
    const n = watchBatchMaxRevs + 10;
    for (let i = 0; i < n; i++) s.put({ key: `k${i % 3}`, value: String(i) }); // revisions 2 .. n+1
    const { got, cb } = recorder();
    s.watch({ key: 'k', range_end: 'l', start_revision: 2 }, cb);
    expect(s.syncWatchers()).toBe(1); // still behind after the first batch
    expect(got[0].events).toHaveLength(watchBatchMaxRevs);
    expect(got[0].revision).toBe(n + 1);
    expect(s.syncWatchers()).toBe(0);
    expect(got[1].events.map((e) => e.kv.mod_revision)).toEqual(Array.from({ length: 10 }, (_, i) => watchBatchMaxRevs + 2 + i));
  });
});
