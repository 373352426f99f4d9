// One process and its own event queue: the Env it sees, its timers, its inbox and its outbox. It has
// no I/O of its own: a host (a Worker, or the main thread for local processes) feeds it messages,
// tells it how far to run, and carries its outbox away. The Env behaves as SimHost's does: the same
// random stream for the same seed, id and incarnation; timers and messages ordered by (time, seq).

import { Heap } from '../sim/heap';
import type { Disk, Env, Process, ProcessFactory, ProcessId, TimerId } from '../sim/env';
import { deliveryDelays, type NetworkOptions } from '../sim/network';
import { Rng } from '../sim/rng';

type RuntimeEvent =
  | { at: number; seq: number; kind: 'timer'; timer: TimerId; fire: () => void }
  | { at: number; seq: number; kind: 'deliver'; from: ProcessId; msg: unknown };

/** A message on its way out, stamped with when it arrives. */
export interface Outbound {
  to: ProcessId;
  at: number;
  msg: unknown;
}

/** What a runtime needs to know about the world around it. */
export interface RuntimeOptions {
  id: ProcessId;
  seed: number;
  incarnation: number;
  network: NetworkOptions;
  disk: Disk;
  /** Simulated time at start. */
  now: number;
  /** Whether a message to `to` can leave now: the target is up and the link is not cut. */
  reachable(to: ProcessId): boolean;
  /** Sees every send, with its delivery times ([] when lost), for the UI's wire view. */
  observe?(to: ProcessId, msg: unknown, sentAt: number, deliverAt: number[]): void;
}

/** A process running on a host's behalf; see the file comment. */
export class ProcessRuntime {
  readonly id: ProcessId;
  readonly env: Env;
  process: Process | null = null;
  /** Why the process died, when it threw. */
  crash: string | null = null;
  private clock: number;
  private alive = true;
  private seq = 0;
  private nextTimer = 1;
  private readonly armed = new Set<TimerId>();
  private readonly queue = new Heap<RuntimeEvent>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private outbox: Outbound[] = [];
  private readonly netRng: Rng;

  constructor(private readonly opts: RuntimeOptions) {
    this.id = opts.id;
    this.clock = opts.now;
    const root = new Rng(opts.seed);
    // The network's choices for this sender come from its own fork, so workers need not share a stream.
    this.netRng = root.fork('network').fork(`${opts.id}#${opts.incarnation}`);
    this.env = {
      id: opts.id,
      now: () => this.clock,
      // Same fork as SimHost's, so a process draws the same numbers under either host.
      rng: root.fork(`${opts.id}#${opts.incarnation}`),
      setTimer: (delayMs, fire) => this.setTimer(delayMs, fire),
      cancelTimer: (timer) => void this.armed.delete(timer),
      send: (to, msg) => this.send(to, msg),
      disk: opts.disk,
    };
  }

  /** Builds the process; false (with `crash` set) when its constructor threw. */
  start(factory: ProcessFactory): boolean {
    return this.guard(() => {
      this.process = factory(this.env);
    });
  }

  /** Simulated time as this process last saw it. */
  now(): number {
    return this.clock;
  }

  /** Queues a message; one that is already late is delivered at once (at the current time). */
  deliver(from: ProcessId, msg: unknown, at: number): void {
    if (!this.alive) return;
    this.queue.push({ at: Math.max(at, this.clock), seq: this.seq++, kind: 'deliver', from, msg });
  }

  /** Time of the next event that will really run; Infinity when there is none. */
  nextAt(): number {
    for (;;) {
      const top = this.queue.peek();
      if (!top || !this.alive) return Infinity;
      if (top.kind === 'timer' && !this.armed.has(top.timer)) this.queue.pop();
      else return top.at;
    }
  }

  /** Runs every event at or before T, then moves the clock to T. */
  runUntil(T: number): void {
    while (this.nextAt() <= T) this.runNext();
    this.clock = Math.max(this.clock, T);
  }

  /** Runs the next event (callers check nextAt first). */
  runNext(): void {
    const ev = this.queue.pop();
    if (!ev || !this.alive) return;
    this.clock = Math.max(this.clock, ev.at);
    if (ev.kind === 'timer') {
      if (this.armed.delete(ev.timer)) this.guard(ev.fire);
    } else if (this.process) {
      const p = this.process;
      this.guard(() => p.receive(ev.from, ev.msg));
    }
  }

  /** Takes what the process sent since the last call. */
  takeOutbox(): Outbound[] {
    const out = this.outbox;
    this.outbox = [];
    return out;
  }

  /** The process's telemetry, or undefined when it has none or is dead. */
  telemetry(): unknown {
    const p = this.process;
    if (!p?.telemetry) return undefined;
    let t: unknown;
    this.guard(() => (t = p.telemetry!()));
    return t;
  }

  /** Kills the process: its timers, inbox and any later sends are gone; what it already sent stays on the wire. */
  stop(): void {
    this.alive = false;
    this.process = null;
    this.armed.clear();
  }

  /** False once the process was stopped or threw. */
  get up(): boolean {
    return this.alive;
  }

  private setTimer(delayMs: number, fire: () => void): TimerId {
    const timer = this.nextTimer++;
    if (!this.alive) return timer;
    this.armed.add(timer);
    this.queue.push({ at: this.clock + Math.max(0, delayMs), seq: this.seq++, kind: 'timer', timer, fire });
    return timer;
  }

  private send(to: ProcessId, msg: unknown): void {
    // A dead incarnation's leftovers (a promise settling after a kill) must not reach the network.
    if (!this.alive) return;
    const delays = this.opts.reachable(to) ? deliveryDelays(this.opts.network, this.netRng) : [];
    const deliverAt = delays.map((d) => this.clock + d);
    for (const at of deliverAt) {
      if (to === this.id) this.deliver(to, msg, at);
      else this.outbox.push({ to, at, msg });
    }
    this.opts.observe?.(to, msg, this.clock, deliverAt);
  }

  /** Runs process code; an exception kills the process (as a panic kills a real one) instead of the host. */
  private guard(fn: () => void): boolean {
    try {
      fn();
      return true;
    } catch (e) {
      this.crash = e instanceof Error ? (e.stack ?? e.message) : String(e);
      this.stop();
      return false;
    }
  }
}
