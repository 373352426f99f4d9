// The worker side of WorkerHost: one Runtime holding this Worker's processes (one, or a pool of
// them), driven by tick orders from the main thread. It holds no logic of its own: the processes
// are engine code, started by kind name from the registry. What they send to another pool's
// process goes straight to that pool's Worker at the end of the tick, in one batch per pool; what
// they send to the main thread's processes goes back in the report. Worker entry points call
// `servePool` and nothing else.

import * as Comlink from 'comlink';
import type { ProcessId, ProcessKind } from '../sim/env';
import { Links, type NetworkOptions } from '../sim/network';
import { Runtime, US_PER_MS, type Envelope, type Topology } from '../sim/runtime';
import { describeInput, ranCapPerTick, type RanRecord } from '../sim/trace';
import { JournaledDisk } from './journaled-disk';
import { DeltaEncoder } from '../sim/telemetry-delta';
import type { ControlOp, PeerBatch, ProcessReport, TickOrder, TickReport, TopologyState, WireRecord, WorkerControl } from './protocol';

/** Options of servePool. */
export interface ServeOptions {
  /** Where Comlink listens: the Worker's global scope by default, a MessagePort in tests. */
  endpoint?: Comlink.Endpoint;
}

/** Wire records per tick; the UI animates a handful, not thousands. */
const wireCapPerTick = 64;

/** Serves a pool of processes of the given kinds over Comlink and a main port. */
export function servePool(kinds: ProcessKind<never>[], opts: ServeOptions = {}): { close(): void } {
  const worker = new PoolWorker(new Map(kinds.map((k) => [k.name, k])));
  Comlink.expose(worker.control, opts.endpoint ?? (globalThis as unknown as Comlink.Endpoint));
  return { close: () => worker.close() };
}

/** The topology as this Worker last heard it. */
class TopologyReplica implements Topology {
  private up = new Map<ProcessId, number>();
  private readonly links = new Links();

  set(s: TopologyState): void {
    this.up = new Map(s.up);
    this.links.set(s.cut, s.held);
  }
  incarnation(id: ProcessId): number | null {
    return this.up.get(id) ?? null;
  }
  isCut(a: ProcessId, b: ProcessId): boolean {
    return this.links.isCut(a, b);
  }
  isHeld(from: ProcessId, to: ProcessId): boolean {
    return this.links.isHeld(from, to);
  }
}

/** A channel to another pool's Worker, and how many batches this Worker has sent over it. */
interface Peer {
  channel: string;
  port: MessagePort;
  sent: number;
  /** Envelopes for the peer's processes, sent at the end of the tick. */
  outbox: Envelope[];
}

class PoolWorker {
  private main: MessagePort | null = null;
  /** Channels to other pools' Workers, by pool name. */
  private readonly peers = new Map<string, Peer>();
  /** The pool each process runs in ('main' for the main thread's). */
  private readonly placement = new Map<ProcessId, string>();
  /** Batches arrived from each channel and not yet taken, in order. */
  private readonly arrived = new Map<string, PeerBatch[]>();
  /** Batches taken from each channel (cumulative), and the channels that took one since the last report. */
  private readonly taken = new Map<string, number>();
  private readonly takenSinceReport = new Set<string>();
  private late = 0;
  /** A tick order waiting for batches it expects to arrive. */
  private parked: TickOrder | null = null;
  private runtime: Runtime | null = null;
  private readonly topology = new TopologyReplica();
  private readonly disks = new Map<ProcessId, JournaledDisk>();
  private out: Envelope[] = [];
  private deaths: TickReport['deaths'] = [];
  private wire: WireRecord[] = [];
  /** What the last reports said of each process's telemetry and pending work: reports send deltas. */
  private readonly deltas = new DeltaEncoder();
  /** What ran this tick, when the order asks for a trace (a step). */
  private ran: RanRecord[] | null = null;

  constructor(private readonly kinds: Map<string, ProcessKind<never>>) {}

  readonly control: WorkerControl = {
    ping: () => true,
    attach: (port, seed, network) => {
      this.main = port;
      this.runtime = this.newRuntime(seed, network);
      port.addEventListener('message', (ev: MessageEvent<TickOrder>) => this.onOrder(ev.data));
      port.start();
    },
  };

  close(): void {
    this.main?.close();
    this.main = null;
    for (const p of this.peers.values()) p.port.close();
    this.peers.clear();
  }

  private newRuntime(seed: number, network: NetworkOptions): Runtime {
    return new Runtime({
      seed,
      network,
      kinds: this.kinds,
      topology: this.topology,
      route: (e) => {
        const peer = this.peers.get(this.placement.get(e.to) ?? '');
        if (peer) peer.outbox.push(e);
        else this.out.push(e);
      },
      onDeath: (id, inc, error) => this.deaths.push([id, inc, error]),
      onSend: (from, to, body, sentAt, deliverAt) => {
        if (this.wire.length >= wireCapPerTick) return;
        const kind = this.kindOf(from);
        const payload = body.t === 'msg' || body.t === 'data' ? body.msg : body;
        const type = kind?.describe ? kind.describe(payload) : body.t;
        if (type !== null) this.wire.push({ from, to, type, sentAt: sentAt / US_PER_MS, deliverAt: deliverAt.length ? deliverAt[0] / US_PER_MS : null });
      },
      onInput: (to, input, atUs) => {
        if (this.ran && this.ran.length < ranCapPerTick) this.ran.push(describeInput(to, input, atUs / US_PER_MS, (id) => this.kindOf(id)));
      },
    });
  }

  private kindOf(id: ProcessId): ProcessKind<never> | undefined {
    return this.kinds.get(this.kindNames.get(id) ?? '');
  }
  private readonly kindNames = new Map<ProcessId, string>();

  private onOrder(order: TickOrder): void {
    if (this.ready(order)) this.run(order);
    else this.parked = order;
  }

  /** Every batch the order expects has arrived. */
  private ready(order: TickOrder): boolean {
    return (order.expect ?? []).every(([channel, n]) => (this.taken.get(channel) ?? 0) + (this.arrived.get(channel)?.length ?? 0) >= n);
  }

  /**
   * A batch from another pool waits until an order says to take it: only then does the main thread
   * know its sender's tick (its disk writes included) happened, and what this Worker holds at each
   * tick depends on the orders alone, never on when a message happened to arrive.
   */
  private onBatch(b: PeerBatch): void {
    const list = this.arrived.get(b.channel);
    if (list) list.push(b);
    else this.arrived.set(b.channel, [b]);
    const order = this.parked;
    if (order && this.ready(order)) {
      this.parked = null;
      this.run(order);
    }
  }

  /** Queues the envelopes of the batches the order expects (each is due after this Worker's horizon). */
  private take(rt: Runtime, order: TickOrder): void {
    for (const [channel, n] of order.expect ?? []) {
      const list = this.arrived.get(channel) ?? [];
      let taken = this.taken.get(channel) ?? 0;
      while (taken < n) {
        const b = list.shift()!;
        for (const e of b.envelopes) {
          if (e.at <= rt.nowUs()) this.late++;
          rt.push(e);
        }
        taken = b.batch;
      }
      this.taken.set(channel, taken);
      this.takenSinceReport.add(channel);
    }
  }

  private run(order: TickOrder): void {
    const rt = this.runtime!;
    let fatal: string | undefined;
    this.ran = order.trace ? [] : null;
    try {
      rt.advanceTo(order.at);
      this.take(rt, order);
      for (const op of order.ops) this.apply(rt, op);
      for (const e of order.inbound) rt.push(e);
      rt.runUntil(order.T);
    } catch (e) {
      // Not a process (the runtime catches their throws) but the plumbing: a message that cannot be
      // cloned, a bad start. The Worker says so instead of the tick hanging.
      fatal = e instanceof Error ? e.message : String(e);
    }
    // Straight to the other pools, before the report: a receiver that is told to expect a batch has it coming.
    const sent: TickReport['sent'] = [];
    for (const [pool, peer] of this.peers) {
      if (peer.outbox.length === 0) continue;
      const envelopes = peer.outbox;
      peer.outbox = [];
      let at = Infinity;
      for (const e of envelopes) at = Math.min(at, e.at);
      const batch: PeerBatch = { t: 'batch', channel: peer.channel, batch: peer.sent + 1, envelopes };
      try {
        peer.port.postMessage(batch);
        peer.sent++;
        sent.push([pool, peer.channel, peer.sent, at, envelopes.length]);
      } catch (e) {
        fatal ??= `a message to ${pool} could not be sent: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
    this.report(order, sent, fatal);
  }

  private apply(rt: Runtime, op: ControlOp): void {
    switch (op.op) {
      case 'topology':
        this.topology.set(op.state);
        rt.applyTopology(op.reset ? (a, b) => (a === op.reset![0] && b === op.reset![1]) || (a === op.reset![1] && b === op.reset![0]) : undefined);
        return;
      case 'start': {
        if (!this.kinds.has(op.kind)) {
          this.deaths.push([op.id, op.incarnation, `unknown process kind "${op.kind}"`]);
          return;
        }
        const disk = new JournaledDisk(op.disk);
        this.disks.set(op.id, disk);
        this.kindNames.set(op.id, op.kind);
        rt.drop(op.id);
        // The main thread forgot this process's telemetry when it went down: the first report is whole.
        this.forgetTelemetry(op.id);
        rt.start({ id: op.id, kind: op.kind, config: op.config, incarnation: op.incarnation, disk });
        return;
      }
      case 'stop':
        rt.stop(op.id);
        this.forgetTelemetry(op.id);
        return;
      case 'command':
        rt.command(op.id, op.command);
        return;
      case 'placement':
        for (const [id, pool] of op.places) this.placement.set(id, pool);
        return;
      case 'link': {
        this.apply(rt, { op: 'unlink', peer: op.peer });
        op.port.addEventListener('message', (ev: MessageEvent<PeerBatch>) => this.onBatch(ev.data));
        op.port.start();
        this.peers.set(op.peer, { channel: op.channel, port: op.port, sent: 0, outbox: [] });
        return;
      }
      case 'unlink': {
        // What arrived from it and was never asked for came from a tick whose report was lost: it never happened.
        const peer = this.peers.get(op.peer);
        if (peer) this.arrived.delete(peer.channel);
        peer?.port.close();
        this.peers.delete(op.peer);
        return;
      }
    }
  }

  private forgetTelemetry(id: ProcessId): void {
    this.deltas.forget(id);
    this.deltas.forget(`${id}\0pending`);
  }

  private report(order: TickOrder, sent: TickReport['sent'], fatal?: string): void {
    const rt = this.runtime!;
    const disk: TickReport['disk'] = [];
    for (const [id, d] of this.disks) {
      const ops = d.takeJournal();
      if (ops.length) disk.push([id, ops]);
    }
    const report: TickReport = {
      t: 'report',
      tick: order.tick,
      out: this.out,
      sent,
      taken: [...this.takenSinceReport].map((c) => [c, this.taken.get(c)!]),
      late: this.late,
      next: rt.nextAt(),
      disk,
      deaths: this.deaths,
      digests: [...rt.digests()].map(([k, v]) => [k, v.hash, v.inputs]),
      wire: this.wire,
      fatal,
    };
    if (this.ran) report.ran = this.ran;
    this.ran = null;
    if (order.telemetry) {
      report.telemetry = [];
      for (const id of rt.ids()) {
        if (!rt.isUp(id)) continue;
        const entry: ProcessReport = { id };
        const t = this.deltas.encode(id, rt.telemetry(id));
        const p = this.deltas.encode(`${id}\0pending`, rt.pending(id));
        if (t) entry.telemetry = t;
        if (p) entry.pending = p;
        if (t || p) report.telemetry.push(entry);
      }
    }
    this.out = [];
    this.deaths = [];
    this.wire = [];
    this.takenSinceReport.clear();
    this.late = 0;
    try {
      this.main?.postMessage(report);
    } catch (e) {
      // Telemetry that cannot be cloned: say so without it rather than go silent.
      this.main?.postMessage({ ...report, telemetry: undefined, fatal: `report could not be sent: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
}
