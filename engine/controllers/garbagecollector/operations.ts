// What the garbage collector asks of the apiserver (pkg/controller/garbagecollector/operations.go
// and patch.go): reads, deletes preconditioned on the uid (and the resourceVersion whose owners
// were judged), the patches that drop owner references or unblock them, and the finalizer removal
// that lets an owner go. Upstream talks through the metadata client; here the typed clientset does.

import { resourceForKind, type ResourceInfo } from '../../api/resources';
import type { DeleteOptions, DeletionPropagation, KubeObject, OwnerReference } from '../../api/types';
import { StatusError } from '../../apiserver/errors';
import { isConflict, isNotFound, type KubeClient, type PatchType } from '../../client/clientset';
import type { Lister } from '../../client/store';
import type { Co } from '../../sim/co';
import { referenceString, type Node, type ObjectReference } from './graph';

// Models errors.go restMappingError
/** An apiVersion and kind the apiserver does not serve: retried, since discovery may learn it later. */
export class RestMappingError extends Error {
  constructor(kind: string, version: string) {
    super(`unable to get REST mapping for ${version}/${kind}.`);
  }
}

/** A namespaced owner named by a cluster-scoped object: never valid, not retried (namespacedOwnerOfClusterScopedObjectErr). */
export class NamespacedOwnerOfClusterScopedObjectError extends Error {
  constructor() {
    super('cluster-scoped objects cannot refer to namespaced owners');
  }
}

// Models operations.go apiResource
/** The served resource of an apiVersion and kind. */
export function apiResource(apiVersion: string, kind: string): ResourceInfo {
  const info = resourceForKind(apiVersion, kind);
  if (!info) throw new RestMappingError(kind, apiVersion);
  return info;
}

/** resourceDefaultNamespace: the namespace a request for the resource goes to. */
const namespaceFor = (info: ResourceInfo, ns: string) => (info.namespaced ? ns : '');

const sameOwners = (a: OwnerReference[] | undefined, b: OwnerReference[] | undefined) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

/** The collector's calls, over a client and the monitors' caches. */
export class Operations {
  constructor(
    private readonly client: KubeClient,
    /** The informer cache of a monitored resource, if it is one. */
    private readonly listerFor: (info: ResourceInfo) => Lister | undefined,
  ) {}

  // Models operations.go getObject
  *getObject(item: ObjectReference): Co<KubeObject> {
    const info = apiResource(item.apiVersion, item.kind);
    // A namespaced type without a namespace coordinate: only a cluster-scoped object can have named it so.
    if (info.namespaced && item.namespace === '') throw new NamespacedOwnerOfClusterScopedObjectError();
    return yield* this.client.get(info, namespaceFor(info, item.namespace), item.name);
  }

  // Models operations.go deleteObject
  /**
   * Deletes the object if it still has the uid, and the resourceVersion whose owners were judged; a
   * conflict from an unrelated change (the owners as judged) is retried without the resourceVersion.
   */
  *deleteObject(item: ObjectReference, resourceVersion: string, ownersAtResourceVersion: OwnerReference[] | undefined, policy: DeletionPropagation): Co<void> {
    const info = apiResource(item.apiVersion, item.kind);
    const ns = namespaceFor(info, item.namespace);
    const options: DeleteOptions = { preconditions: { uid: item.uid, ...(resourceVersion ? { resourceVersion } : {}) }, propagationPolicy: policy };
    try {
      yield* this.client.delete(info, ns, item.name, options);
    } catch (e) {
      if (!isConflict(e) || !resourceVersion) throw e;
      let live: KubeObject;
      try {
        live = yield* this.client.get(info, ns, item.name);
      } catch (liveErr) {
        if (isNotFound(liveErr)) return; // what we wanted to delete is gone
        throw e;
      }
      if (live.metadata.uid !== item.uid || live.metadata.resourceVersion === resourceVersion || !sameOwners(live.metadata.ownerReferences, ownersAtResourceVersion)) throw e;
      yield* this.client.delete(info, ns, item.name, { ...options, preconditions: { uid: item.uid } });
    }
  }

  // Models operations.go patchObject
  *patchObject(item: ObjectReference, patch: unknown, type: PatchType): Co<KubeObject> {
    const info = apiResource(item.apiVersion, item.kind);
    return yield* this.client.patch(info, namespaceFor(info, item.namespace), item.name, type, patch);
  }

  // Models patch.go patch
  /** A strategic merge patch, or when the resource does not take one (415), the JSON merge patch `jmp` builds. */
  *patch(item: Node, smp: unknown, jmp: (n: Node) => Co<unknown>): Co<KubeObject> {
    try {
      return yield* this.patchObject(item.identity, smp, 'application/strategic-merge-patch+json');
    } catch (e) {
      if (!(e instanceof StatusError && e.code === 415)) throw e;
    }
    return yield* this.patchObject(item.identity, yield* jmp(item), 'application/merge-patch+json');
  }

  // Models patch.go getMetadata
  /** The object from its monitor's cache, else from the apiserver. */
  *getMetadata(item: ObjectReference): Co<KubeObject> {
    const info = apiResource(item.apiVersion, item.kind);
    const cached = this.listerFor(info)?.get(namespaceFor(info, item.namespace), item.name);
    return cached ?? (yield* this.client.get(info, namespaceFor(info, item.namespace), item.name));
  }

  // Models patch.go deleteOwnerRefJSONMergePatch
  *deleteOwnerRefJSONMergePatch(item: Node, ownerUIDs: string[]): Co<unknown> {
    const m = (yield* this.getMetadata(item.identity)).metadata;
    return { metadata: { resourceVersion: m.resourceVersion ?? '', ownerReferences: (m.ownerReferences ?? []).filter((r) => !ownerUIDs.includes(r.uid)) } };
  }

  // Models patch.go unblockOwnerReferencesJSONMergePatch
  *unblockOwnerReferencesJSONMergePatch(n: Node): Co<unknown> {
    const m = (yield* this.getMetadata(n.identity)).metadata;
    return { metadata: { resourceVersion: m.resourceVersion ?? '', ownerReferences: n.owners.map((o) => ({ ...o, blockOwnerDeletion: false })) } };
  }

  // Models operations.go removeFinalizer
  /**
   * Removes `finalizer` from the owner with a merge patch preconditioned on the resourceVersion read,
   * retrying a conflict (retry.DefaultBackoff's 4 steps, without its sleeps); a gone owner needs nothing.
   */
  *removeFinalizer(owner: Node, finalizer: string): Co<void> {
    const steps = 4;
    for (let i = 0; ; i++) {
      let obj: KubeObject;
      try {
        obj = yield* this.getObject(owner.identity);
      } catch (e) {
        if (isNotFound(e)) return;
        throw new Error(`cannot finalize owner ${referenceString(owner.identity)}, because cannot get it: ${e instanceof Error ? e.message : String(e)}. The garbage collector will retry later`);
      }
      const finalizers = obj.metadata.finalizers ?? [];
      if (!finalizers.includes(finalizer)) return;
      try {
        yield* this.patchObject(owner.identity, { metadata: { resourceVersion: obj.metadata.resourceVersion ?? '', finalizers: finalizers.filter((f) => f !== finalizer) } }, 'application/merge-patch+json');
        return;
      } catch (e) {
        if (!isConflict(e)) throw e;
        if (i + 1 >= steps) throw new Error(`updateMaxRetries(${steps}) has reached. The garbage collector will retry later for owner ${referenceString(owner.identity)}`);
      }
    }
  }
}

// Models patch.go (node).unblockOwnerReferencesStrategicMergePatch
/** The strategic merge patch that sets blockOwnerDeletion false on every blocking reference of the node. */
export function unblockOwnerReferencesStrategicMergePatch(n: Node): unknown {
  const blocking = n.owners.filter((o) => o.blockOwnerDeletion === true).map((o) => ({ ...o, blockOwnerDeletion: false }));
  return { metadata: { ownerReferences: blocking, uid: n.identity.uid } };
}
