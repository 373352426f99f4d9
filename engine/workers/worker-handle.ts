// The main thread's grip on one Worker: its Comlink control proxy, its main port (tick orders out,
// disk writes and reports in), and its death. Once the worker is terminated or fails, every pending
// call rejects and every awaited report resolves to null, so nothing on the main thread (and no UI
// waiting on it) can hang on a dead worker.

import * as Comlink from 'comlink';
import type { NetworkOptions } from '../sim/network';
import type { TickOrder, TickReport, WorkerControl } from './protocol';

/** The parts of a Worker the host uses; an in-thread stand-in implements it for tests. */
export interface WorkerLike extends Comlink.Endpoint {
  terminate(): void;
}

/** Builds a fresh Worker, named for the pool it will hold (called again when a pool restarts). */
export type WorkerSpawner = (pool: string) => WorkerLike;

/** A spawned worker as WorkerHost drives it. */
export class WorkerHandle {
  private readonly remote: Comlink.Remote<WorkerControl>;
  private readonly port: MessagePort;
  /** The worker's end of the main port, until `open` hands it over. */
  private readonly portForWorker: MessagePort;
  private readonly waiters = new Map<number, (r: TickReport | null) => void>();
  private readonly early = new Map<number, TickReport>();
  private readonly dead: Promise<never>;
  private markDead!: (reason: Error) => void;
  private readonly onError = (ev: Event) => this.terminate(describeWorkerError(ev));
  /** Why the worker is gone (terminated, failed to load, threw outside the process); null while alive. */
  deathReason: string | null = null;

  private constructor(private readonly worker: WorkerLike) {
    this.remote = Comlink.wrap<WorkerControl>(worker);
    this.dead = new Promise<never>((_, reject) => (this.markDead = reject));
    this.dead.catch(() => {}); // observed through call(); never an unhandled rejection
    worker.addEventListener('error', this.onError);
    worker.addEventListener('messageerror', this.onError);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.addEventListener('message', (ev: MessageEvent<TickReport>) => this.settle(ev.data.tick, ev.data));
    port1.start();
    this.portForWorker = port2;
  }

  /** Spawns and waits until the worker has loaded and holds its main port; rejects if it cannot load. */
  static async open(worker: WorkerLike, seed: number, network: NetworkOptions, loadTimeoutMs = 30_000): Promise<WorkerHandle> {
    const h = new WorkerHandle(worker);
    const timer = setTimeout(() => h.terminate(`worker did not load within ${loadTimeoutMs} ms`), loadTimeoutMs);
    try {
      await h.call((r) => r.ping());
      const port = h.portForWorker;
      await h.call((r) => r.attach(Comlink.transfer(port, [port]), seed, network));
      return h;
    } catch (e) {
      h.terminate(e instanceof Error ? e.message : String(e));
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** False once terminated or failed. */
  get alive(): boolean {
    return this.deathReason === null;
  }

  /** A control call that rejects as soon as the worker dies, whatever Comlink is still waiting for. */
  call<T>(fn: (remote: Comlink.Remote<WorkerControl>) => Promise<T>): Promise<T> {
    if (!this.alive) return Promise.reject(new Error(this.deathReason!));
    return Promise.race([fn(this.remote), this.dead]);
  }

  /** Posts a tick order (with the ports its ops hand over). */
  post(order: TickOrder, transfer: Transferable[] = []): void {
    if (this.alive) this.port.postMessage(order, transfer);
  }

  /** The report for `tick`; null if the worker dies first (see `terminate` for giving up on a silent one). */
  report(tick: number): Promise<TickReport | null> {
    if (!this.alive) return Promise.resolve(null);
    const ready = this.early.get(tick);
    if (ready) {
      this.early.delete(tick);
      return Promise.resolve(ready);
    }
    return new Promise((resolve) => this.waiters.set(tick, resolve));
  }

  /** Ends the worker for real (Worker.terminate) and settles everything pending. */
  terminate(reason = 'terminated'): void {
    if (!this.alive) return;
    this.deathReason = reason;
    this.worker.terminate();
    this.worker.removeEventListener('error', this.onError);
    this.worker.removeEventListener('messageerror', this.onError);
    this.port.close();
    this.markDead(new Error(reason));
    for (const resolve of this.waiters.values()) resolve(null);
    this.waiters.clear();
    this.early.clear();
  }

  private settle(tick: number, report: TickReport): void {
    const w = this.waiters.get(tick);
    if (w) {
      this.waiters.delete(tick);
      w(report);
    } else this.early.set(tick, report);
  }
}

/** What a Worker's error or messageerror event says, as a reason its Worker is gone. */
export function describeWorkerError(ev: Event, worker = 'worker'): string {
  const e = ev as ErrorEvent;
  if (e.message) return `${worker} error: ${e.message}${e.filename ? ` (${e.filename}:${e.lineno})` : ''}`;
  return ev.type === 'messageerror' ? `${worker} error: a message could not be deserialized` : `${worker} error: the worker failed to load or crashed`;
}
