// Timers that call back, for code inside a process that is not itself a Process (a watch cache, a
// work queue): `after(ms, fn)` sets a real env timer whose tag names the callback, and the owning
// process hands its timer inputs to `fire`. The callback runs inside that process's receive, at the
// simulated instant the timer fires, so nothing escapes the simulation.

import type { Env, TimerId } from './env';
import type { Cancel } from './co';

interface CallbackTag {
  '@cb': number;
}

/** A process's callback timers. */
export class Callbacks {
  private next = 1;
  private readonly pending = new Map<number, { timer: TimerId; fn: () => void }>();

  constructor(private readonly env: Env) {}

  /** Calls `fn` after `ms` simulated ms; the answer cancels it. */
  after(ms: number, fn: () => void): Cancel {
    const id = this.next++;
    const timer = this.env.setTimer(ms, { '@cb': id } satisfies CallbackTag);
    this.pending.set(id, { timer, fn });
    return () => {
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      this.env.cancelTimer(p.timer);
    };
  }

  /** Runs the callback a timer tag names; false when the tag is not one of these. */
  fire(tag: unknown): boolean {
    if (typeof tag !== 'object' || tag === null || typeof (tag as CallbackTag)['@cb'] !== 'number') return false;
    const id = (tag as CallbackTag)['@cb'];
    const p = this.pending.get(id);
    this.pending.delete(id);
    p?.fn();
    return true;
  }

  /** How many callbacks are waiting (for telemetry). */
  get size(): number {
    return this.pending.size;
  }
}
