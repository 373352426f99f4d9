// SimHost: a discrete-event simulator that runs every process in one thread on a virtual clock.
// Tests, benchmarks and the headless API use it. The same seed gives the same history: every
// event is ordered by (time, sequence number) and every random choice comes from the seed.

import { Heap } from './heap';
import { MemoryDisk, type Env, type Process, type ProcessFactory, type ProcessId, type TimerId } from './env';
import { Links, defaultNetwork, deliveryDelays, type NetworkOptions } from './network';
import { Rng } from './rng';

type SimEvent =
  | { at: number; seq: number; kind: 'deliver'; from: ProcessId; to: ProcessId; msg: unknown; incarnation: number }
  | { at: number; seq: number; kind: 'timer'; pid: ProcessId; incarnation: number; timer: TimerId; fire: () => void };

interface Slot {
  factory: ProcessFactory;
  disk: MemoryDisk;
  /** Bumped on every restart so that timers and messages addressed to a dead incarnation are ignored. */
  incarnation: number;
  process: Process | null;
  cancelled: Set<TimerId>;
}

/** What the network did with a message; observers (tests, benchmarks) see every send. */
export interface MessageRecord {
  from: ProcessId;
  to: ProcessId;
  msg: unknown;
  sentAt: number;
  /** Delivery times; empty when the message was dropped or the link was cut. */
  deliverAt: number[];
}

/** Options for a SimHost. */
export interface SimHostOptions {
  seed: number;
  network?: Partial<NetworkOptions>;
}

/** Runs processes on a virtual clock with a seeded, faulty network. */
export class SimHost {
  readonly rng: Rng;
  readonly links = new Links();
  network: NetworkOptions;
  private readonly netRng: Rng;
  private readonly slots = new Map<ProcessId, Slot>();
  private readonly queue = new Heap<SimEvent>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private seq = 0;
  private nextTimer = 1;
  private time = 0;
  private readonly observers = new Set<(r: MessageRecord) => void>();

  constructor(opts: SimHostOptions) {
    this.rng = new Rng(opts.seed);
    this.netRng = this.rng.fork('network');
    this.network = { ...defaultNetwork, ...opts.network };
  }

  /** Simulated milliseconds since the start. */
  now(): number {
    return this.time;
  }

  /** Starts a new process with an empty disk. */
  add(id: ProcessId, factory: ProcessFactory): void {
    if (this.slots.has(id)) throw new Error(`process ${id} already exists`);
    const slot: Slot = { factory, disk: new MemoryDisk(), incarnation: 0, process: null, cancelled: new Set() };
    this.slots.set(id, slot);
    this.boot(id, slot);
  }

  /** Crashes a process: its memory, timers and in-flight messages to it are gone; its disk stays. */
  kill(id: ProcessId): boolean {
    const slot = this.slots.get(id);
    if (!slot || !slot.process) return false;
    slot.process = null;
    slot.incarnation++;
    slot.cancelled.clear();
    return true;
  }

  /** Starts a crashed process again from what is on its disk. */
  restart(id: ProcessId): boolean {
    const slot = this.slots.get(id);
    if (!slot || slot.process) return false;
    this.boot(id, slot);
    return true;
  }

  /** Removes a process and its disk for good. */
  remove(id: ProcessId): void {
    this.kill(id);
    this.slots.delete(id);
  }

  isUp(id: ProcessId): boolean {
    return !!this.slots.get(id)?.process;
  }
  has(id: ProcessId): boolean {
    return this.slots.has(id);
  }
  ids(): ProcessId[] {
    return [...this.slots.keys()];
  }
  /** The live process object (null when down), for inspection. */
  process<P extends Process = Process>(id: ProcessId): P | null {
    return (this.slots.get(id)?.process as P) ?? null;
  }
  disk(id: ProcessId): MemoryDisk | undefined {
    return this.slots.get(id)?.disk;
  }

  /** Sees every message sent; returns an unsubscribe function. */
  observe(fn: (r: MessageRecord) => void): () => void {
    this.observers.add(fn);
    return () => this.observers.delete(fn);
  }

  /** Runs the next event; false when nothing is left to run. */
  step(): boolean {
    const ev = this.queue.pop();
    if (!ev) return false;
    this.time = Math.max(this.time, ev.at);
    if (ev.kind === 'timer') {
      const slot = this.slots.get(ev.pid);
      if (!slot?.process || slot.incarnation !== ev.incarnation || slot.cancelled.delete(ev.timer)) return true;
      ev.fire();
    } else {
      const slot = this.slots.get(ev.to);
      if (!slot?.process || slot.incarnation !== ev.incarnation) return true;
      slot.process.receive(ev.from, ev.msg);
    }
    return true;
  }

  /** Runs every event up to `ms` simulated milliseconds from now; the clock ends exactly there. */
  runFor(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = this.queue.peek();
      if (!next || next.at > end) break;
      this.step();
    }
    this.time = end;
  }

  /** Runs until `cond()` holds (checked after every event) or `ms` pass; true if it held. */
  runUntil(cond: () => boolean, ms: number): boolean {
    const end = this.time + ms;
    if (cond()) return true;
    for (;;) {
      const next = this.queue.peek();
      if (!next || next.at > end) break;
      this.step();
      if (cond()) return true;
    }
    this.time = end;
    return cond();
  }

  private boot(id: ProcessId, slot: Slot): void {
    const incarnation = slot.incarnation;
    const env: Env = {
      id,
      now: () => this.time,
      rng: this.rng.fork(`${id}#${incarnation}`),
      setTimer: (delayMs, fire) => {
        const timer = this.nextTimer++;
        this.queue.push({ at: this.time + Math.max(0, delayMs), seq: this.seq++, kind: 'timer', pid: id, incarnation, timer, fire });
        return timer;
      },
      cancelTimer: (timer) => {
        if (slot.incarnation === incarnation) slot.cancelled.add(timer);
      },
      send: (to, msg) => {
        if (slot.incarnation !== incarnation) return;
        this.transmit(id, to, msg);
      },
      disk: slot.disk,
    };
    slot.process = slot.factory(env);
  }

  private transmit(from: ProcessId, to: ProcessId, msg: unknown): void {
    const target = this.slots.get(to);
    // A message to a process that is down is lost, as a connection to a dead host is.
    const delays = !target?.process || this.links.isCut(from, to) ? [] : deliveryDelays(this.network, this.netRng);
    const deliverAt = delays.map((d) => this.time + d);
    for (const at of deliverAt) {
      this.queue.push({ at, seq: this.seq++, kind: 'deliver', from, to, msg, incarnation: target!.incarnation });
    }
    if (this.observers.size > 0) {
      const rec: MessageRecord = { from, to, msg, sentAt: this.time, deliverAt };
      for (const fn of this.observers) fn(rec);
    }
  }
}
