// The worker side of WorkerHost: one Runtime holding this Worker's processes (one, or a pool of
// them), driven by tick orders from the main thread. It holds no logic of its own: the processes
// are engine code, started by kind name from the registry, and everything they send to a process
// elsewhere goes back in the report. Worker entry points call `servePool` and nothing else.

import * as Comlink from 'comlink';
import type { ProcessId, ProcessKind } from '../sim/env';
import { Links, type NetworkOptions } from '../sim/network';
import { Runtime, US_PER_MS, type Envelope, type Topology } from '../sim/runtime';
import { describeInput, ranCapPerTick, type RanRecord } from '../sim/trace';
import { JournaledDisk } from './journaled-disk';
import { DeltaEncoder } from '../sim/telemetry-delta';
import type { ControlOp, ProcessReport, TickOrder, TickReport, TopologyState, WireRecord, WorkerControl } from './protocol';

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

class PoolWorker {
  private main: MessagePort | null = null;
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
  }

  private newRuntime(seed: number, network: NetworkOptions): Runtime {
    return new Runtime({
      seed,
      network,
      kinds: this.kinds,
      topology: this.topology,
      route: (e) => this.out.push(e),
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
    const rt = this.runtime!;
    let fatal: string | undefined;
    this.ran = order.trace ? [] : null;
    try {
      rt.advanceTo(order.at);
      for (const op of order.ops) this.apply(rt, op);
      for (const e of order.inbound) rt.push(e);
      rt.runUntil(order.T);
    } catch (e) {
      // Not a process (the runtime catches their throws) but the plumbing: a message that cannot be
      // cloned, a bad start. The Worker says so instead of the tick hanging.
      fatal = e instanceof Error ? e.message : String(e);
    }
    this.report(order, fatal);
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
    }
  }

  private forgetTelemetry(id: ProcessId): void {
    this.deltas.forget(id);
    this.deltas.forget(`${id}\0pending`);
  }

  private report(order: TickOrder, fatal?: string): void {
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
    try {
      this.main?.postMessage(report);
    } catch (e) {
      // Telemetry that cannot be cloned: say so without it rather than go silent.
      this.main?.postMessage({ ...report, telemetry: undefined, fatal: `report could not be sent: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
}
