// client-go's shared informer: a reflector that lists a resource and then watches it from the
// list's resourceVersion (tools/cache/reflector.go ListAndWatch), keeping a store the listers read
// and telling event handlers of every add, update and delete. A watch that ends is resumed from the
// last resourceVersion seen; 410 Gone (the apiserver compacted past it) makes it list again; a
// failure backs off as the reflector's backoff manager does (800 ms doubling to 30 s) and lists again.
// Runs as a coroutine inside its process (engine/sim/co.ts), so it never leaves the simulation.

import type { KubeList, KubeObject, Status } from '../api/types';
import type { ResourceInfo } from '../api/resources';
import { buildUrl } from '../apiserver/http';
import { Cancelled, suspend, type Co } from '../sim/co';
import type { Rng } from '../sim/rng';
import type { RestKubeClient } from './clientset';
import { restPath, type ListOptions } from './clientset';
import { keyOf, Store, type Lister } from './store';

/** What an informer tells its handlers; a delete seen only on relist carries the last state known. */
export interface EventHandler<T extends KubeObject> {
  add?(obj: T): void;
  update?(old: T, cur: T): void;
  delete?(obj: T): void;
}

/** Watch timeouts are spread over [5, 10) minutes, as the reflector's minWatchTimeout does. */
const minWatchTimeoutS = 300;
const backoffInitialMs = 800;
const backoffMaxMs = 30_000;

/** One resource's cache and the handlers it feeds. */
export class Informer<T extends KubeObject = KubeObject> {
  readonly store = new Store<T>();
  private readonly handlers: EventHandler<T>[] = [];
  private synced = false;
  private readonly syncWaiters: (() => void)[] = [];
  private lastRV = '';
  /** Lists and watches done, for telemetry. */
  lists = 0;
  watches = 0;

  constructor(
    private readonly client: RestKubeClient,
    readonly resource: ResourceInfo,
    private readonly rng: Rng,
    /** Narrows what is cached (a kubelet's pods: `fieldSelector: spec.nodeName=node-1`). */
    private readonly selectors: Pick<ListOptions, 'labelSelector' | 'fieldSelector'> = {},
    private readonly namespace = '',
  ) {}

  get lister(): Lister<T> {
    return this.store;
  }

  /** Whether the first list has been stored (cache.WaitForCacheSync). */
  hasSynced(): boolean {
    return this.synced;
  }

  /** The resourceVersion the cache is at. */
  get resourceVersion(): string {
    return this.lastRV;
  }

  /** Adds a handler; objects already cached are handed to its `add`, as a late handler sees them. */
  addEventHandler(h: EventHandler<T>): void {
    this.handlers.push(h);
    for (const k of this.store.keys()) h.add?.(this.store.getByKey(k)!);
  }

  /** Waits until the first list is in the cache. */
  *waitForSync(): Co<void> {
    if (this.synced) return;
    yield* suspend<void>((resume) => {
      this.syncWaiters.push(() => resume(undefined));
    });
  }

  /** The reflector: list, watch, and again after every end, for ever (an interrupt stops it). */
  *run(): Co<never> {
    let backoffMs = 0;
    let relist = true;
    for (;;) {
      try {
        if (relist) {
          yield* this.list();
          relist = false;
        }
        const gone = yield* this.watch();
        if (gone) relist = true;
        backoffMs = 0;
      } catch (e) {
        if (e instanceof Cancelled) throw e;
        backoffMs = backoffMs === 0 ? backoffInitialMs : Math.min(backoffMaxMs, backoffMs * 2);
        relist = true;
        yield* this.client.rest.sleep(backoffMs);
      }
    }
  }

  /** Lists every object (in pages of 500) and replaces the cache with them. */
  private *list(): Co<void> {
    this.lists++;
    const items: T[] = [];
    let cont = '';
    let rv = '';
    do {
      const page: KubeList<T> = yield* this.client.list<T>(this.resource, this.namespace, { ...this.selectors, limit: 500, ...(cont ? { continue: cont } : { resourceVersion: '0' }) });
      items.push(...page.items.map((o) => withTypeMeta(o, this.resource)));
      cont = page.metadata.continue ?? '';
      rv = page.metadata.resourceVersion ?? rv;
    } while (cont);
    this.replace(items);
    this.lastRV = rv;
    if (!this.synced) {
      this.synced = true;
      for (const w of this.syncWaiters.splice(0)) w();
    }
  }

  /** One watch from the last resourceVersion; true when it ended with 410 Gone. */
  private *watch(): Co<boolean> {
    this.watches++;
    let gone = false;
    const timeoutSeconds = Math.floor(minWatchTimeoutS * (1 + this.rng.next()));
    const url = buildUrl(restPath(this.resource, this.namespace), { ...this.selectors, watch: 'true', resourceVersion: this.lastRV, allowWatchBookmarks: 'true', timeoutSeconds });
    const head = yield* this.client.rest.watch(url, (e) => {
      if (e.type === 'ERROR') {
        if ((e.object as unknown as Status).code === 410) gone = true;
        return;
      }
      const obj = withTypeMeta(e.object as unknown as T, this.resource);
      const rv = obj.metadata.resourceVersion;
      if (rv) this.lastRV = rv;
      if (e.type === 'ADDED' || e.type === 'MODIFIED') this.upsert(obj);
      else if (e.type === 'DELETED') this.remove(obj);
    });
    if (head.status === 410) return true;
    if (head.status < 200 || head.status >= 300) throw new Error(`watch ${this.resource.resource}: HTTP ${head.status}`);
    return gone;
  }

  /** DeltaFIFO.Replace: the listed objects are the cache; those that vanished are deleted. */
  private replace(items: T[]): void {
    const seen = new Set<string>();
    for (const o of items) {
      seen.add(keyOf(o));
      this.upsert(o);
    }
    for (const k of this.store.keys()) if (!seen.has(k)) this.remove(this.store.getByKey(k)!);
  }

  private upsert(obj: T): void {
    const old = this.store.put(obj);
    for (const h of this.handlers) {
      if (old) h.update?.(old, obj);
      else h.add?.(obj);
    }
  }

  private remove(obj: T): void {
    const old = this.store.remove(keyOf(obj));
    if (!old) return;
    for (const h of this.handlers) h.delete?.(obj);
  }
}

/** Lists drop items' kind and apiVersion; informers put them back, as client-go's decoders do. */
function withTypeMeta<T extends KubeObject>(o: T, r: ResourceInfo): T {
  if (o.kind && o.apiVersion) return o;
  return { ...o, kind: r.kind, apiVersion: r.group ? `${r.group}/${r.version}` : r.version };
}

/** A process's informers, one per resource and selector, shared by every controller in it (SharedInformerFactory). */
export class InformerFactory {
  private readonly informers = new Map<string, Informer>();

  constructor(
    private readonly client: RestKubeClient,
    private readonly rng: Rng,
  ) {}

  /** The shared informer of a resource (created on first ask; started by `start`). */
  informerFor<T extends KubeObject>(r: ResourceInfo, selectors: Pick<ListOptions, 'labelSelector' | 'fieldSelector'> = {}): Informer<T> {
    const key = `${r.group}/${r.resource}?${selectors.labelSelector ?? ''}&${selectors.fieldSelector ?? ''}`;
    let inf = this.informers.get(key);
    if (!inf) this.informers.set(key, (inf = new Informer(this.client, r, this.rng, selectors)));
    return inf as unknown as Informer<T>;
  }

  /** Every informer asked for so far, in the order they were. */
  all(): Informer[] {
    return [...this.informers.values()];
  }

  /** Waits until every informer has listed once. */
  *waitForCacheSync(): Co<void> {
    for (const inf of this.informers.values()) yield* inf.waitForSync();
  }
}
