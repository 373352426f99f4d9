// The garbage collector's dependency graph (pkg/controller/garbagecollector/graph.go): one node per
// object uid, known from an informer (observed) or only from another object's ownerReference
// (virtual), with the owners its object names and the dependents that name it. Nodes are replaced,
// not edited, when their identity changes (clone), so a node already queued keeps the identity it
// was queued with — the work queues hold nodes, as upstream's hold *node.

import type { OwnerReference } from '../../api/types';

/** An object's coordinates: apiVersion, kind, name and uid of an owner reference, and a namespace (objectReference). */
export interface ObjectReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  namespace: string;
}

// Models graph.go objectReference.String
/** `[v1/Pod, namespace: ns1, name: web, uid: 123]`, as the collector's logs and events print a reference. */
export function referenceString(r: ObjectReference): string {
  return `[${r.apiVersion}/${r.kind}, namespace: ${r.namespace}, name: ${r.name}, uid: ${r.uid}]`;
}

/** A key equal for equal references (Go compares objectReference structs by value). */
export const referenceKey = (r: ObjectReference) => JSON.stringify([r.apiVersion, r.kind, r.namespace, r.name, r.uid]);

export const sameReference = (a: ObjectReference, b: ObjectReference) => referenceKey(a) === referenceKey(b);

// Models graph.go ownerReferenceCoordinates
/** The coordinate fields of an owner reference (uid, name, kind, apiVersion), placed in `namespace`. */
export function ownerReferenceCoordinates(ref: OwnerReference, namespace: string): ObjectReference {
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid, namespace };
}

// Models graph.go ownerReferenceMatchesCoordinates
export function ownerReferenceMatchesCoordinates(a: OwnerReference, b: Pick<ObjectReference, 'apiVersion' | 'kind' | 'name' | 'uid'>): boolean {
  return a.uid === b.uid && a.name === b.name && a.kind === b.kind && a.apiVersion === b.apiVersion;
}

/** One object in the graph (graph.go node). */
export class Node {
  /** The nodes whose objects name this one as an owner. */
  readonly dependents = new Set<Node>();

  constructor(
    /** This node object's own key in the work queues (where upstream's queues hold a *node). */
    readonly key: string,
    public identity: ObjectReference,
    /** The ownerReferences of the object, as last observed. */
    public owners: OwnerReference[] = [],
    /** Known only from a dependent's ownerReference, never from an informer. */
    public virtual = false,
    /** Its deletionTimestamp is set and it has the foregroundDeletion finalizer. */
    public deletingDependents = false,
    /** Its deletionTimestamp is set (a one-way trip). */
    public beingDeleted = false,
  ) {}

  // Models graph.go node.clone
  clone(key: string): Node {
    const c = new Node(key, { ...this.identity }, [...this.owners], this.virtual, this.deletingDependents, this.beingDeleted);
    for (const d of this.dependents) c.dependents.add(d);
    return c;
  }

  isObserved(): boolean {
    return !this.virtual;
  }

  markObserved(): void {
    this.virtual = false;
  }

  markBeingDeleted(): void {
    this.beingDeleted = true;
  }

  markDeletingDependents(): void {
    this.deletingDependents = true;
  }

  // Models graph.go node.blockingDependents
  /** The dependents whose reference to this node has blockOwnerDeletion set. */
  blockingDependents(): Node[] {
    return [...this.dependents].filter((d) => d.owners.some((o) => o.uid === this.identity.uid && o.blockOwnerDeletion === true));
  }

  /** Replaces `old` by `replacement` among the dependents, if it is one (replaceDependentIfItExists). */
  replaceDependentIfItExists(old: Node, replacement: Node): void {
    if (!this.dependents.delete(old)) return;
    this.dependents.add(replacement);
  }
}
