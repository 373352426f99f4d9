// The disruption controller (pkg/controller/disruption/disruption.go): keeps every
// PodDisruptionBudget's status up to date — how many of its pods are expected (the pods for an
// integer minAvailable, else the scale of their controllers), how many must stay healthy, how many
// are (ready, not being deleted, not just evicted), and so how many disruptions the eviction
// subresource may allow now, with the DisruptionAllowed condition. Pods the eviction subresource
// recorded in status.disruptedPods count as gone for two minutes (DeletionTimeout); the PDB is
// looked at again when that runs out. An error (a pod with no controller and a percentage) sets
// disruptionsAllowed to 0 with the condition's SyncFailed reason (failSafe).

import { labelSelectorAsSelector } from '../api/labels';
import { getScaledValueFromIntOrPercent } from '../api/intstr';
import type { Deployment, OwnerReference, Pod, PodDisruptionBudget, PodDisruptionBudgetStatus, ReplicaSet, ReplicationController, StatefulSet } from '../api/types';
import { rfc3339 } from '../apiserver/registry/objects';
import { conditionsAreUpToDate, disruptionAllowedCondition, setStatusCondition, syncFailedReason, updateDisruptionAllowedCondition } from '../apiserver/registry/pdb';
import { isConflict, isNotFound, res } from '../client/clientset';
import { keyOf, splitKey } from '../client/store';
import { Cancelled, type Co } from '../sim/co';
import type { Controller, ControllerContext } from './controller';
import { getControllerOf, isPodReady } from './util';

const pdbs = res('policy', 'poddisruptionbudgets');
const pods = res('', 'pods');

/** How long a pod the eviction subresource reported stays out of currentHealthy while it is not deleted (DeletionTimeout). */
export const deletionTimeoutMs = 2 * 60_000;

/** A controller and its scale, as a finder answers it. */
interface ControllerAndScale {
  uid: string;
  scale: number;
}

/** The listers the finders read. */
export interface ScaleListers {
  rc(ns: string, name: string): ReplicationController | undefined;
  rs(ns: string, name: string): ReplicaSet | undefined;
  deployment(ns: string, name: string): Deployment | undefined;
  statefulSet(ns: string, name: string): StatefulSet | undefined;
}

// Models disruption.go getPodReplicationController, getPodDeployment, getPodReplicaSet, getPodStatefulSet
// (in that order: a ReplicaSet a Deployment controls counts as its Deployment). getScaleController,
// the generic /scale finder, would find nothing more among the resources served here.
/** The controller behind a pod's controllerRef and its desired replicas, or null. */
export function findControllerScale(l: ScaleListers, ref: OwnerReference, ns: string): ControllerAndScale | null {
  const sameUid = <T extends { metadata: { uid?: string } }>(o: T | undefined) => (o && o.metadata.uid === ref.uid ? o : undefined);
  if (ref.kind === 'ReplicationController') {
    const rc = sameUid(l.rc(ns, ref.name));
    if (rc) return { uid: rc.metadata.uid!, scale: rc.spec?.replicas ?? 1 };
  }
  if (ref.kind === 'ReplicaSet') {
    const rs = sameUid(l.rs(ns, ref.name));
    if (rs) {
      const rsRef = getControllerOf(rs);
      if (rsRef?.kind === 'Deployment') {
        const d = l.deployment(ns, rsRef.name);
        if (d && d.metadata.uid === rsRef.uid) return { uid: d.metadata.uid!, scale: d.spec?.replicas ?? 1 };
      } else return { uid: rs.metadata.uid!, scale: rs.spec?.replicas ?? 1 };
    }
  }
  if (ref.kind === 'StatefulSet') {
    const ss = sameUid(l.statefulSet(ns, ref.name));
    if (ss) return { uid: ss.metadata.uid!, scale: ss.spec?.replicas ?? 1 };
  }
  return null;
}

// Models disruption.go getExpectedScale: the sum of the scales of the pods' distinct controllers.
/** The expected pod count of a PDB with a percentage or maxUnavailable, and the pods no controller owns. */
export function getExpectedScale(l: ScaleListers, ps: readonly Pod[]): { expected: number; unmanaged: string[] } {
  const scales = new Map<string, number>();
  const unmanaged: string[] = [];
  for (const p of ps) {
    const ref = getControllerOf(p);
    if (!ref) {
      unmanaged.push(p.metadata.name ?? '');
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const found = findControllerScale(l, ref, p.metadata.namespace ?? '');
    if (!found) throw new Error(`found no controllers for pod "${p.metadata.name}"`);
    scales.set(found.uid, found.scale);
  }
  let expected = 0;
  for (const s of scales.values()) expected += s;
  return { expected, unmanaged };
}

// Models disruption.go getExpectedPodCount.
/** expectedCount and desiredHealthy of a PDB over its pods. */
export function getExpectedPodCount(l: ScaleListers, pdb: PodDisruptionBudget, ps: readonly Pod[]): { expected: number; desiredHealthy: number; unmanaged: string[] } {
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const { expected, unmanaged } = getExpectedScale(l, ps);
    const maxUnavailable = getScaledValueFromIntOrPercent(spec.maxUnavailable, expected, true);
    return { expected, desiredHealthy: Math.max(0, expected - maxUnavailable), unmanaged };
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === 'number') return { expected: ps.length, desiredHealthy: spec.minAvailable, unmanaged: [] };
    const { expected, unmanaged } = getExpectedScale(l, ps);
    return { expected, desiredHealthy: getScaledValueFromIntOrPercent(spec.minAvailable, expected, true), unmanaged };
  }
  return { expected: 0, desiredHealthy: 0, unmanaged: [] };
}

// Models disruption.go buildDisruptedPodMap.
/** The disrupted pods still expected to go, and when the earliest of them times out (wall ms). */
export function buildDisruptedPodMap(ps: readonly Pod[], pdb: PodDisruptionBudget, nowMs: number): { disrupted: Record<string, string>; recheckAt: number | null; notDeleted: Pod[] } {
  const recorded = pdb.status?.disruptedPods ?? {};
  const disrupted: Record<string, string> = {};
  let recheckAt: number | null = null;
  const notDeleted: Pod[] = [];
  for (const p of ps) {
    if (p.metadata.deletionTimestamp) continue;
    const at = recorded[p.metadata.name ?? ''];
    if (at === undefined) continue;
    const expectedDeletion = Date.parse(at) + deletionTimeoutMs;
    if (expectedDeletion < nowMs) notDeleted.push(p);
    else {
      if (recheckAt === null || expectedDeletion < recheckAt) recheckAt = expectedDeletion;
      disrupted[p.metadata.name ?? ''] = at;
    }
  }
  return { disrupted, recheckAt, notDeleted };
}

// Models disruption.go countHealthyPods.
/** Ready pods that are neither being deleted nor just disrupted. */
export function countHealthyPods(ps: readonly Pod[], disrupted: Record<string, string>, nowMs: number): number {
  let n = 0;
  for (const p of ps) {
    if (p.metadata.deletionTimestamp) continue;
    const at = disrupted[p.metadata.name ?? ''];
    if (at !== undefined && Date.parse(at) + deletionTimeoutMs > nowMs) continue;
    if (isPodReady(p)) n++;
  }
  return n;
}

// Models disruption.go updatePdbStatus: disruptionsAllowed is 0 while no pods are expected.
/** The status a PDB should have, or null when it already has it. */
export function pdbStatus(pdb: PodDisruptionBudget, currentHealthy: number, desiredHealthy: number, expected: number, disrupted: Record<string, string>, now: string): PodDisruptionBudgetStatus | null {
  let allowed = currentHealthy - desiredHealthy;
  if (expected <= 0 || allowed <= 0) allowed = 0;
  const st = pdb.status;
  const generation = pdb.metadata.generation ?? 0;
  if (
    st &&
    st.currentHealthy === currentHealthy &&
    st.desiredHealthy === desiredHealthy &&
    st.expectedPods === expected &&
    st.disruptionsAllowed === allowed &&
    JSON.stringify(st.disruptedPods ?? {}) === JSON.stringify(disrupted) &&
    (st.observedGeneration ?? 0) === generation &&
    conditionsAreUpToDate(pdb)
  ) {
    return null;
  }
  const next: PodDisruptionBudget = {
    ...pdb,
    status: {
      currentHealthy,
      desiredHealthy,
      expectedPods: expected,
      disruptionsAllowed: allowed,
      ...(Object.keys(disrupted).length > 0 ? { disruptedPods: disrupted } : {}),
      observedGeneration: generation,
      conditions: JSON.parse(JSON.stringify(st?.conditions ?? [])),
    },
  };
  updateDisruptionAllowedCondition(next, now);
  return next.status!;
}

/** --concurrent workers of the disruption controller (one, as upstream runs it). */
const workers = 1;

// Models disruption.go NewDisruptionController.
/** The disruption controller. */
export function newDisruptionController(ctx: ControllerContext): Controller {
  const queue = ctx.newQueue('disruption');
  const recorder = ctx.recorder('controllermanager');
  const pdbInformer = ctx.informers.informerFor<PodDisruptionBudget>(pdbs);
  const podInformer = ctx.informers.informerFor<Pod>(pods);
  const rcs = ctx.informers.informerFor<ReplicationController>(res('', 'replicationcontrollers')).lister;
  const rss = ctx.informers.informerFor<ReplicaSet>(res('apps', 'replicasets')).lister;
  const deployments = ctx.informers.informerFor<Deployment>(res('apps', 'deployments')).lister;
  const statefulSets = ctx.informers.informerFor<StatefulSet>(res('apps', 'statefulsets')).lister;
  const listers: ScaleListers = {
    rc: (ns, n) => rcs.get(ns, n),
    rs: (ns, n) => rss.get(ns, n),
    deployment: (ns, n) => deployments.get(ns, n),
    statefulSet: (ns, n) => statefulSets.get(ns, n),
  };

  // Models disruption.go getPdbForPod (the lister's GetPodPodDisruptionBudgets: in policy/v1 an empty selector matches every pod).
  const pdbForPod = (pod: Pod): PodDisruptionBudget | null => {
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) return null;
    const found = pdbInformer.lister.list(pod.metadata.namespace ?? '').filter((pdb) => {
      try {
        return labelSelectorAsSelector(pdb.spec?.selector).matches(pod.metadata.labels ?? {});
      } catch {
        return false;
      }
    });
    if (found.length === 0) return null;
    if (found.length > 1) {
      const msg = `Pod "${pod.metadata.namespace}"/"${pod.metadata.name}" matches multiple PodDisruptionBudgets.  Chose "${found[0].metadata.name}" arbitrarily.`;
      recorder.event(pod, 'Warning', 'MultiplePodDisruptionBudgets', msg);
    }
    return found[0];
  };
  const enqueuePod = (pod: Pod) => {
    const pdb = pdbForPod(pod);
    if (pdb) queue.add(keyOf(pdb));
  };
  pdbInformer.addEventHandler({ add: (p) => queue.add(keyOf(p)), update: (_o, p) => queue.add(keyOf(p)), delete: (p) => queue.add(keyOf(p)) });
  podInformer.addEventHandler({ add: enqueuePod, update: (_o, p) => enqueuePod(p), delete: enqueuePod });

  // Models disruption.go getPodsForPdb.
  const podsForPdb = (pdb: PodDisruptionBudget): Pod[] => {
    const sel = labelSelectorAsSelector(pdb.spec?.selector);
    return podInformer.lister.list(pdb.metadata.namespace ?? '', sel);
  };

  const writeStatus = function* (pdb: PodDisruptionBudget, status: PodDisruptionBudgetStatus): Co<void> {
    yield* ctx.client.update<PodDisruptionBudget>(pdbs, pdb.metadata.namespace ?? '', { ...pdb, status }, 'status');
  };

  // Models disruption.go trySync.
  function* trySync(pdb: PodDisruptionBudget): Co<void> {
    const ps = podsForPdb(pdb);
    if (ps.length === 0) recorder.event(pdb, 'Warning', 'NoPods', 'No matching pods found');
    let counts: ReturnType<typeof getExpectedPodCount>;
    try {
      counts = getExpectedPodCount(listers, pdb, ps);
    } catch (e) {
      recorder.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
    if (counts.unmanaged.length > 0) {
      recorder.event(pdb, 'Warning', 'UnmanagedPods', `Pods selected by this PodDisruptionBudget (selector: ${labelSelectorAsSelector(pdb.spec?.selector).toString()}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`);
    }
    const nowMs = ctx.wallMs();
    const { disrupted, recheckAt, notDeleted } = buildDisruptedPodMap(ps, pdb, nowMs);
    for (const p of notDeleted) recorder.event(p, 'Warning', 'NotDeleted', `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.name} to be deleted but it wasn't`);
    const healthy = countHealthyPods(ps, disrupted, nowMs);
    const status = pdbStatus(pdb, healthy, counts.desiredHealthy, counts.expected, disrupted, rfc3339(nowMs));
    if (status) yield* writeStatus(pdb, status);
    if (recheckAt !== null) queue.addAfter(keyOf(pdb), Math.max(0, recheckAt - nowMs));
  }

  // Models disruption.go failSafe.
  function* failSafe(pdb: PodDisruptionBudget, err: unknown): Co<void> {
    const status: PodDisruptionBudgetStatus = JSON.parse(JSON.stringify(pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0 }));
    status.disruptionsAllowed = 0;
    status.conditions ??= [];
    setStatusCondition(status.conditions, { type: disruptionAllowedCondition, status: 'False', reason: syncFailedReason, message: err instanceof Error ? err.message : String(err), observedGeneration: status.observedGeneration }, rfc3339(ctx.wallMs()));
    yield* writeStatus(pdb, status);
  }

  // Models disruption.go sync.
  function* sync(key: string): Co<void> {
    const [ns, name] = splitKey(key);
    const pdb = pdbInformer.lister.get(ns, name);
    if (!pdb) return;
    try {
      yield* trySync(pdb);
    } catch (e) {
      // A conflict is requeued without the fail-safe.
      if (e instanceof Cancelled || isConflict(e) || isNotFound(e)) throw e;
      yield* failSafe(pdb, e);
    }
  }

  return { name: 'disruption', workers, queue, sync };
}
