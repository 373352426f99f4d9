// Watchers (mvcc/watchable_store.go, watcher_group.go, and the prev_kv lookup in
// etcdserver/api/v3rpc/watch.go sendLoop). A watcher is "synced" when it has seen everything up
// to the current revision and then gets each new revision's events as one response; otherwise it
// is "unsynced" and catches up from history in syncWatchers, up to 1000 revisions per response.

import type { KeyValue, WatchCreateRequest, WatchEvent } from '../types';
import { ErrEmptyWatcherRange, MvccError } from './errors';
import { compareKeys, inRange, toKeyRange, type KeyRange } from './keys';
import type { KvHistory, Rec } from './kvindex';

/** One response to a watcher: its events and the revision the header carries. */
export interface WatchNotice {
  events: WatchEvent[];
  /** Header revision: the event revision for a live update, the store revision for a catch-up, 0 on compaction. */
  revision: number;
  /** Set when the watcher was cancelled because its start revision was compacted. */
  canceled?: boolean;
  /** The compaction revision that cancelled it. */
  compact_revision?: number;
}

/** Receives a watcher's responses. */
export type WatchCallback = (n: WatchNotice) => void;

/** watcher_group.go watchBatchMaxRevs: at most this many revisions per catch-up response. */
export const watchBatchMaxRevs = 1000;

interface Watcher {
  id: number;
  range: KeyRange;
  /** The next revision this watcher needs (watcher.minRev). */
  minRev: number;
  prevKv: boolean;
  cb: WatchCallback;
  synced: boolean;
}

/** What the watchers read from the store. */
export interface WatchSource {
  history: KvHistory;
  currentRev(): number;
  /** The compaction revision, -1 when never compacted. */
  compactRev(): number;
}

/** The watchers of one store: creation, cancellation, live notification and catch-up. */
export class WatcherHub {
  private readonly watchers = new Map<number, Watcher>();
  private nextId = 0;
  private unsynced = 0;

  constructor(private readonly src: WatchSource) {}

  /**
   * watchable_store.go watch: start_revision 0 (or beyond the current revision) makes a synced
   * watcher that sees only revisions from max(current+1, start); otherwise it is unsynced and will
   * replay history from start_revision inclusive at the next sync. Never calls `cb` synchronously.
   */
  watch(req: WatchCreateRequest, cb: WatchCallback): number {
    const range = toKeyRange(req.key, req.range_end);
    // watcher.go Watch: a range whose end is not after its key is empty.
    if (range.end !== null && range.end !== '' && compareKeys(range.key, range.end) >= 0) {
      throw new MvccError('InvalidArgument', ErrEmptyWatcherRange);
    }
    const cur = this.src.currentRev();
    const start = req.start_revision ?? 0;
    const synced = start === 0 || start > cur;
    const id = this.nextId++;
    this.watchers.set(id, { id, range, minRev: synced ? Math.max(cur + 1, start) : start, prevKv: !!req.prev_kv, cb, synced });
    if (!synced) this.unsynced++;
    return id;
  }

  /** Removes watcher `id`; false if there was none. */
  cancel(id: number): boolean {
    const w = this.watchers.get(id);
    if (!w) return false;
    if (!w.synced) this.unsynced--;
    return this.watchers.delete(id);
  }

  /** How many watchers still have history to catch up on. */
  unsyncedCount(): number {
    return this.unsynced;
  }

  /** watchable_store.go notify: hands the records of revision `rev` to every synced watcher that wants them. */
  notify(rev: number, recs: readonly Rec[]): void {
    for (const w of this.watchers.values()) {
      if (!w.synced || rev < w.minRev) continue;
      let evs: WatchEvent[] | undefined;
      for (const r of recs) if (inRange(w.range, r.kv.key)) (evs ??= []).push(this.toEvent(r, w.prevKv));
      if (evs) w.cb({ events: evs, revision: rev });
    }
  }

  /**
   * watchable_store.go syncWatchers: cancels unsynced watchers whose next revision was compacted
   * (compact_revision set, header revision 0), sends the rest their history since minRev up to
   * the current revision in one response (watchBatchMaxRevs at most), and marks them synced once
   * nothing is left. Returns how many stay unsynced.
   */
  sync(): number {
    if (this.unsynced === 0) return 0;
    const cur = this.src.currentRev();
    const compactRev = this.src.compactRev();
    for (const w of [...this.watchers.values()]) {
      // A callback may have cancelled a watcher further down the list.
      if (w.synced || !this.watchers.has(w.id)) continue;
      if (w.minRev < compactRev) {
        this.cancel(w.id);
        w.cb({ events: [], revision: 0, canceled: true, compact_revision: compactRev });
        continue;
      }
      const { recs, moreRev } = this.batch(w, cur);
      w.minRev = moreRev || Math.max(cur + 1, w.minRev);
      if (!moreRev) {
        w.synced = true;
        this.unsynced--;
      }
      if (recs.length > 0) w.cb({ events: recs.map((r) => this.toEvent(r, w.prevKv)), revision: cur });
    }
    return this.unsynced;
  }

  // watcher_group.go eventBatch.add: the watcher's records from minRev on, cut after
  // watchBatchMaxRevs distinct revisions; moreRev is the first revision left out (0 if none).
  private batch(w: Watcher, cur: number): { recs: Rec[]; moreRev: number } {
    const h = this.src.history;
    // A single-key watcher reads that key's own history instead of the whole revision log.
    const single = w.range.end === null;
    const { log, start } = single ? { log: h.keyRecords(w.range.key), start: 0 } : h.logFrom(w.minRev);
    const recs: Rec[] = [];
    let revs = 0;
    for (let i = start; i < log.length; i++) {
      const r = log[i];
      if (r.main < w.minRev || r.main > cur || !inRange(w.range, r.kv.key)) continue;
      if (recs.length === 0 || r.main > recs[recs.length - 1].main) {
        if (++revs > watchBatchMaxRevs) return { recs, moreRev: r.main };
      }
      recs.push(r);
    }
    return { recs, moreRev: 0 };
  }

  // mvccpb.Event from a record; prev_kv is the key at mod_revision-1 unless the event created the
  // key or that revision is compacted (v3rpc/watch.go sendLoop).
  private toEvent(r: Rec, wantPrev: boolean): WatchEvent {
    const ev: WatchEvent = { type: r.tombstone ? 'DELETE' : 'PUT', kv: { ...r.kv } };
    if (wantPrev && !(!r.tombstone && r.kv.create_revision === r.kv.mod_revision)) {
      const prev = this.prevKvAt(r.kv.key, r.main - 1);
      if (prev) ev.prev_kv = { ...prev };
    }
    return ev;
  }

  private prevKvAt(key: string, rev: number): KeyValue | undefined {
    if (rev < this.src.compactRev() || rev <= 0) return undefined;
    return this.src.history.liveAt(key, rev);
  }
}
