// Processes that run on the main thread under WorkerHost, with the same Env as those in Workers:
// the etcd client behind the terminal, for one, whose callers (etcdctl, the UI) live on the main
// thread. They join the lockstep like a worker does: their events up to T run when tick T starts,
// and what they send to workers rides on that tick's orders.

import { MemoryDisk, type Env, type Process, type ProcessFactory, type ProcessId } from '../sim/env';
import type { NetworkOptions } from '../sim/network';
import { ProcessRuntime } from './process-runtime';
import type { Delivery } from './protocol';

interface LocalSlot {
  factory: ProcessFactory;
  disk: MemoryDisk;
  incarnation: number;
  runtime: ProcessRuntime | null;
  lastError: string | null;
}

/** How local processes see the rest of the cluster. */
export interface LocalProcessesOptions {
  seed: number;
  network: NetworkOptions;
  reachable(from: ProcessId, to: ProcessId): boolean;
  observe(from: ProcessId, to: ProcessId, msg: unknown, sentAt: number, deliverAt: number[]): void;
}

/** The main thread's share of a WorkerHost's processes. */
export class LocalProcesses {
  private readonly slots = new Map<ProcessId, LocalSlot>();
  /** Messages for workers, waiting for the next tick order. */
  private readonly outbound = new Map<ProcessId, Delivery[]>();

  constructor(private readonly opts: LocalProcessesOptions) {}

  /** Starts a process on the main thread and returns it. */
  add<P extends Process>(id: ProcessId, factory: (env: Env) => P, now: number): P {
    if (this.slots.has(id)) throw new Error(`process ${id} already exists`);
    const slot: LocalSlot = { factory, disk: new MemoryDisk(), incarnation: 0, runtime: null, lastError: null };
    this.slots.set(id, slot);
    this.boot(id, slot, now);
    return slot.runtime!.process as P;
  }

  /** Crashes a local process (disk kept). False when it is down or unknown. */
  kill(id: ProcessId): boolean {
    const slot = this.slots.get(id);
    if (!slot?.runtime?.up) return false;
    this.route(slot.runtime);
    slot.runtime.stop();
    slot.runtime = null;
    slot.incarnation++;
    return true;
  }

  /** Starts a crashed local process again from its disk. False when it is up or unknown. */
  restart(id: ProcessId, now: number): boolean {
    const slot = this.slots.get(id);
    if (!slot || slot.runtime?.up) return false;
    if (slot.runtime) slot.incarnation++; // it had crashed by itself
    this.boot(id, slot, now);
    return true;
  }

  /** Removes a local process and its disk. */
  remove(id: ProcessId): void {
    this.kill(id);
    this.slots.delete(id);
  }

  /** Whether a local process of that name exists. */
  has(id: ProcessId): boolean {
    return this.slots.has(id);
  }
  /** Whether it runs now. */
  isUp(id: ProcessId): boolean {
    return !!this.slots.get(id)?.runtime?.up;
  }
  /** Every local process name. */
  ids(): ProcessId[] {
    return [...this.slots.keys()];
  }
  /** Its disk (durable at once: it lives on this thread). */
  disk(id: ProcessId): MemoryDisk | undefined {
    return this.slots.get(id)?.disk;
  }
  /** The live process object; null while down. */
  process<P extends Process = Process>(id: ProcessId): P | null {
    return (this.slots.get(id)?.runtime?.process as P) ?? null;
  }
  /** Its telemetry now. */
  telemetry(id: ProcessId): unknown {
    return this.slots.get(id)?.runtime?.telemetry();
  }
  /** Why it last died by throwing, if it did. */
  lastError(id: ProcessId): string | null {
    return this.slots.get(id)?.lastError ?? null;
  }

  /** Queues a message from a worker for a local process (dropped if it is down). */
  deliver(to: ProcessId, from: ProcessId, msg: unknown, at: number): void {
    this.slots.get(to)?.runtime?.deliver(from, msg, at);
  }

  /** Earliest pending event: local timers and inboxes, and messages still waiting to go to workers. */
  nextAt(): number {
    let next = Infinity;
    for (const slot of this.slots.values()) {
      if (!slot.runtime) continue;
      this.route(slot.runtime);
      next = Math.min(next, slot.runtime.nextAt());
    }
    for (const list of this.outbound.values()) for (const [, at] of list) next = Math.min(next, at);
    return next;
  }

  /** Runs every local event at or before T, in time order across processes, and moves their clocks to T. */
  runUntil(T: number): void {
    for (;;) {
      let first: ProcessRuntime | null = null;
      for (const slot of this.slots.values()) {
        const rt = slot.runtime;
        if (rt && rt.nextAt() <= T && (!first || rt.nextAt() < first.nextAt())) first = rt;
      }
      if (!first) break;
      first.runNext();
      this.route(first);
      this.noteCrash(first);
    }
    for (const slot of this.slots.values()) {
      slot.runtime?.runUntil(T);
      if (slot.runtime) this.route(slot.runtime);
    }
  }

  /** Takes the messages waiting for worker `to`. */
  takeOutbound(to: ProcessId): Delivery[] {
    const list = this.outbound.get(to) ?? [];
    this.outbound.delete(to);
    return list;
  }

  /** Forgets messages for workers that were not running to take them. */
  clearOutbound(): void {
    this.outbound.clear();
  }

  private boot(id: ProcessId, slot: LocalSlot, now: number): void {
    const rt = new ProcessRuntime({
      id,
      seed: this.opts.seed,
      incarnation: slot.incarnation,
      network: this.opts.network,
      disk: slot.disk,
      now,
      reachable: (to) => this.opts.reachable(id, to),
      observe: (to, msg, sentAt, deliverAt) => this.opts.observe(id, to, msg, sentAt, deliverAt),
    });
    slot.runtime = rt;
    slot.lastError = null;
    if (!rt.start(slot.factory)) this.noteCrash(rt);
  }

  /** Moves a runtime's outbox: to other local processes directly, to workers via the next tick. */
  private route(rt: ProcessRuntime): void {
    for (const m of rt.takeOutbox()) {
      if (this.slots.has(m.to)) this.deliver(m.to, rt.id, m.msg, m.at);
      else {
        let list = this.outbound.get(m.to);
        if (!list) this.outbound.set(m.to, (list = []));
        list.push([rt.id, m.at, m.msg]);
      }
    }
  }

  private noteCrash(rt: ProcessRuntime): void {
    if (!rt.crash) return;
    const slot = this.slots.get(rt.id);
    if (slot) slot.lastError = rt.crash;
  }
}
