// The Raft log of one node: a snapshot prefix followed by entries, with the committed and applied
// marks and the index from which entries are not yet on disk. Models etcd-io/raft log.go together
// with log_unstable.go and storage.go (one structure here, since the host persists synchronously).

import type { Entry, Snapshot } from './types';

/** The entries of one node, after its latest snapshot. */
export class RaftLog {
  /** The last index and term folded into the snapshot; entries start right after it. */
  snapIndex = 0;
  snapTerm = 0;
  entries: Entry[] = [];
  committed = 0;
  applied = 0;
  /** Entries at or above this index have not been handed to the host for persistence yet. */
  unstableFrom = 1;

  firstIndex(): number {
    return this.snapIndex + 1;
  }
  lastIndex(): number {
    return this.snapIndex + this.entries.length;
  }
  lastTerm(): number {
    return this.term(this.lastIndex())!;
  }

  /** The term of entry `i`, or undefined when it is compacted away or beyond the end. */
  term(i: number): number | undefined {
    if (i === this.snapIndex) return this.snapTerm;
    if (i < this.snapIndex || i > this.lastIndex()) return undefined;
    return this.entries[i - this.snapIndex - 1].term;
  }

  matchTerm(i: number, term: number): boolean {
    return this.term(i) === term;
  }

  /** §5.4.1: a candidate's log is at least as up-to-date as ours. */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    const myTerm = this.lastTerm();
    return lastTerm > myTerm || (lastTerm === myTerm && lastIndex >= this.lastIndex());
  }

  /** Entries in [lo, hi); lo must be >= firstIndex. */
  slice(lo: number, hi: number): Entry[] {
    return this.entries.slice(lo - this.snapIndex - 1, hi - this.snapIndex - 1);
  }

  /** Appends entries that start right after lastIndex, or overwrite a conflicting tail. */
  append(ents: Entry[]): void {
    if (ents.length === 0) return;
    const after = ents[0].index - 1;
    if (after < this.committed) throw new Error(`raft: entry ${after + 1} would overwrite committed index ${this.committed}`);
    if (after < this.lastIndex()) this.entries.length = after - this.snapIndex;
    this.entries.push(...ents);
    this.unstableFrom = Math.min(this.unstableFrom, ents[0].index);
  }

  /**
   * The first index where `ents` disagree with the log (a different term at the same index, or past
   * the end), or 0 when every entry is already there. Models log.go findConflict.
   */
  findConflict(ents: Entry[]): number {
    for (const e of ents) if (!this.matchTerm(e.index, e.term)) return e.index;
    return 0;
  }

  /**
   * Handles a leader's append: if our log holds (prevIndex, prevTerm) (§5.3's consistency check),
   * keeps what matches, replaces a conflicting tail and advances commit. Returns the last index the
   * message covers, or null on a mismatch. Models log.go maybeAppend.
   */
  maybeAppend(prevIndex: number, prevTerm: number, commit: number, ents: Entry[]): number | null {
    if (!this.matchTerm(prevIndex, prevTerm)) return null;
    const lastNew = prevIndex + ents.length;
    const ci = this.findConflict(ents);
    if (ci !== 0) this.append(ents.slice(ci - prevIndex - 1));
    this.commitTo(Math.min(commit, lastNew));
    return lastNew;
  }

  commitTo(index: number): void {
    if (index > this.committed) {
      if (index > this.lastIndex()) throw new Error(`raft: commit ${index} is out of range [last ${this.lastIndex()}]`);
      this.committed = index;
    }
  }

  /** Entries committed but not yet applied. */
  nextCommitted(): Entry[] {
    if (this.committed <= this.applied) return [];
    return this.slice(Math.max(this.applied + 1, this.firstIndex()), this.committed + 1);
  }

  appliedTo(index: number): void {
    this.applied = Math.max(this.applied, index);
  }

  /** Entries not yet persisted; marks them handed over. */
  takeUnstable(): Entry[] {
    const from = Math.max(this.unstableFrom, this.firstIndex());
    const ents = from <= this.lastIndex() ? this.slice(from, this.lastIndex() + 1) : [];
    this.unstableFrom = this.lastIndex() + 1;
    return ents;
  }

  /** Replaces the whole log with a snapshot (a follower far behind, §7). */
  restore(snap: Snapshot): void {
    this.snapIndex = snap.index;
    this.snapTerm = snap.term;
    this.entries = [];
    this.committed = snap.index;
    this.applied = snap.index;
    this.unstableFrom = snap.index + 1;
  }

  /** Drops entries up to and including `index`, which must be applied (log compaction, §7). */
  compact(index: number, term: number): void {
    if (index <= this.snapIndex) return;
    if (index > this.applied) throw new Error(`raft: compact ${index} is beyond applied ${this.applied}`);
    this.entries = this.entries.slice(index - this.snapIndex);
    this.snapIndex = index;
    this.snapTerm = term;
  }
}
