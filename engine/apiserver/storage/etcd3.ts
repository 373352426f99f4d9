// kube-apiserver's storage over etcd v3 (k8s.io/apiserver/pkg/storage/etcd3/store.go): objects are
// values under `/registry/…` keys, an object's resourceVersion is its key's mod_revision, a create is
// a transaction that succeeds only if the key does not exist, an update or delete one that succeeds
// only if the key is still at the revision the caller read. Every call is a coroutine step over the
// embedded etcd client; a member that fails a call is avoided for a while, as clientv3's balancer
// avoids a broken connection.

import { suspend, type Co } from '../../sim/co';
import { EtcdRpcError, ErrNoConnection, type Compare, type EtcdApi, type EtcdClient, type EtcdMethod, type KeyValue, type LeaseID, type RangeResponse, type WatchCreateRequest, type WatchHandle, type WatchResponse } from '../../etcd/types';

/** How long a member that failed a call is passed over (grpc's reconnect backoff base). */
const unhealthyMs = 1000;
/** clientv3's backoff between retries of a repeatable call. */
const retryBackoffMs = 25;

/** The end of the key range holding every key with `prefix` (clientv3.GetPrefixRangeEnd). */
export function prefixEnd(prefix: string): string {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const c = prefix.charCodeAt(i);
    if (c < 0xffff) return prefix.slice(0, i) + String.fromCharCode(c + 1);
  }
  return '\0';
}

/** The text of an etcd error as the apiserver reports it (clientv3's toErr, then err.Error()). */
export function etcdErrorText(e: EtcdRpcError): string {
  if (e.message.startsWith('etcdserver: ')) return e.message;
  if (e.code === 'DeadlineExceeded') return 'context deadline exceeded';
  return `rpc error: code = ${e.code} desc = ${e.message}`;
}

/** A storage call that failed in etcd; the handlers answer it as a 500 with this text. */
export class StorageError extends Error {}

/** The outcome of a conditional write. */
export type WriteResult = { ok: true; rev: number } | { ok: false; current: KeyValue | null };

/** The etcd3 store: conditional writes and reads of one cluster, through one client. */
export class Etcd3Store {
  private next = 0;
  private readonly unhealthyUntil = new Map<string, number>();

  constructor(
    private readonly client: EtcdClient,
    private readonly endpoints: string[],
  ) {}

  /** Whether the balancer would use `endpoint` now (it has not failed a call lately). */
  healthy(endpoint: string): boolean {
    return (this.unhealthyUntil.get(endpoint) ?? -Infinity) <= this.client.now();
  }

  /** A quorum read of one key. */
  *get(key: string, deadline: number): Co<{ kv: KeyValue | null; rev: number }> {
    const res = yield* this.call('Range', { key }, deadline, true);
    return { kv: res.kvs[0] ?? null, rev: res.header.revision };
  }

  /** A range read: every key from `key` to `end`, at `revision` (0: now), at most `limit` (0: all). */
  *range(key: string, end: string, opts: { limit?: number; revision?: number; countOnly?: boolean }, deadline: number): Co<RangeResponse> {
    return yield* this.call('Range', { key, range_end: end, limit: opts.limit ?? 0, revision: opts.revision ?? 0, count_only: opts.countOnly }, deadline, true);
  }

  /** The store's current revision (a quorum read of an empty range, as GetCurrentResourceVersion does). */
  *currentRevision(deadline: number): Co<number> {
    const res = yield* this.call('Range', { key: '/registry/', range_end: prefixEnd('/registry/'), count_only: true }, deadline, true);
    return res.header.revision;
  }

  /** Puts `value` at `key` if the key does not exist (attached to `lease` when given: a TTL). */
  *create(key: string, value: string, deadline: number, lease?: LeaseID): Co<WriteResult> {
    return yield* this.conditional(key, { result: 'EQUAL', target: 'MOD', key, mod_revision: 0 }, { request_put: { key, value, ...(lease ? { lease } : {}) } }, deadline);
  }

  /** Puts `value` at `key` if the key is still at `modRevision` (attached to `lease` when given). */
  *update(key: string, value: string, modRevision: number, deadline: number, lease?: LeaseID): Co<WriteResult> {
    return yield* this.conditional(key, { result: 'EQUAL', target: 'MOD', key, mod_revision: modRevision }, { request_put: { key, value, ...(lease ? { lease } : {}) } }, deadline);
  }

  /** A lease of `ttlS` seconds for a write with a TTL (storage/etcd3/lease_manager.go GetLease, no reuse). */
  *grantLease(ttlS: number, deadline: number): Co<LeaseID> {
    const res = yield* this.call('LeaseGrant', { TTL: ttlS }, deadline, false);
    return res.ID;
  }

  /** Deletes `key` if it is still at `modRevision`. */
  *delete(key: string, modRevision: number, deadline: number): Co<WriteResult> {
    return yield* this.conditional(key, { result: 'EQUAL', target: 'MOD', key, mod_revision: modRevision }, { request_delete_range: { key } }, deadline);
  }

  /** Compacts the history up to `revision`, guarded by the `compact_rev_key` as the apiserver's compactor is. */
  *compact(revision: number, lastSeen: number, deadline: number): Co<{ compacted: boolean; version: number }> {
    const key = 'compact_rev_key';
    const res = yield* this.call(
      'Txn',
      {
        compare: [{ result: 'EQUAL', target: 'VERSION', key, version: lastSeen }],
        success: [{ request_put: { key, value: String(revision) } }],
        failure: [{ request_range: { key } }],
      },
      deadline,
      false,
    );
    if (!res.succeeded) {
      const r = res.responses[0];
      const kv = r && 'response_range' in r ? r.response_range.kvs[0] : undefined;
      return { compacted: false, version: kv?.version ?? 0 };
    }
    yield* this.call('Compact', { revision }, deadline, false);
    return { compacted: true, version: lastSeen + 1 };
  }

  /** Watches every key under `prefix` ('' for every key) from `fromRev`, with previous values (for deletes). */
  watch(prefix: string, fromRev: number, onResponse: (res: WatchResponse) => void): WatchHandle {
    const req: WatchCreateRequest = prefix === '' ? { key: '\0', range_end: '\0', start_revision: fromRev, prev_kv: true } : { key: prefix, range_end: prefixEnd(prefix), start_revision: fromRev, prev_kv: true };
    const first = this.pick();
    return this.client.watch([first, ...this.endpoints.filter((e) => e !== first)], req, onResponse);
  }

  private *conditional(key: string, cmp: Compare, op: EtcdApi['Txn']['req']['success'][number], deadline: number): Co<WriteResult> {
    const res = yield* this.call('Txn', { compare: [cmp], success: [op], failure: [{ request_range: { key } }] }, deadline, false);
    if (res.succeeded) return { ok: true, rev: res.header.revision };
    const r = res.responses[0];
    return { ok: false, current: (r && 'response_range' in r ? r.response_range.kvs[0] : undefined) ?? null };
  }

  /** The endpoint the balancer picks: round robin over the healthy ones not in `skip` (all of those when none is healthy). */
  private pick(skip: ReadonlySet<string> = new Set()): string {
    const candidates = this.endpoints.filter((e) => !skip.has(e));
    const healthy = candidates.filter((e) => this.healthy(e));
    const from = healthy.length ? healthy : candidates.length ? candidates : this.endpoints;
    return from[this.next++ % from.length];
  }

  /**
   * One call with the request's deadline; repeatable calls retry on Unavailable, as clientv3 retries them.
   * grpc's round_robin picker routes only to members it holds a ready connection to, so a call that
   * finds no connection to the member picked (it died, or is cut off) goes to another at once, write
   * or not; only when no member is left does it wait for a connection until its deadline.
   */
  private *call<M extends EtcdMethod>(method: M, req: EtcdApi[M]['req'], deadline: number, repeatable: boolean): Co<EtcdApi[M]['res']> {
    const unconnected = new Set<string>();
    for (;;) {
      const endpoint = this.pick(unconnected);
      const timeoutMs = Math.max(0, deadline - this.client.now());
      const failFast = unconnected.size < this.endpoints.length - 1;
      try {
        return yield* suspend<EtcdApi[M]['res']>((resume, fail) => this.client.call(endpoint, method, req, { timeoutMs, failFast }, (err, res) => (err ? fail(err) : resume(res))));
      } catch (e) {
        if (!(e instanceof EtcdRpcError)) throw e;
        if (e.code === 'Unavailable' && e.message === ErrNoConnection) {
          this.unhealthyUntil.set(endpoint, this.client.now() + unhealthyMs);
          unconnected.add(endpoint);
          continue;
        }
        if (e.code === 'Unavailable' || e.code === 'DeadlineExceeded') this.unhealthyUntil.set(endpoint, this.client.now() + unhealthyMs);
        if (!repeatable || e.code !== 'Unavailable' || this.client.now() + retryBackoffMs >= deadline) throw new StorageError(etcdErrorText(e));
        yield* suspend<void>((resume) => this.client.sleep(retryBackoffMs, () => resume(undefined)));
        unconnected.clear(); // connections may be back after the backoff
      }
    }
  }
}
