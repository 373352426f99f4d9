// When kube-proxy syncs: as soon as a change asks for it, but no more often than minSyncPeriod
// (after a burst of two), and at least every syncPeriod even with no change. A token bucket of
// `burst` tokens refilled one per minInterval, on the simulated clock. Models
// pkg/util/async/bounded_frequency_runner.go (Run, tryRun, the maxInterval timer) as the proxiers
// create it with burstSyncs = 2.

/** BoundedFrequencyRunner as data: the process asks `nextRunAt` and sets one timer for it. */
export class BoundedFrequencyRunner {
  private tokens: number;
  private lastRefill = 0;
  private pending = false;
  private lastRun = 0;

  constructor(
    private minIntervalMs: number,
    private maxIntervalMs: number,
    private readonly burst = 2,
    startMs = 0,
  ) {
    this.tokens = burst;
    this.lastRefill = startMs;
    this.lastRun = startMs;
  }

  /** Changes the intervals (a new configuration), keeping the tokens. */
  setIntervals(minIntervalMs: number, maxIntervalMs: number): void {
    this.minIntervalMs = minIntervalMs;
    this.maxIntervalMs = maxIntervalMs;
  }

  /** Run(): a sync is wanted as soon as allowed. */
  run(): void {
    this.pending = true;
  }

  /** Whether a requested sync has not run yet. */
  get isPending(): boolean {
    return this.pending;
  }

  private refill(now: number): void {
    if (this.minIntervalMs <= 0) {
      this.tokens = this.burst;
      this.lastRefill = now;
      return;
    }
    this.tokens = Math.min(this.burst, this.tokens + (now - this.lastRefill) / this.minIntervalMs);
    this.lastRefill = now;
  }

  /** When the next sync should run: now or when a token is back if one is pending, else at the periodic deadline. */
  nextRunAt(now: number): number {
    this.refill(now);
    const periodic = this.lastRun + this.maxIntervalMs;
    if (!this.pending) return periodic;
    if (this.minIntervalMs <= 0 || this.tokens >= 1) return now;
    return Math.min(periodic, now + Math.ceil((1 - this.tokens) * this.minIntervalMs));
  }

  /** The sync ran at `now`: it takes a token and restarts the periodic deadline. */
  ran(now: number): void {
    this.refill(now);
    if (this.minIntervalMs > 0) this.tokens = Math.max(0, this.tokens - 1);
    this.pending = false;
    this.lastRun = now;
  }
}
