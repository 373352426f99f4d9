// The MVCC key-value store (mvcc/kvstore.go, kvstore_txn.go, watchable_store.go) and the applier
// logic around it (etcdserver/apply.go). Every write that changes something takes exactly one new
// revision; a txn takes one for all its writes; a write that changes nothing takes none.

import type { DeleteRangeRequest, KeyValue, PutRequest, RangeRequest, TxnRequest, TxnResponse, WatchCreateRequest } from '../types';
import { compactedError, futureRevError, leaseNotFoundError } from './errors';
import { KvHistory } from './kvindex';
import { Lessor } from './lessor';
import { rangeAt, type RangeResult } from './read';
import { recordsFromSnapshot, recordsToSnapshot, type MvccRecord, type MvccSnapshot } from './snapshot';
import { applyTxn, checkTxnRequests, compareToPath } from './txn';
import { checkDeleteRequest, checkPutRequest, checkRangeRequest, checkTxn, defaultMaxTxnOps, isTxnReadonly } from './validate';
import { WatcherHub, type WatchCallback } from './watch';
import { WriteTxn } from './write';

/** How an MvccStore is configured. */
export interface MvccStoreOptions {
  /** The lessor's minimum TTL in seconds (etcdserver/server.go minTTL); defaults to etcd's 2 s. */
  minLeaseTtlSec?: number;
  /** --max-txn-ops; defaults to 128. */
  maxTxnOps?: number;
}

/** etcd's MVCC store with its lessor and watchers: what every member applies committed entries to. */
export class MvccStore {
  /** The leases of this store; revoking one deletes its keys through the store. */
  readonly lessor: Lessor;
  private readonly h = new KvHistory();
  private readonly hub: WatcherHub;
  private readonly maxTxnOps: number;
  // mvcc/kvstore.go NewStore: currentRev starts at 1, compactMainRev at -1.
  private currentRev = 1;
  private compactMainRev = -1;

  constructor(opts: MvccStoreOptions = {}) {
    this.maxTxnOps = opts.maxTxnOps ?? defaultMaxTxnOps;
    this.lessor = new Lessor({ minTtlSec: opts.minLeaseTtlSec, rangeDeleter: (keys) => this.deleteKeys(keys) });
    this.hub = new WatcherHub({ history: this.h, currentRev: () => this.currentRev, compactRev: () => this.compactMainRev });
  }

  /** The current revision; an empty store is at 1 and the first write makes 2. */
  get rev(): number {
    return this.currentRev;
  }

  /** The revision of the last compaction; 0 when never compacted. */
  get compactRev(): number {
    return Math.max(0, this.compactMainRev);
  }

  /** etcdserver/apply.go Range: ErrFutureRev above the current revision, ErrCompacted below the compaction one. */
  range(req: RangeRequest): RangeResult {
    checkRangeRequest(req);
    return rangeAt(this.h, req, this.currentRev, this.compactMainRev);
  }

  /** etcdserver/apply.go Put: ErrLeaseNotFound for an unknown lease, ErrKeyNotFound for ignore_* on a missing key. */
  put(req: PutRequest): { prev_kv?: KeyValue } {
    checkPutRequest(req);
    // apply.go Put without a txn: the lease is looked up before anything is read or written.
    if (req.lease && !this.lessor.has(req.lease)) throw leaseNotFoundError();
    return this.write((w) => {
      const { prev_kv } = w.put(req);
      return prev_kv ? { prev_kv } : {};
    });
  }

  /** etcdserver/apply.go DeleteRange: deleting nothing takes no revision; prev_kvs only when prev_kv is set. */
  deleteRange(req: DeleteRangeRequest): { deleted: number; prev_kvs: KeyValue[] } {
    checkDeleteRequest(req);
    return this.write((w) => {
      const { deleted, prev_kvs } = w.deleteRange(req);
      return { deleted, prev_kvs };
    });
  }

  /**
   * etcdserver/apply.go Txn after v3rpc/key.go validation: compares (nested ones too) are evaluated
   * on the state before the txn, then the chosen ops run in order on one revision. Responses inside
   * carry headers with only `revision` set (nested txns: revision 0), as etcd 3.4 returns them.
   */
  txn(req: TxnRequest): Omit<TxnResponse, 'header'> {
    checkTxn(req, this.maxTxnOps);
    return this.write((w) => {
      const path = compareToPath(w, req);
      checkTxnRequests(w, req, path, {
        isWrite: !isTxnReadonly(req),
        compactRev: this.compactMainRev,
        leaseExists: (id) => this.lessor.has(id),
      });
      return applyTxn(w, req, path);
    });
  }

  /**
   * mvcc/kvstore.go Compact: rev <= compaction revision -> ErrCompacted, rev > current -> ErrFutureRev.
   * Keeps each key's newest revision at or below rev (unless it is a deletion below rev) and all later ones.
   */
  compact(rev: number): void {
    if (rev <= this.compactMainRev) throw compactedError();
    if (rev > this.currentRev) throw futureRevError();
    this.compactMainRev = rev;
    this.h.compact(rev);
  }

  /**
   * mvcc/watchable_store.go watch: returns the watch id (0, 1, … per store). Replays history from
   * start_revision inclusive (0 = only future events) on the next syncWatchers() or write; never
   * calls `onEvents` before returning. A start revision below the compaction revision is answered
   * with canceled + compact_revision. Throws ErrEmptyWatcherRange for an empty range.
   */
  watch(req: WatchCreateRequest, onEvents: WatchCallback): number {
    return this.hub.watch(req, onEvents);
  }

  /** Stops watch `id`; false if it was not active. */
  cancelWatch(id: number): boolean {
    return this.hub.cancel(id);
  }

  /**
   * mvcc/watchable_store.go syncWatchers: catches up watchers replaying history (etcd runs this every
   * 100 ms; writes run it too). Call after announcing a new watch. Returns how many still lag behind.
   */
  syncWatchers(): number {
    return this.hub.sync();
  }

  /** Approximate bytes of retained history, for dbSize in endpoint status. */
  approximateSize(): number {
    return this.h.size();
  }

  /** Everything the store holds (history, revisions, leases) as plain, structured-cloneable data. */
  toSnapshot(): MvccSnapshot {
    return {
      format: 'kubeplay-mvcc/1',
      rev: this.currentRev,
      compactRev: this.compactMainRev,
      minLeaseTtlSec: this.lessor.minTtlSec,
      records: recordsToSnapshot(this.h.allRecords()),
      leases: this.lessor.toRecords(),
    };
  }

  // ---- the backend's view: pages of records, written incrementally --------------------------

  /** The pages whose records changed since the last call (what a backend commit must rewrite). */
  takeDirtyPages(): number[] {
    return this.h.takeDirtyPages();
  }

  /** The records of one page, in (main, sub) order. Live objects: copy them (a disk put does) before keeping them. */
  pageRecords(page: number): readonly MvccRecord[] {
    return this.h.pageRecords(page);
  }

  /** Every page that holds records. */
  pageNumbers(): number[] {
    return this.h.pageNumbers();
  }

  /** Everything toSnapshot holds but the records: small, so a backend commit writes it whole. */
  backendState(): Omit<MvccSnapshot, 'records'> {
    return { format: 'kubeplay-mvcc/1', rev: this.currentRev, compactRev: this.compactMainRev, minLeaseTtlSec: this.lessor.minTtlSec, leases: this.lessor.toRecords() };
  }

  /** A store loaded from a backend: its state and the records of its pages, in page order. Nothing is dirty. */
  static fromBackend(state: Omit<MvccSnapshot, 'records'>, records: MvccSnapshot['records'], opts: MvccStoreOptions = {}): MvccStore {
    const st = MvccStore.fromSnapshot({ ...state, records }, opts);
    st.takeDirtyPages();
    return st;
  }

  /** mvcc/kvstore.go restore + lessor.go Recover: a store equal to the one snapshotted, lessor demoted, no watchers. */
  static fromSnapshot(s: MvccSnapshot, opts: MvccStoreOptions = {}): MvccStore {
    if (s.format !== 'kubeplay-mvcc/1') throw new Error(`mvcc: unknown snapshot format ${String(s.format)}`);
    const st = new MvccStore({ minLeaseTtlSec: opts.minLeaseTtlSec ?? s.minLeaseTtlSec, maxTxnOps: opts.maxTxnOps });
    for (const rec of recordsFromSnapshot(s.records)) st.h.append(rec);
    st.h.trimLog(s.compactRev);
    st.compactMainRev = s.compactRev;
    st.currentRev = Math.max(s.rev, s.compactRev);
    st.lessor.restore(s.leases);
    // kvstore.go restore: attach every live key to its lease (a lease that is gone is skipped).
    st.h.forEachLive({ key: '\0', end: '' }, st.currentRev, (kv) => {
      if (kv.lease !== 0n && st.lessor.has(kv.lease)) st.lessor.attach(kv.lease, kv.key);
    });
    return st;
  }

  // Runs `f` in one write transaction and commits it: a new revision if it changed anything, then
  // the watchers (watchable_store_txn.go End).
  private write<T>(f: (w: WriteTxn) => T): T {
    const w = new WriteTxn(this.h, this.lessor, this.currentRev, this.compactMainRev);
    try {
      return f(w);
    } finally {
      if (w.changes.length > 0) {
        this.currentRev++;
        this.hub.sync();
        this.hub.notify(this.currentRev, w.changes);
      }
    }
  }

  // lessor.go Revoke's RangeDeleter: the lease's keys go in one txn, one DeleteRange per key.
  private deleteKeys(keys: string[]): KeyValue[] {
    return this.write((w) => {
      const deleted: KeyValue[] = [];
      for (const key of keys) {
        deleted.push(...w.kvsIn({ key, end: null }));
        w.deleteKeys({ key, end: null });
      }
      return deleted;
    });
  }
}
