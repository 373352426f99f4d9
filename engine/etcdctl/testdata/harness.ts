// Test helper: a canned EtcdClient on a virtual clock, the recorded outputs of the real etcdctl
// 3.4.23, and a driver that runs one command line to completion.

import { EtcdRpcError, type EtcdApi, type EtcdClient, type EtcdMethod, type WatchCreateRequest, type WatchHandle, type WatchResponse } from '../../etcd/types';
import { runEtcdctl, type EtcdctlResult } from '../index';
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

  schedule(delayMs: number, fn: () => void): void {
    this.timers.push({ at: this.now + Math.max(0, delayMs), seq: this.seq++, fn });
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.schedule(ms, resolve));
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
  readonly watches: { endpoint: string; req: WatchCreateRequest; send: (r: WatchResponse) => void; canceled: boolean }[] = [];
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

  call<M extends EtcdMethod>(endpoint: string, method: M, req: EtcdApi[M]['req'], opts?: { timeoutMs?: number }): Promise<EtcdApi[M]['res']> {
    this.calls.push({ endpoint, method, req, timeoutMs: opts?.timeoutMs });
    return new Promise((resolve, reject) => {
      const timeoutMs = opts?.timeoutMs ?? 5000;
      if (this.down.has(endpoint) || this.silent.has(endpoint)) {
        this.clock.schedule(timeoutMs + (this.lateMs.get(endpoint) ?? 0), () => reject(new EtcdRpcError('DeadlineExceeded', 'context deadline exceeded')));
        return;
      }
      const handler = this.handlers.get(method);
      if (!handler) throw new Error(`unexpected ${method} call`);
      this.clock.schedule(this.latencyMs.get(endpoint) ?? 1, () => {
        const answer = handler(req, endpoint);
        if (answer instanceof EtcdRpcError) reject(answer);
        else resolve(answer as EtcdApi[M]['res']);
      });
    });
  }

  watch(endpoint: string, req: WatchCreateRequest, onResponse: (res: WatchResponse) => void): WatchHandle {
    const w = { endpoint, req, send: onResponse, canceled: false };
    this.watches.push(w);
    return { cancel: () => (w.canceled = true) };
  }
}

/** Wall-clock time that virtual time 0 maps to. */
export const epochMs = Date.UTC(2026, 10, 24, 16, 0, 0);

/**
 * Runs a command line to completion, firing the client's timers; `abortAtMs` plays Ctrl-C. `epochMs` 0
 * keeps sub-millisecond durations exact (a large epoch leaves a double too few fraction digits).
 */
export async function run(
  commandLine: string,
  client: FakeClient,
  opts: { stdin?: string; abortAtMs?: number; noSleep?: boolean; onStdout?: (s: string) => void; epochMs?: number } = {},
): Promise<EtcdctlResult> {
  const ac = new AbortController();
  if (opts.abortAtMs !== undefined) client.clock.schedule(opts.abortAtMs, () => ac.abort());
  let result: EtcdctlResult | undefined;
  let failure: unknown;
  runEtcdctl(commandLine, client, {
    stdin: opts.stdin,
    nowMs: () => (opts.epochMs ?? epochMs) + client.clock.now,
    signal: ac.signal,
    onStdout: opts.onStdout,
    sleep: opts.noSleep ? undefined : (ms) => client.clock.sleep(ms),
  }).then(
    (r) => (result = r),
    (e: unknown) => (failure = e ?? new Error('rejected')),
  );
  for (;;) {
    await new Promise((r) => setImmediate(r));
    if (result || failure) break;
    if (!client.clock.fireNext()) throw new Error(`"${commandLine}" is stuck with no timer left`);
  }
  if (failure) throw failure;
  return result!;
}

/** Replaces what differs from run to run in real output: zap timestamps and client uuids. */
export function normalize(s: string): string {
  return s.replace(/"ts":"[^"]*"/g, '"ts":"TS"').replace(/client-[0-9a-f-]{36}/g, 'client-UUID');
}

/** The fixture's exit code and output, normalized, for toEqual. */
export function expected(f: Fixture): EtcdctlResult {
  return { code: f.code, stdout: normalize(f.stdout), stderr: normalize(f.stderr) };
}

/** A result normalized for comparison with expected(). */
export function actual(r: EtcdctlResult): EtcdctlResult {
  return { code: r.code, stdout: normalize(r.stdout), stderr: normalize(r.stderr) };
}
