// The dependency graph builder (pkg/controller/garbagecollector/graph_builder.go): informer events
// of every monitored resource go into one queue of graph changes, processed one at a time. Each
// keeps uidToNode up to date — a node per object, virtual nodes for owners not yet seen — and
// queues work: a virtual owner to check it exists, the dependents of a deleted owner to collect,
// an owner that starts deleting in the foreground (with its dependents), an owner that asks for
// orphaning, a dependent whose reference disagrees with the owner as observed.

import type { KubeObject, OwnerReference } from '../../api/types';
import type { EventRecorder } from '../../client/events';
import { suspend, type Co } from '../../sim/co';
import type { ReferenceCache } from './absent-owner-cache';
import { Node, ownerReferenceCoordinates, ownerReferenceMatchesCoordinates, referenceString, sameReference, type ObjectReference } from './graph';

/** An informer's add, update or delete, or one the collector made up (virtual: an owner the apiserver says is gone). */
export interface GraphEvent {
  virtual: boolean;
  eventType: 'add' | 'update' | 'delete';
  obj: KubeObject;
  oldObj?: KubeObject;
  /** The apiVersion and kind of the informer the event came from (event.gvk). */
  apiVersion: string;
  kind: string;
}

/** Where the builder sends work: the collector's two queues. */
export interface GraphQueues {
  attemptToDelete(n: Node, rateLimited?: boolean): void;
  attemptToOrphan(n: Node): void;
}

/** A first-in first-out queue a single coroutine drains (graphChanges). */
export class EventQueue<T> {
  readonly items: T[] = [];
  private waiter: ((v: T) => void) | null = null;

  add(item: T): void {
    const w = this.waiter;
    if (w) {
      this.waiter = null;
      return w(item);
    }
    this.items.push(item);
  }

  get len(): number {
    return this.items.length;
  }

  /** The next item, waiting for one. */
  *get(): Co<T> {
    const next = this.items.shift();
    if (next !== undefined) return next;
    return yield* suspend<T>((resume) => {
      this.waiter = (v) => resume(v);
      return () => void (this.waiter = null);
    });
  }
}

const foregroundDeletion = 'foregroundDeletion';
const orphan = 'orphan';

const beingDeleted = (o: KubeObject) => !!o.metadata.deletionTimestamp;
const hasFinalizer = (o: KubeObject, f: string) => (o.metadata.finalizers ?? []).includes(f);

// Models graph_builder.go deletionStartsWithFinalizer
/** Whether this event is the one where the object's deletion with `finalizer` begins. */
function deletionStartsWithFinalizer(oldObj: KubeObject | undefined, newObj: KubeObject, finalizer: string): boolean {
  if (!beingDeleted(newObj) || !hasFinalizer(newObj, finalizer)) return false;
  if (!oldObj) return true;
  return !beingDeleted(oldObj) || !hasFinalizer(oldObj, finalizer);
}

/** Owner references equal in every field (reflect.DeepEqual). */
const sameOwnerRef = (a: OwnerReference, b: OwnerReference) =>
  a.apiVersion === b.apiVersion && a.kind === b.kind && a.name === b.name && a.uid === b.uid && a.controller === b.controller && a.blockOwnerDeletion === b.blockOwnerDeletion;

// Models graph_builder.go referencesDiffs
/** The references added, removed and changed (same uid, other fields) between two ownerReferences lists. */
export function referencesDiffs(old: OwnerReference[], cur: OwnerReference[]): { added: OwnerReference[]; removed: OwnerReference[]; changed: { oldRef: OwnerReference; newRef: OwnerReference }[] } {
  const oldByUID = new Map(old.map((r) => [r.uid, r]));
  const left = new Set(oldByUID.keys());
  const added: OwnerReference[] = [];
  const changed: { oldRef: OwnerReference; newRef: OwnerReference }[] = [];
  for (const r of cur) {
    const o = oldByUID.get(r.uid);
    if (o && left.has(r.uid)) {
      if (!sameOwnerRef(o, r)) changed.push({ oldRef: o, newRef: r });
      left.delete(r.uid);
    } else added.push(r);
  }
  return { added, removed: [...left].map((u) => oldByUID.get(u)!), changed };
}

// Models graph_builder.go identityFromEvent
function identityFromEvent(e: GraphEvent): ObjectReference {
  const m = e.obj.metadata;
  return { apiVersion: e.apiVersion, kind: e.kind, uid: m.uid ?? '', name: m.name ?? '', namespace: m.namespace ?? '' };
}

// Models graph_builder.go partitionDependents
/** The dependents whose reference to the owner's uid matches `owner`'s coordinates, and those with one that does not. */
export function partitionDependents(dependents: Node[], owner: ObjectReference): { matching: Node[]; nonmatching: Node[] } {
  const ownerIsNamespaced = owner.namespace !== '';
  const matching: Node[] = [];
  const nonmatching: Node[] = [];
  for (const dep of dependents) {
    let foundMatch = false;
    let foundMismatch = false;
    if (ownerIsNamespaced && owner.namespace !== dep.identity.namespace) foundMismatch = true;
    else {
      for (const ref of dep.owners) {
        if (ref.uid !== owner.uid) continue;
        if (ownerReferenceMatchesCoordinates(ref, owner)) foundMatch = true;
        else foundMismatch = true;
      }
    }
    if (foundMatch) matching.push(dep);
    if (foundMismatch) nonmatching.push(dep);
  }
  return { matching, nonmatching };
}

// Models graph_builder.go referenceLessThan: kind, apiVersion, namespace, name, uid.
function referenceLessThan(a: ObjectReference, b: ObjectReference): boolean {
  for (const k of ['kind', 'apiVersion', 'namespace', 'name', 'uid'] as const) if (a[k] !== b[k]) return a[k] < b[k];
  return false;
}

// Models graph_builder.go getAlternateOwnerIdentity
/** Another identity the dependents give the verified-absent owner's uid: the first after it in order, else the first. */
export function getAlternateOwnerIdentity(deps: Node[], absent: ObjectReference): ObjectReference | null {
  const absentIsClusterScoped = absent.namespace === '';
  const seen = new Set([JSON.stringify(absent)]);
  let first: ObjectReference | null = null;
  let firstFollowing: ObjectReference | null = null;
  for (const dep of deps) {
    for (const ref of dep.owners) {
      if (ref.uid !== absent.uid) continue;
      if (ownerReferenceMatchesCoordinates(ref, absent) && (absentIsClusterScoped || absent.namespace === dep.identity.namespace)) continue;
      const alt = ownerReferenceCoordinates(ref, dep.identity.namespace);
      // The absent identity's apiVersion and kind are known to be cluster-scoped: so is this alternate.
      if (absentIsClusterScoped && alt.apiVersion === absent.apiVersion && alt.kind === absent.kind) alt.namespace = '';
      const k = JSON.stringify(alt);
      if (seen.has(k)) continue;
      seen.add(k);
      if (first === null || referenceLessThan(alt, first)) first = alt;
      if (referenceLessThan(absent, alt) && (firstFollowing === null || referenceLessThan(alt, firstFollowing))) firstFollowing = alt;
    }
  }
  return firstFollowing ?? first;
}

/** The graph and its changes. */
export class GraphBuilder {
  /** Every node by uid (concurrentUIDToNode; one coroutine writes it, between waits). */
  readonly uidToNode = new Map<string, Node>();
  readonly graphChanges = new EventQueue<GraphEvent>();
  private keys = 0;

  constructor(
    private readonly queues: GraphQueues,
    readonly absentOwnerCache: ReferenceCache,
    private readonly recorder: EventRecorder,
  ) {}

  /** A key for a new node object. */
  nextKey(): string {
    return `node-${++this.keys}`;
  }

  private write(n: Node): void {
    this.uidToNode.set(n.identity.uid, n);
  }

  // Models graph_builder.go enqueueVirtualDeleteEvent
  /** Tells the graph that the apiServer has no object at `ref` (a virtual delete event). */
  enqueueVirtualDeleteEvent(ref: ObjectReference): void {
    this.graphChanges.add({
      virtual: true,
      eventType: 'delete',
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      obj: { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { namespace: ref.namespace || undefined, uid: ref.uid, name: ref.name } },
    });
  }

  // Models graph_builder.go reportInvalidNamespaceOwnerRef
  private reportInvalidNamespaceOwnerRef(n: Node, invalidOwnerUID: string): void {
    const ref = n.owners.find((o) => o.uid === invalidOwnerUID);
    if (!ref) return;
    const invalid = ownerReferenceCoordinates(ref, n.identity.namespace);
    const involved = { kind: n.identity.kind, apiVersion: n.identity.apiVersion, namespace: n.identity.namespace || undefined, name: n.identity.name, uid: n.identity.uid };
    this.recorder.event(involved, 'Warning', 'OwnerRefInvalidNamespace', `ownerRef ${referenceString(invalid)} does not exist in namespace "${n.identity.namespace}"`);
  }

  // Models graph_builder.go addDependentToOwners
  /** Adds n to its owners' dependents, creating (and queueing) a virtual node for an owner not in the graph. */
  private addDependentToOwners(n: Node, owners: OwnerReference[]): void {
    let hasPotentiallyInvalidOwnerReference = false;
    for (const owner of owners) {
      let ownerNode = this.uidToNode.get(owner.uid);
      const found = ownerNode !== undefined;
      if (!ownerNode) {
        ownerNode = new Node(this.nextKey(), ownerReferenceCoordinates(owner, n.identity.namespace), [], true);
        this.write(ownerNode);
      }
      ownerNode.dependents.add(n);
      if (!found) {
        // attemptToDeleteItem checks with the apiserver whether this owner exists.
        this.queues.attemptToDelete(ownerNode);
      } else if (!hasPotentiallyInvalidOwnerReference) {
        const ownerIsNamespaced = ownerNode.identity.namespace !== '';
        if (ownerIsNamespaced && ownerNode.identity.namespace !== n.identity.namespace) {
          // Observed in another namespace: this is definitely wrong.
          if (ownerNode.isObserved()) this.reportInvalidNamespaceOwnerRef(n, owner.uid);
          hasPotentiallyInvalidOwnerReference = true;
        } else if (!ownerReferenceMatchesCoordinates(owner, ownerNode.identity)) {
          hasPotentiallyInvalidOwnerReference = true;
        } else if (!ownerIsNamespaced && ownerNode.identity.namespace !== n.identity.namespace && !ownerNode.isObserved()) {
          // A virtual cluster-scoped owner another namespace's child names may be a namespaced type misnamed (#98040).
          hasPotentiallyInvalidOwnerReference = true;
        }
      }
    }
    if (hasPotentiallyInvalidOwnerReference) this.queues.attemptToDelete(n);
  }

  // Models graph_builder.go insertNode
  private insertNode(n: Node): void {
    this.write(n);
    this.addDependentToOwners(n, n.owners);
  }

  // Models graph_builder.go removeDependentFromOwners
  private removeDependentFromOwners(n: Node, owners: OwnerReference[]): void {
    for (const owner of owners) this.uidToNode.get(owner.uid)?.dependents.delete(n);
  }

  // Models graph_builder.go removeNode
  private removeNode(n: Node): void {
    this.uidToNode.delete(n.identity.uid);
    this.removeDependentFromOwners(n, n.owners);
  }

  // Models graph_builder.go addUnblockedOwnersToDeleteQueue
  /** An owner waiting on its dependents is looked at again when a blocking reference to it goes or stops blocking. */
  private addUnblockedOwnersToDeleteQueue(removed: OwnerReference[], changed: { oldRef: OwnerReference; newRef: OwnerReference }[]): void {
    for (const ref of removed) {
      if (ref.blockOwnerDeletion !== true) continue;
      const node = this.uidToNode.get(ref.uid);
      if (node) this.queues.attemptToDelete(node);
    }
    for (const c of changed) {
      if (c.oldRef.blockOwnerDeletion === true && c.newRef.blockOwnerDeletion !== true) {
        const node = this.uidToNode.get(c.newRef.uid);
        if (node) this.queues.attemptToDelete(node);
      }
    }
  }

  // Models graph_builder.go processTransitions
  private processTransitions(oldObj: KubeObject | undefined, obj: KubeObject, n: Node): void {
    if (deletionStartsWithFinalizer(oldObj, obj, orphan)) return this.queues.attemptToOrphan(n);
    if (deletionStartsWithFinalizer(oldObj, obj, foregroundDeletion)) {
      // A node added as virtual has no deletingDependents yet.
      n.markDeletingDependents();
      for (const dep of n.dependents) this.queues.attemptToDelete(dep);
      this.queues.attemptToDelete(n);
    }
  }

  // Models graph_builder.go processGraphChanges
  /** Processes the oldest graph change; false when there was none. */
  processGraphChanges(): boolean {
    const e = this.graphChanges.items.shift();
    if (!e) return false;
    this.process(e);
    return true;
  }

  /** Applies one event to the graph. */
  process(e: GraphEvent): void {
    const obj = e.obj;
    const uid = obj.metadata.uid ?? '';
    let existing = this.uidToNode.get(uid);
    if (existing && !e.virtual && !existing.isObserved()) existing = this.observe(e, existing);
    if ((e.eventType === 'add' || e.eventType === 'update') && !existing) {
      const n = new Node(this.nextKey(), identityFromEvent(e), [...(obj.metadata.ownerReferences ?? [])], false, beingDeleted(obj) && hasFinalizer(obj, foregroundDeletion), beingDeleted(obj));
      this.insertNode(n);
      // The informer may fold a create and a delete into one event.
      this.processTransitions(e.oldObj, obj, n);
    } else if (e.eventType === 'add' || e.eventType === 'update') {
      this.updateNode(e, existing!);
    } else if (existing) {
      this.deleteNode(e, existing);
    }
  }

  /** The first informer event of a virtual node: its observed identity replaces the one its dependents gave it. */
  private observe(e: GraphEvent, existing: Node): Node {
    const observed = identityFromEvent(e);
    let n = existing;
    if (!sameReference(observed, existing.identity)) {
      // Dependents that disagree with the observed identity are checked again (bad child -> good parent).
      const { nonmatching } = partitionDependents([...existing.dependents], observed);
      for (const dep of nonmatching) {
        if (observed.namespace !== '' && dep.identity.namespace !== observed.namespace) this.reportInvalidNamespaceOwnerRef(dep, observed.uid);
        this.queues.attemptToDelete(dep);
      }
      n = existing.clone(this.nextKey());
      n.identity = observed;
      this.write(n);
    }
    n.markObserved();
    return n;
  }

  private updateNode(e: GraphEvent, existing: Node): void {
    const obj = e.obj;
    if (!e.virtual && (existing.identity.apiVersion !== e.apiVersion || existing.identity.kind !== e.kind)) {
      const old = existing;
      existing = existing.clone(this.nextKey());
      existing.identity = { ...existing.identity, apiVersion: e.apiVersion, kind: e.kind };
      this.write(existing);
      for (const owner of existing.owners) this.uidToNode.get(owner.uid)?.replaceDependentIfItExists(old, existing);
    }
    const owners = obj.metadata.ownerReferences ?? [];
    const { added, removed, changed } = referencesDiffs(existing.owners, owners);
    if (added.length || removed.length || changed.length) {
      this.addUnblockedOwnersToDeleteQueue(removed, changed);
      existing.owners = [...owners];
      this.addDependentToOwners(existing, added);
      this.removeDependentFromOwners(existing, removed);
    }
    if (beingDeleted(obj)) existing.markBeingDeleted();
    this.processTransitions(e.oldObj, obj, existing);
  }

  private deleteNode(e: GraphEvent, existing: Node): void {
    let removeExisting = true;
    if (e.virtual) {
      const deleted = identityFromEvent(e);
      if (existing.virtual) {
        // A virtual node's coordinates are a guess: dependents may name its uid other ways.
        const { matching, nonmatching } = partitionDependents([...existing.dependents], deleted);
        if (nonmatching.length > 0) {
          removeExisting = false;
          if (matching.length > 0) {
            this.absentOwnerCache.add(deleted);
            for (const dep of matching) this.queues.attemptToDelete(dep);
          }
          if (sameReference(existing.identity, deleted)) {
            const replacement = getAlternateOwnerIdentity(nonmatching, deleted);
            if (replacement) {
              const n = existing.clone(this.nextKey());
              n.identity = replacement;
              this.write(n);
              this.queues.attemptToDelete(n, true);
            }
          }
        }
      } else if (!sameReference(existing.identity, deleted)) {
        // An observed node is not removed by a virtual delete of other coordinates.
        removeExisting = false;
        const { matching } = partitionDependents([...existing.dependents], deleted);
        if (matching.length > 0) {
          this.absentOwnerCache.add(deleted);
          for (const dep of matching) this.queues.attemptToDelete(dep);
        }
      }
    }
    if (!removeExisting) return;
    this.removeNode(existing);
    if (existing.dependents.size > 0) this.absentOwnerCache.add(identityFromEvent(e));
    for (const dep of existing.dependents) this.queues.attemptToDelete(dep);
    // An owner deleting in the foreground may now have no dependents left.
    for (const owner of existing.owners) {
      const ownerNode = this.uidToNode.get(owner.uid);
      if (ownerNode?.deletingDependents) this.queues.attemptToDelete(ownerNode);
    }
  }
}
