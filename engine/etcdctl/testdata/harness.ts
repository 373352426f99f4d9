// Test helper: a canned EtcdClient on a virtual clock, the recorded outputs of the real etcdctl
// 3.4.23, and a driver that runs one command line to completion on a Coroutine.

import { EtcdRpcError, type EtcdApi, type EtcdClient, type EtcdMethod, type WatchCreateRequest, type WatchHandle, type WatchResponse } from '../../etcd/types';
import { Coroutine } from '../../sim/co';
import { Aborted, runEtcdctl, type EtcdctlResult } from '../index';
import recorded from './etcdctl-3.4.23.json';

/** One recorded run of the real etcdctl: command line (after `etcdctl`), stdin, exit code, output. */
export interface Fixture {
  cmd: string;
  stdin?: string;
  code: number;
  stdout: string;
  stderr: string;
  actions?: string[];
}

/** The recorded run called `name`. */
export function fixture(name: string): Fixture {
  const f = (recorded as Record<string, Fixture>)[name];
  if (!f) throw new Error(`no fixture ${name}`);
  return f;
}

/** Timers on a virtual clock, fired in time order by `run`. */
export class FakeClock {
  now = 0;
  private seq = 0;
  private timers: { at: number; seq: number; fn: () => void }[] = [];

  /** Calls `fn` `delayMs` from now; returns how to cancel it. */
  schedule(delayMs: number, fn: () => void): () => void {
    const t = { at: this.now + Math.max(0, delayMs), seq: this.seq++, fn };
    this.timers.push(t);
    return () => {
      const i = this.timers.indexOf(t);
      if (i >= 0) this.timers.splice(i, 1);
    };
  }

  /** Fires the earliest timer; false when none is left. */
  fireNext(): boolean {
    if (this.timers.length === 0) return false;
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const t = this.timers.shift()!;
    this.now = Math.max(this.now, t.at);
    t.fn();
    return true;
  }
}

type Answer<M extends EtcdMethod> = EtcdApi[M]['res'] | EtcdRpcError;
type Handler<M extends EtcdMethod> = (req: EtcdApi[M]['req'], endpoint: string) => Answer<M>;

/** A recorded call. */
export interface Call {
  endpoint: string;
  method: EtcdMethod;
  req: unknown;
  timeoutMs?: number;
}

/** An EtcdClient that answers from canned handlers after a per-endpoint latency. */
export class FakeClient implements EtcdClient {
  readonly clock = new FakeClock();
  readonly calls: Call[] = [];
  readonly watches: { endpoint: string; endpoints: string[]; req: WatchCreateRequest; send: (r: WatchResponse) => void; canceled: boolean }[] = [];
  /** Endpoints that cannot be connected to (member down). */
  readonly down = new Set<string>();
  /** Endpoints that accept requests but never answer. */
  readonly silent = new Set<string>();
  readonly latencyMs = new Map<string, number>();
  /** How long after its deadline a call to a down or silent endpoint reports DeadlineExceeded. */
  readonly lateMs = new Map<string, number>();
  private readonly handlers = new Map<EtcdMethod, Handler<EtcdMethod>>();

  constructor(private readonly defaults: string[] = ['127.0.0.1:2379']) {}

  on<M extends EtcdMethod>(method: M, handler: Handler<M> | Answer<M>): this {
    const h = typeof handler === 'function' ? handler : () => handler;
    this.handlers.set(method, h as unknown as Handler<EtcdMethod>);
    return this;
  }

  defaultEndpoints(): string[] {
    return this.defaults;
  }

  connected(endpoint: string): boolean {
    return !this.down.has(endpoint);
  }

  call<M extends EtcdMethod>(
    endpoint: string,
    method: M,
    req: EtcdApi[M]['req'],
    opts: { timeoutMs?: number },
    done: (err: EtcdRpcError | null, res?: EtcdApi[M]['res']) => void,
  ): () => void {
    this.calls.push({ endpoint, method, req, timeoutMs: opts.timeoutMs });
    const timeoutMs = opts.timeoutMs ?? 5000;
    const unreachable = this.down.has(endpoint) || this.silent.has(endpoint);
    const handler = this.handlers.get(method);
    if (!unreachable && !handler) throw new Error(`unexpected ${method} call`);
    let answered = false;
    const answer = (err: EtcdRpcError | null, res?: EtcdApi[M]['res']): void => {
      if (answered) return;
      answered = true;
      cancelReply();
      cancelDeadline();
      done(err, res);
    };
    // The deadline: a down or silent endpoint reports it `lateMs` after it.
    const cancelDeadline = this.clock.schedule(timeoutMs + (unreachable ? (this.lateMs.get(endpoint) ?? 0) : 0), () =>
      answer(new EtcdRpcError('DeadlineExceeded', 'context deadline exceeded')),
    );
    const cancelReply = unreachable
      ? () => {}
      : this.clock.schedule(this.latencyMs.get(endpoint) ?? 1, () => {
          const a = handler!(req, endpoint);
          if (a instanceof EtcdRpcError) answer(a);
          else answer(null, a as EtcdApi[M]['res']);
        });
    return () => {
      answered = true;
      cancelReply();
      cancelDeadline();
    };
  }

  watch(endpoint: string | string[], req: WatchCreateRequest, onResponse: (res: WatchResponse) => void): WatchHandle {
    const endpoints = Array.isArray(endpoint) ? endpoint : [endpoint];
    const w = { endpoint: endpoints[0], endpoints, req, send: onResponse, canceled: false };
    this.watches.push(w);
    return { cancel: () => (w.canceled = true) };
  }

  sleep(ms: number, wake: () => void): () => void {
    return this.clock.schedule(ms, wake);
  }

  now(): number {
    return this.clock.now;
  }
}

/** Wall-clock time that virtual time 0 maps to. */
export const epochMs = Date.UTC(2026, 10, 24, 16, 0, 0);

/**
 * Runs a command line to completion on a Coroutine, firing the client's timers in time order;
 * `interruptAtMs` plays Ctrl-C at that clock time. `epochMs` 0 keeps sub-millisecond durations exact
 * (a large epoch leaves a double too few fraction digits). An unexpected exception is rethrown.
 */
export function run(
  commandLine: string,
  client: FakeClient,
  opts: { stdin?: string; interruptAtMs?: number; onStdout?: (s: string) => void; epochMs?: number } = {},
): EtcdctlResult {
  let result: EtcdctlResult | undefined;
  let failure: { error: unknown } | undefined;
  const co = new Coroutine(
    runEtcdctl(commandLine, client, {
      stdin: opts.stdin,
      nowMs: () => (opts.epochMs ?? epochMs) + client.clock.now,
      onStdout: opts.onStdout,
    }),
    (o) => (o.ok ? (result = o.value) : (failure = { error: o.error })),
  );
  if (opts.interruptAtMs !== undefined) client.clock.schedule(opts.interruptAtMs, () => co.interrupt(new Aborted()));
  co.start();
  while (!co.ended) {
    if (!client.clock.fireNext()) throw new Error(`"${commandLine}" is stuck with no timer left`);
  }
  if (failure) throw failure.error;
  return result!;
}

/**
 * Replaces what differs from run to run (or host to host) in real output: zap and capnslog
 * timestamps, client uuids, and the resolver a failed DNS lookup names.
 */
export function normalize(s: string): string {
  return s
    .replace(/"ts":"[^"]*"/g, '"ts":"TS"')
    .replace(/client-[0-9a-f-]{36}/g, 'client-UUID')
    .replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6} ([A-Z]) \| /gm, 'TS $1 | ')
    .replace(/ on \d+\.\d+\.\d+\.\d+:53: /g, ' on RESOLVER: ');
}

/** The fixture's exit code and output, normalized, for toEqual. */
export function expected(f: Fixture): EtcdctlResult {
  return { code: f.code, stdout: normalize(f.stdout), stderr: normalize(f.stderr) };
}

/** A result normalized for comparison with expected(). */
export function actual(r: EtcdctlResult): EtcdctlResult {
  return { code: r.code, stdout: normalize(r.stdout), stderr: normalize(r.stderr) };
}
