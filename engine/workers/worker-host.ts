// WorkerHost: the browser's host for the same processes SimHost runs, on the same Runtime, spread
// over Web Workers. Control-plane processes get a Worker each; kinds the placement policy pools
// (node agents, benchmark pingers) share a few; clients behind the UI run on the main thread.
//
// Time is virtual and advances in lockstep ticks. Before each tick the main thread picks T; every
// Runtime with an event due by T (or an action to apply) runs its events up to T and reports what it
// sent elsewhere, which the main thread holds until the tick it is due in. T is never past the
// earliest pending event anywhere plus the network's minimum latency, so nothing sent during a tick
// can be due within it (conservative parallel simulation), and never past speed × wall time. Every
// input reaches its process at exactly its time, in the order its key gives, so a run's history
// depends on the seed and the actions, not on thread timing: the same as SimHost's, byte for byte.
//
// Actions (start, kill, restart, link changes, commands) happen between ticks, in the order taken,
// stamped with the clock: `act`. A Worker that must load first holds the clock until it runs.

import type { Disk, Process, ProcessId, ProcessKind } from '../sim/env';
import { Heap } from '../sim/heap';
import { Links, defaultNetwork, type NetworkOptions } from '../sim/network';
import type { ClusterHost, HostActions } from '../sim/host';
import { Runtime, US_PER_MS, type Envelope, type Topology } from '../sim/runtime';
import { combineDigests } from '../sim/sim-host';
import { describeInput, ranCapPerTick, type RanRecord } from '../sim/trace';
import { DurableDisk } from './durable-disk';
import { Pacer } from './pacer';
import { applyDelta } from '../sim/telemetry-delta';
import type { ControlOp, TickReport, TopologyState, WireRecord } from './protocol';
import { WorkerHandle, type WorkerSpawner } from './worker-handle';

/** Where a process runs: 'main' (the main thread), or the name of a Worker (several may share one). */
export type Placement = (id: ProcessId, kind: string, index: number) => string;

/** Options of a WorkerHost. */
export interface WorkerHostOptions {
  seed: number;
  network?: Partial<NetworkOptions>;
  /** Simulated ms per wall ms (1 = real time); Infinity runs as fast as the workers go. */
  speed?: number;
  /**
   * Kinds that may run on the main thread (the Workers know every kind: engine/kinds.ts). Keeping
   * this list short keeps the page's own bundle free of code that only runs in Workers.
   */
  kinds: ProcessKind<never>[];
  /** Builds a Worker for a pool. */
  spawn: WorkerSpawner;
  /** Where each process runs (default: see `defaultPlacement`). */
  placement?: Placement;
  /** A worker that takes longer than this (wall ms) to finish a tick is taken to hang, and is killed. */
  tickTimeoutMs?: number;
  /** Wall ms between telemetry refreshes from the workers (default 33: 30 a second). */
  telemetryEveryMs?: number;
  /** How far `step` moves the clock when nothing at all is pending (simulated ms). */
  stepMs?: number;
  /**
   * The share of wall time the clock may spend ticking while it is behind its pace (0 < share ≤ 1;
   * default 1: it runs flat out). Below 1, after each `sliceMs` of ticks without a break it rests
   * (sleeps, its Workers idle) long enough to keep to that share, so that on a machine with fewer
   * cores than busy Workers the page still gets the time it needs to draw: the simulated clock
   * slows instead of the frames.
   */
  cpuShare?: number;
}

/** Wall ms of ticks between rests when the clock's share of wall time is limited. */
export const sliceMs = 8;

/** What one tick (or one action) changed, for whoever draws the cluster. */
export interface HostEvent {
  /** Simulated ms. */
  now: number;
  /** Messages sent since the last event (capped per Worker and tick). */
  wire: WireRecord[];
}

/** Kinds that run next to their callers on the main thread. */
const mainKinds = new Set(['etcd-client', 'kubectl', 'traffic']);
/** Kinds pooled several to a Worker (a browser cannot hold hundreds of Workers). */
const pooledKinds = new Set(['pinger', 'counter', 'dice', 'kubelet', 'kube-proxy']);
/** Processes per pooled Worker. */
const poolSize = 16;

/** Clients on the main thread, control-plane processes a Worker each, node agents 16 to a Worker. */
export const defaultPlacement: Placement = (id, kind, index) => {
  if (mainKinds.has(kind)) return 'main';
  if (pooledKinds.has(kind)) return `pool-${Math.floor(index / poolSize)}`;
  return `w-${id}`;
};

interface ProcSlot {
  id: ProcessId;
  kind: string;
  config: unknown;
  pool: string;
  disk: DurableDisk;
  incarnation: number;
  up: boolean;
  telemetry: unknown;
  pending: unknown;
  lastError: string | null;
}

interface Pool {
  name: string;
  handle: WorkerHandle | null;
  procs: Set<ProcessId>;
  /** The Worker's earliest pending event (µs), as last reported. */
  next: number;
  /** Envelopes for it, held until the tick they are due in. */
  inbox: Heap<Envelope>;
  /** Actions to apply before its next tick runs anything. */
  ops: ControlOp[];
  /** It ran since it last reported telemetry. */
  stale: boolean;
  /** The time (µs) it has run to: every event at or before it has run. */
  pos: number;
  /** Batches other pools sent it straight that it has not yet said it took: they count toward its next event. */
  inflight: { channel: string; batch: number; at: number }[];
  /** The batches it took from each channel, as it last said. */
  taken: Map<string, number>;
}

interface QueuedOp {
  run(): Promise<void>;
  cancel(err: Error): void;
}

const byDelivery = (a: Envelope, b: Envelope): boolean => a.at < b.at || (a.at === b.at && (a.from < b.from || (a.from === b.from && a.seq < b.seq)));

/** Runs processes over Web Workers on a paced virtual clock; see the file comment. */
export class WorkerHost implements Topology, ClusterHost {
  readonly network: NetworkOptions;
  private readonly seed: number;
  private readonly kinds: Map<string, ProcessKind<never>>;
  private readonly spawn: WorkerSpawner;
  private readonly placement: Placement;
  private readonly slots = new Map<ProcessId, ProcSlot>();
  private readonly pools = new Map<string, Pool>();
  private readonly main: Runtime;
  private readonly links = new Links();
  private readonly pacer = new Pacer();
  private readonly queue: QueuedOp[] = [];
  private readonly listeners = new Set<(e: HostEvent) => void>();
  private readonly digests = new Map<string, { hash: string; inputs: number }>();
  private wire: WireRecord[] = [];
  /** What ran, while a step collects it. */
  private ran: RanRecord[] | null = null;
  private clockUs = 0;
  private tickNo = 0;
  /** A process died by itself during a tick: the topology changes once the tick is over. */
  private deathsPending = false;
  private lastTelemetryWall = -Infinity;
  /** Channels made between pools' Workers so far (their names are unique). */
  private channels = 0;
  private wakeUp: (() => void) | null = null;
  private disposed = false;
  private readonly tickTimeoutMs: number;
  private telemetryEveryMs: number;
  private readonly stepMs: number;
  private cpuShare: number;
  /** Wall ms (performance.now()) when the current run of ticks without a rest began; null while resting or idle. */
  private busySince: number | null = null;
  /** Ticks run, Worker ticks sent, envelopes (and how many went straight between Workers), for benchmarks. */
  readonly stats = { ticks: 0, workerTicks: 0, envelopes: 0, direct: 0, late: 0, rests: 0 };

  constructor(opts: WorkerHostOptions) {
    this.seed = opts.seed;
    this.network = { ...defaultNetwork, ...opts.network };
    this.kinds = new Map(opts.kinds.map((k) => [k.name, k]));
    this.spawn = opts.spawn;
    this.placement = opts.placement ?? defaultPlacement;
    this.tickTimeoutMs = opts.tickTimeoutMs ?? 10_000;
    this.telemetryEveryMs = opts.telemetryEveryMs ?? 33;
    this.stepMs = opts.stepMs ?? 10;
    this.cpuShare = checkShare(opts.cpuShare ?? 1);
    this.pacer.setSpeed(opts.speed ?? 1, 0);
    this.main = new Runtime({
      seed: opts.seed,
      network: this.network,
      kinds: this.kinds,
      topology: this,
      route: (e) => this.route(e),
      onDeath: (id, inc, error) => this.died(id, inc, error),
      onSend: (from, to, body, sentAt, deliverAt) => {
        const kind = this.kinds.get(this.slots.get(from)?.kind ?? '');
        const payload = body.t === 'msg' || body.t === 'data' ? body.msg : body;
        const type = kind?.describe ? kind.describe(payload) : body.t;
        if (type !== null) this.wire.push({ from, to, type, sentAt: sentAt / US_PER_MS, deliverAt: deliverAt.length ? deliverAt[0] / US_PER_MS : null });
      },
      onInput: (to, input, atUs) => {
        if (this.ran && this.ran.length < ranCapPerTick) this.ran.push(describeInput(to, input, atUs / US_PER_MS, (id) => this.kinds.get(this.slots.get(id)?.kind ?? '')));
      },
    });
    void this.pump();
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

  // ---- actions -------------------------------------------------------------------------------

  /**
   * Runs `fn` between ticks, after the actions queued before it; the clock stands still while it
   * runs (a Worker it has to load included). `fn` acts through the HostActions it is given.
   */
  act<T>(fn: (a: HostActions) => T | Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new Error('host disposed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        run: async () => {
          try {
            resolve(await fn(this.actions));
          } catch (e) {
            reject(e);
          }
        },
        cancel: reject,
      });
      this.wake();
    });
  }

  /** The primitive actions, valid only inside `act`. */
  private readonly actions: HostActions = {
    add: async (id, kind, config) => {
      if (this.slots.has(id)) throw new Error(`process ${id} already exists`);
      const pool = this.placement(id, kind, [...this.slots.values()].filter((s) => s.kind === kind).length);
      // A Worker refuses a kind it does not know when it starts the process (the process is then down with that error).
      if (pool === 'main' && !this.kinds.has(kind)) throw new Error(`unknown process kind "${kind}" for the main thread`);
      const slot: ProcSlot = { id, kind, config, pool, disk: new DurableDisk(), incarnation: 0, up: false, telemetry: undefined, pending: undefined, lastError: null };
      this.slots.set(id, slot);
      for (const p of this.pools.values()) if (p.handle) p.ops.push({ op: 'placement', places: [[id, pool]] });
      try {
        await this.boot(slot);
      } catch (e) {
        slot.lastError = e instanceof Error ? e.message : String(e);
        throw e;
      }
    },
    kill: (id) => {
      const slot = this.slots.get(id);
      if (!slot?.up) return false;
      this.down(slot);
      return true;
    },
    restart: async (id) => {
      const slot = this.slots.get(id);
      if (!slot || slot.up) return false;
      await this.boot(slot);
      return true;
    },
    command: (id, command) => {
      const slot = this.slots.get(id);
      if (!slot?.up) return false;
      if (slot.pool === 'main') return this.main.command(id, command);
      this.pools.get(slot.pool)!.ops.push({ op: 'command', id, command });
      return true;
    },
    partition: (groups) => {
      this.links.partition(groups);
      this.topologyChanged();
    },
    cutLink: (a, b) => {
      this.links.cutLink(a, b);
      this.topologyChanged();
    },
    restoreLink: (a, b) => {
      this.links.restoreLink(a, b);
      this.topologyChanged();
    },
    heal: () => {
      this.links.heal();
      this.topologyChanged();
    },
  };

  /** Starts a process of a registered kind, where the placement policy puts it. */
  add(id: ProcessId, kind: string, config: unknown): Promise<void> {
    return this.act((a) => a.add(id, kind, config));
  }
  /** Crashes a process: a Worker of its own is terminated for real; its disk is kept. False if it is down. */
  kill(id: ProcessId): Promise<boolean> {
    return this.act((a) => a.kill(id));
  }
  /** Starts a crashed process again from its disk (in a fresh Worker if it had its own). False if it is up. */
  restart(id: ProcessId): Promise<boolean> {
    return this.act((a) => a.restart(id));
  }
  /** Hands a process an operator's command, between ticks. */
  command(id: ProcessId, command: unknown): Promise<boolean> {
    return this.act((a) => a.command(id, command));
  }
  /** Stalls stream writes from `from` to `to` until `release`. */
  hold(from: ProcessId, to: ProcessId): Promise<void> {
    return this.act(() => {
      this.links.hold(from, to);
      this.topologyChanged();
    });
  }
  release(from: ProcessId, to: ProcessId): Promise<void> {
    return this.act(() => {
      this.links.release(from, to);
      this.topologyChanged();
    });
  }
  /** Resets every stream between a and b. */
  resetStreams(a: ProcessId, b: ProcessId): Promise<void> {
    return this.act(() => this.topologyChanged([a, b]));
  }

  // ---- queries -------------------------------------------------------------------------------

  has(id: ProcessId): boolean {
    return this.slots.has(id);
  }
  isUp(id: ProcessId): boolean {
    return !!this.slots.get(id)?.up;
  }
  ids(): ProcessId[] {
    return [...this.slots.keys()];
  }
  /** Which Worker (or 'main') a process runs in: the placement, for the UI. */
  placementOf(id: ProcessId): string | null {
    return this.slots.get(id)?.pool ?? null;
  }
  /** Worker names and the processes each holds. */
  poolsView(): { name: string; processes: ProcessId[]; up: boolean }[] {
    return [...this.pools.values()].map((p) => ({ name: p.name, processes: [...p.procs], up: p.handle?.alive ?? false }));
  }
  /** The durable disk of a process, as the main thread holds it. */
  disk(id: ProcessId): (Disk & { readonly writes: number }) | undefined {
    return this.slots.get(id)?.disk;
  }
  /** A process on the main thread (null for Worker-hosted ones, whose objects live in their Worker). */
  localProcess<P extends Process = Process>(id: ProcessId): P | null {
    return this.slots.get(id)?.pool === 'main' ? this.main.process<P>(id) : null;
  }
  /** Latest telemetry of a process (refreshed every `telemetryEveryMs`); undefined while down. */
  telemetry(id: ProcessId): unknown {
    const s = this.slots.get(id);
    if (!s?.up) return undefined;
    return s.pool === 'main' ? this.main.telemetry(id) : s.telemetry;
  }
  /** Latest pending timers, streams and requests of a process; null while down. */
  pending(id: ProcessId): unknown {
    const s = this.slots.get(id);
    if (!s?.up) return null;
    return s.pool === 'main' ? this.main.pending(id) : (s.pending ?? null);
  }
  /** Why a process last died on its own (threw, its Worker hung or failed to load); null if it did not. */
  lastError(id: ProcessId): string | null {
    return this.slots.get(id)?.lastError ?? null;
  }
  cutLinks(): [ProcessId, ProcessId][] {
    return this.links.list();
  }
  /** The hash of the history so far, comparable with SimHost's. */
  digest(): string {
    const all = new Map(this.digests);
    for (const [k, v] of this.main.digests()) all.set(k, v);
    return combineDigests(all);
  }

  // ---- time ----------------------------------------------------------------------------------

  /** Simulated ms since start. */
  now(): number {
    return this.clockUs / US_PER_MS;
  }
  get paused(): boolean {
    return this.pacer.paused;
  }
  get speed(): number {
    return this.pacer.speed;
  }
  pause(): void {
    if (this.pacer.paused) return;
    this.pacer.pause();
    // Telemetry is refreshed only every telemetryEveryMs: make sure the paused picture is current.
    void this.refreshTelemetry().catch(() => {});
  }
  resume(): void {
    if (!this.pacer.paused) return;
    this.pacer.resume(this.now());
    this.wake();
    this.emit();
  }
  setSpeed(speed: number): void {
    this.pacer.setSpeed(speed, this.now());
    this.wake();
    this.emit();
  }
  /** Wall ms between telemetry refreshes from now on (what the UI can use: more is only copying). */
  setTelemetryEvery(ms: number): void {
    if (!(ms > 0)) throw new Error(`telemetry period must be positive, got ${ms}`);
    this.telemetryEveryMs = ms;
  }
  /** Fetches fresh telemetry from every Worker without moving the clock. */
  refreshTelemetry(): Promise<void> {
    return this.act(() => this.tick(this.clockUs, true));
  }
  /**
   * Pauses, then runs the events of the next instant anything is due (or moves `stepMs`); answers
   * what ran, ordered by time and process.
   */
  step(): Promise<RanRecord[]> {
    this.pacer.pause();
    return this.act(async () => {
      this.ran = [];
      try {
        // A tick can run nothing (a Worker that has not reported its next event yet is due "now"):
        // go on until something ran, so that every press shows an event.
        for (let i = 0; i < 16 && this.ran.length === 0 && !this.disposed; i++) {
          const next = this.nextEventAt();
          if (!Number.isFinite(next)) {
            if (i === 0) this.idleTo(this.clockUs + Math.round(this.stepMs * US_PER_MS));
            break;
          }
          await this.tick(Math.max(next, this.clockUs), true, true);
        }
        return this.ran.sort((a, b) => a.at - b.at || (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
      } finally {
        this.ran = null;
      }
    });
  }
  /** Runs `ms` simulated ms as fast as possible, whatever the pace (tests, benchmarks, scripts). */
  runFor(ms: number): Promise<void> {
    return this.act(async () => {
      const end = this.clockUs + Math.round(ms * US_PER_MS);
      while (this.clockUs < end && !this.disposed && (await this.advance(end)));
    });
  }
  /**
   * Runs as fast as possible until `cond()` holds (checked after each tick) or `ms` pass; true if it
   * held. It then brings every Runtime to the same instant, so what is done next is done at one time.
   */
  runUntil(cond: () => boolean, ms: number): Promise<boolean> {
    return this.act(async () => {
      const end = this.clockUs + Math.round(ms * US_PER_MS);
      while (!cond() && this.clockUs < end && !this.disposed && (await this.advance(end)));
      await this.closeCut();
      return cond();
    });
  }
  /** Called after every tick and every action; returns an unsubscribe function. */
  subscribe(fn: (e: HostEvent) => void): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  /** Terminates every Worker and settles everything pending; the host is unusable afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const p of this.pools.values()) p.handle?.terminate('host disposed');
    for (const op of this.queue.splice(0)) op.cancel(new Error('host disposed'));
    this.listeners.clear();
    this.wake();
  }

  // ---- the pump ------------------------------------------------------------------------------

  private async pump(): Promise<void> {
    while (!this.disposed) {
      const op = this.queue.shift();
      if (op) {
        // An action happens at one instant everywhere: first bring every Runtime to the same time.
        await this.closeCut();
        await op.run();
        this.emit();
      } else if (this.pacer.paused) {
        await this.idle(Infinity);
      } else {
        const goal = this.pacer.target(this.now());
        const goalUs = Number.isFinite(goal) ? Math.floor(goal * US_PER_MS) : Infinity;
        this.busySince ??= performance.now();
        if (await this.advance(goalUs)) {
          await this.restIfDue();
        } else {
          this.busySince = null;
          // Nothing due yet: sleep until the next event is due, but wake each frame so the clock moves on screen.
          const next = this.nextEventAt();
          await this.idle(Number.isFinite(next) ? Math.min(this.pacer.wallMsUntil(next / US_PER_MS), 16) : 16);
        }
      }
    }
  }

  /**
   * One tick toward `goalUs`; false (with every Runtime moved to the goal) when nothing is due by then.
   *
   * Each Runtime R runs to its own horizon: short of the earliest moment another Runtime could send
   * it something (their next events plus the minimum latency), and short of a round trip after its
   * own next event (what it sends may be answered). So a Worker with nothing coming its way runs
   * ahead through several of its own instants in one tick (Chandy–Misra–Bryant lookahead).
   */
  private async advance(goalUs: number): Promise<boolean> {
    const next = this.nextEventAt();
    if (next > goalUs) {
      if (Number.isFinite(goalUs)) this.idleTo(goalUs);
      return false;
    }
    await this.tick(goalUs);
    return true;
  }

  /** Brings every Runtime to the same instant (the furthest any has run to): actions happen at one time. */
  private async closeCut(): Promise<void> {
    let far = this.main.nowUs();
    for (const p of this.livePools()) far = Math.max(far, p.pos);
    while (this.clockUs < far && !this.disposed && (await this.advance(far)));
  }

  private livePools(): Pool[] {
    return [...this.pools.values()].filter((p) => p.handle);
  }

  /** A Runtime's earliest event (an action waiting counts as due where it stands). */
  private nextOf(p: Pool): number {
    if (p.ops.length > 0) return p.pos;
    let next = Math.min(p.next, p.inbox.peek()?.at ?? Infinity);
    for (const b of p.inflight) next = Math.min(next, b.at);
    return next;
  }

  /** The earliest thing anywhere that must run: an event, a held envelope, or an action to apply. */
  private nextEventAt(): number {
    let next = this.main.nextAt();
    for (const p of this.livePools()) next = Math.min(next, this.nextOf(p));
    return next;
  }

  /** Moves every Runtime to T when none has anything due by then: nothing runs, so the Workers need not hear of it. */
  private idleTo(T: number): void {
    this.main.runUntil(Math.max(T, this.main.nowUs()));
    for (const p of this.livePools()) p.pos = Math.max(p.pos, T);
    this.clockUs = this.cut();
  }

  /** The instant every Runtime has reached: the clock the UI shows and actions happen at. */
  private cut(): number {
    let c = this.main.nowUs();
    for (const p of this.livePools()) c = Math.min(c, p.pos);
    return c;
  }

  private async tick(goalUs: number, forceTelemetry = false, trace = false): Promise<void> {
    const tick = ++this.tickNo;
    const L = Math.max(1, Math.round(this.network.latencyMsMin * US_PER_MS));
    const pools = this.livePools();
    const nexts = pools.map((p) => this.nextOf(p));
    const mainNext = this.main.nextAt();
    // The two smallest next-event times, so that "the earliest of the others" is cheap for each.
    const all = [mainNext, ...nexts];
    let m1 = Infinity;
    let m2 = Infinity;
    for (const n of all) {
      if (n < m1) [m1, m2] = [n, m1];
      else if (n < m2) m2 = n;
    }
    const horizon = (own: number, pos: number) => {
      const others = own === m1 ? m2 : m1;
      return Math.max(pos, Math.min(goalUs, others + L - 1, own + 2 * L - 1));
    };
    this.main.runUntil(horizon(mainNext, this.main.nowUs()));
    const wall = performance.now();
    const telemetry = forceTelemetry || wall - this.lastTelemetryWall >= this.telemetryEveryMs;
    if (telemetry) this.lastTelemetryWall = wall;
    const due: Pool[] = [];
    const orders: { p: Pool; at: number; T: number }[] = [];
    pools.forEach((p, i) => {
      const T = horizon(nexts[i], p.pos);
      // A Worker is woken only for what it has due, or for telemetry when it ran since its last report.
      if ((telemetry && (p.stale || forceTelemetry)) || p.ops.length > 0 || nexts[i] <= T) {
        due.push(p);
        orders.push({ p, at: p.pos, T });
      }
      p.pos = T;
    });
    const waits = due.map((p) => p.handle!.report(tick));
    // One watchdog per tick: a Worker still silent when it fires is stuck (an endless loop) and is killed.
    const watchdog = setTimeout(() => {
      for (const p of due) p.handle?.terminate(`${p.name} did not finish a tick within ${this.tickTimeoutMs} ms (stuck in a loop?)`);
    }, this.tickTimeoutMs);
    for (const { p, at, T } of orders) {
      const inbound: Envelope[] = [];
      while ((p.inbox.peek()?.at ?? Infinity) <= T) inbound.push(p.inbox.pop()!);
      this.stats.envelopes += inbound.length;
      // Batches sent straight to it that it must have taken before it runs.
      const expect = new Map<string, number>();
      for (const b of p.inflight) expect.set(b.channel, Math.max(expect.get(b.channel) ?? 0, b.batch));
      const ports = p.ops.flatMap((op) => (op.op === 'link' ? [op.port] : []));
      p.handle!.post({ t: 'tick', tick, at, T, ops: p.ops, inbound, telemetry, trace, ...(expect.size ? { expect: [...expect] } : {}) }, ports);
      p.ops = [];
      p.stale = !telemetry;
    }
    const reports = await Promise.all(waits);
    clearTimeout(watchdog);
    this.stats.ticks++;
    this.stats.workerTicks += due.length;
    this.clockUs = this.cut();
    // In pool-name order, so that what the reports change is applied the same way every run.
    const order = due.map((p, i) => [p, reports[i]] as const).sort((a, b) => (a[0].name < b[0].name ? -1 : 1));
    for (const [p, r] of order) this.absorb(p, r);
    if (this.deathsPending) {
      this.deathsPending = false;
      this.topologyChanged();
    }
    this.emit();
  }

  /** Takes in one Worker's report; a missing report means the Worker died during the tick. */
  private absorb(pool: Pool, report: TickReport | null): void {
    if (!report || report.fatal) {
      const why = report?.fatal ?? pool.handle?.deathReason ?? 'worker died';
      this.closePool(pool, why);
      for (const id of pool.procs) {
        const s = this.slots.get(id)!;
        if (s.up) this.down(s, why);
      }
      return;
    }
    pool.next = report.next;
    for (const [channel, n] of report.taken) {
      pool.taken.set(channel, n);
      pool.inflight = pool.inflight.filter((b) => b.channel !== channel || b.batch > n);
    }
    for (const [peer, channel, batch, at, count] of report.sent) {
      const to = this.pools.get(peer);
      this.stats.envelopes += count;
      this.stats.direct += count;
      // The receiver may have taken it already (it ran in the same tick, and its report came first).
      if (to?.handle && (to.taken.get(channel) ?? 0) < batch) to.inflight.push({ channel, batch, at });
    }
    this.stats.late += report.late;
    for (const [id, ops] of report.disk) this.slots.get(id)?.disk.apply(ops);
    for (const [key, hash, inputs] of report.digests) this.digests.set(key, { hash, inputs });
    for (const e of report.out) this.route(e);
    if (report.wire.length) this.wire.push(...report.wire);
    if (report.ran && this.ran) this.ran.push(...report.ran);
    for (const t of report.telemetry ?? []) {
      const s = this.slots.get(t.id);
      if (!s) continue;
      if (t.telemetry) s.telemetry = applyDelta(s.telemetry, t.telemetry);
      if (t.pending) s.pending = applyDelta(s.pending, t.pending);
    }
    for (const [id, inc, error] of report.deaths) this.died(id, inc, error);
  }

  // ---- processes -----------------------------------------------------------------------------

  private async boot(slot: ProcSlot): Promise<void> {
    if (slot.pool === 'main') {
      slot.up = true;
      this.topologyChanged();
      this.main.drop(slot.id);
      this.main.start({ id: slot.id, kind: slot.kind, config: slot.config, incarnation: slot.incarnation, disk: slot.disk });
      return;
    }
    const pool = await this.openPool(slot.pool);
    pool.procs.add(slot.id);
    slot.up = true;
    slot.telemetry = undefined;
    slot.pending = undefined;
    slot.lastError = null;
    this.topologyChanged();
    pool.ops.push({ op: 'start', id: slot.id, kind: slot.kind, config: slot.config, incarnation: slot.incarnation, disk: slot.disk.dump() });
  }

  /** The pool's Worker, spawned and loaded (the clock waits) if it has none. */
  private async openPool(name: string): Promise<Pool> {
    let pool = this.pools.get(name);
    if (!pool) {
      pool = { name, handle: null, procs: new Set(), next: Infinity, inbox: new Heap(byDelivery), ops: [], stale: true, pos: this.clockUs, inflight: [], taken: new Map() };
      this.pools.set(name, pool);
    }
    if (!pool.handle) {
      pool.handle = await WorkerHandle.open(this.spawn(name), this.seed, this.network);
      pool.next = Infinity;
      pool.pos = this.clockUs;
      pool.inbox = new Heap(byDelivery);
      pool.inflight = [];
      pool.taken = new Map();
      pool.ops = [
        { op: 'topology', state: this.topologyState() },
        { op: 'placement', places: [...this.slots.values()].map((s): [ProcessId, string] => [s.id, s.pool]) },
      ];
      // A channel to every other live Worker: what their processes send each other goes straight across.
      for (const other of this.pools.values()) {
        if (other === pool || !other.handle) continue;
        const { port1, port2 } = new MessageChannel();
        const channel = `${pool.name}~${other.name}#${++this.channels}`;
        pool.ops.push({ op: 'link', peer: other.name, channel, port: port1 });
        other.ops.push({ op: 'link', peer: pool.name, channel, port: port2 });
      }
    }
    return pool;
  }

  /**
   * Ends a pool's Worker for real. The others close their channel to it once they have taken what
   * it sent them before it went (messages in flight outlive their sender, as on a network).
   */
  private closePool(pool: Pool, reason: string): void {
    if (!pool.handle) return;
    pool.handle.terminate(reason);
    pool.handle = null;
    pool.inflight = [];
    pool.taken = new Map();
    for (const other of this.pools.values()) if (other !== pool && other.handle) other.ops.push({ op: 'unlink', peer: pool.name });
  }

  /** Takes a process down (a kill, or its Worker died): a Worker of its own is terminated. */
  private down(slot: ProcSlot, reason: string | null = null): void {
    slot.up = false;
    slot.incarnation++;
    slot.telemetry = undefined;
    slot.pending = undefined;
    if (reason !== null) slot.lastError = reason;
    if (slot.pool === 'main') this.main.stop(slot.id);
    else {
      const pool = this.pools.get(slot.pool)!;
      pool.procs.delete(slot.id);
      if (pool.procs.size === 0) {
        // Its last process: the Worker goes, for real; what it had not yet run is lost with it.
        this.closePool(pool, reason ?? 'killed');
      } else pool.ops.push({ op: 'stop', id: slot.id });
    }
    this.topologyChanged();
  }

  /** A process died by itself (it threw): its peers hear of it from the next action on. */
  private died(id: ProcessId, incarnation: number, error: string | null): void {
    const slot = this.slots.get(id);
    if (!slot?.up || slot.incarnation !== incarnation) return;
    slot.up = false;
    slot.incarnation++;
    slot.lastError = error;
    const pool = this.pools.get(slot.pool);
    if (pool) {
      pool.procs.delete(id);
      if (pool.procs.size === 0) this.closePool(pool, error ?? 'crashed');
    }
    this.deathsPending = true;
  }

  private topologyState(): TopologyState {
    return {
      up: [...this.slots.values()].filter((s) => s.up).map((s) => [s.id, s.incarnation]),
      cut: this.links.list(),
      held: this.links.heldList(),
    };
  }

  /** Every Runtime learns the new topology (in order with the other actions) and closes what it cuts. */
  private topologyChanged(reset?: [ProcessId, ProcessId]): void {
    const state = this.topologyState();
    for (const p of this.pools.values()) if (p.handle) p.ops.push({ op: 'topology', state, reset });
    this.main.applyTopology(reset ? (a, b) => (a === reset[0] && b === reset[1]) || (a === reset[1] && b === reset[0]) : undefined);
  }

  private route(e: Envelope): void {
    const slot = this.slots.get(e.to);
    if (!slot?.up || slot.incarnation !== e.toInc) return; // sent to a process that is gone: lost
    const pos = slot.pool === 'main' ? this.main.nowUs() : this.pools.get(slot.pool)!.pos;
    // Never expected: the horizons guarantee it. Counted, so tests can hold the host to it.
    if (e.at <= pos) this.stats.late++;
    if (slot.pool === 'main') this.main.push(e);
    else this.pools.get(slot.pool)!.inbox.push(e);
  }

  // ---- plumbing ------------------------------------------------------------------------------

  private emit(): void {
    const e: HostEvent = { now: this.now(), wire: this.wire };
    this.wire = [];
    for (const fn of this.listeners) fn(e);
  }

  /** The share of wall time the clock may take while behind (see WorkerHostOptions.cpuShare). */
  setCpuShare(share: number): void {
    this.cpuShare = checkShare(share);
  }

  /** After `sliceMs` of ticks without a break, sleeps for the rest of the clock's share (an action wakes it early). */
  private async restIfDue(): Promise<void> {
    if (this.cpuShare >= 1 || this.busySince === null) return;
    const busy = performance.now() - this.busySince;
    if (busy < sliceMs) return;
    this.busySince = null;
    this.stats.rests++;
    await this.idle((busy * (1 - this.cpuShare)) / this.cpuShare);
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

function checkShare(share: number): number {
  if (!(share > 0 && share <= 1)) throw new Error(`cpuShare must be in (0, 1], got ${share}`);
  return share;
}
