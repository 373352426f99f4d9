// The Deployment controller (pkg/controller/deployment/deployment_controller.go): it watches
// Deployments, their ReplicaSets, and (for Recreate) pod deletions, and syncs each Deployment:
// claim its ReplicaSets, then status only (being deleted), or scale (paused, a scaling event),
// or roll back (the deprecated annotation), or one step of its strategy's rollout.

import { labelSelectorAsSelector, type Selector } from '../../api/labels';
import type { Deployment, Pod, ReplicaSet } from '../../api/types';
import { res } from '../../client/clientset';
import { keyOf, splitKey } from '../../client/store';
import type { Co } from '../../sim/co';
import type { Controller, ControllerContext } from '../controller';
import { errorText, freshControllerCheck, getControllerOf, getFreshFrom, hasStatusCause, namespaceTerminatingCause, realRSControl, ReplicaSetControllerRefManager } from '../util';
import { controllerKind, DEPLOYMENTS, REPLICASETS, updateDeploymentStatus, type DeploymentContext } from './context';
import { rolloutRecreate } from './recreate';
import { rollback } from './rollback';
import { rolloutRolling } from './rolling';
import { checkPausedConditions, getRollbackTo, isScalingEvent, sync, syncStatusOnly } from './sync';

/** Retries of a failing Deployment before it is dropped from the queue (maxRetries). */
export const maxRetries = 15;

/** The Deployment controller, with its handlers exposed for tests. */
export interface DeploymentController extends Controller {
  readonly dc: DeploymentContext;
  readonly handlers: {
    addDeployment(d: Deployment): void;
    updateDeployment(old: Deployment, cur: Deployment): void;
    deleteDeployment(d: Deployment): void;
    addReplicaSet(rs: ReplicaSet): void;
    updateReplicaSet(old: ReplicaSet, cur: ReplicaSet): void;
    deleteReplicaSet(rs: ReplicaSet): void;
    deletePod(pod: Pod): void;
  };
}

const refsEqual = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const labelsEqual = (a?: Record<string, string>, b?: Record<string, string>) => refsEqual(Object.entries(a ?? {}).sort(), Object.entries(b ?? {}).sort());

// Models pkg/controller/deployment/deployment_controller.go NewDeploymentController
/** The deployment controller of kube-controller-manager (--concurrent-deployment-syncs=5). */
export function newDeploymentController(ctx: ControllerContext): DeploymentController {
  const dInformer = ctx.informers.informerFor<Deployment>(DEPLOYMENTS);
  const rsInformer = ctx.informers.informerFor<ReplicaSet>(REPLICASETS);
  const podInformer = ctx.informers.informerFor<Pod>(res('', 'pods'));
  const queue = ctx.newQueue('deployment');
  const dc: DeploymentContext = {
    client: ctx.client,
    recorder: ctx.recorder('deployment-controller'),
    rsControl: realRSControl(ctx.client),
    rsLister: rsInformer.lister,
    podLister: podInformer.lister,
    queue,
    wallMs: ctx.wallMs,
  };
  const dLister = dInformer.lister;
  const enqueue = (d: Deployment) => queue.add(keyOf(d));

  /** The Deployment a controllerRef names, if it is a Deployment and the same object (resolveControllerRef). */
  const resolveControllerRef = (namespace: string, ref: { kind: string; name: string; uid: string }): Deployment | undefined => {
    if (ref.kind !== controllerKind.kind) return undefined;
    const d = dLister.get(namespace, ref.name);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  };

  // Models pkg/controller/deployment/util/deployment_util.go GetDeploymentsForReplicaSet
  const deploymentsForReplicaSet = (rs: ReplicaSet): Deployment[] => {
    if (Object.keys(rs.metadata.labels ?? {}).length === 0) return [];
    return dLister.list(rs.metadata.namespace ?? '').filter((d) => {
      let sel: Selector;
      try {
        sel = labelSelectorAsSelector(d.spec?.selector);
      } catch {
        return false;
      }
      return !sel.empty() && sel.matches(rs.metadata.labels);
    });
  };

  /** The Deployment behind a pod's ReplicaSet (getDeploymentForPod). */
  const deploymentForPod = (pod: Pod): Deployment | undefined => {
    const ref = getControllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = dc.rsLister.get(pod.metadata.namespace ?? '', ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const rsRef = getControllerOf(rs);
    return rsRef ? resolveControllerRef(rs.metadata.namespace ?? '', rsRef) : undefined;
  };

  const handlers: DeploymentController['handlers'] = {
    addDeployment: enqueue,
    updateDeployment: (_old, cur) => enqueue(cur),
    deleteDeployment: enqueue,
    addReplicaSet(rs) {
      if (rs.metadata.deletionTimestamp) {
        // A ReplicaSet already being deleted when first seen (a restarted manager) is no creation.
        handlers.deleteReplicaSet(rs);
        return;
      }
      const ref = getControllerOf(rs);
      if (ref) {
        const d = resolveControllerRef(rs.metadata.namespace ?? '', ref);
        if (d) enqueue(d);
        return;
      }
      // An orphan: wake every Deployment that might adopt it.
      for (const d of deploymentsForReplicaSet(rs)) enqueue(d);
    },
    updateReplicaSet(oldRS, curRS) {
      if (curRS.metadata.resourceVersion === oldRS.metadata.resourceVersion) return;
      const curRef = getControllerOf(curRS);
      const oldRef = getControllerOf(oldRS);
      const refChanged = !refsEqual(curRef, oldRef);
      if (refChanged && oldRef) {
        const d = resolveControllerRef(oldRS.metadata.namespace ?? '', oldRef);
        if (d) enqueue(d);
      }
      if (curRef) {
        const d = resolveControllerRef(curRS.metadata.namespace ?? '', curRef);
        if (d) enqueue(d);
        return;
      }
      if (!labelsEqual(curRS.metadata.labels, oldRS.metadata.labels) || refChanged) for (const d of deploymentsForReplicaSet(curRS)) enqueue(d);
    },
    deleteReplicaSet(rs) {
      const ref = getControllerOf(rs);
      if (!ref) return;
      const d = resolveControllerRef(rs.metadata.namespace ?? '', ref);
      if (d) enqueue(d);
    },
    deletePod(pod) {
      // Only Recreate waits for pods to be gone: sync once the last one is.
      const d = deploymentForPod(pod);
      if (!d || d.spec?.strategy?.type !== 'Recreate') return;
      ctx.spawn(enqueueIfNoPods(dc, d, enqueue));
    },
  };
  dInformer.addEventHandler({ add: handlers.addDeployment, update: handlers.updateDeployment, delete: handlers.deleteDeployment });
  rsInformer.addEventHandler({ add: handlers.addReplicaSet, update: handlers.updateReplicaSet, delete: handlers.deleteReplicaSet });
  podInformer.addEventHandler({ delete: handlers.deletePod });

  // Models pkg/controller/deployment/deployment_controller.go getReplicaSetsForDeployment
  function* getReplicaSetsForDeployment(d: Deployment): Co<ReplicaSet[]> {
    // Every ReplicaSet of the namespace: those we own that no longer match are released.
    const rsList = dc.rsLister.list(d.metadata.namespace ?? '');
    let selector: Selector;
    try {
      selector = labelSelectorAsSelector(d.spec?.selector);
    } catch (e) {
      throw new Error(`deployment ${d.metadata.namespace}/${d.metadata.name} has invalid label selector: ${errorText(e)}`);
    }
    // One uncached read before adopting: is the Deployment being deleted (#42639)?
    const canAdopt = freshControllerCheck(getFreshFrom(ctx.client, 'apps', 'deployments', d), d, 'Deployment');
    const cm = new ReplicaSetControllerRefManager(dc.rsControl, d, selector, controllerKind, canAdopt);
    return yield* cm.claimReplicaSets(rsList);
  }

  // Models pkg/controller/deployment/deployment_controller.go syncDeployment
  function* syncDeployment(key: string): Co<void> {
    const [namespace, name] = splitKey(key);
    const cached = dLister.get(namespace, name);
    if (!cached) return;
    const d = structuredClone(cached);
    const sel = d.spec?.selector;
    if (sel && !sel.matchLabels && !sel.matchExpressions) {
      dc.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...d.status, observedGeneration: d.metadata.generation };
        try {
          yield* updateDeploymentStatus(dc, d);
        } catch {
          // upstream ignores this error
        }
      }
      return;
    }
    const rsList = yield* getReplicaSetsForDeployment(d);
    // The pods, for Recreate's "are old pods gone" (the list also validates the selector).
    const podMap = getPodMapForDeployment(dc, d, rsList);
    if (d.metadata.deletionTimestamp) return yield* syncStatusOnly(dc, d, rsList);
    // Pausing and resuming are recorded first so a pause never counts against the deadline.
    yield* checkPausedConditions(dc, d);
    if (d.spec?.paused) return yield* sync(dc, d, rsList);
    if (getRollbackTo(d)) return yield* rollback(dc, d, rsList);
    if (yield* isScalingEvent(dc, d, rsList)) return yield* sync(dc, d, rsList);
    switch (d.spec?.strategy?.type) {
      case 'Recreate':
        return yield* rolloutRecreate(dc, d, rsList, podMap);
      case 'RollingUpdate':
        return yield* rolloutRolling(dc, d, rsList);
    }
    throw new Error(`unexpected deployment strategy type: ${d.spec?.strategy?.type ?? ''}`);
  }

  // Models pkg/controller/deployment/deployment_controller.go handleErr
  function handleErr(key: string, err: unknown): void {
    // A terminating namespace refuses every create: retrying will not help.
    if (hasStatusCause(err, namespaceTerminatingCause)) return queue.forget(key);
    if (queue.numRequeues(key) < maxRetries) return queue.addRateLimited(key);
    queue.forget(key);
  }

  return { name: 'deployment', workers: 5, queue, sync: syncDeployment, handleErr, dc, handlers };
}

// Models pkg/controller/deployment/deployment_controller.go getPodMapForDeployment
/** The Deployment's pods by the uid of the ReplicaSet that controls them (every ReplicaSet has an entry). */
export function getPodMapForDeployment(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): Map<string, Pod[]> {
  const selector = labelSelectorAsSelector(d.spec?.selector);
  const pods = dc.podLister.list(d.metadata.namespace ?? '', selector);
  const podMap = new Map<string, Pod[]>(rsList.map((rs) => [rs.metadata.uid ?? '', []]));
  for (const pod of pods) {
    const ref = getControllerOf(pod);
    if (ref && podMap.has(ref.uid)) podMap.get(ref.uid)!.push(pod);
  }
  return podMap;
}

/** The Recreate pod-delete handler's follow-up: list the ReplicaSets from the apiserver, enqueue when no pod is left. */
function* enqueueIfNoPods(dc: DeploymentContext, d: Deployment, enqueue: (d: Deployment) => void): Co<void> {
  let rsList: ReplicaSet[];
  try {
    // util.ListReplicaSets over the client: the ReplicaSets the Deployment's selector matches and it controls.
    const sel = labelSelectorAsSelector(d.spec?.selector).toString();
    const list = yield* dc.client.list<ReplicaSet>(REPLICASETS, d.metadata.namespace ?? '', sel ? { labelSelector: sel } : {});
    rsList = list.items.filter((rs) => getControllerOf(rs)?.uid === d.metadata.uid);
  } catch {
    return;
  }
  let numPods = 0;
  for (const pods of getPodMapForDeployment(dc, d, rsList).values()) numPods += pods.length;
  if (numPods === 0) enqueue(d);
}
