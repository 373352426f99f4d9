// Fakes for controller tests, as client-go's fake clientset and sample-controller's tests use them:
// a FakeClient that records every API action and applies it to an in-memory object tracker (so a
// sync that reads back what it wrote sees it), informers whose caches a test preloads, a queue that
// records what was requeued, and a recorder that keeps events. A test preloads, calls `sync(key)`
// through `runSync`, and compares `client.actions` with what upstream's controller would do.

import type { ResourceInfo } from '../api/resources';
import type { DeleteOptions, KubeList, KubeObject, ObjectReference } from '../api/types';
import { applyPatch } from '../apiserver/patch/apply';
import { patchSchemaFor } from '../apiserver/patch/schema';
import type { Json, JsonObject } from '../apiserver/patch/json';
import { generateName } from '../apiserver/registry/objects';
import { newAlreadyExists, newConflict, newNotFound, optimisticLockErrorMsg } from '../apiserver/errors';
import type { KubeClient, ListOptions, PatchType } from '../client/clientset';
import type { EventHandler } from '../client/informer';
import { Store, keyOf } from '../client/store';
import type { Queue } from '../client/workqueue';
import { parseSelector } from '../api/labels';
import { Coroutine, type Co } from '../sim/co';
import { Rng } from '../sim/rng';
import type { ControllerContext, Informers, SharedInformer } from './controller';
import { timingsFor, type Timings } from '../timings';

/** One recorded API call. */
export interface Action {
  verb: 'get' | 'list' | 'create' | 'update' | 'patch' | 'delete';
  /** `pods`, `replicasets.apps`. */
  resource: string;
  namespace: string;
  name: string;
  subresource: string;
  object?: KubeObject;
  patch?: unknown;
  options?: DeleteOptions;
}

/** A reactor answers an action instead of the tracker (to inject an error); undefined passes it on. */
export type Reactor = (a: Action) => KubeObject | Error | undefined;

const gr = (r: ResourceInfo) => (r.group ? `${r.resource}.${r.group}` : r.resource);

/** A clientset over an in-memory tracker that records every call. */
export class FakeClient implements KubeClient {
  readonly actions: Action[] = [];
  private readonly objects = new Map<string, KubeObject>();
  private readonly reactors: { verb: string; resource: string; fn: Reactor }[] = [];
  private rv = 1000;
  private readonly rng = new Rng(7);

  /** Puts objects in the tracker without recording an action (the cluster as it already is). */
  seed(r: ResourceInfo, ...objs: KubeObject[]): this {
    for (const o of objs) this.objects.set(this.key(r, o.metadata.namespace ?? '', o.metadata.name!), o);
    return this;
  }

  /** Answers `verb` on `resource` (`*` for any) with `fn` first. */
  prependReactor(verb: string, resource: string, fn: Reactor): this {
    this.reactors.unshift({ verb, resource, fn });
    return this;
  }

  /** The tracker's copy of an object. */
  tracked<T extends KubeObject>(r: ResourceInfo, namespace: string, name: string): T | undefined {
    return this.objects.get(this.key(r, namespace, name)) as T | undefined;
  }

  /** Actions other than reads, as sample-controller's tests filter them. */
  writes(): Action[] {
    return this.actions.filter((a) => a.verb !== 'get' && a.verb !== 'list');
  }

  *get<T extends KubeObject>(r: ResourceInfo, namespace: string, name: string, subresource = ''): Co<T> {
    const a = this.record({ verb: 'get', resource: gr(r), namespace, name, subresource });
    const reacted = this.react(a);
    if (reacted) return reacted as T;
    const o = this.objects.get(this.key(r, namespace, name));
    if (!o) throw newNotFound(r, name);
    return structuredClone(o) as T;
  }

  *list<T extends KubeObject>(r: ResourceInfo, namespace: string, opts: ListOptions = {}): Co<KubeList<T>> {
    this.record({ verb: 'list', resource: gr(r), namespace, name: '', subresource: '' });
    const sel = opts.labelSelector ? parseSelector(opts.labelSelector) : null;
    const prefix = `${gr(r)}|${r.namespaced ? namespace : ''}|`;
    const items = [...this.objects].filter(([k, o]) => (namespace || !r.namespaced ? k.startsWith(prefix) : k.startsWith(`${gr(r)}|`)) && (!sel || sel.matches(o.metadata.labels ?? {}))).map(([, o]) => structuredClone(o) as T);
    return { kind: `${r.kind}List`, apiVersion: r.group ? `${r.group}/${r.version}` : r.version, metadata: { resourceVersion: String(this.rv) }, items };
  }

  *create<T extends KubeObject>(r: ResourceInfo, namespace: string, obj: T, subresource = '', name = ''): Co<T> {
    const a = this.record({ verb: 'create', resource: gr(r), namespace, name: name || obj.metadata.name || '', subresource, object: structuredClone(obj) });
    const reacted = this.react(a);
    if (reacted) return reacted as T;
    if (subresource) return structuredClone(obj);
    const o = structuredClone(obj);
    if (!o.metadata.name && o.metadata.generateName) o.metadata.name = generateName(o.metadata.generateName, this.rng);
    const key = this.key(r, namespace, o.metadata.name!);
    if (this.objects.has(key)) throw newAlreadyExists(r, o.metadata.name!);
    o.metadata = { ...o.metadata, ...(r.namespaced ? { namespace } : {}), resourceVersion: String(++this.rv), uid: o.metadata.uid ?? `uid-${o.metadata.name}` };
    this.objects.set(key, o);
    return structuredClone(o);
  }

  *update<T extends KubeObject>(r: ResourceInfo, namespace: string, obj: T, subresource = ''): Co<T> {
    const a = this.record({ verb: 'update', resource: gr(r), namespace, name: obj.metadata.name ?? '', subresource, object: structuredClone(obj) });
    const reacted = this.react(a);
    if (reacted) return reacted as T;
    const key = this.key(r, namespace, obj.metadata.name!);
    const cur = this.objects.get(key);
    if (!cur) throw newNotFound(r, obj.metadata.name!);
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== cur.metadata.resourceVersion) throw newConflict(r, obj.metadata.name!, optimisticLockErrorMsg);
    const o = structuredClone(obj);
    o.metadata.resourceVersion = String(++this.rv);
    this.objects.set(key, o);
    return structuredClone(o);
  }

  *patch<T extends KubeObject>(r: ResourceInfo, namespace: string, name: string, type: PatchType, patch: unknown, subresource = ''): Co<T> {
    const a = this.record({ verb: 'patch', resource: gr(r), namespace, name, subresource, patch: structuredClone(patch) });
    const reacted = this.react(a);
    if (reacted) return reacted as T;
    const key = this.key(r, namespace, name);
    const cur = this.objects.get(key);
    if (!cur) throw newNotFound(r, name);
    const o = applyPatch(type, structuredClone(cur) as unknown as JsonObject, patch as Json, patchSchemaFor(cur.apiVersion ?? '', cur.kind ?? '')) as unknown as T;
    o.metadata.resourceVersion = String(++this.rv);
    this.objects.set(key, o);
    return structuredClone(o);
  }

  *delete(r: ResourceInfo, namespace: string, name: string, opts?: DeleteOptions): Co<void> {
    const a = this.record({ verb: 'delete', resource: gr(r), namespace, name, subresource: '', ...(opts ? { options: opts } : {}) });
    const reacted = this.react(a);
    if (reacted) return;
    if (!this.objects.delete(this.key(r, namespace, name))) throw newNotFound(r, name);
  }

  private key(r: ResourceInfo, namespace: string, name: string): string {
    return `${gr(r)}|${r.namespaced ? namespace : ''}|${name}`;
  }

  private record(a: Action): Action {
    this.actions.push(a);
    return a;
  }

  private react(a: Action): KubeObject | undefined {
    for (const r of this.reactors) {
      if ((r.verb !== '*' && r.verb !== a.verb) || (r.resource !== '*' && r.resource !== a.resource)) continue;
      const out = r.fn(a);
      if (out instanceof Error) throw out;
      if (out) return out;
    }
    return undefined;
  }

}

/** An informer whose cache the test fills; handlers are kept so a test can fire them. */
export class FakeInformer<T extends KubeObject = KubeObject> implements SharedInformer<T> {
  readonly store = new Store<T>();
  readonly handlers: EventHandler<T>[] = [];
  get lister() {
    return this.store;
  }
  addEventHandler(h: EventHandler<T>): void {
    this.handlers.push(h);
  }
  hasSynced(): boolean {
    return true;
  }
  /** Adds objects to the cache without firing handlers (the state before the test). */
  preload(...objs: T[]): this {
    for (const o of objs) this.store.put(o);
    return this;
  }
  /** Stores and fires add/update, as a watch event would. */
  emitUpsert(obj: T): void {
    const old = this.store.put(obj);
    for (const h of this.handlers) old ? h.update?.(old, obj) : h.add?.(obj);
  }
  emitDelete(obj: T): void {
    this.store.remove(keyOf(obj));
    for (const h of this.handlers) h.delete?.(obj);
  }
}

/** Informers by resource, created on first ask. */
export class FakeInformers implements Informers {
  private readonly map = new Map<string, FakeInformer>();
  informerFor<T extends KubeObject>(r: ResourceInfo): FakeInformer<T> {
    const k = gr(r);
    let i = this.map.get(k);
    if (!i) this.map.set(k, (i = new FakeInformer()));
    return i as unknown as FakeInformer<T>;
  }
}

/** A queue that records what the controller asked of it. */
export class FakeQueue implements Queue {
  readonly added: string[] = [];
  readonly after: { key: string; ms: number }[] = [];
  readonly rateLimited: string[] = [];
  readonly forgotten: string[] = [];
  private readonly requeues = new Map<string, number>();
  get len(): number {
    return this.added.length;
  }
  add(key: string): void {
    this.added.push(key);
  }
  addAfter(key: string, ms: number): void {
    this.after.push({ key, ms });
  }
  addRateLimited(key: string): void {
    this.rateLimited.push(key);
    this.requeues.set(key, (this.requeues.get(key) ?? 0) + 1);
  }
  forget(key: string): void {
    this.forgotten.push(key);
    this.requeues.delete(key);
  }
  numRequeues(key: string): number {
    return this.requeues.get(key) ?? 0;
  }
}

/** An event a FakeRecorder kept. */
export interface RecordedEvent {
  component: string;
  object: string;
  type: string;
  reason: string;
  message: string;
}

/** A context of fakes; `now` is settable. */
export interface FakeContext extends ControllerContext {
  client: FakeClient;
  informers: FakeInformers;
  queues: Map<string, FakeQueue>;
  events: RecordedEvent[];
  /** Sets simulated ms. */
  setNow(ms: number): void;
}

/** A fresh context of fakes at simulated time `nowMs`. */
export function fakeContext(nowMs = 0, timings: Timings = timingsFor('realistic')): FakeContext {
  let now = nowMs;
  const queues = new Map<string, FakeQueue>();
  const events: RecordedEvent[] = [];
  const epochMs = Date.UTC(2026, 0, 1);
  return {
    client: new FakeClient(),
    informers: new FakeInformers(),
    queues,
    events,
    newQueue(name: string) {
      const q = new FakeQueue();
      queues.set(name, q);
      return q;
    },
    recorder(component: string) {
      return {
        event(obj: KubeObject | ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string) {
          const ref = 'metadata' in obj ? `${(obj as KubeObject).kind}/${(obj as KubeObject).metadata.name}` : `${obj.kind}/${obj.name}`;
          events.push({ component, object: ref, type, reason, message });
        },
      };
    },
    now: () => now,
    wallMs: () => epochMs + now,
    setNow: (ms: number) => void (now = ms),
    rng: new Rng(1),
    spawn(co: Co<unknown>) {
      new Coroutine(co, () => {}).start();
    },
    timings,
  };
}

/** Runs one sync to its end (the fake client answers at once); throws what the sync threw. */
export function runSync(co: Co<unknown>): void {
  let outcome: { ok: boolean; error?: unknown } | null = null;
  new Coroutine(co, (o) => (outcome = o.ok ? { ok: true } : { ok: false, error: o.error })).start();
  if (!outcome) throw new Error('sync did not finish: it waits on something the fakes never answer');
  const o = outcome as { ok: boolean; error?: unknown };
  if (!o.ok) throw o.error;
}
