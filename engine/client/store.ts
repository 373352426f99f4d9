// client-go's thread-safe store and listers, for one process: objects keyed `namespace/name` (or
// `name` for cluster-scoped ones, cache.MetaNamespaceKeyFunc), indexed by namespace, read by listers.
// What a lister returns is the cache's own object: callers must copy before they change it, as
// client-go's contract says.

import type { KubeObject } from '../api/types';
import type { Selector } from '../api/labels';
import { SortedKeys } from '../sim/sorted-keys';

/** `namespace/name`, or `name` when there is no namespace (cache.MetaNamespaceKeyFunc). */
export function keyOf(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name}` : obj.metadata.name!;
}

/** `[namespace, name]` of a key (cache.SplitMetaNamespaceKey). */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

/** Read access to an informer's cache: what a controller's sync reads instead of the apiserver. */
export interface Lister<T extends KubeObject = KubeObject> {
  get(namespace: string, name: string): T | undefined;
  /** Every object, in one namespace when it is given (and not ''), matching the selector when given, in key order. */
  list(namespace?: string, selector?: Selector): T[];
}

/** The indexed store behind an informer. */
export class Store<T extends KubeObject = KubeObject> implements Lister<T> {
  private readonly items = new Map<string, T>();
  /** Every key, and each namespace's keys, in order: lists read them without sorting. */
  private readonly order = new SortedKeys();
  private readonly byNamespace = new Map<string, SortedKeys>();

  get(namespace: string, name: string): T | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  list(namespace?: string, selector?: Selector): T[] {
    const keys = namespace ? (this.byNamespace.get(namespace)?.all() ?? []) : this.order.all();
    const out: T[] = [];
    for (const k of keys) {
      const o = this.items.get(k)!;
      if (!selector || selector.matches(o.metadata.labels ?? {})) out.push(o);
    }
    return out;
  }

  keys(): string[] {
    return this.order.all();
  }

  get size(): number {
    return this.items.size;
  }

  /** Stores `obj`, answering what it replaced. */
  put(obj: T): T | undefined {
    const key = keyOf(obj);
    const old = this.items.get(key);
    this.items.set(key, obj);
    if (old) return old;
    this.order.add(key);
    const ns = obj.metadata.namespace ?? '';
    let set = this.byNamespace.get(ns);
    if (!set) this.byNamespace.set(ns, (set = new SortedKeys()));
    set.add(key);
    return old;
  }

  /** Removes the object at `key`, answering it. */
  remove(key: string): T | undefined {
    const old = this.items.get(key);
    if (!old) return undefined;
    this.items.delete(key);
    this.order.delete(key);
    this.byNamespace.get(old.metadata.namespace ?? '')?.delete(key);
    return old;
  }
}
