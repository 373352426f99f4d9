// The garbage collector's workers (pkg/controller/garbagecollector/garbagecollector.go): an
// attemptToDelete worker looks up an object and deletes it once none of its owners exists (the
// uid decides: a namesake is not the owner), waits for a foreground-deleting owner's blocking
// dependents before removing its foregroundDeletion finalizer, and resolves virtual nodes; an
// attemptToOrphan worker removes an owner from its dependents' ownerReferences, then its orphan finalizer.

import type { DeletionPropagation, KubeObject, OwnerReference } from '../../api/types';
import { isNotFound } from '../../client/clientset';
import { Cancelled, type Co } from '../../sim/co';
import { Aggregate } from '../util/controller-ref';
import { deleteOwnerRefStrategicMergePatch } from '../util/controller-ref';
import { settleAll } from '../util/slow-start';
import type { ReferenceCache } from './absent-owner-cache';
import { ownerReferenceCoordinates, referenceString, type Node, type ObjectReference } from './graph';
import type { GraphBuilder } from './graph-builder';
import { apiResource, NamespacedOwnerOfClusterScopedObjectError, unblockOwnerReferencesStrategicMergePatch, type Operations } from './operations';

/** What a worker does with its item afterwards (workQueueItemAction). */
export type ItemAction = 'forget' | 'requeue';

/** A virtual delete event was queued instead: the graph will settle the node (enqueuedVirtualDeleteEventErr). */
class EnqueuedVirtualDeleteEvent extends Error {}

const foregroundDeletion = 'foregroundDeletion';
const orphanFinalizer = 'orphan';
const hasFinalizer = (o: KubeObject, f: string) => (o.metadata.finalizers ?? []).includes(f);

/** The collector's decisions, over the graph and the apiserver. */
export class GarbageCollector {
  constructor(
    private readonly builder: GraphBuilder,
    private readonly ops: Operations,
    private readonly absentOwnerCache: ReferenceCache,
    private readonly attemptToDelete: (n: Node) => void,
  ) {}

  // Models garbagecollector.go attemptToDeleteWorker
  *attemptToDeleteWorker(queued: Node): Co<ItemAction> {
    let n = queued;
    const fromGraph = this.builder.uidToNode.get(n.identity.uid);
    if (!n.isObserved()) {
      // A requeued virtual node whose object was observed or deleted meanwhile is done with.
      if (!fromGraph || fromGraph.isObserved()) return 'forget';
    }
    if (fromGraph && (n.identity.apiVersion !== fromGraph.identity.apiVersion || n.identity.kind !== fromGraph.identity.kind)) {
      n = n.clone(this.builder.nextKey());
      n.identity = { ...n.identity, apiVersion: fromGraph.identity.apiVersion, kind: fromGraph.identity.kind };
    }
    try {
      yield* this.attemptToDeleteItem(n);
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      if (e instanceof EnqueuedVirtualDeleteEvent || e instanceof NamespacedOwnerOfClusterScopedObjectError) return 'forget';
      return 'requeue';
    }
    // A virtual node not yet observed is looked at again, or one made and deleted during a relist would stay (#56121).
    return n.isObserved() ? 'forget' : 'requeue';
  }

  // Models garbagecollector.go isDangling
  /** Whether the reference names no existing object (the absent-owner cache first, then a GET and its uid), with the owner when it exists. */
  private *isDangling(reference: OwnerReference, item: Node): Co<{ dangling: boolean; owner: KubeObject | null }> {
    const key = ownerReferenceCoordinates(reference, '');
    if (this.absentOwnerCache.has(key)) return { dangling: true, owner: null };
    key.namespace = item.identity.namespace;
    if (this.absentOwnerCache.has(key)) return { dangling: true, owner: null };
    const info = apiResource(reference.apiVersion, reference.kind);
    if (!info.namespaced) key.namespace = '';
    if (item.identity.namespace === '' && info.namespaced) throw new NamespacedOwnerOfClusterScopedObjectError();
    let owner: KubeObject;
    try {
      owner = yield* this.ops.getObject({ ...key, namespace: info.namespaced ? item.identity.namespace : '' });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      this.absentOwnerCache.add(key);
      return { dangling: true, owner: null };
    }
    if (owner.metadata.uid !== reference.uid) {
      this.absentOwnerCache.add(key);
      return { dangling: true, owner: null };
    }
    return { dangling: false, owner };
  }

  // Models garbagecollector.go classifyReferences
  /** Solid (the owner exists), dangling (it does not), and waiting (it exists, deleting its dependents in the foreground). */
  private *classifyReferences(item: Node, refs: OwnerReference[]): Co<{ solid: OwnerReference[]; dangling: OwnerReference[]; waiting: OwnerReference[] }> {
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const r = yield* this.isDangling(ref, item);
      if (r.dangling) dangling.push(ref);
      else if (r.owner!.metadata.deletionTimestamp && hasFinalizer(r.owner!, foregroundDeletion)) waiting.push(ref);
      else solid.push(ref);
    }
    return { solid, dangling, waiting };
  }

  /** A delete that found nothing makes the graph forget the node. */
  private *deleteOrForget(item: Node, latest: KubeObject, policy: DeletionPropagation): Co<void> {
    try {
      yield* this.ops.deleteObject(item.identity, latest.metadata.resourceVersion ?? '', latest.metadata.ownerReferences, policy);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      this.builder.enqueueVirtualDeleteEvent(item.identity);
      throw new EnqueuedVirtualDeleteEvent();
    }
  }

  // Models garbagecollector.go attemptToDeleteItem
  /**
   * Deletes the item when all its owners are gone (with the propagation its finalizers ask for), or
   * in the foreground when an owner waits for it and it has dependents of its own; drops dangling
   * and waiting references when a solid owner remains; settles a foreground-deleting item.
   */
  *attemptToDeleteItem(item: Node): Co<void> {
    // Being deleted is a one-way trip: its dependents are looked at once it is gone.
    if (item.beingDeleted && !item.deletingDependents) return;
    let latest: KubeObject;
    try {
      latest = yield* this.ops.getObject(item.identity);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      // A virtual node for an owner that does not exist: the graph drops it.
      this.builder.enqueueVirtualDeleteEvent(item.identity);
      throw new EnqueuedVirtualDeleteEvent();
    }
    if (latest.metadata.uid !== item.identity.uid) {
      this.builder.enqueueVirtualDeleteEvent(item.identity);
      throw new EnqueuedVirtualDeleteEvent();
    }
    if (item.deletingDependents) return yield* this.processDeletingDependentsItem(item);
    const ownerReferences = latest.metadata.ownerReferences ?? [];
    if (ownerReferences.length === 0) return;
    const { solid, dangling, waiting } = yield* this.classifyReferences(item, ownerReferences);
    if (solid.length > 0) {
      if (dangling.length === 0 && waiting.length === 0) return;
      // Waiting references must go too, or their owners would wait for this item for ever.
      const ownerUIDs = [...dangling, ...waiting].map((r) => r.uid);
      yield* this.ops.patch(item, deleteOwnerRefStrategicMergePatch(item.identity.uid, ownerUIDs), (n) => this.ops.deleteOwnerRefJSONMergePatch(n, ownerUIDs));
      return;
    }
    if (waiting.length > 0 && item.dependents.size > 0) {
      for (const dep of item.dependents) {
        if (!dep.deletingDependents) continue;
        // A possible cycle of foreground deletions: stop blocking the owners, then delete in the foreground.
        yield* this.ops.patch(item, unblockOwnerReferencesStrategicMergePatch(item), (n) => this.ops.unblockOwnerReferencesJSONMergePatch(n));
        break;
      }
      return yield* this.deleteOrForget(item, latest, 'Foreground');
    }
    // No solid owner: collect it, honouring a finalizer already on it.
    const policy: DeletionPropagation = hasFinalizer(latest, orphanFinalizer) ? 'Orphan' : hasFinalizer(latest, foregroundDeletion) ? 'Foreground' : 'Background';
    yield* this.deleteOrForget(item, latest, policy);
  }

  // Models garbagecollector.go processDeletingDependentsItem
  /** An owner deleting in the foreground: its finalizer goes once no dependent blocks it; until then the blocking dependents are deleted. */
  private *processDeletingDependentsItem(item: Node): Co<void> {
    const blocking = item.blockingDependents();
    if (blocking.length === 0) return yield* this.ops.removeFinalizer(item, foregroundDeletion);
    for (const dep of blocking) if (!dep.deletingDependents) this.attemptToDelete(dep);
  }

  // Models garbagecollector.go orphanDependents
  /** Removes the owner from every dependent's ownerReferences, side by side; a dependent already gone is fine. */
  *orphanDependents(owner: ObjectReference, dependents: Node[]): Co<void> {
    const outcomes = yield* settleAll(
      dependents.map((dep) =>
        (function* (ops: Operations) {
          try {
            yield* ops.patch(dep, deleteOwnerRefStrategicMergePatch(dep.identity.uid, [owner.uid]), (n) => ops.deleteOwnerRefJSONMergePatch(n, [owner.uid]));
          } catch (e) {
            if (isNotFound(e)) return;
            throw new Error(`orphaning ${referenceString(dep.identity)} failed, ${e instanceof Error ? e.message : String(e)}`);
          }
        })(this.ops),
      ),
    );
    const errors = outcomes.filter((o) => !o.ok).map((o) => (o as { error: unknown }).error);
    for (const e of errors) if (e instanceof Cancelled) throw e;
    if (errors.length) throw new Error(`failed to orphan dependents of owner ${referenceString(owner)}, got errors: ${new Aggregate(errors).message}`);
  }

  // Models garbagecollector.go attemptToOrphanWorker
  /** Orphans the owner's dependents as the graph knows them, then removes its orphan finalizer. */
  *attemptToOrphanWorker(owner: Node): Co<ItemAction> {
    try {
      yield* this.orphanDependents(owner.identity, [...owner.dependents]);
      yield* this.ops.removeFinalizer(owner, orphanFinalizer);
    } catch (e) {
      if (e instanceof Cancelled) throw e;
      return 'requeue';
    }
    return 'forget';
  }
}
