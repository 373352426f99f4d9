// The worker side of WorkerHost: runs one process in a Worker, in lockstep with the main thread.
// A tick order says "run to T"; the worker first waits for the batches its peers sent it in the
// previous tick (the order names them), so every message due by T is in the queue before anything
// runs: the history does not depend on which thread happened to be faster. Worker entry points call
// `serveProcess` with a factory builder and hold no logic of their own.

import * as Comlink from 'comlink';
import type { ProcessFactory, ProcessId } from '../sim/env';
import { Links } from '../sim/network';
import { JournaledDisk } from './journaled-disk';
import { ProcessRuntime, type Outbound } from './process-runtime';
import type { Delivery, LocalDelivery, PeerBatch, StartOptions, TickOrder, TickReport, WireRecord, WorkerControl } from './protocol';

/** Options of serveProcess. */
export interface ServeOptions {
  /** Names a message for the UI's wire view ('MsgApp', 'client', …); null leaves it out. */
  describe?: (msg: unknown) => string | null;
  /** Where Comlink listens: the Worker's global scope by default, a MessagePort in tests. */
  endpoint?: Comlink.Endpoint;
  /** How long to wait for a peer's batch before running without it (it then arrives late). */
  batchWaitMs?: number;
}

/** Wire records per tick; the UI animates a handful, not thousands. */
const wireCapPerTick = 64;

/** Serves one process over Comlink; `build` turns the host's plain config into the process factory. */
export function serveProcess<C>(build: (config: C) => ProcessFactory, opts: ServeOptions = {}): { close(): void } {
  const worker = new ProcessWorker(build, opts);
  Comlink.expose(worker.control, opts.endpoint ?? (globalThis as unknown as Comlink.Endpoint));
  return { close: () => worker.close() };
}

interface Peer {
  port: MessagePort;
  up: boolean;
}

class ProcessWorker<C> {
  private main: MessagePort | null = null;
  private readonly peers = new Map<ProcessId, Peer>();
  /** Ports of peers since replaced; kept open so batches already in flight still land. */
  private readonly retired: MessagePort[] = [];
  private locals = new Set<ProcessId>();
  private readonly links = new Links();
  private runtime: ProcessRuntime | null = null;
  private disk = new JournaledDisk();
  /** Peer batches not yet consumed, by tick, then sender. */
  private readonly batches = new Map<number, Map<ProcessId, Delivery[]>>();
  private order: TickOrder | null = null;
  private waitTimer: ReturnType<typeof setTimeout> | null = null;
  private wire: WireRecord[] = [];

  constructor(
    private readonly build: (config: C) => ProcessFactory,
    private readonly opts: ServeOptions,
  ) {}

  readonly control: WorkerControl = {
    ping: () => true,
    attach: (port) => {
      this.main = port;
      port.addEventListener('message', (ev: MessageEvent<TickOrder>) => this.onOrder(ev.data));
      port.start();
    },
    connect: (peer, port) => {
      const old = this.peers.get(peer);
      if (old) this.retired.push(old.port);
      port.addEventListener('message', (ev: MessageEvent<PeerBatch>) => this.onBatch(ev.data));
      port.start();
      this.peers.set(peer, { port, up: true });
    },
    disconnect: (peer) => {
      const p = this.peers.get(peer);
      if (p) p.up = false;
    },
    setCut: (cut) => {
      this.links.heal();
      for (const [a, b] of cut) this.links.cutLink(a, b);
    },
    setLocals: (locals) => {
      this.locals = new Set(locals);
    },
    start: (o: StartOptions) => this.start(o as StartOptions<C>),
  };

  close(): void {
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.runtime?.stop();
    this.main?.close();
    for (const p of this.peers.values()) p.port.close();
    for (const p of this.retired) p.close();
  }

  private start(o: StartOptions<C>): void {
    this.control.setCut(o.cut);
    this.control.setLocals(o.locals);
    this.disk = new JournaledDisk(o.disk);
    const rt = new ProcessRuntime({
      id: o.id,
      seed: o.seed,
      incarnation: o.incarnation,
      network: o.network,
      disk: this.disk,
      now: o.now,
      reachable: (to) => this.reachable(o.id, to),
      observe: (to, msg, sentAt, deliverAt) => this.observe(o.id, to, msg, sentAt, deliverAt),
    });
    this.runtime = rt;
    rt.start(this.build(o.config));
    this.flush(o.tick, true);
  }

  private reachable(self: ProcessId, to: ProcessId): boolean {
    if (this.links.isCut(self, to)) return false;
    return to === self || this.locals.has(to) || !!this.peers.get(to)?.up;
  }

  private observe(from: ProcessId, to: ProcessId, msg: unknown, sentAt: number, deliverAt: number[]): void {
    if (this.wire.length >= wireCapPerTick) return;
    const type = this.opts.describe ? this.opts.describe(msg) : 'message';
    if (type !== null) this.wire.push({ from, to, type, sentAt, deliverAt: deliverAt[0] ?? null });
  }

  private onOrder(order: TickOrder): void {
    this.order = order;
    this.tryRun();
  }

  private onBatch(b: PeerBatch): void {
    let byPeer = this.batches.get(b.tick);
    if (!byPeer) this.batches.set(b.tick, (byPeer = new Map()));
    const prev = byPeer.get(b.from);
    byPeer.set(b.from, prev ? prev.concat(b.msgs) : b.msgs);
    this.tryRun();
  }

  /** Runs the pending order once every batch it expects is here (or the wait timed out). */
  private tryRun(timedOut = false): void {
    const order = this.order;
    if (!order) return;
    const have = this.batches.get(order.tick - 1);
    const missing = order.expect.filter((p) => !have?.has(p));
    if (missing.length > 0 && !timedOut) {
      this.waitTimer ??= setTimeout(() => {
        this.waitTimer = null;
        console.warn(`[kubeplay] ${this.runtime?.id}: no batch from ${missing.join(', ')} for tick ${order.tick - 1}; running without it`);
        this.tryRun(true);
      }, this.opts.batchWaitMs ?? 5000);
      return;
    }
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.waitTimer = null;
    this.order = null;
    try {
      this.run(order);
    } catch (e) {
      // Not the process (the runtime catches its throws) but the plumbing: most likely a message
      // that cannot be cloned. The process dies of it, and says why, instead of the tick hanging.
      this.fatal(order.tick, e);
    }
  }

  private fatal(tick: number, e: unknown): void {
    const rt = this.runtime;
    const why = `${rt?.id ?? 'worker'}: ${e instanceof Error ? e.message : String(e)}`;
    if (rt) {
      rt.stop();
      rt.crash ??= why;
    }
    this.main?.postMessage({ t: 'report', tick, disk: [], next: Infinity, sentTo: [], toLocal: [], wire: [], crashed: why } satisfies TickReport);
  }

  private run(order: TickOrder): void {
    const rt = this.runtime;
    if (rt) {
      for (const [from, at, msg] of order.inbound) rt.deliver(from, msg, at);
      // A fixed insertion order (tick, then sender name) keeps ties between equal times deterministic.
      const ticks = [...this.batches.keys()].filter((t) => t < order.tick).sort((a, b) => a - b);
      for (const t of ticks) {
        const byPeer = this.batches.get(t)!;
        this.batches.delete(t);
        for (const from of [...byPeer.keys()].sort()) for (const [, at, msg] of byPeer.get(from)!) rt.deliver(from, msg, at);
      }
      rt.runUntil(order.T);
    }
    this.flush(order.tick, order.telemetry);
  }

  /** Ends a tick: the report (disk writes included) to the main thread, then one batch per peer. */
  private flush(tick: number, telemetry: boolean): void {
    const main = this.main;
    const rt = this.runtime;
    if (!main) return;
    const out: Outbound[] = rt ? rt.takeOutbox() : [];
    let next = rt ? rt.nextAt() : Infinity;
    const toPeers = new Map<ProcessId, Delivery[]>();
    const toLocal: LocalDelivery[] = [];
    for (const m of out) {
      next = Math.min(next, m.at);
      if (this.locals.has(m.to)) toLocal.push([m.to, m.at, m.msg]);
      else if (this.peers.has(m.to)) {
        let list = toPeers.get(m.to);
        if (!list) toPeers.set(m.to, (list = []));
        list.push([rt!.id, m.at, m.msg]);
      }
    }
    const report: TickReport = { t: 'report', tick, disk: this.disk.takeJournal(), next, sentTo: [...toPeers.keys()], toLocal, wire: this.wire };
    this.wire = [];
    if (telemetry && rt) report.telemetry = rt.telemetry();
    if (rt?.crash) report.crashed = rt.crash;
    main.postMessage(report);
    for (const [to, msgs] of toPeers) this.peers.get(to)!.port.postMessage({ tick, from: rt!.id, msgs } satisfies PeerBatch);
  }
}
