// The store as plain data, for Raft snapshots and the simulated disk. It holds what etcd's boltdb
// holds (mvcc/kvstore.go restore, lease/lessor.go initAndRecover): the key bucket (every retained
// revision, tombstones marked), the current and compacted revisions, and the lease bucket. Lease
// attachments are rebuilt from each live key's lease; lease expiries are not state (a restored
// lessor is demoted, as after a restart). Watchers are not part of it.

import type { KeyValue } from '../types';
import type { Rec } from './kvindex';
import type { LeaseRecord } from './lessor';

/** One write to one key at revision (main, sub): a key in etcd's key bucket and its value. */
export interface MvccRecord {
  main: number;
  sub: number;
  tombstone: boolean;
  kv: KeyValue;
}

/** A structured-cloneable (and JSON-safe) copy of a whole MvccStore. */
export interface MvccSnapshot {
  format: 'kubeplay-mvcc/1';
  /** The current revision. */
  rev: number;
  /** The compaction revision; -1 when never compacted (etcd's initial compactMainRev). */
  compactRev: number;
  /** The lessor's minimum TTL in seconds, so a restored store behaves the same. */
  minLeaseTtlSec: number;
  /** Every retained record in (main, sub) order; a tombstone's kv has only key and mod_revision. */
  records: MvccRecord[];
  /** Every lease, by id. */
  leases: LeaseRecord[];
}

/** Copies records out so the snapshot shares nothing with the live store. */
export function recordsToSnapshot(recs: readonly Rec[]): MvccSnapshot['records'] {
  return recs.map((r) => ({ main: r.main, sub: r.sub, tombstone: r.tombstone, kv: { ...r.kv } }));
}

/** Copies snapshot records back into fresh records, in (main, sub) order. */
export function recordsFromSnapshot(recs: MvccSnapshot['records']): Rec[] {
  return recs
    .map((r) => ({ main: r.main, sub: r.sub, tombstone: r.tombstone, kv: { ...r.kv } }))
    .sort((a, b) => a.main - b.main || a.sub - b.sub);
}
