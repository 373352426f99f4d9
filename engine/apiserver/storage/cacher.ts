// The watch cache (k8s.io/apiserver/pkg/storage/cacher): one list of `/registry/` and one etcd watch,
// in order, keep a copy of every object and a window of recent events. Lists and watches are served
// from it: a watch from resourceVersion R replays the kept events after R and then follows live ones;
// one from before the window is 410 Gone. A consistent list first asks etcd for its current revision
// and waits until the cache has seen it (ConsistentListFromCache, on by default since 1.31).
//
// The cache watches every key, not only `/registry/`, so that its revision follows etcd's exactly
// (a write elsewhere, `etcdctl put /x`, still moves the revision a consistent read waits for).

import type { KubeObject } from '../../api/types';
import type { Callbacks } from '../../sim/callbacks';
import { Coroutine, suspend, type Co } from '../../sim/co';
import type { KeyValue, WatchHandle, WatchResponse } from '../../etcd/types';
import { newResourceExpired, newTimeoutError, newTooManyRequests } from '../errors';
import { SortedKeys } from '../../sim/sorted-keys';
import { prefixEnd, type Etcd3Store } from './etcd3';

/** Where every Kubernetes object lives. */
export const registryPrefix = '/registry/';
/** Keys read per page while (re)filling the cache. */
const listPageSize = 500;
/** How long a request waits for the cache to reach a revision before giving up (3 s, as upstream's blockTimeout). */
const freshWaitMs = 3000;
/** How long a request waits for a cache that is (re)initialising. */
const readyWaitMs = 10_000;

/** One object as the cache holds it. */
export interface CachedObject {
  key: string;
  obj: KubeObject;
  /** Its mod_revision: the object's resourceVersion. */
  rev: number;
}

/** A change the cache saw, kept in its window. */
export interface CacheEvent {
  key: string;
  type: 'PUT' | 'DELETE';
  /** The object after a put; the last state before a delete. */
  obj: KubeObject;
  /** The object before (null for a create). */
  prev: KubeObject | null;
  rev: number;
}

/** A watch event as a watcher receives it. */
export interface WatchOut {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
}

/** What a watcher is interested in. */
export interface WatchSpec {
  /** Key prefix: `/registry/pods/` or `/registry/pods/default/`. */
  prefix: string;
  /** Label and field selectors; an object that stops matching is seen as DELETED. */
  filter(obj: KubeObject): boolean;
  /** Events arrive here in revision order. */
  sink(e: WatchOut): void;
  /** The cache was reset (etcd compacted under it, its watch failed): the watch ends, the client relists. */
  onEnd(reason: string): void;
}

interface Watcher extends WatchSpec {
  id: number;
}

/** Decodes a stored value: the object, with its resourceVersion set from the revision. */
export function decodeObject(kv: KeyValue, rev = kv.mod_revision): KubeObject | null {
  try {
    const obj = JSON.parse(kv.value) as KubeObject;
    if (typeof obj !== 'object' || obj === null || typeof obj.metadata !== 'object' || obj.metadata === null) return null;
    obj.metadata.resourceVersion = String(rev);
    return obj;
  } catch {
    return null;
  }
}

/** The watch cache of one apiserver. */
export class Cacher {
  private readonly objects = new Map<string, CachedObject>();
  /** The objects' keys in order, so that a list of a prefix needs no sort. */
  private readonly order = new SortedKeys();
  /** For each prefix a view of the cache was memoised on: the change count when something under it last changed. */
  private readonly versions = new Map<string, number>();
  private changes = 0;
  /** Events after `windowStart`, oldest first. */
  private recent: CacheEvent[] = [];
  /** The revision the window starts after: a watch from before it is too old. */
  private windowStart = 0;
  private revision = 0;
  private isReady = false;
  private watch: WatchHandle | null = null;
  private readonly watchers = new Map<number, Watcher>();
  private nextWatcher = 1;
  private readonly waiters: { rev: number; wake(): void }[] = [];
  private readonly readyWaiters: (() => void)[] = [];
  /** Values under /registry/ that did not decode (written by hand with etcdctl, say). */
  undecodable = 0;
  resets = 0;

  constructor(
    private readonly store: Etcd3Store,
    private readonly callbacks: Callbacks,
    private readonly now: () => number,
    private readonly windowSize = 10_000,
  ) {}

  /** The revision the cache has seen everything up to. */
  get rev(): number {
    return this.revision;
  }
  get ready(): boolean {
    return this.isReady;
  }
  get size(): number {
    return this.objects.size;
  }

  /** Fills the cache and starts following etcd; on failure it tries again a second later. */
  start(): void {
    new Coroutine(this.fill(), (o) => {
      if (!o.ok) this.callbacks.after(1000, () => this.start());
    }).start();
  }

  /** Objects under `prefix`, in key order. */
  list(prefix: string): CachedObject[] {
    return this.order.withPrefix(prefix).map((k) => this.objects.get(k)!);
  }

  /**
   * A number that changes whenever an object under `prefix` is written or deleted, and when the
   * cache refills: what a view computed from `list(prefix)` is memoised on (the RBAC authorizer's
   * roles, the APIServices the aggregator routes by).
   */
  version(prefix: string): number {
    let v = this.versions.get(prefix);
    if (v === undefined) this.versions.set(prefix, (v = this.changes));
    return v;
  }

  get(key: string): CachedObject | undefined {
    return this.objects.get(key);
  }

  /** Waits (up to 10 s) for the cache to be filled: until then the apiserver answers 429, as upstream's does. */
  *waitReady(): Co<void> {
    if (this.isReady) return;
    const ok = yield* suspend<boolean>((resume) => {
      const wake = () => resume(true);
      this.readyWaiters.push(wake);
      const cancel = this.callbacks.after(readyWaitMs, () => {
        const i = this.readyWaiters.indexOf(wake);
        if (i >= 0) this.readyWaiters.splice(i, 1);
        resume(false);
      });
      return () => {
        cancel();
        const i = this.readyWaiters.indexOf(wake);
        if (i >= 0) this.readyWaiters.splice(i, 1);
      };
    });
    if (!ok) throw newTooManyRequests('storage is (re)initializing', 1);
  }

  /** Waits until the cache has seen revision `rev` (waitUntilFreshAndBlock); 504 after 3 s. */
  *waitFresh(rev: number): Co<void> {
    yield* this.waitReady();
    if (this.revision >= rev) return;
    const ok = yield* suspend<boolean>((resume) => {
      const forget = () => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) this.waiters.splice(i, 1);
      };
      const timeout = this.callbacks.after(freshWaitMs, () => {
        forget();
        resume(false);
      });
      const w = {
        rev,
        wake: () => {
          timeout();
          resume(true);
        },
      };
      this.waiters.push(w);
      return () => {
        timeout();
        forget();
      };
    });
    if (!ok) throw newTimeoutError(`Too large resource version: ${rev}, current: ${this.revision}`, 1);
  }

  /**
   * Starts a watch. From `fromRev` it first replays the window's events after it (410 when it is
   * before the window); with `fromRev` null it starts with an ADDED for every object that matches
   * (a watch from "any" or "most recent" state).
   */
  addWatcher(spec: WatchSpec, fromRev: number | null): { stop(): void } {
    if (fromRev !== null && fromRev < this.windowStart) {
      throw newResourceExpired(`too old resource version: ${fromRev} (${this.windowStart + 1})`);
    }
    const w: Watcher = { ...spec, id: this.nextWatcher++ };
    if (fromRev === null) {
      for (const o of this.list(spec.prefix)) if (spec.filter(o.obj)) spec.sink({ type: 'ADDED', object: o.obj });
    } else {
      for (const e of this.recent) if (e.rev > fromRev) this.deliver(w, e);
    }
    this.watchers.set(w.id, w);
    return { stop: () => void this.watchers.delete(w.id) };
  }

  // ---- filling and following -----------------------------------------------------------------

  private *fill(): Co<void> {
    this.isReady = false;
    this.watch?.cancel();
    this.watch = null;
    const deadline = this.now() + 60_000;
    let key = registryPrefix;
    const end = prefixEnd(registryPrefix);
    let rev = 0;
    const objects = new Map<string, CachedObject>();
    for (;;) {
      const res = yield* this.store.range(key, end, { limit: listPageSize, revision: rev }, deadline);
      if (rev === 0) rev = res.header.revision;
      for (const kv of res.kvs) {
        const obj = decodeObject(kv);
        if (obj) objects.set(kv.key, { key: kv.key, obj, rev: kv.mod_revision });
        else this.undecodable++;
      }
      if (!res.more || res.kvs.length === 0) break;
      key = res.kvs[res.kvs.length - 1].key + '\0';
    }
    this.objects.clear();
    this.order.clear();
    for (const [k, v] of objects) {
      this.objects.set(k, v);
      this.order.add(k);
    }
    this.changed('');
    this.recent = [];
    this.windowStart = rev;
    this.revision = rev;
    this.isReady = true;
    this.watch = this.store.watch('', rev + 1, (res) => this.onWatch(res));
    for (const wake of this.readyWaiters.splice(0)) wake();
    this.wakeWaiters();
  }

  private onWatch(res: WatchResponse): void {
    if (res.canceled || res.closeErr !== undefined) {
      // Compacted under the watch, or the watch failed for good: start again from a fresh list; the
      // watchers end and their clients relist, as they do when an apiserver's cache reinitialises.
      this.resets++;
      const reason = res.compact_revision > 0 ? `etcd compacted to ${res.compact_revision}` : res.cancel_reason || 'watch closed';
      for (const w of [...this.watchers.values()]) w.onEnd(reason);
      this.watchers.clear();
      this.isReady = false;
      this.callbacks.after(0, () => this.start());
      return;
    }
    for (const ev of res.events) this.apply(ev.type, ev.kv, ev.prev_kv);
    // A progress notification (no events, not the creation answer, whose header can be ahead of the
    // events still to come) says everything up to its revision has been sent.
    if (!res.created && res.events.length === 0 && res.header.revision > this.revision) this.revision = res.header.revision;
    this.wakeWaiters();
  }

  private apply(type: 'PUT' | 'DELETE', kv: KeyValue, prevKv: KeyValue | undefined): void {
    this.revision = Math.max(this.revision, kv.mod_revision);
    if (!kv.key.startsWith(registryPrefix)) return;
    const before = this.objects.get(kv.key);
    let event: CacheEvent;
    if (type === 'PUT') {
      const obj = decodeObject(kv);
      if (!obj) {
        this.undecodable++;
        return;
      }
      this.objects.set(kv.key, { key: kv.key, obj, rev: kv.mod_revision });
      if (!before) this.order.add(kv.key);
      event = { key: kv.key, type, obj, prev: before?.obj ?? null, rev: kv.mod_revision };
    } else {
      this.objects.delete(kv.key);
      this.order.delete(kv.key);
      const last = before?.obj ?? (prevKv ? decodeObject(prevKv) : null);
      if (!last) return;
      event = { key: kv.key, type, obj: withResourceVersion(last, kv.mod_revision), prev: last, rev: kv.mod_revision };
    }
    this.changed(kv.key);
    this.recent.push(event);
    if (this.recent.length > this.windowSize) {
      const dropped = this.recent.splice(0, this.recent.length - this.windowSize);
      this.windowStart = dropped[dropped.length - 1].rev;
    }
    for (const w of this.watchers.values()) this.deliver(w, event);
  }

  /** One event as one watcher sees it, through its prefix and filter (cacher.go convertToWatchEvent). */
  private deliver(w: Watcher, e: CacheEvent): void {
    if (!e.key.startsWith(w.prefix)) return;
    if (e.type === 'DELETE') {
      if (w.filter(e.prev!)) w.sink({ type: 'DELETED', object: e.obj });
      return;
    }
    const now = w.filter(e.obj);
    const before = e.prev !== null && w.filter(e.prev);
    if (now && before) w.sink({ type: 'MODIFIED', object: e.obj });
    else if (now) w.sink({ type: 'ADDED', object: e.obj });
    else if (before) w.sink({ type: 'DELETED', object: withResourceVersion(e.prev!, e.rev) });
  }

  /** Moves the version of every memoised prefix `key` falls under ('' for all of them). */
  private changed(key: string): void {
    this.changes++;
    for (const p of this.versions.keys()) if (key.startsWith(p) || key === '') this.versions.set(p, this.changes);
  }

  private wakeWaiters(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].rev <= this.revision) this.waiters.splice(i, 1)[0].wake();
    }
  }
}

/** A copy of `obj` stamped with another resourceVersion (the revision of a delete). */
function withResourceVersion(obj: KubeObject, rev: number): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rev) } };
}
