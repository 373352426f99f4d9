// Maps wall time to simulated time: speed × wall time since the last anchor, with pause. When the
// host falls behind (a slow stretch, a throttled background tab) the debt is forgotten rather than
// repaid in a sprint: the clock is never asked to be more than `maxLagWallMs` of wall time ahead.

/** The pace of a host's virtual clock. */
export class Pacer {
  private anchorWall = 0;
  private anchorSim = 0;
  private speedValue = 1;
  private pausedValue = true;

  constructor(
    private readonly wallNow: () => number = () => performance.now(),
    private readonly maxLagWallMs = 100,
  ) {}

  /** Simulated ms per wall ms; Infinity means "as fast as the host can go". */
  get speed(): number {
    return this.speedValue;
  }
  /** Whether the clock stands still. */
  get paused(): boolean {
    return this.pausedValue;
  }

  /** Where the clock should be now, given that it is at `clock`. */
  target(clock: number): number {
    if (this.pausedValue) return clock;
    if (this.speedValue === Infinity) return Infinity;
    const wall = this.wallNow();
    const t = this.anchorSim + (wall - this.anchorWall) * this.speedValue;
    const cap = clock + this.maxLagWallMs * this.speedValue;
    if (t <= cap) return t;
    this.anchor(cap);
    return cap;
  }

  /** Wall ms until the clock should reach `sim` (Infinity while paused). */
  wallMsUntil(sim: number): number {
    if (this.pausedValue) return Infinity;
    if (this.speedValue === Infinity) return 0;
    const now = this.anchorSim + (this.wallNow() - this.anchorWall) * this.speedValue;
    return Math.max(0, (sim - now) / this.speedValue);
  }

  /** Changes speed from now on; the clock continues from `clock`. */
  setSpeed(speed: number, clock: number): void {
    if (!(speed > 0)) throw new Error(`speed must be positive, got ${speed}`);
    this.anchor(clock);
    this.speedValue = speed;
  }
  /** Stops the clock. */
  pause(): void {
    this.pausedValue = true;
  }
  /** Starts the clock again from `clock`. */
  resume(clock: number): void {
    this.anchor(clock);
    this.pausedValue = false;
  }

  private anchor(sim: number): void {
    this.anchorWall = this.wallNow();
    this.anchorSim = sim;
  }
}
