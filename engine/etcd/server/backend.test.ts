// The backend on disk (mvcc/backend as bbolt keeps it): a commit writes only the pages that changed
// since the last one and swaps the meta last, so a crash at any write leaves a loadable backend,
// and a member's snapshot costs what changed, not the whole history.

import { describe, expect, it } from 'vitest';
import { MemoryDisk, type Disk } from '../../sim/env';
import { MvccStore, pageRevs } from '../mvcc';
import { Cluster } from '../../cluster';
import { Backend } from './backend';
import { etcdClientKind, type EtcdClientProcess } from './client';
import type { EtcdMember } from './member';

const dump = (s: MvccStore) => ({ rev: s.rev, compact: s.compactRev, all: s.range({ key: '\0', range_end: '\0' }), snap: s.toSnapshot() });

function storeWith(puts: number): MvccStore {
  const s = new MvccStore();
  for (let i = 0; i < puts; i++) s.put({ key: `k${i % 10}`, value: `v${i}` });
  return s;
}

/** A disk that dies (throws) at a chosen put or delete, as a crash point does. */
class CrashingDisk extends MemoryDisk {
  private left = Infinity;
  /** The next `n` writes succeed, the one after throws. */
  crashAfter(n: number): void {
    this.left = n;
  }
  private tick(): void {
    if (this.left-- === 0) throw new Error('crash');
  }
  put(key: string, value: unknown): void {
    this.tick();
    super.put(key, value);
  }
  delete(key: string): void {
    this.tick();
    super.delete(key);
  }
  /** What survives: the same data, on a disk that no longer crashes. */
  survivor(): Disk {
    return MemoryDisk.from(this.dump());
  }
}

describe('backend', () => {
  it('reopens to the store it committed, with its consistent index', () => {
    const disk = new MemoryDisk();
    const s = storeWith(3000);
    s.lessor.grant(7n, 60, 0);
    s.compact(1500);
    new Backend(disk).commit(s, 42);
    const b = new Backend(disk);
    expect(b.consistentIndex).toBe(42);
    expect(dump(b.open({})!)).toEqual(dump(s));
  });

  it('a commit rewrites only the pages written or compacted since the last one', () => {
    const disk = new MemoryDisk();
    const s = storeWith(10 * pageRevs);
    const b = new Backend(disk);
    b.commit(s, 1);
    const before = disk.writes;
    for (let i = 0; i < 100; i++) s.put({ key: 'x', value: String(i) });
    b.commit(s, 2);
    // One page written (plus the meta), one replaced page dropped: not the ten pages of history.
    expect(disk.writes - before).toBeLessThanOrEqual(3);
    // A compaction empties old pages: they are dropped, the page it cuts through is rewritten.
    s.compact(5 * pageRevs + 10);
    b.commit(s, 3);
    expect(disk.keys('db/page/').length).toBeLessThan(8);
    expect(dump(new Backend(disk).open({})!)).toEqual(dump(s));
  });

  it('a crash at any write of a commit leaves the old or the new store, and stray pages are dropped on open', () => {
    for (let crashAt = 0; ; crashAt++) {
      const disk = new CrashingDisk();
      const s = storeWith(3 * pageRevs);
      new Backend(disk).commit(s, 1);
      const old = dump(s);
      s.compact(pageRevs + 5);
      for (let i = 0; i < 10; i++) s.put({ key: 'y', value: String(i) });
      const next = dump(s);
      disk.crashAfter(crashAt);
      let crashed = true;
      try {
        new Backend(disk).commit(s, 2);
        crashed = false;
      } catch {
        // the power went out at write crashAt
      }
      const after = disk.survivor();
      const b = new Backend(after);
      const got = dump(b.open({})!);
      expect(got).toEqual(b.consistentIndex === 1 ? old : next);
      // Every page left on disk is one the meta names.
      const named = after.get<{ pages: [number, string][] }>('db/meta')!.pages.map(([, k]) => k).sort();
      expect(after.keys('db/page/')).toEqual(named);
      if (!crashed) break;
    }
  });
});

describe('member snapshots', () => {
  it('cost what changed since the last one, not the whole history', () => {
    const c = new Cluster({ seed: 5, etcdMembers: 3, etcd: { snapshotCount: 100, snapshotCatchUpEntries: 20 } });
    c.sim.runUntil(() => c.leader() !== null, 10_000);
    c.sim.add('w', etcdClientKind, { epochMs: 0 });
    const w = c.sim.process<EtcdClientProcess>('w')!.attach({ endpoints: () => c.etcdNames, reachable: () => true });
    let n = 0;
    const write = () => w.call(c.leader() ?? 'etcd-0', 'Put', { key: `k${n % 20}`, value: `v${n++}` }, {}, () => write());
    for (let i = 0; i < 8; i++) write();
    // Bytes the leader writes to its disk, as JSON would spell them.
    const disk = c.sim.disk(c.leader()!)!;
    let bytes = 0;
    const put = disk.put.bind(disk);
    disk.put = (key, value) => {
      bytes += JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v)).length;
      put(key, value);
    };
    const bytesPerPut = (puts: number) => {
      const [b0, n0] = [bytes, n];
      c.sim.runUntil(() => n >= n0 + puts, 60_000);
      return (bytes - b0) / (n - n0);
    };
    bytesPerPut(2000);
    const early = bytesPerPut(2000);
    bytesPerPut(8000);
    const late = bytesPerPut(2000);
    // A WAL entry and hard state per put, and every hundred puts a page of records and a meta.
    expect(late).toBeLessThan(early * 1.2);
    // The snapshot on disk holds the membership, never the store.
    const snap = disk.get<{ data: Record<string, unknown> }>('snapshot')!;
    expect(Object.keys(snap.data).sort()).toEqual(['clusterId', 'clusterVersion', 'members', 'removed', 'removedPeers']);
  });

  it('a follower sent a newer backend than its snapshot applies the entries after it once (consistent index)', () => {
    const c = new Cluster({ seed: 9, etcdMembers: 3, etcd: { snapshotCount: 20, snapshotCatchUpEntries: 5 } });
    c.sim.runUntil(() => c.leader() !== null, 10_000);
    c.sim.runFor(1000);
    const victim = c.etcdNames.find((x) => x !== c.leader())!;
    c.chaos.killEtcd(victim);
    c.sim.add('w', etcdClientKind, { epochMs: 0 });
    const w = c.sim.process<EtcdClientProcess>('w')!.attach({ endpoints: () => c.etcdNames, reachable: (m) => c.sim.isUp(m) });
    let done = 0;
    const put = (i: number): void => {
      if (i >= 200) return;
      w.call(c.leader()!, 'Put', { key: `k${i % 7}`, value: `v${i}` }, {}, () => {
        done++;
        put(i + 8);
      });
    };
    for (let i = 0; i < 8; i++) put(i);
    // Restart it while writes go on, so the backend it is sent is newer than the snapshot.
    c.sim.runUntil(() => done >= 100, 30_000);
    c.chaos.restartEtcd(victim);
    c.sim.runUntil(() => done >= 200, 30_000);
    c.sim.runFor(3000);
    const leader = c.sim.process<EtcdMember>(c.leader()!)!;
    const m = c.sim.process<EtcdMember>(victim)!;
    expect(m.raft.status().snapshotIndex).toBeGreaterThan(0);
    expect(m.store.rev).toBe(leader.store.rev);
    expect(m.store.toSnapshot()).toEqual(leader.store.toSnapshot());
    // And again from its own disk.
    c.chaos.killEtcd(victim);
    c.chaos.restartEtcd(victim);
    c.sim.runFor(2000);
    expect(c.sim.process<EtcdMember>(victim)!.store.toSnapshot()).toEqual(leader.store.toSnapshot());
  });
});
