// ControllerRefManager (pkg/controller/controller_ref_manager.go): a controller claims the objects
// its selector matches. It keeps those it already controls, releases those it controls that no
// longer match (a patch deleting its ownerReference), and adopts matching orphans (a patch adding
// itself as controller) — but only after one uncached read confirms it is not being deleted
// itself (RecheckDeletionTimestamp, #42639). The patches carry the dependent's uid, so one sent to
// a deleted-and-recreated namesake fails instead of adopting a stranger.

import type { Selector } from '../../api/labels';
import type { KubeObject, OwnerReference, Pod, ReplicaSet } from '../../api/types';
import { StatusError } from '../../apiserver/errors';
import { isNotFound, res, type KubeClient } from '../../client/clientset';
import type { Co } from '../../sim/co';
import { errorText, getControllerOf, type PodControl } from './pod-control';

/** The can-adopt check: throws when the controller must not adopt (it is being deleted). */
export type CanAdoptFunc = () => Co<void>;

const isInvalid = (e: unknown) => e instanceof StatusError && e.reason === 'Invalid';

// Models pkg/controller/controller_ref_manager.go ownerRefControllerPatch
/** The strategic merge patch that makes `controller` the controller of the object with `uid`. */
export function ownerRefControllerPatch(controller: KubeObject, apiVersion: string, kind: string, uid: string, finalizers: string[] = []): unknown {
  const ref: OwnerReference = { apiVersion, kind, name: controller.metadata.name ?? '', uid: controller.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
  return { metadata: { ownerReferences: [ref], uid, ...(finalizers.length ? { finalizers } : {}) } };
}

// Models pkg/controller/controller_ref_manager.go GenerateDeleteOwnerRefStrategicMergeBytes
/** The strategic merge patch that removes the owners' references (and finalizers) from the object with `uid`. */
export function deleteOwnerRefStrategicMergePatch(dependentUID: string, ownerUIDs: string[], finalizers: string[] = []): unknown {
  return {
    metadata: {
      uid: dependentUID,
      ownerReferences: ownerUIDs.map((u) => ({ $patch: 'delete', uid: u })),
      ...(finalizers.length ? { '$deleteFromPrimitiveList/finalizers': finalizers } : {}),
    },
  };
}

// Models pkg/controller/controller_ref_manager.go RecheckDeletionTimestamp
/** A can-adopt check that reads the controller fresh and refuses if it is gone or being deleted. */
export function recheckDeletionTimestamp(getObject: () => Co<KubeObject>): CanAdoptFunc {
  return function* () {
    let obj: KubeObject;
    try {
      obj = yield* getObject();
    } catch (e) {
      throw new Error(`can't recheck DeletionTimestamp: ${errorText(e)}`);
    }
    if (obj.metadata.deletionTimestamp) throw new Error(`${obj.metadata.namespace ?? ''}/${obj.metadata.name} has just been deleted at ${obj.metadata.deletionTimestamp}`);
  };
}

/** A can-adopt check over a fresh GET of the controller that insists on the same uid (what claimPods passes). */
export function freshControllerCheck(getFresh: () => Co<KubeObject>, owner: KubeObject, kind: string): CanAdoptFunc {
  return recheckDeletionTimestamp(function* () {
    const fresh = yield* getFresh();
    if (fresh.metadata.uid !== owner.metadata.uid) {
      throw new Error(`original ${kind} ${owner.metadata.namespace}/${owner.metadata.name} is gone: got uid ${fresh.metadata.uid}, wanted ${owner.metadata.uid}`);
    }
    return fresh;
  });
}

/** A fresh GET of a controller through the clientset, for freshControllerCheck. */
export function getFreshFrom(client: KubeClient, group: string, resource: string, owner: KubeObject): () => Co<KubeObject> {
  return () => client.get(res(group, resource), owner.metadata.namespace ?? '', owner.metadata.name ?? '');
}

// Models k8s.io/apimachinery/pkg/util/errors/errors.go aggregate.Error
/** Several errors as one (utilerrors.NewAggregate): `[a, b]` with repeats dropped, or the one message alone. */
export class Aggregate extends Error {
  constructor(readonly errors: unknown[]) {
    const msgs = [...new Set(errors.map(errorText))];
    super(msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`);
  }
}

// Models pkg/controller/controller_ref_manager.go BaseControllerRefManager
/** Claiming shared by pods and ReplicaSets: keep, release or adopt one object at a time. */
/** What claiming an object takes: nothing ('mine', 'not mine') or a write ('release', 'adopt'). */
type ClaimAction = 'mine' | 'not mine' | 'release' | 'adopt';

export class BaseControllerRefManager {
  private canAdoptResult: { err?: unknown } | null = null;

  constructor(
    readonly controller: KubeObject,
    readonly selector: Selector,
    private readonly canAdoptFunc?: CanAdoptFunc,
  ) {}

  /** Runs the can-adopt check at most once per manager (canAdoptOnce). */
  *canAdopt(): Co<void> {
    if (!this.canAdoptResult) {
      this.canAdoptResult = {};
      if (this.canAdoptFunc) {
        try {
          yield* this.canAdoptFunc();
        } catch (e) {
          this.canAdoptResult.err = e;
        }
      }
    }
    if (this.canAdoptResult.err !== undefined) throw this.canAdoptResult.err;
  }

  /**
   * What claiming `obj` takes: nothing ('mine' or 'not mine'), or a write ('release' a stray of
   * ours, 'adopt' a matching orphan). Pure, so that claiming a thousand pods that need nothing
   * runs no coroutine per pod.
   */
  private claimAction<T extends KubeObject>(obj: T, match: (o: T) => boolean): ClaimAction {
    const ref = getControllerOf(obj);
    if (ref) {
      if (ref.uid !== this.controller.metadata.uid) return 'not mine';
      // Ours and matching: claimed, even while we are being deleted, since that takes no action.
      if (match(obj)) return 'mine';
      return this.controller.metadata.deletionTimestamp ? 'not mine' : 'release';
    }
    // An orphan.
    if (this.controller.metadata.deletionTimestamp || !match(obj)) return 'not mine';
    if (obj.metadata.deletionTimestamp) return 'not mine';
    const ns = this.controller.metadata.namespace ?? '';
    if (ns && ns !== (obj.metadata.namespace ?? '')) return 'not mine';
    return 'adopt';
  }

  /** Whether the controller owns `obj` after this call; adoption and release errors are thrown. */
  *claimObject<T extends KubeObject>(obj: T, match: (o: T) => boolean, adopt: (o: T) => Co<void>, release: (o: T) => Co<void>): Co<boolean> {
    return yield* this.take(obj, this.claimAction(obj, match), adopt, release);
  }

  /** Carries out a claim action (adoption and release errors are thrown, NotFound aside). */
  private *take<T extends KubeObject>(obj: T, action: ClaimAction, adopt: (o: T) => Co<void>, release: (o: T) => Co<void>): Co<boolean> {
    if (action === 'mine' || action === 'not mine') return action === 'mine';
    try {
      yield* (action === 'adopt' ? adopt : release)(obj);
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
    return action === 'adopt';
  }

  /** Claims every object, collecting errors as upstream aggregates them. */
  protected *claimAll<T extends KubeObject>(objs: readonly T[], match: (o: T) => boolean, adopt: (o: T) => Co<void>, release: (o: T) => Co<void>): Co<T[]> {
    const claimed: T[] = [];
    const errs: unknown[] = [];
    for (const o of objs) {
      const action = this.claimAction(o, match);
      if (action === 'mine') claimed.push(o);
      if (action === 'mine' || action === 'not mine') continue;
      try {
        if (yield* this.take(o, action, adopt, release)) claimed.push(o);
      } catch (e) {
        errs.push(e);
      }
    }
    if (errs.length > 0) throw Object.assign(new Aggregate(errs), { claimed });
    return claimed;
  }

  /** Releasing tolerates a dependent that is gone or no longer ours (NotFound, Invalid). */
  protected *releaseTolerant(patch: () => Co<unknown>): Co<void> {
    try {
      yield* patch();
    } catch (e) {
      if (isNotFound(e) || isInvalid(e)) return;
      throw e;
    }
  }
}

// Models pkg/controller/controller_ref_manager.go PodControllerRefManager
/** Claims pods for a ReplicaSet, ReplicationController, Job, DaemonSet or StatefulSet. */
export class PodControllerRefManager extends BaseControllerRefManager {
  constructor(
    private readonly podControl: PodControl,
    controller: KubeObject,
    selector: Selector,
    /** The controller's apiVersion and kind, as its ownerReferences name it. */
    private readonly controllerKind: { apiVersion: string; kind: string },
    canAdopt?: CanAdoptFunc,
    private readonly finalizers: string[] = [],
  ) {
    super(controller, selector, canAdopt);
  }

  /** The pods this controller owns once orphans are adopted and strays released; `filters` narrow the match. */
  *claimPods(pods: readonly Pod[], ...filters: ((p: Pod) => boolean)[]): Co<Pod[]> {
    const match = (p: Pod) => this.selector.matches(p.metadata.labels ?? {}) && filters.every((f) => f(p));
    return yield* this.claimAll(pods, match, (p) => this.adoptPod(p), (p) => this.releasePod(p));
  }

  /** Sends the patch that makes this controller the pod's controller. */
  *adoptPod(pod: Pod): Co<void> {
    try {
      yield* this.canAdopt();
    } catch (e) {
      throw new Error(`can't adopt Pod ${pod.metadata.namespace}/${pod.metadata.name} (${pod.metadata.uid}): ${errorText(e)}`);
    }
    const patch = ownerRefControllerPatch(this.controller, this.controllerKind.apiVersion, this.controllerKind.kind, pod.metadata.uid ?? '', this.finalizers);
    yield* this.podControl.patchPod(pod.metadata.namespace ?? '', pod.metadata.name ?? '', patch);
  }

  /** Sends the patch that removes this controller's reference from the pod. */
  *releasePod(pod: Pod): Co<void> {
    const patch = deleteOwnerRefStrategicMergePatch(pod.metadata.uid ?? '', [this.controller.metadata.uid ?? ''], this.finalizers);
    yield* this.releaseTolerant(() => this.podControl.patchPod(pod.metadata.namespace ?? '', pod.metadata.name ?? '', patch));
  }
}

/** How the Deployment controller patches its ReplicaSets (RSControlInterface). */
export interface ReplicaSetControl {
  patchReplicaSet(namespace: string, name: string, patch: unknown): Co<void>;
}

// Models pkg/controller/controller_utils.go RealRSControl
/** ReplicaSet control over the clientset: strategic merge patches. */
export function realRSControl(client: KubeClient): ReplicaSetControl {
  return {
    *patchReplicaSet(namespace, name, patch) {
      yield* client.patch(res('apps', 'replicasets'), namespace, name, 'application/strategic-merge-patch+json', patch);
    },
  };
}

// Models pkg/controller/controller_ref_manager.go ReplicaSetControllerRefManager
/** Claims ReplicaSets for a Deployment. */
export class ReplicaSetControllerRefManager extends BaseControllerRefManager {
  constructor(
    private readonly rsControl: ReplicaSetControl,
    controller: KubeObject,
    selector: Selector,
    private readonly controllerKind: { apiVersion: string; kind: string },
    canAdopt?: CanAdoptFunc,
  ) {
    super(controller, selector, canAdopt);
  }

  /** The ReplicaSets this controller owns once orphans are adopted and strays released. */
  *claimReplicaSets(sets: readonly ReplicaSet[]): Co<ReplicaSet[]> {
    const match = (rs: ReplicaSet) => this.selector.matches(rs.metadata.labels ?? {});
    return yield* this.claimAll(sets, match, (rs) => this.adoptReplicaSet(rs), (rs) => this.releaseReplicaSet(rs));
  }

  /** Sends the patch that makes this controller the ReplicaSet's controller. */
  *adoptReplicaSet(rs: ReplicaSet): Co<void> {
    try {
      yield* this.canAdopt();
    } catch (e) {
      throw new Error(`can't adopt ReplicaSet ${rs.metadata.namespace}/${rs.metadata.name} (${rs.metadata.uid}): ${errorText(e)}`);
    }
    const patch = ownerRefControllerPatch(this.controller, this.controllerKind.apiVersion, this.controllerKind.kind, rs.metadata.uid ?? '');
    yield* this.rsControl.patchReplicaSet(rs.metadata.namespace ?? '', rs.metadata.name ?? '', patch);
  }

  /** Sends the patch that removes this controller's reference from the ReplicaSet. */
  *releaseReplicaSet(rs: ReplicaSet): Co<void> {
    const patch = deleteOwnerRefStrategicMergePatch(rs.metadata.uid ?? '', [this.controller.metadata.uid ?? '']);
    yield* this.releaseTolerant(() => this.rsControl.patchReplicaSet(rs.metadata.namespace ?? '', rs.metadata.name ?? '', patch));
  }
}
