// The key-value history: every retained revision of every key. It plays the part of etcd's
// in-memory treeIndex plus the boltdb key bucket (mvcc/index.go, mvcc/key_index.go,
// mvcc/kvstore_txn.go): per key the revisions in order, a sorted key list for ranges, and one
// revision-ordered log that watchers replay from (mvcc/watchable_store.go syncWatchers).

import type { KeyValue } from '../types';
import { compareKeys, lowerBound, type KeyRange } from './keys';

/**
 * One write to one key at revision {main, sub} (mvcc/revision.go). A deletion is a tombstone whose
 * kv holds only the key and mod_revision, as etcd stores it in the key bucket.
 */
export interface Rec {
  main: number;
  sub: number;
  kv: KeyValue;
  tombstone: boolean;
}

// Rough bytes one record costs: two revisions, the protobuf framing and the index entry.
const recOverheadBytes = 64;

/**
 * Revisions per backend page: records are also grouped by main revision into pages, and a backend
 * commit rewrites only the pages changed since the last one (bbolt's copy-on-write pages play this
 * part in etcd: a commit writes the dirty pages and a new meta page, never the whole file).
 */
export const pageRevs = 1024;

const pageOf = (main: number) => Math.floor(main / pageRevs);

/** The revision history of every key, ordered for ranges (by key) and for watch replay (by revision). */
export class KvHistory {
  /** Keys with any retained revision, sorted by compareKeys. */
  private keys: string[] = [];
  private byKey = new Map<string, Rec[]>();
  /** Records with main >= the compaction revision, in (main, sub) order. */
  private log: Rec[] = [];
  private bytes = 0;
  /** Every retained record by page, each in (main, sub) order. */
  private pages = new Map<number, Rec[]>();
  /** Pages changed since the last takeDirtyPages(). */
  private dirty = new Set<number>();

  /** Appends a record; its revision must be newer than every record already held. */
  append(rec: Rec): void {
    let revs = this.byKey.get(rec.kv.key);
    if (!revs) {
      revs = [];
      this.byKey.set(rec.kv.key, revs);
      const i = lowerBound(this.keys, rec.kv.key);
      this.keys.splice(i, 0, rec.kv.key);
    }
    revs.push(rec);
    this.log.push(rec);
    this.bytes += recSize(rec);
    const p = pageOf(rec.main);
    let page = this.pages.get(p);
    if (!page) {
      page = [];
      this.pages.set(p, page);
    }
    page.push(rec);
    this.dirty.add(p);
  }

  /** The record of `key` visible at `rev` (its newest with main <= rev), if any (keyIndex.get). */
  at(key: string, rev: number): Rec | undefined {
    const revs = this.byKey.get(key);
    return revs && latestAt(revs, rev);
  }

  /** The live KeyValue of `key` at `rev`, or undefined when absent or deleted. */
  liveAt(key: string, rev: number): KeyValue | undefined {
    const r = this.at(key, rev);
    return r && !r.tombstone ? r.kv : undefined;
  }

  /** Calls `f` for every key live at `rev` in `r`, in key order; stop early by returning false. */
  forEachLive(r: KeyRange, rev: number, f: (kv: KeyValue) => boolean | void): void {
    if (r.end === null) {
      const kv = this.liveAt(r.key, rev);
      if (kv) f(kv);
      return;
    }
    const keys = this.keys;
    if (r.end !== '' && compareKeys(r.end, r.key) <= 0) return;
    const stop = r.end === '' ? keys.length : lowerBound(keys, r.end);
    for (let i = lowerBound(keys, r.key); i < stop; i++) {
      const rec = latestAt(this.byKey.get(keys[i])!, rev);
      if (rec && !rec.tombstone && f(rec.kv) === false) break;
    }
  }

  /** The records of one key, oldest first (for single-key watch replay). */
  keyRecords(key: string): readonly Rec[] {
    return this.byKey.get(key) ?? [];
  }

  /** The revision log from the first record with main >= `rev`, and where that starts. */
  logFrom(rev: number): { log: readonly Rec[]; start: number } {
    const log = this.log;
    let lo = 0;
    let hi = log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (log[mid].main < rev) lo = mid + 1;
      else hi = mid;
    }
    return { log, start: lo };
  }

  /**
   * Drops history older than `atRev` (key_index.go compact): per key the newest record at or below
   * atRev stays so reads at atRev still work, unless it is a tombstone older than atRev; every
   * record above it stays. Records at atRev itself stay in the log, so a watch from atRev replays them.
   */
  compact(atRev: number): void {
    const keep: string[] = [];
    const removed = new Set<Rec>();
    for (const key of this.keys) {
      const revs = this.byKey.get(key)!;
      let i = lastAtOrBelow(revs, atRev);
      if (i >= 0 && revs[i].tombstone && revs[i].main < atRev) i++;
      if (i > 0) {
        for (let j = 0; j < i; j++) {
          this.bytes -= recSize(revs[j]);
          removed.add(revs[j]);
        }
        revs.splice(0, i);
      }
      if (revs.length === 0) this.byKey.delete(key);
      else keep.push(key);
    }
    this.keys = keep;
    this.trimLog(atRev);
    const touched = new Set<number>();
    for (const r of removed) touched.add(pageOf(r.main));
    for (const p of touched) {
      const left = this.pages.get(p)!.filter((r) => !removed.has(r));
      if (left.length > 0) this.pages.set(p, left);
      else this.pages.delete(p);
      this.dirty.add(p);
    }
  }

  /** The pages changed (appended to or compacted) since the last call, in order; forgets them. */
  takeDirtyPages(): number[] {
    const out = [...this.dirty].sort((a, b) => a - b);
    this.dirty.clear();
    return out;
  }

  /** The retained records of page `p` in (main, sub) order (empty once compaction took them all). */
  pageRecords(p: number): readonly Rec[] {
    return this.pages.get(p) ?? [];
  }

  /** The pages that hold records, in order. */
  pageNumbers(): number[] {
    return [...this.pages.keys()].sort((a, b) => a - b);
  }

  /** Every retained record in (main, sub) order, including those kept below the compaction revision. */
  allRecords(): Rec[] {
    const out: Rec[] = [];
    for (const revs of this.byKey.values()) for (const r of revs) out.push(r);
    return out.sort((a, b) => a.main - b.main || a.sub - b.sub);
  }

  /** Drops log records below `rev` (compaction, or after a restore appended every record). */
  trimLog(rev: number): void {
    this.log = this.log.slice(this.logFrom(rev).start);
  }

  /** Approximate bytes of retained history (what a boltdb file would hold, roughly). */
  size(): number {
    return this.bytes;
  }
}

function recSize(r: Rec): number {
  return r.kv.key.length + r.kv.value.length + recOverheadBytes;
}

/** Index of the last record with main <= rev, or -1. */
function lastAtOrBelow(revs: readonly Rec[], rev: number): number {
  if (revs.length > 0 && revs[revs.length - 1].main <= rev) return revs.length - 1;
  let lo = 0;
  let hi = revs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (revs[mid].main <= rev) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function latestAt(revs: readonly Rec[], rev: number): Rec | undefined {
  const i = lastAtOrBelow(revs, rev);
  return i >= 0 ? revs[i] : undefined;
}
