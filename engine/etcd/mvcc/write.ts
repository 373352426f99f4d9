// One write transaction: every write in it lands on revision beginRev+1, reads inside it see the
// writes made so far (mvcc/kvstore_txn.go storeTxnWrite), and the per-op responses carry the
// revisions etcd puts in them (etcdserver/apply.go Put, DeleteRange, Range with a txn).

import type { DeleteRangeRequest, DeleteRangeResponse, KeyValue, PutRequest, PutResponse, RangeRequest, RangeResponse, ResponseHeader, LeaseID } from '../types';
import { keyNotFoundError } from './errors';
import { toKeyRange, type KeyRange } from './keys';
import type { KvHistory, Rec } from './kvindex';
import type { Lessor } from './lessor';
import { rangeAt } from './read';

/** A header as etcd's applier fills it for a response inside a txn: only the revision is set. */
export function opHeader(revision: number): ResponseHeader {
  return { cluster_id: 0n, member_id: 0n, revision, raft_term: 0 };
}

/** A write transaction over the history; the store commits it by bumping its revision if it changed anything. */
export class WriteTxn {
  /** Records written so far, in sub-revision order (storeTxnWrite.changes). */
  readonly changes: Rec[] = [];

  constructor(
    private readonly h: KvHistory,
    private readonly lessor: Lessor,
    /** The store revision when the txn began; its writes go to beginRev + 1. */
    readonly beginRev: number,
    private readonly compactRev: number,
  ) {}

  /** The revision reads inside the txn see: beginRev, or beginRev+1 once something was written (storeTxnWrite.Range). */
  get readRev(): number {
    return this.changes.length > 0 ? this.beginRev + 1 : this.beginRev;
  }

  /** The live keys of `r` at readRev, for compares and prev_kv. */
  kvsIn(r: KeyRange): KeyValue[] {
    const out: KeyValue[] = [];
    this.h.forEachLive(r, this.readRev, (kv) => void out.push({ ...kv }));
    return out;
  }

  /** apply.go Range with a txn: header revision is readRev. */
  range(req: RangeRequest): RangeResponse {
    const rev = this.readRev;
    return { header: opHeader(rev), ...rangeAt(this.h, req, rev, this.compactRev) };
  }

  /** apply.go Put with a txn (lease existence is checked by the caller, as etcd checks it before the txn). */
  put(req: PutRequest): PutResponse {
    let value = req.value ?? '';
    let lease = req.lease ?? 0n;
    let prev: KeyValue | undefined;
    if (req.ignore_value || req.ignore_lease || req.prev_kv) prev = this.kvsIn({ key: req.key, end: null })[0];
    if ((req.ignore_value || req.ignore_lease) && !prev) throw keyNotFoundError();
    if (req.ignore_value) value = prev!.value;
    if (req.ignore_lease) lease = prev!.lease;
    this.putKey(req.key, value, lease);
    const res: PutResponse = { header: opHeader(this.beginRev + 1) };
    if (req.prev_kv && prev) res.prev_kv = prev;
    return res;
  }

  /** apply.go DeleteRange with a txn: header revision is beginRev+1 once the txn has written anything. */
  deleteRange(req: DeleteRangeRequest): DeleteRangeResponse {
    const r = toKeyRange(req.key, req.range_end);
    const prevKvs = req.prev_kv ? this.kvsIn(r) : [];
    const deleted = this.deleteKeys(r);
    return { header: opHeader(this.changes.length > 0 ? this.beginRev + 1 : this.beginRev), deleted, prev_kvs: prevKvs };
  }

  /** kvstore_txn.go deleteRange: tombstones every key live in `r`; returns how many. */
  deleteKeys(r: KeyRange): number {
    const keys: string[] = [];
    this.h.forEachLive(r, this.readRev, (kv) => void keys.push(kv.key));
    for (const k of keys) this.tombstone(k);
    return keys.length;
  }

  // kvstore_txn.go put: keep create_revision while the key lives, version+1, move the key's lease.
  private putKey(key: string, value: string, lease: LeaseID): void {
    const rev = this.beginRev + 1;
    const prev = this.h.liveAt(key, rev);
    const oldLease = prev ? this.lessor.getLease(key) : 0n;
    const kv: KeyValue = {
      key,
      create_revision: prev ? prev.create_revision : rev,
      mod_revision: rev,
      version: (prev ? prev.version : 0) + 1,
      value,
      lease,
    };
    this.record(kv, false);
    if (oldLease !== 0n) this.lessor.detach(oldLease, key);
    if (lease !== 0n) this.lessor.attach(lease, key);
  }

  // kvstore_txn.go delete: a tombstone holds only the key and (for watchers) the revision.
  private tombstone(key: string): void {
    const rev = this.beginRev + 1;
    this.record({ key, create_revision: 0, mod_revision: rev, version: 0, value: '', lease: 0n }, true);
    const lease = this.lessor.getLease(key);
    if (lease !== 0n) this.lessor.detach(lease, key);
  }

  private record(kv: KeyValue, tombstone: boolean): void {
    const rec: Rec = { main: this.beginRev + 1, sub: this.changes.length, kv, tombstone };
    this.h.append(rec);
    this.changes.push(rec);
  }
}
