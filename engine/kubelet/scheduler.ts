// Time inside one kubelet. The kubelet is full of goroutines that sleep (a pod worker pulling an
// image, a probe worker's ticker, StopContainer's grace period); here each is a coroutine
// (engine/sim/co.ts) parked on a timer of this queue. The process hands time in with `runUntil`
// and asks `nextAt` when to come back: nothing runs between those calls, so a node replays exactly.

import { Coroutine, suspend, type Co, type Outcome } from '../sim/co';
import { Heap } from '../sim/heap';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** Undoes a timer that has not fired. */
export type CancelTimer = () => void;

/** A deterministic timer queue with coroutines on top: the kubelet's only clock. */
export class Scheduler {
  private readonly heap = new Heap<Timer>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private seq = 0;
  private current: number;

  constructor(startMs = 0) {
    this.current = startMs;
  }

  /** The simulated ms of what is running now (a timer's own due time while it fires). */
  now(): number {
    return this.current;
  }

  /** Runs `fn` at `atMs` (at once, on the next run, when that is already past). */
  at(atMs: number, fn: () => void): CancelTimer {
    const t: Timer = { at: Math.max(atMs, this.current), seq: this.seq++, fn, cancelled: false };
    this.heap.push(t);
    return () => {
      t.cancelled = true;
    };
  }

  /** Runs `fn` after `ms`. */
  after(ms: number, fn: () => void): CancelTimer {
    return this.at(this.current + Math.max(0, ms), fn);
  }

  /** Fires every timer due by `nowMs` in (time, order set) order, then stands at `nowMs`. */
  runUntil(nowMs: number): void {
    for (;;) {
      const top = this.heap.peek();
      if (!top || top.at > nowMs) break;
      this.heap.pop();
      if (top.cancelled) continue;
      this.current = Math.max(this.current, top.at);
      top.fn();
    }
    this.current = Math.max(this.current, nowMs);
  }

  /** When the earliest live timer is due; null when nothing is waiting. */
  nextAt(): number | null {
    for (;;) {
      const top = this.heap.peek();
      if (!top) return null;
      if (!top.cancelled) return top.at;
      this.heap.pop();
    }
  }

  /** A coroutine step that waits `ms` of simulated time. */
  sleep(ms: number): Co<void> {
    return suspend<void>((resume) => this.after(ms, () => resume(undefined)));
  }

  /** A coroutine step that waits until `atMs`. */
  sleepUntil(atMs: number): Co<void> {
    return suspend<void>((resume) => this.at(atMs, () => resume(undefined)));
  }

  /** Starts a coroutine now; `done` hears how it ended. */
  spawn<T>(co: Co<T>, done: (outcome: Outcome<T>) => void = () => {}): Coroutine<T> {
    return new Coroutine(co, done).start();
  }
}
