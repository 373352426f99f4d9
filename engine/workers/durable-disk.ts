// The main thread's copy of a worker process's disk: what survives the Worker. Values arrive already
// copied (structured clone across postMessage), so a journal is applied without cloning again.

import { MemoryDisk } from '../sim/env';
import type { DiskOp } from './protocol';

/** A Disk kept on the main thread for a process that runs in a Worker. */
export class DurableDisk extends MemoryDisk {
  /** Applies a worker's journal; the values become this disk's own (the caller must not keep them). */
  apply(ops: DiskOp[]): void {
    for (const op of ops) {
      if (op[0] === 'put') this.data.set(op[1], op[2]);
      else this.data.delete(op[1]);
    }
    this.writes += ops.length;
  }
}
