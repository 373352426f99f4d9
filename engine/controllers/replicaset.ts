// The ReplicaSet controller (pkg/controller/replicaset/replica_set.go, replica_set_utils.go): keeps
// as many active pods as spec.replicas asks for. It claims the pods its selector matches, creates
// the missing ones in slow-start batches (at most 500 per sync, burstReplicas) or deletes the
// extra ones, those earliest in their start-up first, and writes status: replicas,
// fullyLabeledReplicas, readyReplicas, availableReplicas, observedGeneration and the
// ReplicaFailure condition. Expectations keep a sync from acting again before the informer has
// shown it the pods it created or deleted. The ReplicationController controller is this same code
// over v1 ReplicationControllers (replicationcontroller.ts), as upstream builds it.

import { labelSelectorAsSelector, selectorFromSet, type Selector } from '../api/labels';
import type { Pod, ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from '../api/types';
import { rfc3339 } from '../apiserver/registry/objects';
import { isNotFound, res } from '../client/clientset';
import type { Lister } from '../client/store';
import { keyOf, splitKey } from '../client/store';
import type { Co } from '../sim/co';
import type { Controller, ControllerContext } from './controller';
import {
  ControllerExpectations,
  errorText,
  filterActivePods,
  freshControllerCheck,
  getControllerOf,
  hasStatusCause,
  isPodAvailable,
  isPodReady,
  namespaceTerminatingCause,
  newControllerRef,
  PodControllerRefManager,
  podKey,
  rankPodsByRelatedPodsOnSameNode,
  RealPodControl,
  settleAll,
  slowStartBatch,
  slowStartInitialBatchSize,
  sortByLess,
  activePodsWithRanksLess,
  UIDTrackingControllerExpectations,
  type PodControl,
} from './util';

/** Pods created or deleted per sync at most (BurstReplicas, --kube-api-burst aside). */
export const burstReplicas = 500;
/** Status updates retried once with a fresh GET (statusUpdateRetries). */
const statusUpdateRetries = 1;

/** The condition type a ReplicaSet gets when it cannot create or delete pods. */
export const replicaSetReplicaFailure = 'ReplicaFailure';

/** How the shared code reads and writes the objects it manages, as ReplicaSets (RC converts). */
export interface ReplicaSetAdapter {
  /** The kind as ownerReferences name it. */
  apiVersion: string;
  kind: string;
  /** The cache, in ReplicaSet form. */
  lister: Lister<ReplicaSet>;
  /** Writes status through the /status subresource; answers the stored object, in ReplicaSet form. */
  updateStatus(rs: ReplicaSet): Co<ReplicaSet>;
  /** A fresh GET, in ReplicaSet form. */
  get(namespace: string, name: string): Co<ReplicaSet>;
}

/** What NewBaseController is given beyond the context. */
export interface BaseControllerOptions {
  /** --controllers name (`replicaset`, `replicationcontroller`). */
  name: string;
  /** The work queue's name (`replicaset`, `replicationmanager`). */
  queueName: string;
  adapter: ReplicaSetAdapter;
  /** Pod control over the real recorder; tests may pass their own. */
  podControl: PodControl;
  /** The pod cache. */
  podLister: Lister<Pod>;
  /** Hooks the informers' handlers up: it gets the handler set to register. */
  register(handlers: BaseControllerHandlers): void;
  burstReplicas?: number;
}

/** The event handlers of the shared controller, for the adapter to register on its informers. */
export interface BaseControllerHandlers {
  addRS(rs: ReplicaSet): void;
  updateRS(old: ReplicaSet, cur: ReplicaSet): void;
  deleteRS(rs: ReplicaSet): void;
  addPod(pod: Pod): void;
  updatePod(old: Pod, cur: Pod): void;
  deletePod(pod: Pod): void;
}

/** The ReplicaSet controller, with its expectations exposed for tests (as upstream's tests reach into rsc.expectations). */
export interface ReplicaSetController extends Controller {
  readonly expectations: UIDTrackingControllerExpectations;
  readonly handlers: BaseControllerHandlers;
}

const labelsEqualShallow = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) => {
  const ka = Object.keys(a ?? {});
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => (b ?? {})[k] === (a ?? {})[k]);
};
const refsEqual = (a: ReturnType<typeof getControllerOf>, b: ReturnType<typeof getControllerOf>) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// Models pkg/controller/replicaset/replica_set.go NewReplicaSetController
/** The replicaset controller of kube-controller-manager (--concurrent-replicaset-syncs=5). */
export function newReplicaSetController(ctx: ControllerContext): ReplicaSetController {
  const rsInformer = ctx.informers.informerFor<ReplicaSet>(res('apps', 'replicasets'));
  const podInformer = ctx.informers.informerFor<Pod>(res('', 'pods'));
  const r = res('apps', 'replicasets');
  const adapter: ReplicaSetAdapter = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    lister: rsInformer.lister,
    *updateStatus(rs) {
      return yield* ctx.client.update(r, rs.metadata.namespace ?? '', rs, 'status');
    },
    *get(namespace, name) {
      return yield* ctx.client.get<ReplicaSet>(r, namespace, name);
    },
  };
  return newBaseController(ctx, {
    name: 'replicaset',
    queueName: 'replicaset',
    adapter,
    podControl: new RealPodControl(ctx.client, ctx.recorder('replicaset-controller')),
    podLister: podInformer.lister,
    register(h) {
      rsInformer.addEventHandler({ add: h.addRS, update: h.updateRS, delete: h.deleteRS });
      podInformer.addEventHandler({ add: h.addPod, update: h.updatePod, delete: h.deletePod });
    },
  });
}

// Models pkg/controller/replicaset/replica_set.go NewBaseController
/** The controller both ReplicaSets and ReplicationControllers run on. */
export function newBaseController(ctx: ControllerContext, opts: BaseControllerOptions): ReplicaSetController {
  const { adapter, podControl, podLister } = opts;
  const burst = opts.burstReplicas ?? burstReplicas;
  const queue = ctx.newQueue(opts.queueName);
  const expectations = new UIDTrackingControllerExpectations(new ControllerExpectations(ctx.now));
  const controllerKind = { apiVersion: adapter.apiVersion, kind: adapter.kind };

  /** ReplicaSets whose controller is the same as rs's (the controllerUID index). */
  const withSameController = (rs: ReplicaSet): ReplicaSet[] => {
    const ref = getControllerOf(rs);
    if (!ref) return [];
    return adapter.lister.list().filter((o) => getControllerOf(o)?.uid === ref.uid);
  };

  /** The ReplicaSets whose selector matches an orphan pod (GetPodReplicaSets). */
  const podReplicaSets = (pod: Pod): ReplicaSet[] => {
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) return [];
    return adapter.lister.list(pod.metadata.namespace ?? '').filter((rs) => {
      let sel: Selector;
      try {
        sel = labelSelectorAsSelector(rs.spec?.selector);
      } catch {
        return false;
      }
      // A nil or empty selector matches nothing here, not everything.
      return !sel.empty() && sel.matches(pod.metadata.labels);
    });
  };

  /** The ReplicaSet a controllerRef names, if it is one of ours and the same object (resolveControllerRef). */
  const resolveControllerRef = (namespace: string, ref: NonNullable<ReturnType<typeof getControllerOf>>): ReplicaSet | undefined => {
    if (ref.kind !== adapter.kind) return undefined;
    const rs = adapter.lister.get(namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  };

  const enqueue = (rs: ReplicaSet) => queue.add(keyOf(rs));

  const handlers: BaseControllerHandlers = {
    addRS: (rs) => enqueue(rs),
    updateRS(old, cur) {
      if (cur.metadata.uid !== old.metadata.uid) handlers.deleteRS(old);
      enqueue(cur);
    },
    deleteRS(rs) {
      const key = keyOf(rs);
      // A new ReplicaSet of the same name starts clean.
      expectations.deleteExpectations(key);
      queue.add(key);
    },
    addPod(pod) {
      if (pod.metadata.deletionTimestamp) {
        // A pod already being deleted when first seen (a restarted manager) is no creation.
        handlers.deletePod(pod);
        return;
      }
      const ref = getControllerOf(pod);
      if (ref) {
        const rs = resolveControllerRef(pod.metadata.namespace ?? '', ref);
        if (!rs) return;
        expectations.creationObserved(keyOf(rs));
        queue.add(keyOf(rs));
        return;
      }
      // An orphan: wake every ReplicaSet that might adopt it; no creation is observed.
      for (const rs of podReplicaSets(pod)) enqueue(rs);
    },
    updatePod(oldPod, curPod) {
      if (curPod.metadata.resourceVersion === oldPod.metadata.resourceVersion) return;
      const labelChanged = !labelsEqualShallow(curPod.metadata.labels, oldPod.metadata.labels);
      if (curPod.metadata.deletionTimestamp) {
        // A graceful deletion: act on the deletionTimestamp, not when the kubelet finally removes it.
        handlers.deletePod(curPod);
        if (labelChanged) handlers.deletePod(oldPod);
        return;
      }
      const curRef = getControllerOf(curPod);
      const oldRef = getControllerOf(oldPod);
      const refChanged = !refsEqual(curRef, oldRef);
      if (refChanged && oldRef) {
        const rs = resolveControllerRef(oldPod.metadata.namespace ?? '', oldRef);
        if (rs) enqueue(rs);
      }
      if (curRef) {
        const rs = resolveControllerRef(curPod.metadata.namespace ?? '', curRef);
        if (!rs) return;
        enqueue(rs);
        // A pod that just became ready becomes available minReadySeconds later: look again then (+1 s for skew).
        const minReady = rs.spec?.minReadySeconds ?? 0;
        if (!isPodReady(oldPod) && isPodReady(curPod) && minReady > 0) queue.addAfter(keyOf(rs), minReady * 1000 + 1000);
        return;
      }
      if (labelChanged || refChanged) for (const rs of podReplicaSets(curPod)) enqueue(rs);
    },
    deletePod(pod) {
      const ref = getControllerOf(pod);
      if (!ref) return;
      const rs = resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!rs) return;
      expectations.deletionObserved(keyOf(rs), podKey(pod));
      queue.add(keyOf(rs));
    },
  };
  opts.register(handlers);

  // Models pkg/controller/replicaset/replica_set.go getIndirectlyRelatedPods
  function relatedPods(rs: ReplicaSet): Pod[] {
    const out: Pod[] = [];
    const seen = new Set<string>();
    for (const related of withSameController(rs)) {
      let sel: Selector;
      try {
        sel = labelSelectorAsSelector(related.spec?.selector);
      } catch {
        continue;
      }
      for (const pod of podLister.list(related.metadata.namespace ?? '', sel)) {
        if (seen.has(pod.metadata.uid ?? '')) continue;
        seen.add(pod.metadata.uid ?? '');
        out.push(pod);
      }
    }
    return out;
  }

  // Models pkg/controller/replicaset/replica_set.go manageReplicas
  function* manageReplicas(filtered: Pod[], rs: ReplicaSet): Co<void> {
    const rsKey = keyOf(rs);
    let diff = filtered.length - (rs.spec?.replicas ?? 1);
    if (diff < 0) {
      diff = Math.min(-diff, burst);
      // Creations are expected before they are sent: the informer may see a pod before its create returns.
      expectations.expectCreations(rsKey, diff);
      const ref = newControllerRef(rs, adapter.apiVersion, adapter.kind);
      const { successes, error } = yield* slowStartBatch(diff, slowStartInitialBatchSize, function* () {
        try {
          yield* podControl.createPods(rs.metadata.namespace ?? '', rs.spec?.template ?? {}, rs, ref);
        } catch (e) {
          // A terminating namespace refuses every create; nothing to do about it.
          if (hasStatusCause(e, namespaceTerminatingCause)) return;
          throw e;
        }
      });
      // Pods never attempted will never be observed.
      for (let i = 0; i < diff - successes; i++) expectations.creationObserved(rsKey);
      if (error !== undefined) throw error;
      return;
    }
    if (diff > 0) {
      diff = Math.min(diff, burst);
      const victims = getPodsToDelete(filtered, relatedPods(rs), diff, ctx.wallMs());
      // Expect exactly these pods to go, counted once whether seen as a deletionTimestamp or a delete.
      expectations.expectDeletions(rsKey, victims.map(podKey));
      const outcomes = yield* settleAll(
        victims.map(function* (pod): Co<void> {
          try {
            yield* podControl.deletePod(rs.metadata.namespace ?? '', pod.metadata.name ?? '', rs);
          } catch (e) {
            // The informer will not observe a delete that did not happen.
            expectations.deletionObserved(rsKey, podKey(pod));
            if (!isNotFound(e)) throw e;
          }
        }),
      );
      const failed = outcomes.find((o) => !o.ok);
      if (failed && !failed.ok) throw failed.error;
    }
  }

  // Models pkg/controller/replicaset/replica_set.go claimPods
  function* claimPods(rs: ReplicaSet, selector: Selector, pods: Pod[]): Co<Pod[]> {
    const canAdopt = freshControllerCheck(() => adapter.get(rs.metadata.namespace ?? '', rs.metadata.name ?? ''), rs, adapter.kind);
    const cm = new PodControllerRefManager(podControl, rs, selector, controllerKind, canAdopt);
    return yield* cm.claimPods(pods);
  }

  // Models pkg/controller/replicaset/replica_set.go syncReplicaSet
  function* syncReplicaSet(key: string): Co<void> {
    const [namespace, name] = splitKey(key);
    const rs = adapter.lister.get(namespace, name);
    if (!rs) {
      expectations.deleteExpectations(key);
      return;
    }
    const rsNeedsSync = expectations.satisfiedExpectations(key);
    let selector: Selector;
    try {
      selector = labelSelectorAsSelector(rs.spec?.selector);
    } catch {
      return; // an invalid selector is only logged (HandleError)
    }
    // Every pod of the namespace: a pod with a stale controllerRef that no longer matches is released.
    let filtered = filterActivePods(podLister.list(namespace));
    filtered = yield* claimPods(rs, selector, filtered);
    let manageErr: unknown;
    if (rsNeedsSync && !rs.metadata.deletionTimestamp) {
      try {
        yield* manageReplicas(filtered, rs);
      } catch (e) {
        manageErr = e;
      }
    }
    const copy = structuredClone(rs);
    const newStatus = calculateStatus(copy, filtered, manageErr, ctx.wallMs());
    const updated = yield* updateReplicaSetStatus(adapter, copy, newStatus);
    // Look again after minReadySeconds, against clock skew, while ready pods are not yet available.
    const minReady = updated.spec?.minReadySeconds ?? 0;
    const replicas = updated.spec?.replicas ?? 1;
    if (manageErr === undefined && minReady > 0 && (updated.status?.readyReplicas ?? 0) === replicas && (updated.status?.availableReplicas ?? 0) !== replicas) {
      queue.addAfter(key, minReady * 1000);
    }
    if (manageErr !== undefined) throw manageErr;
  }

  return { name: opts.name, workers: 5, queue, sync: syncReplicaSet, expectations, handlers };
}

// Models pkg/controller/replicaset/replica_set.go getPodsToDelete
/** The `diff` pods to delete first: unscheduled, pending, not ready, doubled up, newest (see ActivePodsWithRanks). */
export function getPodsToDelete(filtered: readonly Pod[], related: readonly Pod[], diff: number, nowMs: number): Pod[] {
  // No need to rank when every pod goes.
  if (diff >= filtered.length) return filtered.slice(0, diff);
  const ranked = sortByLess(rankPodsByRelatedPodsOnSameNode(filtered, related), (a, b) => activePodsWithRanksLess(a, b, nowMs));
  return ranked.slice(0, diff).map((r) => r.pod);
}

// Models pkg/controller/replicaset/replica_set_utils.go calculateStatus
/** The status the pods give: counts, and ReplicaFailure set or cleared by the sync's error. */
export function calculateStatus(rs: ReplicaSet, filteredPods: Pod[], manageReplicasErr: unknown, nowMs: number): ReplicaSetStatus {
  const status: ReplicaSetStatus = structuredClone(rs.status ?? { replicas: 0 });
  const template = selectorFromSet(rs.spec?.template?.metadata?.labels);
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of filteredPods) {
    if (template.matches(pod.metadata.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, rs.spec?.minReadySeconds ?? 0, nowMs)) available++;
    }
  }
  const failure = getCondition(rs.status, replicaSetReplicaFailure);
  if (manageReplicasErr !== undefined && !failure) {
    const diff = filteredPods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    setCondition(status, newReplicaSetCondition(replicaSetReplicaFailure, 'True', reason, errorText(manageReplicasErr), nowMs));
  } else if (manageReplicasErr === undefined && failure) {
    removeCondition(status, replicaSetReplicaFailure);
  }
  status.replicas = filteredPods.length;
  status.fullyLabeledReplicas = fullyLabeled;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  return status;
}

/** Drops the omitempty fields that hold zero, as Go's encoder leaves them out of the wire form. */
function wireStatus(s: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = { replicas: s.replicas };
  if (s.fullyLabeledReplicas) out.fullyLabeledReplicas = s.fullyLabeledReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.conditions?.length) out.conditions = s.conditions;
  return out;
}

// Models pkg/controller/replicaset/replica_set_utils.go updateReplicaSetStatus
/** Writes the new status unless nothing changed; one retry on a fresh GET. */
export function* updateReplicaSetStatus(adapter: Pick<ReplicaSetAdapter, 'updateStatus' | 'get'>, rs: ReplicaSet, newStatus: ReplicaSetStatus): Co<ReplicaSet> {
  const cur = rs.status ?? { replicas: 0 };
  const generation = rs.metadata.generation ?? 0;
  if (
    (cur.replicas ?? 0) === newStatus.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === (newStatus.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (newStatus.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (newStatus.availableReplicas ?? 0) &&
    generation === (cur.observedGeneration ?? 0) &&
    JSON.stringify(cur.conditions ?? []) === JSON.stringify(newStatus.conditions ?? [])
  ) {
    return rs;
  }
  // The generation acted on, so a retry does not claim a newer spec was seen.
  const status = wireStatus({ ...newStatus, observedGeneration: generation });
  let obj = rs;
  for (let i = 0; ; i++) {
    try {
      return yield* adapter.updateStatus({ ...obj, status });
    } catch (e) {
      if (i >= statusUpdateRetries) throw e;
      // A GET that fails is the more interesting error.
      obj = yield* adapter.get(obj.metadata.namespace ?? '', obj.metadata.name ?? '');
    }
  }
}

// Models pkg/controller/replicaset/replica_set_utils.go NewReplicaSetCondition
/** A condition stamped with the transition time now. */
export function newReplicaSetCondition(type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, nowMs: number): ReplicaSetCondition {
  return { type, status, lastTransitionTime: rfc3339(nowMs), reason, message };
}

/** The condition of a type, if present (GetCondition). */
export function getCondition(status: ReplicaSetStatus | undefined, type: string): ReplicaSetCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

// Models pkg/controller/replicaset/replica_set_utils.go SetCondition
/** Adds or replaces a condition, unless one with the same status and reason is there already. */
export function setCondition(status: ReplicaSetStatus, cond: ReplicaSetCondition): void {
  const cur = getCondition(status, cond.type);
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), cond];
}

/** Removes the condition of a type (RemoveCondition). */
export function removeCondition(status: ReplicaSetStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
}
