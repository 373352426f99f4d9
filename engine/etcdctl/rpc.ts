// What clientv3 adds around each RPC etcdctl makes: picking an endpoint the balancer can reach, the
// command deadline, retrying safe RPCs on Unavailable, the zap warn line for every failed attempt
// (clientv3/retry_interceptor.go, retry.go) and the error text etcdctl prints (clientv3/client.go toErr).

import { EtcdRpcError, type EtcdApi, type EtcdClient, type EtcdMethod, type WatchCreateRequest, type WatchHandle, type WatchResponse } from '../etcd/types';
import type { Io } from './io';
import { retryWarnLine } from './zap';

/** A failed RPC as etcdctl reports it: `message` is what follows "Error: ". */
export class RpcFailure extends Error {
  constructor(
    readonly code: EtcdRpcError['code'],
    message: string,
  ) {
    super(message);
  }
}

/** Thrown when the caller's AbortSignal fires (Ctrl-C). */
export class Aborted extends Error {}

/** Deadline handed to the client for calls etcdctl makes with context.Background() (no timeout). */
const noDeadlineMs = 2 ** 31 - 1;
/** clientv3's backoff between retries (defaultBackoffWaitBetween; its 10% jitter is left out). */
const retryBackoffMs = 25;
/** clientv3's defaultUnaryMaxRetries. */
const maxAttempts = 100;

/** How etcdctl's clients reach the cluster: shared by every Session of one run. */
export interface SessionEnv {
  client: EtcdClient;
  io: Io;
  nowMs: () => number;
  commandTimeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  /** A fresh client id for the "endpoint://client-<uuid>/..." target. */
  newClientId: () => string;
}

/** Per-call options: whether the command deadline applies, and clientv3's retry policy for the RPC. */
export interface CallOptions {
  /** The call's deadline: --command-timeout by default, null for calls etcdctl makes with context.Background(). */
  timeoutMs?: number | null;
  /** clientv3's "repeatable" RPCs retry on Unavailable (Range, MemberList, Status, Lease*). */
  repeatable?: boolean;
  /** Stream RPCs (lease keep-alive) go through no unary interceptor, so failures print no warn line. */
  stream?: boolean;
}

/** The error text etcdctl prints for an RPC error (rpctypes.Error then clientv3 toErr). */
export function errorText(e: EtcdRpcError): string {
  if (e.message.startsWith('etcdserver: ')) return e.message;
  if (e.code === 'DeadlineExceeded') return 'context deadline exceeded';
  return `rpc error: code = ${e.code} desc = ${e.message}`;
}

/** The host:port gRPC dials for an endpoint ("http://etcd-1:2379" → "etcd-1:2379"). */
export function dialAddress(endpoint: string): string {
  const hostPort = stripScheme(endpoint);
  return /:\d+$/.test(hostPort) ? hostPort : `${hostPort}:2379`;
}

function stripScheme(endpoint: string): string {
  return endpoint.replace(/^[a-z]+:\/\//, '');
}

/** Rejects with Aborted as soon as the signal fires. */
export function raceAbort<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(new Aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/**
 * One clientv3 client: a balanced client over `endpoints` (clientv3.New) or, with `direct`, the
 * passthrough connection Maintenance.Status(ctx, endpoint) dials to one endpoint.
 */
export class Session {
  private next = 0;
  private readonly target: string;

  constructor(
    private readonly env: SessionEnv,
    readonly endpoints: string[],
    private readonly direct = false,
  ) {
    this.target = direct ? `passthrough:///${endpoints[0]}` : `endpoint://client-${env.newClientId()}/${stripScheme(endpoints[0] ?? '')}`;
  }

  /** Unary RPC with clientv3's endpoint choice, deadline, retries and warn lines. */
  async call<M extends EtcdMethod>(method: M, req: EtcdApi[M]['req'], opts: CallOptions = {}): Promise<EtcdApi[M]['res']> {
    const { client, io, nowMs } = this.env;
    const timeout = opts.timeoutMs === undefined ? this.env.commandTimeoutMs : opts.timeoutMs;
    const deadline = timeout === null ? null : nowMs() + timeout;
    let last: RpcFailure | null = null;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (attempt > 0) {
        if (!this.env.sleep) break;
        await raceAbort(this.env.sleep(retryBackoffMs), this.env.signal);
        if (deadline !== null && nowMs() >= deadline) throw new RpcFailure('DeadlineExceeded', 'context deadline exceeded');
      }
      const reachable = this.endpoints.filter((e) => client.connected(e));
      const endpoint = reachable.length ? reachable[this.next++ % reachable.length] : this.endpoints[0];
      const timeoutMs = deadline === null ? noDeadlineMs : Math.max(0, deadline - nowMs());
      try {
        return await raceAbort(client.call(endpoint, method, req, { timeoutMs }), this.env.signal);
      } catch (e) {
        if (!(e instanceof EtcdRpcError)) throw e;
        const desc = e.code === 'DeadlineExceeded' && reachable.length === 0 ? this.dialError(endpoint) : e.message;
        if (!opts.stream) io.err(retryWarnLine(nowMs(), this.target, attempt, `rpc error: code = ${e.code} desc = ${desc}`));
        last = new RpcFailure(e.code, errorText(e));
        if (e.code === 'DeadlineExceeded' || !opts.repeatable || e.code !== 'Unavailable') throw last;
      }
    }
    throw last!;
  }

  /** Opens a watch on the endpoint the balancer would pick. */
  watch(req: WatchCreateRequest, onResponse: (res: WatchResponse) => void): WatchHandle {
    const reachable = this.endpoints.filter((e) => this.env.client.connected(e));
    return this.env.client.watch(reachable[0] ?? this.endpoints[0], req, onResponse);
  }

  /** The balancer's last error when no endpoint could be connected to. */
  private dialError(endpoint: string): string {
    if (!this.direct) return 'latest balancer error: all SubConns are in TransientFailure';
    return `latest balancer error: connection error: desc = "transport: Error while dialing dial tcp ${dialAddress(endpoint)}: connect: connection refused"`;
  }
}
