// client-go's rate-limited work queue (util/workqueue): a key added while it waits is queued once
// (dirty set), a key being processed is never handed to a second worker (processing set) and is
// queued again after `done` if it was added meanwhile; `addAfter` delays, `addRateLimited` delays
// by the controller rate limiter (the larger of a per-item exponential 5 ms → 1000 s and a token
// bucket of 10 qps, burst 100: DefaultTypedControllerRateLimiter). Workers wait in `get` as
// coroutines; timers are the process's callback timers (engine/sim/callbacks.ts).

import type { Callbacks } from '../sim/callbacks';
import { suspend, type Co } from '../sim/co';

/** What a controller's code asks of its queue; tests record these calls. */
export interface Queue {
  add(key: string): void;
  addAfter(key: string, ms: number): void;
  addRateLimited(key: string): void;
  forget(key: string): void;
  numRequeues(key: string): number;
}

/** Per-item exponential backoff: 5 ms × 2^failures, at most 1000 s (ItemExponentialFailureRateLimiter). */
export class ItemExponentialFailureRateLimiter {
  private readonly failures = new Map<string, number>();
  constructor(
    private readonly baseMs = 5,
    private readonly maxMs = 1_000_000,
  ) {}
  when(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    return Math.min(this.maxMs, this.baseMs * 2 ** n);
  }
  forget(key: string): void {
    this.failures.delete(key);
  }
  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }
}

/** A token bucket (golang.org/x/time/rate's Limiter.Reserve): the wait before the next token. */
export class BucketRateLimiter {
  private tokens: number;
  private lastMs = 0;
  constructor(
    private readonly qps = 10,
    private readonly burst = 100,
  ) {
    this.tokens = burst;
  }
  when(nowMs: number): number {
    this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.lastMs) / 1000) * this.qps);
    this.lastMs = nowMs;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.qps) * 1000;
  }
}

/** The work queue of one controller. */
export class WorkQueue implements Queue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly waiters: ((key: string | null) => void)[] = [];
  /** Delayed adds, by key: the earliest wins (delaying_queue.go). */
  private readonly delayed = new Map<string, { at: number; cancel: () => void }>();
  private readonly itemLimiter = new ItemExponentialFailureRateLimiter();
  private readonly bucket = new BucketRateLimiter();
  private shuttingDown = false;
  /** Keys handed to workers so far, for telemetry. */
  adds = 0;

  constructor(
    readonly name: string,
    private readonly callbacks: Callbacks,
    private readonly now: () => number,
  ) {}

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.adds++;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.push(key);
  }

  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) return this.add(key);
    const at = this.now() + ms;
    const d = this.delayed.get(key);
    if (d && d.at <= at) return;
    d?.cancel();
    const cancel = this.callbacks.after(ms, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { at, cancel });
  }

  addRateLimited(key: string): void {
    this.addAfter(key, Math.max(this.itemLimiter.when(key), this.bucket.when(this.now())));
  }

  forget(key: string): void {
    this.itemLimiter.forget(key);
  }

  numRequeues(key: string): number {
    return this.itemLimiter.numRequeues(key);
  }

  get len(): number {
    return this.queue.length;
  }

  /** The next key to work on, waiting for one; null once the queue is shut down. */
  *get(): Co<string | null> {
    if (this.queue.length > 0) return this.take();
    if (this.shuttingDown) return null;
    return yield* suspend<string | null>((resume) => {
      const w = (k: string | null) => resume(k);
      this.waiters.push(w);
      return () => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) this.waiters.splice(i, 1);
      };
    });
  }

  /** Marks `key` finished; if it was added while it was processed, it is queued again. */
  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) this.push(key);
  }

  /** Stops handing out keys; waiting workers get null. */
  shutDown(): void {
    this.shuttingDown = true;
    for (const d of this.delayed.values()) d.cancel();
    this.delayed.clear();
    for (const w of this.waiters.splice(0)) w(null);
  }

  private push(key: string): void {
    const w = this.waiters.shift();
    if (w) {
      this.dirty.delete(key);
      this.processing.add(key);
      w(key);
      return;
    }
    this.queue.push(key);
  }

  private take(): string {
    const key = this.queue.shift()!;
    this.dirty.delete(key);
    this.processing.add(key);
    return key;
  }
}
