// Exponential back-off per key on the simulated clock, as client-go's flowcontrol.Backoff (the
// kubelet builds two: CrashLoopBackOff for containers and the image pull back-off, both 10 s
// doubling to 300 s). An entry not touched for twice the maximum starts over, which is why a
// container that ran fine for 10 minutes gets the short back-off again.

// Models staging/src/k8s.io/client-go/util/flowcontrol/backoff.go

interface Entry {
  backoffMs: number;
  lastUpdateMs: number;
}

/** The kubelet's back-off period and its cap (pkg/kubelet/kubelet.go backOffPeriod, MaxContainerBackOff). */
export const backOffPeriodMs = 10_000;
export const maxContainerBackOffMs = 300_000;

/** flowcontrol.Backoff without jitter (the kubelet's maxJitterFactor is 0). */
export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    readonly initialMs = backOffPeriodMs,
    readonly maxMs = maxContainerBackOffMs,
  ) {}

  /** The current back-off of `id` (0 when it has none). */
  get(id: string): number {
    return this.entries.get(id)?.backoffMs ?? 0;
  }

  /** Moves `id` to its next back-off (initial, or doubled up to the cap), as of `eventTimeMs`. */
  next(id: string, eventTimeMs: number): void {
    const e = this.entries.get(id);
    if (!e || hasExpired(eventTimeMs, e.lastUpdateMs, this.maxMs)) this.entries.set(id, { backoffMs: this.initialMs, lastUpdateMs: this.now() });
    else {
      e.backoffMs = Math.min(e.backoffMs * 2, this.maxMs);
      e.lastUpdateMs = this.now();
    }
  }

  /** Whether less than the back-off has passed since `eventTimeMs` (a container's last finish). */
  isInBackOffSince(id: string, eventTimeMs: number): boolean {
    const e = this.entries.get(id);
    if (!e || hasExpired(eventTimeMs, e.lastUpdateMs, this.maxMs)) return false;
    return this.now() - eventTimeMs < e.backoffMs;
  }

  /** Whether less than the back-off has passed since the last update (the image pull back-off). */
  isInBackOffSinceUpdate(id: string, eventTimeMs: number): boolean {
    const e = this.entries.get(id);
    if (!e || hasExpired(eventTimeMs, e.lastUpdateMs, this.maxMs)) return false;
    return eventTimeMs - e.lastUpdateMs < e.backoffMs;
  }

  /** Forgets `id`. */
  reset(id: string): void {
    this.entries.delete(id);
  }

  /** Drops entries untouched for twice the maximum. */
  gc(): void {
    const now = this.now();
    for (const [id, e] of this.entries) if (now - e.lastUpdateMs > this.maxMs * 2) this.entries.delete(id);
  }
}

// After 2 × max without an update the entry counts as stable and starts over.
function hasExpired(eventTimeMs: number, lastUpdateMs: number, maxMs: number): boolean {
  return eventTimeMs - lastUpdateMs > maxMs * 2;
}
