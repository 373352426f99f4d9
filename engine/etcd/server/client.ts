// The client side of the v3 API, as clientv3 behaves: a process that keeps one stream (a gRPC
// connection) per member it talks to, sends unary calls and watches over it, and hears the answers
// in order. Nothing here returns a Promise: a call takes a continuation keyed by its id, and a
// deadline is a timer. A stream that closes fails its calls with Unavailable ("transport is
// closing"), and its watches resume on a reachable member from the revision after the last one
// seen (clientv3/watch.go: resuming watchers), so a watcher sees every event once, in order.
//
// The same process runs etcdctl command lines for its host's operator (a terminal, a test): a
// command input starts one, its output goes to listeners the host attached, and Ctrl-C is a
// command too. That keeps every step of a session an input that a recording can replay.

import type { Env, Input, Process, ProcessId, ProcessKind, StreamId, TimerId } from '../../sim/env';
import { EtcdRpcError, ErrNoConnection, type EtcdApi, type EtcdClient, type EtcdMethod, type WatchCreateRequest, type WatchHandle, type WatchResponse } from '../types';
import { startEtcdctl, type EtcdctlResult } from '../../etcdctl';
import { hostOf } from './ids';
import { maxCallSendMsgSize, requestSize } from './pbsize';
import type { ClientMessage, RpcMessage, ServerMessage } from './protocol';

/** How the host tells the client which members exist and which it could connect to now. */
export interface ClientHostView {
  /** The endpoints used when --endpoints is not given. */
  endpoints(): string[];
  /** Whether a connection to the member can be made now (up, link not cut): gRPC's connectivity state. */
  reachable(member: ProcessId): boolean;
}

/** Plain config of an etcd client process. */
export interface EtcdClientConfig {
  /** Wall-clock ms that simulated time 0 stands for, for the timestamps etcdctl prints. */
  epochMs: number;
}

/** An operator's command to the client process. */
export type ClientCommand = { op: 'etcdctl'; id: number; line: string; stdin?: string } | { op: 'interrupt'; id: number };

/** Where a command's output goes, outside the simulation (the terminal, a test). */
export interface CommandListener {
  onStdout?(chunk: string): void;
  onStderr?(chunk: string): void;
  onDone(result: EtcdctlResult): void;
}

type ClientTimer = { t: 'deadline'; id: number } | { t: 'sleep'; id: number } | { t: 'resume'; watch: number };

interface Pending {
  done(err: EtcdRpcError | null, res?: unknown): void;
  timer: TimerId;
  member: ProcessId;
  /** The connection the call went out on (null: it could not be sent; only its deadline ends it). */
  stream: StreamId | null;
  method: EtcdMethod;
  since: number;
}

interface Watcher {
  /** Members the watch may resume on, the one it is on first. */
  members: ProcessId[];
  member: ProcessId;
  req: WatchCreateRequest;
  onResponse(res: WatchResponse): void;
  /**
   * The revision a resumed watch starts from (clientv3's ws.initReq.rev): the request's own until the
   * server confirms it, then the creation revision for a watch "from now", then one past the last event.
   */
  nextRev: number;
  /** True once the server confirmed the watch; a resumed watch's "created" is not shown. */
  resumed: boolean;
  stream: StreamId | null;
  since: number;
  /** The current reconnect backoff while no member can be reached (0: none yet). */
  backoffMs: number;
}

/** The header of a response clientv3 makes up itself (a closeErr response): every field zero. */
const zeroHeader = { cluster_id: 0n, member_id: 0n, revision: 0, raft_term: 0 };

/**
 * How long a watch waits for a member it can reach: grpc-go's reconnect backoff (1 s, ×1.6, at most
 * 120 s; jitter left out). A member the balancer can reach takes the watch at once.
 */
const reconnectBaseMs = 1000;
const reconnectMaxMs = 120_000;

/** The etcd client process kind. */
export const etcdClientKind: ProcessKind<EtcdClientConfig> = {
  name: 'etcd-client',
  create: (env, config) => new EtcdClientProcess(env, config),
};

/** A client of the etcd cluster, living on the network as process `env.id`. */
export class EtcdClientProcess implements Process, EtcdClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly sleepers = new Map<number, () => void>();
  private readonly watchers = new Map<number, Watcher>();
  /** One stream (gRPC connection) per member. */
  private readonly conns = new Map<ProcessId, StreamId>();
  private readonly runs = new Map<number, { interrupt(): void }>();
  private readonly listeners = new Map<number, CommandListener>();
  private view: ClientHostView = { endpoints: () => [], reachable: () => false };
  /** Counts answers, deadlines and watch events: drivers use it to see that something happened. */
  progress = 0;

  constructor(
    private readonly env: Env,
    private readonly config: EtcdClientConfig = { epochMs: 0 },
  ) {}

  /** The host's view of the cluster (what a balancer learns from DNS and connectivity). */
  attach(view: ClientHostView): this {
    this.view = view;
    return this;
  }

  /** Where the output of command `id` goes; attach before sending the command. */
  listen(id: number, l: CommandListener): void {
    this.listeners.set(id, l);
  }

  // ---- EtcdClient ----------------------------------------------------------------------------

  defaultEndpoints(): string[] {
    return this.view.endpoints();
  }

  connected(endpoint: string): boolean {
    return this.view.reachable(hostOf(endpoint));
  }

  now(): number {
    return this.env.now();
  }

  call<M extends EtcdMethod>(
    endpoint: string,
    method: M,
    req: EtcdApi[M]['req'],
    opts: { timeoutMs?: number; failFast?: boolean },
    done: (err: EtcdRpcError | null, res?: EtcdApi[M]['res']) => void,
  ): () => void {
    // grpc-go refuses to send a message over the client's limit, before anything reaches the wire.
    const size = requestSize(method, req);
    if (size > maxCallSendMsgSize) {
      done(new EtcdRpcError('ResourceExhausted', `trying to send message larger than max (${size} vs. ${maxCallSendMsgSize})`));
      return () => {};
    }
    const id = this.nextId++;
    const member = hostOf(endpoint);
    const timer = this.env.setTimer(opts.timeoutMs ?? 5000, { t: 'deadline', id } satisfies ClientTimer);
    // A generic M cannot be narrowed to one member of the RpcMessage union; the pairing is checked by call's signature.
    const stream = this.writeTo(member, { kind: 'rpc', id, method, req } as RpcMessage);
    if (stream === null && opts.failFast) {
      // Nothing was sent: the balancer would not have routed the call to a member it is not connected to.
      this.env.cancelTimer(timer);
      done(new EtcdRpcError('Unavailable', ErrNoConnection));
      return () => {};
    }
    this.pending.set(id, { done: done as Pending['done'], timer, member, stream, method, since: this.env.now() });
    return () => {
      if (this.pending.delete(id)) this.env.cancelTimer(timer);
    };
  }

  sleep(ms: number, wake: () => void): () => void {
    const id = this.nextId++;
    const timer = this.env.setTimer(ms, { t: 'sleep', id } satisfies ClientTimer);
    this.sleepers.set(id, wake);
    return () => {
      if (this.sleepers.delete(id)) this.env.cancelTimer(timer);
    };
  }

  watch(endpoint: string | string[], req: WatchCreateRequest, onResponse: (res: WatchResponse) => void): WatchHandle {
    const watchId = this.nextId++;
    const members = (Array.isArray(endpoint) ? endpoint : [endpoint]).map(hostOf);
    const w: Watcher = { members, member: members[0], req, onResponse, nextRev: req.start_revision ?? 0, resumed: false, stream: null, since: this.env.now(), backoffMs: 0 };
    this.watchers.set(watchId, w);
    this.openWatch(watchId, w);
    return {
      cancel: () => {
        if (!this.watchers.delete(watchId)) return;
        if (w.stream !== null) this.env.write(w.stream, { kind: 'watch-cancel', watchId } satisfies ClientMessage);
      },
    };
  }

  // ---- Process -------------------------------------------------------------------------------

  receive(input: Input): void {
    switch (input.type) {
      case 'timer':
        this.onTimer(input.tag as ClientTimer);
        return;
      case 'data':
        this.onServer(input.msg as ServerMessage);
        return;
      case 'closed':
        this.onClosed(input.stream);
        return;
      case 'command':
        this.onCommand(input.command as ClientCommand);
        return;
      case 'accept':
      case 'message':
        return; // nobody calls a client
    }
  }

  /** Calls in flight, then open watches with the member each is on now ('Watch → etcd-1'). */
  outstanding(): { id: string; what: string; since: number }[] {
    const calls = [...this.pending].map(([id, p]) => ({ id: String(id), what: `${p.method} → ${p.member}`, since: p.since }));
    const watches = [...this.watchers].map(([id, w]) => ({ id: `watch-${id}`, what: `Watch → ${w.member}`, since: w.since }));
    return [...calls, ...watches];
  }

  // ---- internals -----------------------------------------------------------------------------

  private writeTo(member: ProcessId, msg: ClientMessage): StreamId | null {
    let s = this.conns.get(member);
    if (s === undefined) {
      s = this.env.connect(member);
      this.conns.set(member, s);
    }
    if (this.env.write(s, msg)) return s;
    // Never connected (the member was down or cut off): the call's deadline will say so; dial again next time.
    this.conns.delete(member);
    return null;
  }

  private openWatch(watchId: number, w: Watcher): void {
    const req = w.nextRev > 0 ? { ...w.req, start_revision: w.nextRev } : w.req;
    w.stream = this.writeTo(w.member, { kind: 'watch-create', watchId, req } satisfies ClientMessage);
    if (w.stream !== null) {
      w.backoffMs = 0;
      return;
    }
    w.backoffMs = w.backoffMs === 0 ? reconnectBaseMs : Math.min(reconnectMaxMs, w.backoffMs * 1.6);
    this.env.setTimer(w.backoffMs, { t: 'resume', watch: watchId } satisfies ClientTimer);
  }

  /**
   * watch.go newWatchClient after a broken stream: the balancer picks a member it can reach, the
   * one the watch was on if it still can, and the watch resumes there at once; with none it waits.
   */
  private resumeWatch(watchId: number, w: Watcher): void {
    w.member = w.members.find((m) => m === w.member && this.view.reachable(m)) ?? w.members.find((m) => this.view.reachable(m)) ?? w.member;
    this.openWatch(watchId, w);
  }

  private onTimer(t: ClientTimer): void {
    this.progress++;
    if (t.t === 'deadline') {
      const p = this.pending.get(t.id);
      if (!p) return;
      this.pending.delete(t.id);
      p.done(new EtcdRpcError('DeadlineExceeded', 'context deadline exceeded'));
    } else if (t.t === 'sleep') {
      const wake = this.sleepers.get(t.id);
      this.sleepers.delete(t.id);
      wake?.();
    } else {
      const w = this.watchers.get(t.watch);
      if (w && w.stream === null) this.resumeWatch(t.watch, w);
    }
  }

  private onServer(m: ServerMessage): void {
    this.progress++;
    if (m.kind === 'rpc-result') {
      const p = this.pending.get(m.id);
      if (!p) return; // answered after its deadline
      this.pending.delete(m.id);
      this.env.cancelTimer(p.timer);
      if (m.err) p.done(new EtcdRpcError(m.err.code, m.err.message));
      else p.done(null, m.res);
      return;
    }
    const w = this.watchers.get(m.watchId);
    if (!w) return;
    if (m.kind === 'watch-error') {
      // watch.go run: a halting stream error (no leader) closes the watch with that error.
      this.closeWatch(m.watchId, w, m.err.message);
      return;
    }
    const res = m.res;
    // watch.go addSubstream: a create the server refused closes the watch with its reason as closeErr.
    if (res.created && (res.watch_id === -1 || (res.canceled && res.cancel_reason !== ''))) {
      this.closeWatch(m.watchId, w, res.cancel_reason);
      return;
    }
    const resumed = w.resumed;
    // watch.go serveSubstream: where a resumed watch picks up.
    if (res.created) {
      if (!resumed && w.nextRev === 0) w.nextRev = res.header.revision;
      w.resumed = true;
    } else if (res.events.length === 0) w.nextRev = res.header.revision;
    if (res.events.length > 0) w.nextRev = res.events[res.events.length - 1].kv.mod_revision + 1;
    if (res.canceled) this.watchers.delete(m.watchId);
    if (res.created && resumed && !res.canceled) return; // a resumed watch's confirmation is the client's business
    w.onResponse(res);
  }

  /** clientv3 closeSubstream with closeErr set: one last response, canceled, with nothing else in it. */
  private closeWatch(watchId: number, w: Watcher, reason: string): void {
    this.watchers.delete(watchId);
    w.onResponse({ header: zeroHeader, watch_id: -1, created: false, canceled: true, compact_revision: 0, cancel_reason: reason, events: [], closeErr: reason });
  }

  private onClosed(stream: StreamId): void {
    this.progress++;
    for (const [member, s] of this.conns) if (s === stream) this.conns.delete(member);
    // Calls in flight on the broken connection fail as grpc-go fails them.
    for (const [id, p] of [...this.pending]) {
      if (p.stream !== stream) continue;
      this.pending.delete(id);
      this.env.cancelTimer(p.timer);
      p.done(new EtcdRpcError('Unavailable', 'transport is closing'));
    }
    for (const [id, w] of [...this.watchers]) {
      if (w.stream !== stream) continue;
      w.stream = null;
      this.resumeWatch(id, w);
    }
  }

  private onCommand(c: ClientCommand): void {
    if (c.op === 'interrupt') {
      this.runs.get(c.id)?.interrupt();
      return;
    }
    const l = this.listeners.get(c.id);
    let finished = false;
    const run = startEtcdctl(
      c.line,
      this,
      {
        stdin: c.stdin,
        nowMs: () => this.config.epochMs + this.env.now(),
        onStdout: l?.onStdout ? (s) => l.onStdout!(s) : undefined,
        onStderr: l?.onStderr ? (s) => l.onStderr!(s) : undefined,
      },
      (result) => {
        finished = true;
        this.runs.delete(c.id);
        this.listeners.delete(c.id);
        l?.onDone(result);
      },
    );
    if (!finished) this.runs.set(c.id, run);
  }
}
