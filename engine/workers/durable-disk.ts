// The main thread's copy of a worker process's disk: what survives the Worker. Values arrive already
// copied (structured clone across postMessage), so unlike MemoryDisk it takes them without cloning
// again; reads still hand out copies.

import type { Disk } from '../sim/env';
import type { DiskOp } from './protocol';

/** A Disk kept on the main thread for a process that runs in a Worker. */
export class DurableDisk implements Disk {
  private readonly data = new Map<string, unknown>();
  /** Counts writes, so readers can tell whether anything changed. */
  writes = 0;

  get<T>(key: string): T | undefined {
    const v = this.data.get(key);
    return v === undefined ? undefined : (structuredClone(v) as T);
  }
  put(key: string, value: unknown): void {
    this.apply([['put', key, structuredClone(value)]]);
  }
  delete(key: string): void {
    this.apply([['delete', key]]);
  }
  keys(prefix = ''): string[] {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
  /** Applies a worker's journal; the values become this disk's own (the caller must not keep them). */
  apply(ops: DiskOp[]): void {
    for (const op of ops) {
      if (op[0] === 'put') this.data.set(op[1], op[2]);
      else this.data.delete(op[1]);
    }
    this.writes += ops.length;
  }
  /** The whole disk as plain data, to seed a fresh Worker on restart. */
  dump(): [string, unknown][] {
    return [...this.data.entries()];
  }
}
