// What clientv3 adds around each RPC etcdctl makes: picking an endpoint the balancer can reach, the
// command deadline, retrying safe RPCs on Unavailable, the zap warn line for every failed attempt
// (clientv3/retry_interceptor.go, retry.go) and the error text etcdctl prints (clientv3/client.go toErr).

import { EtcdRpcError, type EtcdApi, type EtcdClient, type EtcdMethod, type WatchCreateRequest, type WatchHandle, type WatchResponse } from '../etcd/types';
import { suspend, type Co } from '../sim/co';
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

/** Ctrl-C: thrown into a run at its current wait (Coroutine.interrupt); the run ends with exit code 130. */
export class Aborted extends Error {
  constructor() {
    super('interrupted');
  }
}

/** Deadline handed to the client for calls etcdctl makes with context.Background() (no timeout). */
const noDeadlineMs = 2 ** 31 - 1;
/** clientv3's backoff between retries (defaultBackoffWaitBetween; its 10% jitter is left out). */
const retryBackoffMs = 25;
/** clientv3's defaultUnaryMaxRetries. */
const maxAttempts = 100;
/** How often an authenticating client looks again for a reachable endpoint (gRPC's reconnect backoff base). */
const authRetryMs = 1000;

/** How etcdctl's clients reach the cluster: shared by every Session of one run. */
export interface SessionEnv {
  client: EtcdClient;
  io: Io;
  /** Epoch ms for the timestamps of warn lines (zap's "ts"). */
  nowMs: () => number;
  commandTimeoutMs: number;
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

/** Waits `ms` on the client's clock. */
export function* sleep(client: EtcdClient, ms: number): Co<void> {
  yield* suspend<void>((resume) => client.sleep(ms, () => resume(undefined)));
}

/** One unary call, as the client answers it: resumes with the response, throws its EtcdRpcError. */
export function* unary<M extends EtcdMethod>(client: EtcdClient, endpoint: string, method: M, req: EtcdApi[M]['req'], timeoutMs: number): Co<EtcdApi[M]['res']> {
  return yield* suspend<EtcdApi[M]['res']>((resume, fail) => client.call(endpoint, method, req, { timeoutMs }, (err, res) => (err ? fail(err) : resume(res))));
}

/**
 * One clientv3 client: a balanced client over `endpoints` (clientv3.New) or, with `direct`, the
 * passthrough connection Maintenance.Status(ctx, endpoint) dials to one endpoint.
 */
export class Session {
  private next = 0;
  readonly target: string;
  /** Whether the client has credentials: each direct dial (Maintenance.Status) then authenticates again. */
  auth = false;

  constructor(
    private readonly env: SessionEnv,
    readonly endpoints: string[],
    private readonly direct = false,
  ) {
    this.target = direct ? `passthrough:///${endpoints[0]}` : `endpoint://client-${env.newClientId()}/${stripScheme(endpoints[0] ?? '')}`;
  }

  /** Unary RPC with clientv3's endpoint choice, deadline, retries and warn lines. */
  *call<M extends EtcdMethod>(method: M, req: EtcdApi[M]['req'], opts: CallOptions = {}): Co<EtcdApi[M]['res']> {
    const { client, io, nowMs } = this.env;
    const timeout = opts.timeoutMs === undefined ? this.env.commandTimeoutMs : opts.timeoutMs;
    const deadline = timeout === null ? null : client.now() + timeout;
    let last: RpcFailure | null = null;
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (attempt > 0) {
        yield* sleep(client, retryBackoffMs);
        if (deadline !== null && client.now() >= deadline) throw new RpcFailure('DeadlineExceeded', 'context deadline exceeded');
      }
      const reachable = this.endpoints.filter((e) => client.connected(e));
      const endpoint = reachable.length ? reachable[this.next++ % reachable.length] : this.endpoints[0];
      const timeoutMs = deadline === null ? noDeadlineMs : Math.max(0, deadline - client.now());
      try {
        return yield* unary(client, endpoint, method, req, timeoutMs);
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

  /**
   * clientv3's getToken at dial time (client.go dial with Username and Password): an Authenticate
   * RPC through the unary interceptor, bounded by --dial-timeout (none when it is 0). The members
   * never have auth enabled, so a reachable cluster answers "authentication is not enabled", which
   * the client logs and ignores. `via` is the balanced client a direct dial belongs to: its
   * endpoints and target are the ones used.
   */
  *authenticate(dialTimeoutMs: number, via: Session = this): Co<void> {
    const { client, io, nowMs } = this.env;
    const deadline = dialTimeoutMs > 0 ? client.now() + dialTimeoutMs : null;
    for (;;) {
      if (via.endpoints.some((e) => client.connected(e))) {
        io.err(retryWarnLine(nowMs(), via.target, 0, 'rpc error: code = FailedPrecondition desc = etcdserver: authentication is not enabled'));
        return;
      }
      if (deadline !== null && client.now() >= deadline) {
        io.err(retryWarnLine(nowMs(), via.target, 0, `rpc error: code = DeadlineExceeded desc = ${via.dialError(via.endpoints[0])}`));
        throw new RpcFailure('DeadlineExceeded', 'context deadline exceeded');
      }
      yield* sleep(client, deadline === null ? authRetryMs : Math.min(authRetryMs, deadline - client.now()));
    }
  }

  /**
   * Opens a watch on the endpoint the balancer would pick, with every endpoint of the client to
   * resume on if that member goes away (clientv3 re-dials through its balancer).
   */
  watch(req: WatchCreateRequest, onResponse: (res: WatchResponse) => void): WatchHandle {
    const first = this.endpoints.find((e) => this.env.client.connected(e)) ?? this.endpoints[0];
    return this.env.client.watch([first, ...this.endpoints.filter((e) => e !== first)], req, onResponse);
  }

  /** The balancer's last error when no endpoint could be connected to. */
  dialError(endpoint: string): string {
    if (!this.direct) return 'latest balancer error: all SubConns are in TransientFailure';
    return `latest balancer error: connection error: desc = "transport: Error while dialing dial tcp ${dialAddress(endpoint)}: connect: connection refused"`;
  }
}
