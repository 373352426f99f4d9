// The StatefulSet controller (pkg/controller/statefulset/stateful_set.go): informer handlers that
// enqueue the owning set, and the sync that adopts orphan revisions, claims the set's pods (by
// selector and by name) and runs the control loop (control.ts), requeueing after minReadySeconds
// while pods are still becoming available.

import type { ControllerRevision, PersistentVolumeClaim, Pod, StatefulSet } from '../../api/types';
import { labelSelectorAsSelector } from '../../api/labels';
import { res } from '../../client/clientset';
import { keyOf, splitKey } from '../../client/store';
import type { Co } from '../../sim/co';
import type { Controller, ControllerContext } from '../controller';
import { History } from '../history';
import { freshControllerCheck, PodControllerRefManager } from '../util/controller-ref';
import { errorText, getControllerOf, RealPodControl } from '../util/pod-control';
import { isPodReady } from '../util/pods';
import { StatefulSetControl } from './control';
import { StatefulPodControl } from './pod-control';
import { isMemberOf } from './utils';

const statefulSets = res('apps', 'statefulsets');
const pods = res('', 'pods');
const pvcs = res('', 'persistentvolumeclaims');
const controllerRevisions = res('apps', 'controllerrevisions');

/** --concurrent-statefulset-syncs default. */
const concurrentStatefulSetSyncs = 5;

// Models pkg/controller/statefulset/stateful_set.go NewStatefulSetController.
/** The StatefulSet controller. */
export function newStatefulSetController(ctx: ControllerContext): Controller {
  const queue = ctx.newQueue('statefulset');
  const recorder = ctx.recorder('statefulset-controller');
  const setInf = ctx.informers.informerFor<StatefulSet>(statefulSets);
  const podInf = ctx.informers.informerFor<Pod>(pods);
  const pvcInf = ctx.informers.informerFor<PersistentVolumeClaim>(pvcs);
  const revInf = ctx.informers.informerFor<ControllerRevision>(controllerRevisions);
  const setLister = setInf.lister;
  const podLister = podInf.lister;
  const history = new History(ctx.client, revInf.lister);
  const control = new StatefulSetControl(ctx.client, new StatefulPodControl(ctx.client, podLister, pvcInf.lister, recorder), history, setLister, () => ctx.wallMs());
  // Adoption and release of pods patch them as any controller does.
  const podControl = new RealPodControl(ctx.client, recorder);

  const enqueue = (set: StatefulSet) => queue.add(keyOf(set));
  const resolveControllerRef = (namespace: string, ref: { kind: string; name: string; uid: string }) => {
    if (ref.kind !== 'StatefulSet') return undefined;
    const set = setLister.get(namespace, ref.name);
    return set && set.metadata.uid === ref.uid ? set : undefined;
  };
  // Models the StatefulSetLister's GetPodStatefulSets: sets whose selector matches the pod.
  const getPodStatefulSets = (pod: Pod) =>
    Object.keys(pod.metadata.labels ?? {}).length === 0
      ? []
      : setLister.list(pod.metadata.namespace ?? '').filter((s) => {
          try {
            const sel = labelSelectorAsSelector(s.spec?.selector);
            return !sel.empty() && sel.matches(pod.metadata.labels ?? {});
          } catch {
            return false;
          }
        });

  setInf.addEventHandler({ add: enqueue, update: (_o, c) => enqueue(c), delete: enqueue });
  podInf.addEventHandler({
    add(pod) {
      if (pod.metadata.deletionTimestamp) return void deletePod(pod);
      const ref = getControllerOf(pod);
      if (ref) {
        const set = resolveControllerRef(pod.metadata.namespace ?? '', ref);
        if (set) enqueue(set);
        return;
      }
      for (const set of getPodStatefulSets(pod)) enqueue(set);
    },
    // Models stateful_set.go updatePod.
    update(old, cur) {
      if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
      const labelChanged = JSON.stringify(cur.metadata.labels ?? {}) !== JSON.stringify(old.metadata.labels ?? {});
      const curRef = getControllerOf(cur);
      const oldRef = getControllerOf(old);
      const refChanged = JSON.stringify(curRef) !== JSON.stringify(oldRef);
      if (refChanged && oldRef) {
        const set = resolveControllerRef(old.metadata.namespace ?? '', oldRef);
        if (set) enqueue(set);
      }
      if (curRef) {
        const set = resolveControllerRef(cur.metadata.namespace ?? '', curRef);
        if (!set) return;
        enqueue(set);
        // Sync again once a newly ready pod counts as available, a second late against skew in AddAfter (kubernetes#39785).
        const minReady = set.spec?.minReadySeconds ?? 0;
        if (!isPodReady(old) && isPodReady(cur) && minReady > 0) queue.addAfter(keyOf(set), minReady * 1000 + 1000);
        return;
      }
      if (labelChanged || refChanged) for (const set of getPodStatefulSets(cur)) enqueue(set);
    },
    delete: (pod) => deletePod(pod),
  });
  const deletePod = (pod: Pod) => {
    const ref = getControllerOf(pod);
    const set = ref && resolveControllerRef(pod.metadata.namespace ?? '', ref);
    if (set) enqueue(set);
  };

  // Models stateful_set.go adoptOrphanRevisions.
  function* adoptOrphanRevisions(set: StatefulSet): Co<void> {
    const orphans = control.listRevisions(set).filter((r) => !getControllerOf(r));
    if (orphans.length === 0) return;
    try {
      yield* freshCheck(set)();
    } catch (e) {
      throw new Error(`can't adopt ControllerRevisions: ${errorText(e)}`);
    }
    yield* control.adoptOrphanRevisions(set, orphans);
  }

  const freshCheck = (set: StatefulSet) => freshControllerCheck(() => ctx.client.get(statefulSets, set.metadata.namespace ?? '', set.metadata.name!), set, 'StatefulSet');

  // Models stateful_set.go getPodsForStatefulSet: claim by selector, and only pods named as the set's.
  function* getPodsForStatefulSet(set: StatefulSet): Co<Pod[]> {
    const cm = new PodControllerRefManager(podControl, set, labelSelectorAsSelector(set.spec?.selector), { apiVersion: 'apps/v1', kind: 'StatefulSet' }, freshCheck(set));
    return yield* cm.claimPods(podLister.list(set.metadata.namespace ?? ''), (p) => isMemberOf(set, p));
  }

  // Models stateful_set.go sync and syncStatefulSet.
  function* sync(key: string): Co<void> {
    const [ns, name] = splitKey(key);
    const set = setLister.get(ns, name);
    if (!set) return;
    try {
      labelSelectorAsSelector(set.spec?.selector);
    } catch {
      // Not transient: no retry.
      return;
    }
    yield* adoptOrphanRevisions(set);
    const claimed = yield* getPodsForStatefulSet(set);
    const status = yield* control.updateStatefulSet(set, claimed);
    // One more sync against clock skew, and to requeue right after the status update.
    const minReady = set.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && status && (status.availableReplicas ?? 0) !== (set.spec?.replicas ?? 1)) queue.addAfter(key, minReady * 1000);
  }

  return { name: 'statefulset', workers: concurrentStatefulSetSyncs, queue, sync };
}
