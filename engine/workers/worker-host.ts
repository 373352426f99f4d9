// WorkerHost: the browser's host for the same processes SimHost runs, one Web Worker per process.
//
// Time is virtual and advances in lockstep ticks. Before each tick the main thread picks T and
// broadcasts "run to T"; each worker runs its timers and the messages due by T, then reports its
// disk writes (kept on the main thread, so a restart can seed a fresh Worker) and the time of its
// next event, and sends each peer one batch over a direct MessageChannel. T is never past the
// earliest pending event anywhere plus the network's minimum latency (conservative parallel
// simulation: a message sent during a tick cannot be due within it), and never past speed × wall
// time. So every message is delivered exactly at its delivery time, and a run's history depends on
// the seed and on user actions, not on thread timing. `maxSkewMs` trades that exactness for speed.
//
// Kills, restarts, link changes and stepping all happen between ticks (`enqueue`), which is what
// makes "persist before send" hold across a kill: by then the main thread has every disk write that
// preceded every message the killed worker sent.

import * as Comlink from 'comlink';
import type { Disk, Env, Process, ProcessId } from '../sim/env';
import { Heap } from '../sim/heap';
import { Links, defaultNetwork, type NetworkOptions } from '../sim/network';
import { LocalProcesses } from './local-processes';
import { Pacer } from './pacer';
import { DurableDisk } from './durable-disk';
import type { TickReport, WireRecord } from './protocol';
import { WorkerHandle, type WorkerSpawner } from './worker-handle';

/** Options of a WorkerHost. */
export interface WorkerHostOptions {
  seed: number;
  network?: Partial<NetworkOptions>;
  /** Simulated ms per wall ms (1 = real time); Infinity runs as fast as the workers go. */
  speed?: number;
  /**
   * When the paced clock lags speed × wall time by more than a frame, a tick may run up to this many
   * simulated ms past the exact bound, so messages may arrive up to that late. 0 (the default) keeps
   * timing exact at any speed, at the cost of falling behind the requested speed.
   */
  maxSkewMs?: number;
  /** A worker that takes longer than this (wall ms) to finish a tick is taken to hang, and is killed. */
  tickTimeoutMs?: number;
  /** Wall ms between telemetry refreshes from the workers. */
  telemetryEveryMs?: number;
  /** How far `step` moves the clock when nothing at all is pending (simulated ms). */
  stepMs?: number;
  /** Names a message for the wire view (see serveProcess's `describe`), for messages local processes send. */
  describe?: (msg: unknown) => string | null;
}

/** What one tick (or one control action) changed, for whoever draws the cluster. */
export interface HostEvent {
  now: number;
  /** Messages sent during the tick (capped per process). */
  wire: WireRecord[];
}

/** Wall ms the paced clock may lag before `maxSkewMs` applies: one frame, which nobody sees. */
const lagFrameMs = 16;

interface WorkerSlot {
  id: ProcessId;
  spawn: WorkerSpawner;
  config: unknown;
  disk: DurableDisk;
  incarnation: number;
  handle: WorkerHandle | null;
  up: boolean;
  booting: boolean;
  /** Earliest pending event, as last reported. */
  next: number;
  telemetry: unknown;
  lastError: string | null;
}

interface QueuedOp {
  run(): Promise<void>;
  cancel(err: Error): void;
}

/** Runs processes one per Web Worker on a paced virtual clock; see the file comment. */
export class WorkerHost {
  readonly network: NetworkOptions;
  private readonly seed: number;
  private readonly workers = new Map<ProcessId, WorkerSlot>();
  private readonly locals: LocalProcesses;
  private readonly links = new Links();
  private readonly pacer = new Pacer();
  private readonly expect = new Map<ProcessId, Set<ProcessId>>();
  private readonly queue: QueuedOp[] = [];
  private readonly listeners = new Set<(e: HostEvent) => void>();
  private wire: WireRecord[] = [];
  private readonly sleepers = new Heap<{ at: number; seq: number; wake: () => void }>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private sleeperSeq = 0;
  private clock = 0;
  private tickNo = 0;
  private topologyDirty = false;
  private lastTelemetryWall = -Infinity;
  private wakeUp: (() => void) | null = null;
  private disposed = false;
  private readonly opts: Required<Pick<WorkerHostOptions, 'maxSkewMs' | 'tickTimeoutMs' | 'telemetryEveryMs' | 'stepMs'>> &
    Pick<WorkerHostOptions, 'describe'>;

  constructor(opts: WorkerHostOptions) {
    this.seed = opts.seed;
    this.network = { ...defaultNetwork, ...opts.network };
    this.opts = {
      maxSkewMs: opts.maxSkewMs ?? 0,
      tickTimeoutMs: opts.tickTimeoutMs ?? 10_000,
      telemetryEveryMs: opts.telemetryEveryMs ?? 16,
      stepMs: opts.stepMs ?? 10,
      describe: opts.describe,
    };
    this.pacer.setSpeed(opts.speed ?? 1, 0);
    this.locals = new LocalProcesses({
      seed: opts.seed,
      network: this.network,
      reachable: (from, to) => !this.links.isCut(from, to) && this.isUp(to),
      observe: (from, to, msg, sentAt, deliverAt) => this.record(from, to, msg, sentAt, deliverAt),
    });
    void this.pump();
  }

  // ---- processes ---------------------------------------------------------------------------

  /** Starts a process in its own Worker; resolves once it runs (rejects if the Worker cannot load). */
  async addWorker<C>(id: ProcessId, spawn: WorkerSpawner, config: C): Promise<void> {
    if (this.has(id)) throw new Error(`process ${id} already exists`);
    const slot: WorkerSlot = { id, spawn, config, disk: new DurableDisk(), incarnation: 0, handle: null, up: false, booting: false, next: Infinity, telemetry: undefined, lastError: null };
    this.workers.set(id, slot);
    await this.boot(slot);
  }

  /** Starts a process on the main thread (same Env, same network) and returns it. */
  addLocal<P extends Process>(id: ProcessId, factory: (env: Env) => P): P {
    if (this.has(id)) throw new Error(`process ${id} already exists`);
    const p = this.locals.add(id, factory, this.clock);
    this.topologyDirty = true;
    return p;
  }

  /** Crashes a process at the next tick boundary (a worker is terminated). False if it is already down. */
  kill(id: ProcessId): Promise<boolean> {
    return this.enqueue(async () => {
      const slot = this.workers.get(id);
      if (!slot) return this.locals.kill(id);
      if (!slot.up) return false;
      await this.down(slot, null);
      return true;
    });
  }

  /** Restarts a crashed process in a fresh Worker seeded with its disk. False if it is up or starting. */
  async restart(id: ProcessId): Promise<boolean> {
    const slot = this.workers.get(id);
    if (!slot) return this.enqueue(() => this.locals.restart(id, this.clock));
    if (slot.up || slot.booting) return false;
    await this.boot(slot);
    return true;
  }

  /** Removes a process and its disk for good. */
  remove(id: ProcessId): Promise<void> {
    return this.enqueue(async () => {
      const slot = this.workers.get(id);
      if (slot) {
        if (slot.up) await this.down(slot, null);
        slot.incarnation++; // a boot still loading sees it was superseded
        this.workers.delete(id);
      } else this.locals.remove(id);
      this.topologyDirty = true;
    });
  }

  /** Whether a process of that name exists (up or down). */
  has(id: ProcessId): boolean {
    return this.workers.has(id) || this.locals.has(id);
  }
  /** Whether the process is running now (a worker: started and not killed). */
  isUp(id: ProcessId): boolean {
    const w = this.workers.get(id);
    return w ? w.up : this.locals.isUp(id);
  }
  /** Every process name, workers first. */
  ids(): ProcessId[] {
    return [...this.workers.keys(), ...this.locals.ids()];
  }
  /** The durable disk of a process, as the main thread holds it. */
  disk(id: ProcessId): (Disk & { readonly writes: number }) | undefined {
    return this.workers.get(id)?.disk ?? this.locals.disk(id);
  }
  /** A local process object (null for workers, whose objects live in their Worker). */
  localProcess<P extends Process = Process>(id: ProcessId): P | null {
    return this.locals.process<P>(id);
  }
  /** Latest telemetry of a process (refreshed every `telemetryEveryMs`); undefined while down. */
  telemetry(id: ProcessId): unknown {
    const w = this.workers.get(id);
    return w ? (w.up ? w.telemetry : undefined) : this.locals.telemetry(id);
  }
  /** Why a process last died on its own (threw, hung, failed to load); null if it did not. */
  lastError(id: ProcessId): string | null {
    const w = this.workers.get(id);
    return w ? w.lastError : this.locals.lastError(id);
  }

  // ---- network -----------------------------------------------------------------------------

  /** Cuts the link between two processes (both directions), from the next tick on. */
  cutLink(a: ProcessId, b: ProcessId): void {
    this.links.cutLink(a, b);
    this.touchTopology();
  }
  /** Restores one cut link. */
  restoreLink(a: ProcessId, b: ProcessId): void {
    this.links.restoreLink(a, b);
    this.touchTopology();
  }
  /** Cuts every link between different groups. */
  partition(groups: ProcessId[][]): void {
    this.links.partition(groups);
    this.touchTopology();
  }
  /** Restores every link. */
  heal(): void {
    this.links.heal();
    this.touchTopology();
  }
  /** Whether the link between two processes is cut (as the senders will enforce it). */
  isCut(a: ProcessId, b: ProcessId): boolean {
    return this.links.isCut(a, b);
  }
  /** The cut links as pairs, for the UI. */
  cutLinks(): [ProcessId, ProcessId][] {
    return this.links.list();
  }

  // ---- time --------------------------------------------------------------------------------

  /** Simulated ms since start. */
  now(): number {
    return this.clock;
  }
  /** Whether the paced clock is stopped (runFor, runUntil and step still move it). */
  get paused(): boolean {
    return this.pacer.paused;
  }
  /** Simulated ms per wall ms. */
  get speed(): number {
    return this.pacer.speed;
  }
  /** Stops the paced clock after the tick in flight. */
  pause(): void {
    if (this.pacer.paused) return;
    this.pacer.pause();
    // Telemetry is refreshed only every telemetryEveryMs: make sure the paused picture is current.
    void this.refreshTelemetry().catch(() => {});
  }
  /** Lets the clock run again at `speed`, from where it stopped. */
  resume(): void {
    if (!this.pacer.paused) return;
    this.pacer.resume(this.clock);
    this.wake();
    this.emit();
  }
  /** Changes the pace from now on (simulated ms per wall ms; Infinity: as fast as possible). */
  setSpeed(speed: number): void {
    this.pacer.setSpeed(speed, this.clock);
    this.wake();
    this.emit();
  }

  /**
   * Resolves once simulated time has moved `ms` on (at the first tick boundary past it): a timer on
   * the virtual clock for main-thread code such as etcdctl's retry backoff and lease keep-alive.
   */
  sleep(ms: number): Promise<void> {
    if (this.disposed) return Promise.reject(new Error('host disposed'));
    return new Promise((wake) => {
      this.sleepers.push({ at: this.clock + Math.max(0, ms), seq: this.sleeperSeq++, wake });
      this.wake();
    });
  }

  /** Fetches fresh telemetry from every worker without moving the clock (a tick that runs nothing). */
  refreshTelemetry(): Promise<void> {
    return this.enqueue(() => this.tick(this.clock, true));
  }

  /** Pauses, then runs the next pending event (or moves `stepMs` when nothing is pending). */
  step(): Promise<void> {
    this.pacer.pause();
    return this.enqueue(async () => {
      const next = this.nextEventAt();
      if (Number.isFinite(next)) await this.tick(Math.max(next, this.clock), true);
      else this.idleTo(this.clock + this.opts.stepMs);
    });
  }

  /** Runs `ms` simulated ms as fast as possible, whatever the pace (tests, benchmarks, scripts). */
  runFor(ms: number): Promise<void> {
    return this.enqueue(async () => {
      const end = this.clock + ms;
      while (this.clock < end && !this.disposed && (await this.advance(end)));
    });
  }

  /** Runs as fast as possible until `cond()` holds (checked after each tick) or `ms` pass; true if it held. */
  runUntil(cond: () => boolean, ms: number): Promise<boolean> {
    return this.enqueue(async () => {
      const end = this.clock + ms;
      while (!cond() && this.clock < end && !this.disposed && (await this.advance(end)));
      return cond();
    });
  }

  /** Called after every tick and every control action; returns an unsubscribe function. */
  subscribe(fn: (e: HostEvent) => void): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  /** Terminates every worker and settles everything pending; the host is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const slot of this.workers.values()) slot.handle?.terminate('host disposed');
    for (const id of this.locals.ids()) this.locals.kill(id);
    for (const op of this.queue.splice(0)) op.cancel(new Error('host disposed'));
    this.listeners.clear();
    this.wake();
  }

  // ---- the pump ----------------------------------------------------------------------------

  /** Runs `op` between ticks, after the ops queued before it. */
  private enqueue<T>(op: () => Promise<T> | T): Promise<T> {
    if (this.disposed) return Promise.reject(new Error('host disposed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        run: async () => {
          try {
            resolve(await op());
          } catch (e) {
            reject(e);
          }
        },
        cancel: reject,
      });
      this.wake();
    });
  }

  private async pump(): Promise<void> {
    while (!this.disposed) {
      const op = this.queue.shift();
      if (op) {
        await op.run();
        this.emit();
      } else if (this.pacer.paused) {
        await this.idle(Infinity);
      } else if (!(await this.advance(this.pacer.target(this.clock), true))) {
        // Nothing due yet: sleep until the next event is due, but wake each frame so the clock moves on screen.
        const next = this.nextEventAt();
        await this.idle(Number.isFinite(next) ? Math.min(this.pacer.wallMsUntil(next), 16) : 16);
      }
    }
  }

  /** One tick toward `goal`; false (with the clock moved to `goal`) when nothing is due by then. */
  private async advance(goal: number, paced = false): Promise<boolean> {
    const next = this.nextEventAt();
    if (next > goal || next === Infinity) {
      if (Number.isFinite(goal)) this.idleTo(goal);
      return false;
    }
    // Nothing sent from now on can arrive before next + the minimum latency: safe to run up to just short of it.
    const lookahead = Math.max(0, this.network.latencyMsMin - 1e-6);
    let T = Math.min(goal, next + lookahead);
    const lagging = paced && goal - this.clock > this.pacer.speed * lagFrameMs;
    if (lagging && this.opts.maxSkewMs > 0) T = Math.min(goal, Math.max(T, this.clock + this.opts.maxSkewMs));
    await this.tick(Math.max(T, this.clock));
    return true;
  }

  /** Moves the clock when no event is due: nothing runs, so the workers need not hear of it. */
  private idleTo(T: number): void {
    if (T <= this.clock) return;
    this.locals.runUntil(T);
    this.clock = T;
    this.wakeSleepers(T);
  }

  private wakeSleepers(T: number): void {
    while ((this.sleepers.peek()?.at ?? Infinity) <= T) this.sleepers.pop()!.wake();
  }

  private async tick(T: number, forceTelemetry = false): Promise<void> {
    if (this.topologyDirty) await this.pushTopology();
    const tick = this.tickNo + 1;
    this.locals.runUntil(T);
    const wall = performance.now();
    const telemetry = forceTelemetry || wall - this.lastTelemetryWall >= this.opts.telemetryEveryMs;
    if (telemetry) this.lastTelemetryWall = wall;
    const live = [...this.workers.values()].filter((s) => s.up && s.handle);
    const waits = live.map((s) => s.handle!.report(tick));
    // One watchdog per tick: a worker still silent when it fires is stuck (an endless loop) and is killed.
    const watchdog = setTimeout(() => {
      for (const s of live) s.handle?.terminate(`${s.id} did not finish a tick within ${this.opts.tickTimeoutMs} ms (stuck in a loop?)`);
    }, this.opts.tickTimeoutMs);
    for (const s of live) {
      const expect = [...(this.expect.get(s.id) ?? [])];
      s.handle!.post({ t: 'tick', tick, T, inbound: this.locals.takeOutbound(s.id), expect, telemetry });
    }
    this.locals.clearOutbound(); // addressed to processes that are down: lost
    this.expect.clear();
    const reports = await Promise.all(waits);
    clearTimeout(watchdog);
    this.tickNo = tick;
    this.clock = Math.max(this.clock, T);
    this.wakeSleepers(T);
    for (let i = 0; i < live.length; i++) await this.absorb(live[i], live[i].handle, reports[i]);
    this.emit();
  }

  /** Takes in one worker's report; a missing report means the worker died during the tick. */
  private async absorb(slot: WorkerSlot, handle: WorkerHandle | null, report: TickReport | null): Promise<void> {
    if (slot.handle !== handle || !slot.up) return;
    if (!report) {
      await this.down(slot, handle?.deathReason ?? 'worker died');
      return;
    }
    slot.next = report.next;
    for (const [to, at, msg] of report.toLocal) this.locals.deliver(to, slot.id, msg, at);
    for (const peer of report.sentTo) {
      let senders = this.expect.get(peer);
      if (!senders) this.expect.set(peer, (senders = new Set()));
      senders.add(slot.id);
    }
    if (report.wire.length) this.wire.push(...report.wire);
    if (report.telemetry !== undefined) slot.telemetry = report.telemetry;
    if (report.crashed) await this.down(slot, report.crashed);
  }

  private nextEventAt(): number {
    let next = Math.min(this.locals.nextAt(), this.sleepers.peek()?.at ?? Infinity);
    for (const s of this.workers.values()) if (s.up) next = Math.min(next, s.next);
    return next;
  }

  // ---- worker lifecycle --------------------------------------------------------------------

  /** Spawns a Worker for `slot` (its module loads while ticks go on), then starts it between ticks. */
  private async boot(slot: WorkerSlot): Promise<void> {
    slot.booting = true;
    const incarnation = slot.incarnation;
    let handle: WorkerHandle;
    try {
      handle = await WorkerHandle.open(slot.spawn(), (ops) => slot.disk.apply(ops));
    } catch (e) {
      slot.booting = false;
      slot.lastError = e instanceof Error ? e.message : String(e);
      this.emit();
      throw e;
    }
    await this.enqueue(async () => {
      if (slot.incarnation !== incarnation || this.workers.get(slot.id) !== slot) {
        handle.terminate('superseded');
        return;
      }
      try {
        await this.startWorker(slot, handle);
      } finally {
        slot.booting = false;
      }
    }).catch((e: unknown) => {
      handle.terminate('host disposed');
      throw e;
    });
  }

  private async startWorker(slot: WorkerSlot, handle: WorkerHandle): Promise<void> {
    const peers = [...this.workers.values()].filter((s) => s !== slot && s.up && s.handle);
    await Promise.all(peers.map((p) => this.connect(slot.id, handle, p.id, p.handle!)));
    slot.handle = handle;
    slot.up = true;
    slot.lastError = null;
    slot.telemetry = undefined;
    const report = handle.report(this.tickNo);
    const watchdog = setTimeout(() => handle.terminate(`${slot.id} did not start within ${this.opts.tickTimeoutMs} ms`), this.opts.tickTimeoutMs);
    try {
      await handle.call((r) =>
        r.start({
          id: slot.id,
          seed: this.seed,
          incarnation: slot.incarnation,
          now: this.clock,
          tick: this.tickNo,
          network: this.network,
          disk: slot.disk.dump(),
          config: slot.config,
          locals: this.locals.ids(),
          cut: this.links.list(),
        }),
      );
    } catch (e) {
      // Building the process failed outside it (a bad config): no report will come.
      handle.terminate(`${slot.id} failed to start: ${e instanceof Error ? e.message : String(e)}`);
    }
    await this.absorb(slot, handle, await report);
    clearTimeout(watchdog);
    if (!slot.up) throw new Error(`${slot.id} failed to start: ${slot.lastError}`);
  }

  /** Gives two workers a direct MessageChannel; a failure leaves them unconnected (the dead one is noticed at its next tick). */
  private async connect(aId: ProcessId, a: WorkerHandle, bId: ProcessId, b: WorkerHandle): Promise<void> {
    const { port1, port2 } = new MessageChannel();
    await Promise.all([
      a.call((r) => r.connect(bId, Comlink.transfer(port1, [port1]))),
      b.call((r) => r.connect(aId, Comlink.transfer(port2, [port2]))),
    ]).catch(() => {});
  }

  /** Takes a worker down: terminated for real, disk kept; `reason` is null for a deliberate kill. */
  private async down(slot: WorkerSlot, reason: string | null): Promise<void> {
    slot.handle?.terminate(reason ?? 'killed');
    slot.handle = null;
    slot.up = false;
    slot.incarnation++;
    slot.next = Infinity;
    slot.telemetry = undefined;
    if (reason !== null) slot.lastError = reason;
    // Nobody waits for its batches any more: the new incarnation has fresh ports, and the dead one
    // may have been terminated between posting its report and its batches (those are lost, as a
    // crashed host's unsent packets are). Batches it did post are still delivered.
    this.expect.delete(slot.id);
    for (const senders of this.expect.values()) senders.delete(slot.id);
    const peers = [...this.workers.values()].filter((s) => s.up && s.handle);
    await Promise.all(peers.map((p) => p.handle!.call((r) => r.disconnect(slot.id)).catch(() => {})));
  }

  /** Tells every worker the cut links and the local process names (between ticks). */
  private async pushTopology(): Promise<void> {
    this.topologyDirty = false;
    const cut = this.links.list();
    const locals = this.locals.ids();
    const live = [...this.workers.values()].filter((s) => s.up && s.handle);
    await Promise.all(
      live.map((s) => s.handle!.call(async (r) => {
        await r.setCut(cut);
        await r.setLocals(locals);
      }).catch(() => {})),
    );
  }

  private touchTopology(): void {
    this.topologyDirty = true;
    this.wake();
    this.emit();
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private record(from: ProcessId, to: ProcessId, msg: unknown, sentAt: number, deliverAt: number[]): void {
    const type = this.opts.describe ? this.opts.describe(msg) : 'message';
    if (type !== null) this.wire.push({ from, to, type, sentAt, deliverAt: deliverAt[0] ?? null });
  }

  private emit(): void {
    const e: HostEvent = { now: this.clock, wire: this.wire };
    this.wire = [];
    for (const fn of this.listeners) fn(e);
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => this.wake(), Math.max(0, ms)) : null;
      this.wakeUp = () => {
        if (timer !== null) clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
    });
  }

  private wake(): void {
    this.wakeUp?.();
  }
}
