// The namespace controller (pkg/controller/namespace, 1.32): a namespace being deleted is emptied
// by its NamespacedResourcesDeleter. It marks the namespace Terminating, deletes every object of
// every namespaced resource discovery lists as deletable (a DELETE per object, with Background
// propagation), and while content remains it says why in the namespace's conditions
// (NamespaceDeletionContentFailure, NamespaceContentRemaining, NamespaceFinalizersRemaining) and
// waits: half the pods' longest grace period, plus a second, or 15 s for objects held by
// finalizers. Once nothing is left it removes the `kubernetes` finalizer through the
// namespaces/<name>/finalize subresource, which lets the apiserver delete the namespace.

import { resources, type ResourceInfo } from '../api/resources';
import type { KubeObject } from '../api/types';
import type { Namespace, NamespaceCondition, Pod } from '../api/types/core';
import { StatusError } from '../apiserver/errors';
import { rfc3339 } from '../apiserver/registry/objects';
import { BucketRateLimiter, ItemExponentialFailureRateLimiter } from '../client/workqueue';
import { isConflict, isNotFound, res } from '../client/clientset';
import { Cancelled, type Co } from '../sim/co';
import type { Controller, ControllerContext } from './controller';
import { timeMs } from './util/pods';

const namespaces = res('', 'namespaces');
const finalizerToken = 'kubernetes';
/** --concurrent-namespace-syncs. */
const concurrentNamespaceSyncs = 10;
/** Assumed seconds for finalizers to finish when objects remain that carry them. */
const finalizerEstimateSeconds = 15;

/** Some content is still going away; the namespace is looked at again in estimate/2 + 1 seconds. */
export class ResourcesRemainingError extends Error {
  constructor(readonly estimate: number) {
    super(`some content remains in the namespace, estimate ${estimate} seconds before it is removed`);
  }
}

/** What is left of one resource after its deletion (gvrDeletionMetadata). */
interface GvrDeletionMetadata {
  finalizerEstimateSeconds: number;
  numRemaining: number;
  finalizersToNumRemaining: Map<string, number>;
}

// The conditions the deleter maintains, and their "ok" forms (status_condition_utils.go).
const conditionTypes = ['NamespaceDeletionDiscoveryFailure', 'NamespaceDeletionGroupVersionParsingFailure', 'NamespaceDeletionContentFailure', 'NamespaceContentRemaining', 'NamespaceFinalizersRemaining'];
const okMessages: Record<string, string> = {
  NamespaceDeletionDiscoveryFailure: 'All resources successfully discovered',
  NamespaceDeletionGroupVersionParsingFailure: 'All legacy kube types successfully parsed',
  NamespaceDeletionContentFailure: 'All content successfully deleted, may be waiting on finalization',
  NamespaceContentRemaining: 'All content successfully removed',
  NamespaceFinalizersRemaining: 'All content-preserving finalizers finished',
};
const okReasons: Record<string, string> = {
  NamespaceDeletionDiscoveryFailure: 'ResourcesDiscovered',
  NamespaceDeletionGroupVersionParsingFailure: 'ParsedGroupVersions',
  NamespaceDeletionContentFailure: 'ContentDeleted',
  NamespaceContentRemaining: 'ContentRemoved',
  NamespaceFinalizersRemaining: 'ContentHasNoFinalizers',
};

/** schema.GroupVersionResource's String(): `apps/v1, Resource=deployments`, `/v1, Resource=pods`. */
function gvrString(r: ResourceInfo): string {
  return `${r.group}/${r.version}, Resource=${r.resource}`;
}

/** A Go error's text: a Status's message, an Error's message. */
function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// Models status_condition_utils.go updateConditions: each kept condition set to its new form or its ok form.
function updateConditions(ns: Namespace, next: NamespaceCondition[], nowTs: string): boolean {
  ns.status ??= {};
  const conditions = ns.status.conditions ?? [];
  let changed = false;
  for (const type of conditionTypes) {
    const want = next.find((c) => c.type === type) ?? { type, status: 'False', lastTransitionTime: nowTs, reason: okReasons[type], message: okMessages[type] };
    const old = conditions.find((c) => c.type === type);
    if (!old) {
      conditions.push(want);
      changed = true;
    } else if (old.status !== want.status || old.message !== want.message || old.reason !== want.reason) {
      if (old.status !== want.status) old.lastTransitionTime = nowTs;
      Object.assign(old, { status: want.status, reason: want.reason, message: want.message });
      changed = true;
    }
  }
  ns.status.conditions = conditions;
  return changed;
}

// Models pkg/controller/namespace/namespace_controller.go NewNamespaceController
/** The namespace controller, over the shared namespace informer. */
export function newNamespaceController(ctx: ControllerContext): Controller {
  const informer = ctx.informers.informerFor<Namespace>(namespaces);
  const queue = ctx.newQueue('namespace');
  // nsControllerRateLimiter: retried at least every minute, never slower.
  const itemLimiter = new ItemExponentialFailureRateLimiter(5, 60_000);
  const bucket = new BucketRateLimiter(10, 100);
  /** Operations the server refused with 405 or 404 (operationNotSupportedCache): never tried again. */
  const notSupported = new Set<string>();

  // Models namespace_controller.go enqueueNamespace: only namespaces being deleted, after a short wait
  // so that HA apiservers and etcd members see the deletion and last-minute creations.
  const enqueue = (ns: Namespace) => {
    if (ns.metadata.deletionTimestamp) queue.addAfter(ns.metadata.name!, ctx.timings.namespaceDeletionGracePeriodMs);
  };
  informer.addEventHandler({ add: enqueue, update: (_, ns) => enqueue(ns) });

  /** Runs fn on the namespace, again on a fresh GET after a Conflict; a changed UID ends it (retryOnConflictError). */
  function* retryOnConflictError(ns: Namespace, fn: (ns: Namespace) => Co<Namespace>): Co<Namespace> {
    let latest = ns;
    for (;;) {
      try {
        return yield* fn(latest);
      } catch (e) {
        if (!isConflict(e)) throw e;
      }
      const prev = latest;
      latest = yield* ctx.client.get<Namespace>(namespaces, '', prev.metadata.name!);
      if (prev.metadata.uid !== latest.metadata.uid) throw new Error('namespace uid has changed across retries');
    }
  }

  // Models namespaced_resources_deleter.go updateNamespaceStatusFunc
  function* updateNamespaceStatus(ns: Namespace): Co<Namespace> {
    if (!ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return ns;
    const next = structuredClone(ns);
    next.status = { ...(next.status ?? {}), phase: 'Terminating' };
    return yield* ctx.client.update(namespaces, '', next, 'status');
  }

  // Models namespaced_resources_deleter.go finalizeNamespace
  function* finalizeNamespace(ns: Namespace): Co<Namespace> {
    const finalizers = [...new Set((ns.spec?.finalizers ?? []).filter((f) => f !== finalizerToken))].sort();
    const body: Namespace = { kind: 'Namespace', apiVersion: 'v1', metadata: ns.metadata, spec: { ...(ns.spec ?? {}), finalizers } };
    try {
      return yield* ctx.client.update(namespaces, '', body, 'finalize');
    } catch (e) {
      // Removed already: life is good.
      if (isNotFound(e)) return ns;
      throw e;
    }
  }

  // Models namespaced_resources_deleter.go estimateGracefulTermination (estimateGracefulTerminationForPods)
  function* estimateGracefulTermination(r: ResourceInfo, ns: string, deletedAt: number): Co<number> {
    if (r.group !== '' || r.resource !== 'pods') return 0;
    let estimate = 0;
    const list = yield* ctx.client.list<Pod>(r, ns);
    for (const p of list.items) {
      const phase = p.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      estimate = Math.max(estimate, p.spec?.terminationGracePeriodSeconds ?? 0);
    }
    // Past the deletion by more than the estimate: no reason to wait any longer.
    return ctx.wallMs() - deletedAt >= estimate * 1000 ? 0 : estimate;
  }

  /** The list of a resource in the namespace, or null when the server does not serve it (listCollection). */
  function* listCollection(r: ResourceInfo, ns: string): Co<KubeObject[] | null> {
    const key = `list ${gvrString(r)}`;
    if (!r.verbs.includes('list') || notSupported.has(key)) return null;
    try {
      return (yield* ctx.client.list(r, ns)).items;
    } catch (e) {
      if (e instanceof StatusError && (e.code === 405 || e.code === 404)) {
        notSupported.add(key);
        return null;
      }
      throw e;
    }
  }

  // Models namespaced_resources_deleter.go deleteEachItem. The clientset has no deletecollection, so
  // the deleter takes the path upstream takes for a resource that does not support it.
  function* deleteEachItem(r: ResourceInfo, ns: string): Co<void> {
    const items = yield* listCollection(r, ns);
    for (const item of items ?? []) {
      try {
        yield* ctx.client.delete(r, ns, item.metadata.name!, { propagationPolicy: 'Background' });
      } catch (e) {
        if (!(e instanceof StatusError && (e.code === 404 || e.code === 405))) throw e;
      }
    }
  }

  // Models namespaced_resources_deleter.go deleteAllContentForGroupVersionResource: what is left, and the error if any.
  function* deleteAllContentForGroupVersionResource(r: ResourceInfo, ns: string, deletedAt: number): Co<[GvrDeletionMetadata, unknown?]> {
    const left = (estimate: number, numRemaining = 0, finalizers = new Map<string, number>()): GvrDeletionMetadata => ({ finalizerEstimateSeconds: estimate, numRemaining, finalizersToNumRemaining: finalizers });
    let estimate = 0;
    try {
      estimate = yield* estimateGracefulTermination(r, ns, deletedAt);
      yield* deleteEachItem(r, ns);
      const items = yield* listCollection(r, ns);
      if (items === null) return [left(estimate)];
      if (items.length === 0) return [left(0)];
      const finalizers = new Map<string, number>();
      for (const item of items) for (const f of item.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
      if (estimate !== 0) return [left(estimate, items.length, finalizers)];
      // Finalizers are a normal reason to wait: give the garbage collector time.
      if (finalizers.size > 0) return [left(finalizerEstimateSeconds, items.length, finalizers)];
      return [left(estimate, items.length), new Error(`unexpected items still remain in namespace: ${ns} for gvr: ${gvrString(r)}`)];
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      return [left(estimate), e];
    }
  }

  // Models namespaced_resources_deleter.go deleteAllContent (with status_condition_utils.go's namespaceConditionUpdater)
  function* deleteAllContent(ns: Namespace): Co<number> {
    const name = ns.metadata.name!;
    const deletedAt = timeMs(ns.metadata.deletionTimestamp);
    const errs: string[] = [];
    let estimate = 0;
    const gvrToNumRemaining = new Map<ResourceInfo, number>();
    const finalizersToNumRemaining = new Map<string, number>();
    // Discovery (ServerPreferredNamespacedResources) filtered to the resources that support delete.
    for (const r of resources.filter((x) => x.namespaced && x.verbs.includes('delete'))) {
      const [m, err] = yield* deleteAllContentForGroupVersionResource(r, name, deletedAt);
      // An error is held on to; the other resources are still deleted.
      if (err !== undefined) errs.push(errorText(err));
      estimate = Math.max(estimate, m.finalizerEstimateSeconds);
      if (m.numRemaining > 0) {
        gvrToNumRemaining.set(r, m.numRemaining);
        for (const [f, n] of m.finalizersToNumRemaining) if (n > 0) finalizersToNumRemaining.set(f, (finalizersToNumRemaining.get(f) ?? 0) + n);
      }
    }
    const nowTs = rfc3339(ctx.wallMs());
    const conditions: NamespaceCondition[] = [];
    if (gvrToNumRemaining.size) {
      const left = [...gvrToNumRemaining].map(([r, n]) => `${r.resource}.${r.group} has ${n} resource instances`).sort();
      conditions.push({ type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: nowTs, reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${left.join(', ')}` });
    }
    if (finalizersToNumRemaining.size) {
      const left = [...finalizersToNumRemaining].map(([f, n]) => `${f} in ${n} resource instances`).sort();
      conditions.push({ type: 'NamespaceFinalizersRemaining', status: 'True', lastTransitionTime: nowTs, reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${left.join(', ')}` });
    }
    if (errs.length) {
      const msgs = [...errs].sort();
      conditions.push({ type: 'NamespaceDeletionContentFailure', status: 'True', lastTransitionTime: nowTs, reason: 'ContentDeletionFailed', message: `Failed to delete all resource types, ${errs.length} remaining: ${msgs.join(', ')}` });
    }
    // Always written when changed: a condition that said "it failed" must say when it works again.
    if (updateConditions(ns, conditions, nowTs)) {
      try {
        yield* ctx.client.update(namespaces, '', ns, 'status');
      } catch (e) {
        if (e instanceof Cancelled) throw e;
      }
    }
    // utilerrors.NewAggregate: one error reads as itself, several as a bracketed list.
    if (errs.length) throw new Error(errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
    return estimate;
  }

  // Models namespaced_resources_deleter.go Delete
  function* deleteNamespace(nsName: string): Co<void> {
    let ns: Namespace;
    try {
      ns = yield* ctx.client.get<Namespace>(namespaces, '', nsName);
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
    if (!ns.metadata.deletionTimestamp) return;
    try {
      ns = yield* retryOnConflictError(ns, updateNamespaceStatus);
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
    if (!ns.metadata.deletionTimestamp) return;
    if ((ns.spec?.finalizers ?? []).length === 0) return;
    const estimate = yield* deleteAllContent(ns);
    if (estimate > 0) throw new ResourcesRemainingError(estimate);
    try {
      yield* retryOnConflictError(ns, finalizeNamespace);
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
  }

  return {
    name: 'namespace',
    workers: concurrentNamespaceSyncs,
    queue,
    // Models namespace_controller.go syncNamespaceFromKey
    *sync(key: string): Co<void> {
      if (!informer.lister.get('', key)) return;
      yield* deleteNamespace(key);
      itemLimiter.forget(key);
    },
    // Models namespace_controller.go worker: content remaining is waited for, other errors backed off (at most 60 s).
    handleErr(key: string, err: unknown): void {
      if (err instanceof ResourcesRemainingError) {
        queue.addAfter(key, (Math.floor(err.estimate / 2) + 1) * 1000);
        return;
      }
      queue.addAfter(key, Math.max(itemLimiter.when(key), bucket.when(ctx.now())));
    },
  };
}
