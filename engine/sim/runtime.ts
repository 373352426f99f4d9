// The one process runtime both hosts stand on. A Runtime holds some processes (all of them under
// SimHost; one Worker's share under WorkerHost) and one event queue for them, and implements the
// Env they see: timers as data, datagrams, ordered streams, the disk. It never reads a clock: the
// host tells it how far to run. What leaves for a process it does not hold goes to `route`.
//
// Determinism across hosts rests on three rules:
// - Time is integer microseconds, and every event carries a key that depends only on its sender's
//   own history: (time, sender incarnation, sender's sequence number). Two hosts that split the
//   processes differently still run each process's inputs in the same order.
// - The network's random choices for a message come from its sender's own fork of the seed.
// - The topology (who is up in which incarnation, which links are cut or held) only changes at
//   host actions, between events, and every Runtime sees the same topology then.

import { Hash32, Hash64, copyAndHash, hashOf } from './hash';
import { Heap } from './heap';
import type { Disk, Env, Input, Process, ProcessId, ProcessKind, StreamId, TimerId } from './env';
import { deliveryDelays, type NetworkOptions } from './network';
import { Rng } from './rng';

/** µs per ms. */
export const US_PER_MS = 1000;
/** More events than this at one simulated instant means a process loops on zero-delay timers or self-sends (a bug): the run fails loudly instead of hanging. */
const maxEventsPerInstant = 2_000_000;

/** What travels between processes: a datagram, or one event of a stream. */
export type Body =
  | { t: 'msg'; msg: unknown }
  | { t: 'open'; stream: StreamId; hello: unknown }
  | { t: 'data'; stream: StreamId; msg: unknown }
  | { t: 'fin'; stream: StreamId; reason: string };

/** A body on its way, stamped with everything that orders and digests it. */
export interface Envelope {
  /** Delivery time, µs. */
  at: number;
  to: ProcessId;
  /** The target incarnation it was sent to: a restarted process never sees its predecessor's mail. */
  toInc: number;
  from: ProcessId;
  fromInc: number;
  /** The sender's sequence number (per incarnation): the tie rule for equal times. */
  seq: number;
  sentAt: number;
  body: Body;
  /** hashOf(body payload), computed once by the sender. */
  hash: number;
}

/** The world as every Runtime sees it; hosts change it only between events. */
export interface Topology {
  /** The live incarnation of a process, or null while it is down (or unknown). */
  incarnation(id: ProcessId): number | null;
  isCut(a: ProcessId, b: ProcessId): boolean;
  /** Stream writes from `from` to `to` are held (stalled) until released. */
  isHeld(from: ProcessId, to: ProcessId): boolean;
}

/** How a process is started. */
export interface StartSpec {
  id: ProcessId;
  kind: string;
  config: unknown;
  incarnation: number;
  disk: Disk;
}

/** Where crash points fire (SimHost only): right before or right after a disk write. */
export type CrashPoint = 'before-write' | 'after-write';

/** Thrown by a crash point: the process dies on the spot, as at a power cut. */
export class CrashPointHit extends Error {
  constructor(readonly point: CrashPoint) {
    super(`crash point: ${point}`);
  }
}

/** Options of a Runtime. */
export interface RuntimeOptions {
  seed: number;
  network: NetworkOptions;
  kinds: ReadonlyMap<string, ProcessKind<never>>;
  topology: Topology;
  /** Delivers an envelope for a process this Runtime does not hold. */
  route(e: Envelope): void;
  /** A process died by itself: threw (`error`), or hit a crash point (`error` null). */
  onDeath?(id: ProcessId, incarnation: number, error: string | null): void;
  /** Sees every send (for wire views and tests), with its delivery times ([] when lost). */
  onSend?(from: ProcessId, to: ProcessId, body: Body, sentAt: number, deliverAt: number[]): void;
  /** Asked before and after every disk write: true crashes the process right there. */
  crashHook?(id: ProcessId, point: CrashPoint): boolean;
  /** Copy messages on send, as postMessage would (default true): what runs here runs in a Worker. */
  clone?: boolean;
  /** Sees every input just before its process receives it (for step traces and tests). */
  onInput?(to: ProcessId, input: Input, atUs: number): void;
}

interface StreamEnd {
  peer: ProcessId;
  peerInc: number;
  /** This direction's latency, drawn when the end was made. */
  latencyUs: number;
  /** When the last write on this direction arrives: writes never overtake each other. */
  lastAt: number;
  /** Writes waiting for a held link to be released. */
  held: Body[];
}

interface TimerEntry {
  at: number;
  tag: unknown;
}

interface Slot {
  id: ProcessId;
  kind: ProcessKind<never>;
  incarnation: number;
  process: Process | null;
  disk: Disk;
  seq: number;
  nextTimer: TimerId;
  nextStream: number;
  timers: Map<TimerId, TimerEntry>;
  streams: Map<StreamId, StreamEnd>;
  netRng: Rng;
  digest: Hash64;
  inputs: number;
  error: string | null;
  dead: boolean;
}

/** A queued event: an envelope, or one of the process's own timers. */
type Event = Envelope & { src: string };

const less = (x: Event, y: Event): boolean =>
  x.at !== y.at ? x.at < y.at : x.src !== y.src ? x.src < y.src : x.seq !== y.seq ? x.seq < y.seq : x.to < y.to;

/** The digest key of one incarnation of a process. */
export const incarnationKey = (id: ProcessId, incarnation: number): string => `${id}#${incarnation}`;

/** Some processes, their event queue and their Env; see the file comment. */
export class Runtime {
  private readonly slots = new Map<ProcessId, Slot>();
  private readonly queue = new Heap<Event>(less);
  private clockUs = 0;
  /** Events run at the current instant so far: a process that keeps waking itself without time passing is a bug to report, not a hang. */
  private eventsThisInstant = 0;
  private readonly root: Rng;
  /** Final digests of incarnations that ended here. */
  private readonly ended = new Map<string, { hash: string; inputs: number }>();

  constructor(private readonly opts: RuntimeOptions) {
    this.root = new Rng(opts.seed);
  }

  /** Simulated µs as this runtime last saw it. */
  nowUs(): number {
    return this.clockUs;
  }

  /** Moves the clock forward (never back) without running anything. */
  advanceTo(us: number): void {
    if (us > this.clockUs) this.clockUs = us;
  }

  /** Starts a process at the current time; false (with its error recorded) when its constructor threw. */
  start(spec: StartSpec): boolean {
    const kind = this.opts.kinds.get(spec.kind);
    if (!kind) throw new Error(`unknown process kind "${spec.kind}"`);
    if (this.slots.get(spec.id)?.process) throw new Error(`process ${spec.id} is already running`);
    const slot: Slot = {
      id: spec.id,
      kind,
      incarnation: spec.incarnation,
      process: null,
      disk: spec.disk,
      seq: 0,
      nextTimer: 1,
      nextStream: 1,
      timers: new Map(),
      streams: new Map(),
      // The network's choices for this sender come from its own fork, so hosts need not share a stream.
      netRng: this.root.fork('network').fork(incarnationKey(spec.id, spec.incarnation)),
      digest: new Hash64().str(incarnationKey(spec.id, spec.incarnation)),
      inputs: 0,
      error: null,
      dead: false,
    };
    this.slots.set(spec.id, slot);
    const env = this.envFor(slot);
    return this.guard(slot, () => {
      slot.process = kind.create(env, spec.config as never);
    });
  }

  /** Stops a process (a kill): memory, timers and streams are gone; its disk is the host's. */
  stop(id: ProcessId): boolean {
    const slot = this.slots.get(id);
    if (!slot?.process || slot.dead) return false;
    this.end(slot);
    return true;
  }

  /** Forgets a process entirely (after stop, or when it moves to another Runtime). */
  drop(id: ProcessId): void {
    const slot = this.slots.get(id);
    if (slot?.process) this.end(slot);
    this.slots.delete(id);
  }

  has(id: ProcessId): boolean {
    return this.slots.has(id);
  }
  isUp(id: ProcessId): boolean {
    return !!this.slots.get(id)?.process;
  }
  ids(): ProcessId[] {
    return [...this.slots.keys()];
  }
  process<P extends Process = Process>(id: ProcessId): P | null {
    return (this.slots.get(id)?.process as P) ?? null;
  }
  /** Why a process died by itself, if it did. */
  error(id: ProcessId): string | null {
    return this.slots.get(id)?.error ?? null;
  }

  /** Queues an envelope that arrived from elsewhere. */
  push(e: Envelope): void {
    this.queue.push({ ...e, src: incarnationKey(e.from, e.fromInc) });
  }

  /** Time (µs) of the next event that will really run; Infinity when none. */
  nextAt(): number {
    for (;;) {
      const top = this.queue.peek();
      if (!top) return Infinity;
      if (this.live(top)) return top.at;
      this.queue.pop();
    }
  }

  /** Runs the next event (if any is due by `limitUs`); false when none was. */
  runNext(limitUs = Infinity): boolean {
    const at = this.nextAt();
    if (at > limitUs) return false;
    const ev = this.queue.pop()!;
    if (ev.at > this.clockUs) this.eventsThisInstant = 0;
    else if (++this.eventsThisInstant > maxEventsPerInstant) {
      throw new Error(`simulation stuck at ${this.clockUs / US_PER_MS} ms: more than ${maxEventsPerInstant} events at one instant, the last to ${ev.to} from ${ev.from}`);
    }
    this.clockUs = Math.max(this.clockUs, ev.at);
    this.dispatch(ev);
    return true;
  }

  /** Runs every event at or before T (µs), then moves the clock to T. */
  runUntil(T: number): void {
    while (this.runNext(T));
    this.advanceTo(T);
  }

  /** Hands a process a command from the host's operator, now. */
  command(id: ProcessId, command: unknown): boolean {
    const slot = this.slots.get(id);
    if (!slot?.process) return false;
    this.input(slot, { type: 'command', command }, 'command', hashOf(command));
    return true;
  }

  /**
   * Closes streams the topology no longer allows (a peer died or restarted, a link was cut), and
   * streams that `reset(a, b)` names: both ends are told now. Call after every topology change.
   */
  applyTopology(reset?: (a: ProcessId, b: ProcessId) => boolean): void {
    const t = this.opts.topology;
    for (const id of [...this.slots.keys()].sort()) {
      const slot = this.slots.get(id)!;
      if (!slot.process) continue;
      for (const [sid, end] of [...slot.streams]) {
        if (!slot.process) break;
        let reason: string | null = null;
        if (t.incarnation(end.peer) !== end.peerInc) reason = 'connection reset by peer';
        else if (t.isCut(id, end.peer)) reason = 'network unreachable';
        else if (reset?.(id, end.peer)) reason = 'connection reset';
        if (reason) {
          slot.streams.delete(sid);
          this.input(slot, { type: 'closed', stream: sid, peer: end.peer, reason }, 'closed', hashOf([sid, reason]));
        } else if (end.held.length > 0 && !t.isHeld(id, end.peer)) {
          for (const body of end.held.splice(0)) this.transmitOnStream(slot, sid, end, body);
        }
      }
    }
  }

  /** The digest of every incarnation this runtime has run, by `id#incarnation`. */
  digests(): Map<string, { hash: string; inputs: number }> {
    const out = new Map(this.ended);
    for (const s of this.slots.values()) if (s.process) out.set(incarnationKey(s.id, s.incarnation), { hash: s.digest.hex(), inputs: s.inputs });
    return out;
  }

  /** A process's pending timers and outstanding requests, for inspect and the UI. */
  pending(id: ProcessId): { timers: { id: TimerId; atMs: number; tag: unknown }[]; streams: { id: StreamId; peer: ProcessId }[]; requests: { id: string; what: string; since: number }[] } | null {
    const slot = this.slots.get(id);
    if (!slot?.process) return null;
    return {
      timers: [...slot.timers].map(([tid, t]) => ({ id: tid, atMs: t.at / US_PER_MS, tag: t.tag })).sort((a, b) => a.atMs - b.atMs || a.id - b.id),
      streams: [...slot.streams].map(([sid, s]) => ({ id: sid, peer: s.peer })),
      requests: slot.process.outstanding?.() ?? [],
    };
  }

  /** Telemetry of a live process (undefined when it has none; a throw kills it). */
  telemetry(id: ProcessId): unknown {
    const slot = this.slots.get(id);
    const p = slot?.process;
    if (!slot || !p?.telemetry) return undefined;
    let t: unknown;
    this.guard(slot, () => (t = p.telemetry!()));
    return t;
  }

  // ---- events ------------------------------------------------------------------------------

  private live(ev: Event): boolean {
    const slot = this.slots.get(ev.to);
    if (!slot?.process || slot.dead || slot.incarnation !== ev.toInc) return false;
    if (ev.src === '') return slot.timers.has(ev.seq);
    return true;
  }

  private dispatch(ev: Event): void {
    const slot = this.slots.get(ev.to)!;
    if (ev.src === '') {
      const timer = slot.timers.get(ev.seq)!;
      slot.timers.delete(ev.seq);
      this.input(slot, { type: 'timer', timer: ev.seq, tag: timer.tag }, '', ev.hash, ev.seq);
      return;
    }
    const b = ev.body;
    const from = ev.from;
    switch (b.t) {
      case 'msg':
        this.input(slot, { type: 'message', from, msg: b.msg }, ev.src, ev.hash, ev.seq);
        return;
      case 'open': {
        // The opener died or restarted since: its kernel is gone, nobody is there to accept for.
        if (this.opts.topology.incarnation(from) !== ev.fromInc) return;
        const end: StreamEnd = { peer: from, peerInc: ev.fromInc, latencyUs: this.latency(slot), lastAt: 0, held: [] };
        slot.streams.set(b.stream, end);
        this.input(slot, { type: 'accept', stream: b.stream, from, hello: b.hello }, ev.src, ev.hash, ev.seq);
        return;
      }
      case 'data':
        if (!slot.streams.has(b.stream)) return;
        this.input(slot, { type: 'data', stream: b.stream, from, msg: b.msg }, ev.src, ev.hash, ev.seq);
        return;
      case 'fin':
        if (!slot.streams.delete(b.stream)) return;
        this.input(slot, { type: 'closed', stream: b.stream, peer: from, reason: b.reason }, ev.src, ev.hash, ev.seq);
        return;
    }
  }

  /** Digests one input and hands it to the process. */
  private input(slot: Slot, input: Input, src: string, hash: number, seq = 0): void {
    slot.inputs++;
    slot.digest.num(this.clockUs).str(input.type).str(src).num(seq).int(hash);
    this.opts.onInput?.(slot.id, input, this.clockUs);
    const p = slot.process!;
    this.guard(slot, () => p.receive(input));
  }

  /** Runs process code; a throw kills the process (as a panic kills a real one), never the host. */
  private guard(slot: Slot, fn: () => void): boolean {
    try {
      fn();
      return !slot.dead;
    } catch (e) {
      if (slot.dead) return false; // a crash point already ended it
      slot.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      // A panicking process's kernel still closes its sockets: the peers hear of it after the data in flight.
      for (const [sid, end] of slot.streams) this.transmitOnStream(slot, sid, end, { t: 'fin', stream: sid, reason: 'connection reset by peer' });
      this.end(slot);
      this.opts.onDeath?.(slot.id, slot.incarnation, slot.error);
      return false;
    }
  }

  private end(slot: Slot): void {
    if (slot.dead) return;
    slot.dead = true;
    this.ended.set(incarnationKey(slot.id, slot.incarnation), { hash: slot.digest.hex(), inputs: slot.inputs });
    slot.process = null;
    slot.timers.clear();
    slot.streams.clear();
  }

  /** A crash point fired: the process is gone before the next line of it runs (a power cut: no RSTs). */
  private crashAt(slot: Slot, point: CrashPoint): never {
    if (!slot.dead) {
      this.end(slot);
      this.opts.onDeath?.(slot.id, slot.incarnation, null);
    }
    throw new CrashPointHit(point);
  }

  // ---- the Env -----------------------------------------------------------------------------

  private envFor(slot: Slot): Env {
    const alive = () => !slot.dead && this.slots.get(slot.id) === slot;
    const hook = this.opts.crashHook;
    const disk = hook
      ? crashingDisk(slot.disk, (p) => {
          if (slot.dead || hook(slot.id, p)) this.crashAt(slot, p);
        })
      : slot.disk;
    return {
      id: slot.id,
      now: () => this.clockUs / US_PER_MS,
      // Same fork on every host, so a process draws the same numbers wherever it runs.
      rng: this.root.fork(incarnationKey(slot.id, slot.incarnation)),
      setTimer: (delayMs, tag) => {
        const id = slot.nextTimer++;
        if (!alive()) return id;
        const at = this.clockUs + Math.max(0, Math.round(delayMs * US_PER_MS));
        slot.timers.set(id, { at, tag });
        this.queue.push({ at, to: slot.id, toInc: slot.incarnation, from: slot.id, fromInc: slot.incarnation, seq: id, sentAt: this.clockUs, body: { t: 'msg', msg: null }, hash: hashOf(tag), src: '' });
        return id;
      },
      cancelTimer: (id) => void slot.timers.delete(id),
      send: (to, msg) => {
        if (!alive()) return;
        this.sendDatagram(slot, to, msg);
      },
      connect: (to, hello) => {
        const sid = `${incarnationKey(slot.id, slot.incarnation)}/${slot.nextStream++}`;
        if (!alive()) return sid;
        const inc = this.opts.topology.incarnation(to);
        // Down or cut off: the SYN goes nowhere, and the opener's deadline tells it.
        if (inc === null || this.opts.topology.isCut(slot.id, to)) {
          this.opts.onSend?.(slot.id, to, { t: 'open', stream: sid, hello }, this.clockUs, []);
          return sid;
        }
        const end: StreamEnd = { peer: to, peerInc: inc, latencyUs: this.latency(slot), lastAt: 0, held: [] };
        slot.streams.set(sid, end);
        this.transmitOnStream(slot, sid, end, { t: 'open', stream: sid, hello: hello ?? null });
        return sid;
      },
      write: (sid, msg) => {
        const end = slot.streams.get(sid);
        if (!end || !alive()) return false;
        this.transmitOnStream(slot, sid, end, { t: 'data', stream: sid, msg });
        return true;
      },
      close: (sid) => {
        const end = slot.streams.get(sid);
        if (!end || !alive()) return;
        slot.streams.delete(sid);
        this.transmitOnStream(slot, sid, end, { t: 'fin', stream: sid, reason: 'EOF' });
      },
      disk,
    };
  }

  private latency(slot: Slot): number {
    const n = this.opts.network;
    return Math.max(1, Math.round(slot.netRng.range(n.latencyMsMin, n.latencyMsMax) * US_PER_MS));
  }

  private sendDatagram(slot: Slot, to: ProcessId, msg: unknown): void {
    // The draws come first, so what the network decides for later messages never depends on the topology.
    const delays = deliveryDelays(this.opts.network, slot.netRng);
    const inc = this.opts.topology.incarnation(to);
    const reachable = inc !== null && !this.opts.topology.isCut(slot.id, to);
    const [copy, hash] = this.copy(msg);
    const body: Body = { t: 'msg', msg: copy };
    const deliverAt: number[] = [];
    if (reachable) {
      for (const d of delays) {
        const at = this.clockUs + Math.max(1, Math.round(d * US_PER_MS));
        // A duplicate is a second copy, so that its receiver cannot see the first one's changes.
        const b: Body = deliverAt.length === 0 ? body : { t: 'msg', msg: this.copy(msg)[0] };
        deliverAt.push(at);
        this.emit({ at, to, toInc: inc, from: slot.id, fromInc: slot.incarnation, seq: slot.seq++, sentAt: this.clockUs, body: b, hash });
      }
    }
    this.opts.onSend?.(slot.id, to, body, this.clockUs, deliverAt);
  }

  private transmitOnStream(slot: Slot, sid: StreamId, end: StreamEnd, body: Body): void {
    if (this.opts.topology.isHeld(slot.id, end.peer)) {
      end.held.push(body);
      return;
    }
    const at = Math.max(end.lastAt, this.clockUs + end.latencyUs);
    end.lastAt = at;
    this.transmit(slot, end.peer, end.peerInc, body, at - this.clockUs);
  }

  private transmit(slot: Slot, to: ProcessId, toInc: number, body: Body, delayUs: number): void {
    let copy: Body = body;
    let hash: number;
    if (body.t === 'data') {
      const [msg, h] = this.copy(body.msg, body.t, body.stream);
      copy = { ...body, msg };
      hash = h;
    } else if (body.t === 'open') {
      const [hello, h] = this.copy(body.hello, body.t, body.stream);
      copy = { ...body, hello };
      hash = h;
    } else if (body.t === 'fin') hash = this.copy(body.reason, body.t, body.stream)[1];
    else throw new Error('datagrams go through sendDatagram');
    const at = this.clockUs + delayUs;
    this.emit({ at, to, toInc, from: slot.id, fromInc: slot.incarnation, seq: slot.seq++, sentAt: this.clockUs, body: copy, hash });
    this.opts.onSend?.(slot.id, to, copy, this.clockUs, [at]);
  }

  private emit(e: Envelope): void {
    if (this.slots.has(e.to)) this.push(e);
    else this.opts.route(e);
  }

  /** The copy a receiver gets (as postMessage would make it) and the hash its digest mixes in. */
  private copy(v: unknown, ...context: string[]): [unknown, number] {
    const h = new Hash32();
    for (const c of context) h.str(c);
    const copy = copyAndHash(v, h);
    return [this.opts.clone === false ? v : copy, h.h >>> 0];
  }
}

/** A disk whose writes pass through crash points. */
function crashingDisk(disk: Disk, hook: (p: CrashPoint) => void): Disk {
  return {
    get: (k) => disk.get(k),
    keys: (p) => disk.keys(p),
    put: (k, v) => {
      hook('before-write');
      disk.put(k, v);
      hook('after-write');
    },
    delete: (k) => {
      hook('before-write');
      disk.delete(k);
      hook('after-write');
    },
  };
}

