// A worker's view of its process's disk. The durable copy lives on the main thread (a worker can be
// terminated at any moment, and its memory with it), so every write is also journaled here and
// shipped to the main thread in the tick's report; a peer takes the tick's messages only once the
// main thread has that report (its next tick order says so): Raft's "persist before you send"
// (§5.1, Figure 2) then holds across a kill.

import type { Disk } from '../sim/env';
import { copyPlain } from '../sim/hash';
import type { DiskOp } from './protocol';

/** A Disk that remembers its writes until they are taken. */
export class JournaledDisk implements Disk {
  private readonly data: Map<string, unknown>;
  private journal: DiskOp[] = [];

  constructor(entries: [string, unknown][] = []) {
    this.data = new Map(entries);
  }

  get<T>(key: string): T | undefined {
    const v = this.data.get(key);
    return v === undefined ? undefined : copyPlain(v as T);
  }
  put(key: string, value: unknown): void {
    // One clone serves both copies: neither is ever handed to the process uncloned.
    const copy = copyPlain(value);
    this.data.set(key, copy);
    this.journal.push(['put', key, copy]);
  }
  delete(key: string): void {
    this.data.delete(key);
    this.journal.push(['delete', key]);
  }
  keys(prefix = ''): string[] {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
  /** The writes since the last call, in order. */
  takeJournal(): DiskOp[] {
    const j = this.journal;
    this.journal = [];
    return j;
  }
}
