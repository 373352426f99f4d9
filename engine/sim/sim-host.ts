// SimHost: a discrete-event simulator that runs every process in one thread, in one Runtime, on a
// virtual clock. Tests, benchmarks and the headless API use it. It adds what only a simulator can:
// faults at any point (kill and restart between any two events, crash points right before or after
// any disk write), partitions, held streams, and an observer of every send.

import { MemoryDisk, type Process, type ProcessFactory, type ProcessId, type ProcessKind } from './env';
import { Hash64 } from './hash';
import { Links, defaultNetwork, type NetworkOptions } from './network';
import { Rng } from './rng';
import type { ClusterHost, HostActions } from './host';
import { Runtime, US_PER_MS, type Body, type CrashPoint, type Topology } from './runtime';

/** What the network did with a message; observers (tests, benchmarks) see every send. */
export interface MessageRecord {
  from: ProcessId;
  to: ProcessId;
  /** The datagram, or the data written to a stream (null for a stream's open and close). */
  msg: unknown;
  /** 'msg' for a datagram; 'open' | 'data' | 'fin' for stream traffic. */
  via: Body['t'];
  sentAt: number;
  /** Delivery times (ms); empty when the message was dropped or the link was cut. */
  deliverAt: number[];
}

/** Crash points: each disk write may crash its process right before or right after it. */
export interface CrashPointOptions {
  /** Probability per disk write. */
  rate: number;
  /** Which processes may crash (default: all). */
  only?: (id: ProcessId) => boolean;
}

/** One crash a crash point caused. */
export interface CrashRecord {
  id: ProcessId;
  atMs: number;
  point: CrashPoint;
}

/** Options for a SimHost. */
export interface SimHostOptions {
  seed: number;
  network?: Partial<NetworkOptions>;
  /** Kinds the host may start by name (more can be passed to `add`). */
  kinds?: ProcessKind<never>[];
  crashPoints?: CrashPointOptions;
}

interface Slot {
  kind: string;
  config: unknown;
  disk: MemoryDisk;
  /** Bumped on every kill and crash: the next boot is a new incarnation. */
  incarnation: number;
  up: boolean;
}

/** The digest of a run: every incarnation's digest, in the order of their keys. */
export function combineDigests(parts: Map<string, { hash: string; inputs: number }>): string {
  const h = new Hash64();
  for (const k of [...parts.keys()].sort()) h.str(k).str(parts.get(k)!.hash).num(parts.get(k)!.inputs);
  return h.hex();
}

/** Runs processes on a virtual clock with a seeded, faulty network. */
export class SimHost implements Topology, ClusterHost, HostActions {
  readonly rng: Rng;
  network: NetworkOptions;
  private readonly links = new Links();
  private readonly kinds = new Map<string, ProcessKind<never>>();
  private readonly slots = new Map<ProcessId, Slot>();
  private readonly runtime: Runtime;
  private readonly crashRng: Rng;
  private readonly observers = new Set<(r: MessageRecord) => void>();
  /** Crashes caused by crash points, in order. */
  readonly crashes: CrashRecord[] = [];
  /** Processes that died by throwing, with the error. */
  readonly errors: { id: ProcessId; atMs: number; error: string }[] = [];
  private nextAdhoc = 0;
  /** A process died during the event that is running: its peers' streams close once it is over. */
  private deaths = false;
  private crashPointsOff = false;

  constructor(private readonly opts: SimHostOptions) {
    this.rng = new Rng(opts.seed);
    this.crashRng = this.rng.fork('crash-points');
    this.network = { ...defaultNetwork, ...opts.network };
    for (const k of opts.kinds ?? []) this.kinds.set(k.name, k);
    this.runtime = new Runtime({
      seed: opts.seed,
      network: this.network,
      kinds: this.kinds,
      topology: this,
      route: () => {}, // every process lives here: nothing to route
      onDeath: (id, _inc, error) => this.died(id, error),
      onSend: (from, to, body, sentAt, deliverAt) => this.observed(from, to, body, sentAt, deliverAt),
      crashHook: opts.crashPoints ? (id, point) => this.crashPoint(id, point) : undefined,
    });
  }

  // ---- Topology ------------------------------------------------------------------------------

  incarnation(id: ProcessId): number | null {
    const s = this.slots.get(id);
    return s?.up ? s.incarnation : null;
  }
  isCut(a: ProcessId, b: ProcessId): boolean {
    return this.links.isCut(a, b);
  }
  isHeld(from: ProcessId, to: ProcessId): boolean {
    return this.links.isHeld(from, to);
  }

  // ---- processes -----------------------------------------------------------------------------

  /** Simulated milliseconds since the start. */
  now(): number {
    return this.runtime.nowUs() / US_PER_MS;
  }

  /**
   * Starts a new process with an empty disk: by kind (registered, or given here) and plain config,
   * or, for tests, from a bare factory.
   */
  add<C>(id: ProcessId, kind: ProcessKind<C> | string | ProcessFactory, config?: C): void {
    if (this.slots.has(id)) throw new Error(`process ${id} already exists`);
    let name: string;
    if (typeof kind === 'function') {
      const factory = kind;
      name = `adhoc-${this.nextAdhoc++}`;
      this.kinds.set(name, { name, create: (env) => factory(env) });
    } else if (typeof kind === 'string') {
      if (!this.kinds.has(kind)) throw new Error(`unknown process kind "${kind}"`);
      name = kind;
    } else {
      name = kind.name;
      this.kinds.set(name, kind as ProcessKind<never>);
    }
    const slot: Slot = { kind: name, config, disk: new MemoryDisk(), incarnation: 0, up: false };
    this.slots.set(id, slot);
    this.boot(id, slot);
  }

  /** Crashes a process: its memory, timers, streams and in-flight messages to it are gone; its disk stays. */
  kill(id: ProcessId): boolean {
    const slot = this.slots.get(id);
    if (!slot?.up) return false;
    this.runtime.stop(id);
    slot.up = false;
    slot.incarnation++;
    this.runtime.applyTopology();
    return true;
  }

  /** Starts a crashed process again from what is on its disk. */
  restart(id: ProcessId): boolean {
    const slot = this.slots.get(id);
    if (!slot || slot.up) return false;
    this.boot(id, slot);
    return true;
  }

  /** Removes a process and its disk for good. */
  remove(id: ProcessId): void {
    this.kill(id);
    this.runtime.drop(id);
    this.slots.delete(id);
  }

  isUp(id: ProcessId): boolean {
    return !!this.slots.get(id)?.up;
  }
  has(id: ProcessId): boolean {
    return this.slots.has(id);
  }
  ids(): ProcessId[] {
    return [...this.slots.keys()];
  }
  /** The live process object (null when down), for inspection. */
  process<P extends Process = Process>(id: ProcessId): P | null {
    return this.isUp(id) ? this.runtime.process<P>(id) : null;
  }
  localProcess<P extends Process = Process>(id: ProcessId): P | null {
    return this.process<P>(id);
  }
  /** Runs an action now: SimHost is always between events when its caller runs. */
  act<T>(fn: (a: HostActions) => T): T {
    return fn(this);
  }
  disk(id: ProcessId): MemoryDisk | undefined {
    return this.slots.get(id)?.disk;
  }
  /** Hands a process an operator's command now (a terminal line, a test's nudge). */
  command(id: ProcessId, command: unknown): boolean {
    return this.runtime.command(id, command);
  }
  /** Pending timers, open streams and outstanding requests of a live process. */
  pending(id: ProcessId): ReturnType<Runtime['pending']> {
    return this.runtime.pending(id);
  }
  /** Telemetry of a live process. */
  telemetry(id: ProcessId): unknown {
    return this.runtime.telemetry(id);
  }
  /** Why a process last died by itself (it threw), or null. */
  lastError(id: ProcessId): string | null {
    return this.runtime.error(id);
  }
  /** The hash of the history so far (every input every process received). */
  digest(): string {
    return combineDigests(this.runtime.digests());
  }

  // ---- network -------------------------------------------------------------------------------

  /** Cuts every link between processes in different groups; streams across the cut close. */
  partition(groups: ProcessId[][]): void {
    this.links.partition(groups);
    this.runtime.applyTopology();
  }
  cutLink(a: ProcessId, b: ProcessId): void {
    this.links.cutLink(a, b);
    this.runtime.applyTopology();
  }
  restoreLink(a: ProcessId, b: ProcessId): void {
    this.links.restoreLink(a, b);
  }
  heal(): void {
    this.links.heal();
  }
  /** The cut links as pairs. */
  cutLinks(): [ProcessId, ProcessId][] {
    return this.links.list();
  }
  /** Stalls stream writes from `from` to `to` (held, in order) until `release`. */
  hold(from: ProcessId, to: ProcessId): void {
    this.links.hold(from, to);
  }
  release(from: ProcessId, to: ProcessId): void {
    this.links.release(from, to);
    this.runtime.applyTopology();
  }
  /** Resets every stream between a and b: both ends are told now. */
  resetStreams(a: ProcessId, b: ProcessId): void {
    this.runtime.applyTopology((x, y) => (x === a && y === b) || (x === b && y === a));
  }

  /** Sees every message sent; returns an unsubscribe function. */
  observe(fn: (r: MessageRecord) => void): () => void {
    this.observers.add(fn);
    return () => this.observers.delete(fn);
  }

  // ---- time ----------------------------------------------------------------------------------

  /** Runs the next event; false when nothing is left to run. */
  step(): boolean {
    return this.stepUntil(Infinity);
  }

  /** Runs every event up to `ms` simulated milliseconds from now; the clock ends exactly there. */
  runFor(ms: number): void {
    const end = this.runtime.nowUs() + Math.round(ms * US_PER_MS);
    while (this.stepUntil(end));
    this.runtime.advanceTo(end);
  }

  /**
   * Runs until `cond()` holds or `ms` pass; true if it held. The condition is looked at only when
   * simulated time is about to move on, so every event of the instant it became true has run: an
   * action taken next happens "at" that instant, exactly as a replay (and WorkerHost) will take it.
   */
  runUntil(cond: () => boolean, ms: number): boolean {
    const end = this.runtime.nowUs() + Math.round(ms * US_PER_MS);
    if (cond()) return true;
    for (;;) {
      const next = this.runtime.nextAt();
      if (next > end) break;
      if (next > this.runtime.nowUs() && cond()) return true;
      this.stepUntil(end);
    }
    if (cond()) return true;
    this.runtime.advanceTo(end);
    return cond();
  }

  // ---- internals -----------------------------------------------------------------------------

  /** Runs one event due by `limitUs`; a death during it reaches the topology once it is over. */
  private stepUntil(limitUs: number): boolean {
    const ran = this.runtime.runNext(limitUs);
    if (this.deaths) {
      this.deaths = false;
      this.runtime.applyTopology();
    }
    return ran;
  }

  private boot(id: ProcessId, slot: Slot): void {
    slot.up = true;
    this.runtime.drop(id);
    this.runtime.start({ id, kind: slot.kind, config: slot.config, incarnation: slot.incarnation, disk: slot.disk });
  }

  private died(id: ProcessId, error: string | null): void {
    const slot = this.slots.get(id);
    if (!slot?.up) return;
    slot.up = false;
    slot.incarnation++;
    if (error !== null) this.errors.push({ id, atMs: this.now(), error });
    this.deaths = true;
  }

  /** Turns crash points off from now on (a chaos run's liveness phase). */
  stopCrashPoints(): void {
    this.crashPointsOff = true;
  }

  private crashPoint(id: ProcessId, point: CrashPoint): boolean {
    const cp = this.opts.crashPoints!;
    if (this.crashPointsOff) return false;
    if (cp.only && !cp.only(id)) return false;
    if (!this.crashRng.chance(cp.rate)) return false;
    this.crashes.push({ id, atMs: this.now(), point });
    return true;
  }

  private observed(from: ProcessId, to: ProcessId, body: Body, sentAt: number, deliverAt: number[]): void {
    if (this.observers.size === 0) return;
    const msg = body.t === 'msg' || body.t === 'data' ? body.msg : null;
    const rec: MessageRecord = { from, to, msg, via: body.t, sentAt: sentAt / US_PER_MS, deliverAt: deliverAt.map((t) => t / US_PER_MS) };
    for (const fn of this.observers) fn(rec);
  }
}
