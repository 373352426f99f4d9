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
import { EtcdRpcError, type EtcdApi, type EtcdClient, type EtcdMethod, type WatchCreateRequest, type WatchHandle, type WatchResponse } from '../types';
import { startEtcdctl, type EtcdctlResult } from '../../etcdctl';
import { hostOf } from './ids';
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
  /** The last revision delivered (0: none yet). */
  lastRev: number;
  /** True once the server confirmed this incarnation of the watch; a resumed watch's "created" is not shown. */
  resumed: boolean;
  stream: StreamId | null;
}

/** clientv3's wait before resuming a watch on a broken stream (its retry backoff, jitter left out). */
const resumeBackoffMs = 500;

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
    opts: { timeoutMs?: number },
    done: (err: EtcdRpcError | null, res?: EtcdApi[M]['res']) => void,
  ): () => void {
    const id = this.nextId++;
    const member = hostOf(endpoint);
    const timer = this.env.setTimer(opts.timeoutMs ?? 5000, { t: 'deadline', id } satisfies ClientTimer);
    // A generic M cannot be narrowed to one member of the RpcMessage union; the pairing is checked by call's signature.
    const stream = this.writeTo(member, { kind: 'rpc', id, method, req } as RpcMessage);
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
    const w: Watcher = { members, member: members[0], req, onResponse, lastRev: 0, resumed: false, stream: null };
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

  outstanding(): { id: string; what: string; since: number }[] {
    return [...this.pending].map(([id, p]) => ({ id: String(id), what: `${p.method} → ${p.member}`, since: p.since }));
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
    const req = w.lastRev > 0 ? { ...w.req, start_revision: w.lastRev + 1 } : w.req;
    w.stream = this.writeTo(w.member, { kind: 'watch-create', watchId, req } satisfies ClientMessage);
    if (w.stream === null) this.env.setTimer(resumeBackoffMs, { t: 'resume', watch: watchId } satisfies ClientTimer);
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
      if (!w) return;
      // The balancer picks a member it can reach, the one the watch was on if it still can.
      w.member = w.members.find((m) => m === w.member && this.view.reachable(m)) ?? w.members.find((m) => this.view.reachable(m)) ?? w.member;
      this.openWatch(t.watch, w);
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
    const res = m.res;
    if (res.created && w.resumed && !res.canceled) return; // a resumed watch's confirmation is the client's business
    if (res.created) w.resumed = true;
    if (res.events.length > 0) w.lastRev = res.events[res.events.length - 1].kv.mod_revision;
    if (res.canceled) this.watchers.delete(m.watchId);
    w.onResponse(res);
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
    for (const [id, w] of this.watchers) {
      if (w.stream !== stream) continue;
      w.stream = null;
      this.env.setTimer(resumeBackoffMs, { t: 'resume', watch: id } satisfies ClientTimer);
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
