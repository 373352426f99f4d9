// ResourceQuota (k8s.io/apiserver/pkg/admission/plugin/resourcequota, registered by kube-apiserver from
// plugin/pkg/admission/resourcequota): a create, or an update that changes usage, is charged to the
// namespace's quotas before it is stored. The quotas' status.used is written back with a
// compare-and-swap on their resourceVersion; requests of one namespace are checked in batches by one
// worker, so that a burst of creates costs one quota write rather than a storm of conflicts.

import { etcdKeyOf, resourceFor } from '../../api/resources';
import type { ResourceQuota } from '../../api/types';
import { Coroutine, suspend, type Co } from '../../sim/co';
import { checkRequest, equals, evaluatorFor, isIgnoredResource, newEvaluators, newRegistry, QuotaForbiddenError, toQuantityList } from '../../quota';
import type { Evaluator, Registry } from '../../quota';
import { newConflict, newForbidden, newNotFound, optimisticLockErrorMsg } from '../errors';
import { clone, encodeForStorage } from '../registry/objects';
import { decodeObject, type Cacher } from '../storage/cacher';
import { prefixEnd } from '../storage/etcd3';
import { listCached, type AdmissionContext, type Attributes } from './context';

/** How long an empty live lookup of a namespace's quotas is trusted (resource_access.go liveTTL). */
const liveTTLMs = 30_000;
/** Entries kept in each look-aside cache (lru.New(100)). */
const lruSize = 100;
/** Times a batch re-reads the quotas whose write conflicted (checkAttributes passes 3). */
const conflictRetries = 3;

const quotaInfo = resourceFor('', 'v1', 'resourcequotas')!;
const quotaGR = { group: '', resource: 'resourcequotas' };

/** The answer a waiter starts with: not yet admitted (controller.go defaultDeny). */
const defaultDeny = Symbol('DEFAULT DENY');

/** admissionWaiter: one request waiting for its namespace's worker. */
interface Waiter {
  ctx: AdmissionContext;
  a: Attributes;
  evaluator: Evaluator;
  result: unknown;
  done: boolean;
  wake: (() => void) | null;
}

/** The plugin's state in one apiserver: upstream's quotaAccessor caches and quotaEvaluator work queue. */
interface QuotaState {
  registry: Registry;
  /** Live lookups of namespaces whose cache had no quota (liveLookupCache). */
  liveLookups: Map<string, { expiryMs: number; items: ResourceQuota[] }>;
  /** Quotas this apiserver wrote, newer than its watch cache may be yet (updatedQuotas). */
  updated: Map<string, ResourceQuota>;
  /** Per namespace: the requests waiting, and whether a worker is running. */
  work: Map<string, { pending: Waiter[]; running: boolean }>;
}

const states = new WeakMap<Cacher, QuotaState>();

// Pods are charged on CREATE only, and a created object never has a deletionTimestamp, so the pod
// evaluator's clock is never consulted here; it reads as "no grace period has run out".
const admissionClock = () => -Infinity;

function stateOf(ctx: AdmissionContext): QuotaState {
  let st = states.get(ctx.cacher);
  if (!st) states.set(ctx.cacher, (st = { registry: newRegistry(newEvaluators(admissionClock)), liveLookups: new Map(), updated: new Map(), work: new Map() }));
  return st;
}

/** lru.Cache.Add: the newest entry last, the oldest dropped past the size. */
function lruAdd<V>(m: Map<string, V>, key: string, v: V): void {
  m.delete(key);
  m.set(key, v);
  if (m.size > lruSize) m.delete(m.keys().next().value!);
}

// Models staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/admission.go Validate
/** The plugin: namespaced creates and updates of main resources go to the quota evaluator. */
export function* resourceQuota(ctx: AdmissionContext, a: Attributes): Co<void> {
  if (a.subresource !== '' || (a.op !== 'CREATE' && a.op !== 'UPDATE')) return;
  const ns = a.obj.metadata.namespace ?? '';
  if (!a.info.namespaced || ns === '') return;
  yield* evaluate(ctx, a, ns);
}

// Models staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go Evaluate
/** Queues the request for its namespace's worker and waits for the verdict. */
function* evaluate(ctx: AdmissionContext, a: Attributes, ns: string): Co<void> {
  const gr = { group: a.info.group, resource: a.info.resource };
  if (isIgnoredResource(gr)) return;
  const st = stateOf(ctx);
  const evaluator = evaluatorFor(st.registry, gr);
  if (!evaluator.handles(a)) return;
  const w: Waiter = { ctx, a, evaluator, result: defaultDeny, done: false, wake: null };
  const work = st.work.get(ns) ?? { pending: [], running: false };
  st.work.set(ns, work);
  work.pending.push(w);
  if (!work.running) startWorker(st, ns, work);
  if (!w.done) {
    yield* suspend<void>((resume) => {
      w.wake = () => resume(undefined);
      // A request that goes away leaves the queue; one already in a batch is simply not answered.
      return () => {
        w.wake = null;
        work.pending = work.pending.filter((x) => x !== w);
      };
    });
  }
  if (w.result === null) return;
  if (w.result instanceof QuotaForbiddenError) throw newForbidden(gr, a.obj.metadata.name || a.obj.metadata.generateName || 'Unknown', w.result.message);
  throw w.result;
}

/** Runs a namespace's worker on its own coroutine, as upstream's worker goroutines: no request's cancellation stops it. */
function startWorker(st: QuotaState, ns: string, work: { pending: Waiter[]; running: boolean }): void {
  work.running = true;
  new Coroutine(worker(st, ns, work), () => {
    work.running = false;
    if (work.pending.length > 0) startWorker(st, ns, work);
    else if (st.work.get(ns) === work) st.work.delete(ns);
  }).start();
}

// Models staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go doWork
/** Takes every request waiting in the namespace, checks them together, answers them; repeats while more came. */
function* worker(st: QuotaState, ns: string, work: { pending: Waiter[] }): Co<void> {
  while (work.pending.length > 0) {
    const batch = work.pending.splice(0);
    try {
      yield* checkAttributes(st, ns, batch);
    } catch (e) {
      for (const w of batch) if (w.result === defaultDeny) w.result = e;
    }
    for (const w of batch) {
      w.done = true;
      w.wake?.();
    }
  }
}

// Models staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go checkAttributes
function* checkAttributes(st: QuotaState, ns: string, batch: Waiter[]): Co<void> {
  let quotas: ResourceQuota[];
  try {
    quotas = yield* getQuotas(batch[0].ctx, st, ns);
  } catch (e) {
    for (const w of batch) w.result = e;
    return;
  }
  // Without a limited-resources configuration, a namespace without quotas admits everything.
  if (quotas.length === 0) {
    for (const w of batch) w.result = null;
    return;
  }
  yield* checkQuotas(st, ns, quotas, batch, conflictRetries);
}

const sameUsed = (x: ResourceQuota, y: ResourceQuota) => equals(toQuantityList(x.status?.used), toQuantityList(y.status?.used));

// Models staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go checkQuotas
/**
 * Charges each request in turn to a running copy of the quotas (a refused one changes nothing),
 * writes the quotas that changed, and on a failed write re-reads those quotas and checks again;
 * requests still undecided when the retries run out get the write's error.
 */
function* checkQuotas(st: QuotaState, ns: string, quotas: readonly ResourceQuota[], batch: Waiter[], retries: number): Co<void> {
  const originals = quotas;
  let changed = false;
  for (const w of batch) {
    let next: readonly ResourceQuota[];
    try {
      next = checkRequest(quotas, w.a, w.evaluator);
    } catch (e) {
      w.result = e;
      continue;
    }
    if (w.a.dryRun) {
      w.result = null;
      continue;
    }
    if (next.some((q, j) => !sameUsed(quotas[j], q))) changed = true;
    else w.result = null;
    quotas = next;
  }
  if (!changed) return;
  const failed: ResourceQuota[] = [];
  let lastErr: unknown;
  for (const [i, q] of quotas.entries()) {
    if (sameUsed(originals[i], q)) continue;
    try {
      yield* updateQuotaStatus(batch[0].ctx, st, q);
    } catch (e) {
      failed.push(q);
      lastErr = e;
    }
  }
  const undecided = batch.filter((w) => w.result === defaultDeny);
  if (failed.length === 0 || retries <= 0) {
    for (const w of undecided) w.result = failed.length === 0 ? null : lastErr;
    return;
  }
  let fresh: ResourceQuota[];
  try {
    fresh = yield* getQuotas(batch[0].ctx, st, ns);
  } catch {
    for (const w of undecided) w.result = lastErr;
    return;
  }
  // A quota deleted meanwhile is not checked again: it is gone.
  const again = fresh.filter((q) => failed.some((f) => f.metadata.name === q.metadata.name));
  yield* checkQuotas(st, ns, again, batch, retries - 1);
}

// Models staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/resource_access.go GetQuotas
/**
 * The namespace's quotas: the watch cache's, each replaced by the copy this apiserver last wrote
 * when that one is newer. Upstream's informer can lag, so on an empty list it reads the quotas live
 * (and trusts that for 30 s); the watch cache is fresher than an informer, so here the live read is
 * left for a cache that is still filling (a restarted apiserver), where an empty list means nothing.
 */
function* getQuotas(ctx: AdmissionContext, st: QuotaState, ns: string): Co<ResourceQuota[]> {
  let items = listCached(ctx, '', 'resourcequotas', ns) as ResourceQuota[];
  if (items.length === 0 && !ctx.cacher.ready) {
    let entry = st.liveLookups.get(ns);
    if (!entry || entry.expiryMs < ctx.now()) {
      const prefix = etcdKeyOf(quotaInfo, ns, '');
      const res = yield* ctx.store.range(prefix, prefixEnd(prefix), {}, ctx.deadline);
      entry = { expiryMs: ctx.now() + liveTTLMs, items: res.kvs.map((kv) => decodeObject(kv)).filter((o): o is ResourceQuota => o !== null) };
      lruAdd(st.liveLookups, ns, entry);
    }
    items = entry.items;
  }
  return items.map((q) => checkCache(st, q));
}

// Models staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/resource_access.go checkCache
/** The newer of the cache's quota and the one this apiserver wrote (resourceVersions are etcd revisions). */
function checkCache(st: QuotaState, q: ResourceQuota): ResourceQuota {
  const key = `${q.metadata.namespace}/${q.metadata.name}`;
  const mine = st.updated.get(key);
  if (!mine) return q;
  if (Number(q.metadata.resourceVersion) >= Number(mine.metadata.resourceVersion)) {
    st.updated.delete(key);
    return q;
  }
  return mine;
}

// Models staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota/resource_access.go UpdateQuotaStatus
/** Writes the quota (its new status.used) if it is still at the resourceVersion read; 409 Conflict if not. */
function* updateQuotaStatus(ctx: AdmissionContext, st: QuotaState, q: ResourceQuota): Co<void> {
  const name = q.metadata.name ?? '';
  const ns = q.metadata.namespace ?? '';
  const res = yield* ctx.store.update(etcdKeyOf(quotaInfo, ns, name), encodeForStorage(quotaInfo, q), Number(q.metadata.resourceVersion), ctx.deadline);
  if (!res.ok) throw res.current === null ? newNotFound(quotaGR, name) : newConflict(quotaGR, name, optimisticLockErrorMsg);
  const written = clone(q);
  written.metadata.resourceVersion = String(res.rev);
  lruAdd(st.updated, `${ns}/${name}`, written);
}
