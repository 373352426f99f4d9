// The client side of the v3 API as a process on the simulated network: what etcdctl (and, later,
// kube-apiserver) use to reach members. Calls are messages to a member; a call with no answer by
// its deadline fails with DeadlineExceeded, as a gRPC call with a context timeout does.

import type { Env, Process, ProcessId } from '../../sim/env';
import { EtcdRpcError, type EtcdApi, type EtcdClient, type EtcdMethod, type WatchCreateRequest, type WatchHandle, type WatchResponse } from '../types';
import { hostOf } from './ids';
import type { ClientMessage, RpcMessage, ServerMessage } from './protocol';

interface Pending {
  resolve(res: unknown): void;
  reject(err: EtcdRpcError): void;
  timer: number;
}

/** etcdctl's default --command-timeout. */
const defaultTimeoutMs = 5000;

/** A client of the etcd cluster, living on the network as process `env.id`. */
export class EtcdClientProcess implements Process, EtcdClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly watchers = new Map<number, (res: WatchResponse) => void>();

  /**
   * @param endpoints the default endpoints (member names)
   * @param reachable whether a member can be connected to now (up, link not cut)
   */
  constructor(
    private readonly env: Env,
    private readonly endpoints: () => string[],
    private readonly reachable: (member: ProcessId) => boolean,
  ) {}

  defaultEndpoints(): string[] {
    return this.endpoints();
  }

  connected(endpoint: string): boolean {
    return this.reachable(hostOf(endpoint));
  }

  /** Counts answers, deadlines and watch events, so a host driving the simulation knows when a caller can move on. */
  progress = 0;

  call<M extends EtcdMethod>(endpoint: string, method: M, req: EtcdApi[M]['req'], opts?: { timeoutMs?: number }): Promise<EtcdApi[M]['res']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = this.env.setTimer(opts?.timeoutMs ?? defaultTimeoutMs, () => {
        if (!this.pending.delete(id)) return;
        this.progress++;
        reject(new EtcdRpcError('DeadlineExceeded', 'context deadline exceeded'));
      });
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject, timer });
      // A generic M cannot be narrowed to one member of the RpcMessage union; the pairing is checked by call's signature.
      this.env.send(hostOf(endpoint), { kind: 'rpc', id, method, req } as RpcMessage);
    });
  }

  /** Resolves after `ms` of the client's (simulated) time: clientv3's retry backoff and keep-alive pacing. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) =>
      this.env.setTimer(ms, () => {
        this.progress++;
        resolve();
      }),
    );
  }

  watch(endpoint: string, req: WatchCreateRequest, onResponse: (res: WatchResponse) => void): WatchHandle {
    const watchId = this.nextId++;
    const member = hostOf(endpoint);
    this.watchers.set(watchId, onResponse);
    this.env.send(member, { kind: 'watch-create', watchId, req } satisfies ClientMessage);
    return {
      cancel: () => {
        if (this.watchers.delete(watchId)) this.env.send(member, { kind: 'watch-cancel', watchId } satisfies ClientMessage);
      },
    };
  }

  receive(_from: ProcessId, msg: unknown): void {
    this.progress++;
    const m = msg as ServerMessage;
    if (m.kind === 'rpc-result') {
      const p = this.pending.get(m.id);
      if (!p) return; // answered after its deadline, or a duplicate
      this.pending.delete(m.id);
      this.env.cancelTimer(p.timer);
      if (m.err) p.reject(new EtcdRpcError(m.err.code, m.err.message));
      else p.resolve(m.res);
    } else if (m.kind === 'watch') {
      this.watchers.get(m.watchId)?.(m.res);
    }
  }
}
