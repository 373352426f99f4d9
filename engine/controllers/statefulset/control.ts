// The StatefulSet control loop (pkg/controller/statefulset/stateful_set_control.go and
// stateful_set_status_updater.go). With OrderedReady, pods are created one at a time in ordinal
// order, each only once its predecessors are Running, Ready and available, and removed in
// descending order; Parallel drops the ordering. A RollingUpdate replaces, from the highest ordinal
// down to the partition, one pod at a time that is not at the update revision (MaxUnavailableStatefulSet
// is alpha and off in 1.32); OnDelete leaves that to the user. Revisions are ControllerRevisions.

import type { ControllerRevision, Pod, StatefulSet } from '../../api/types';
import { labelSelectorAsSelector } from '../../api/labels';
import { isConflict, isNotFound, res, type KubeClient } from '../../client/clientset';
import type { Lister } from '../../client/store';
import type { Co } from '../../sim/co';
import { equalRevision, findEqualRevisions, nextRevision, sortControllerRevisions, type History } from '../history';
import { Aggregate } from '../util/controller-ref';
import { settleAll } from '../util/slow-start';
import type { StatefulPodControl } from './pod-control';
import {
  allowsBurst,
  applyRevision,
  completeRollingUpdate,
  getEndOrdinal,
  getOrdinal,
  getPodRevision,
  getStartOrdinal,
  identityMatches,
  inconsistentStatus,
  isCreated,
  isFailed,
  isHealthy,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  newRevision,
  newVersionedStatefulSetPod,
  podInOrdinalRange,
  storageMatches,
} from './utils';

const statefulSets = res('apps', 'statefulsets');
/** MaxBatchSize: most requests in flight in Parallel mode. */
const maxBatchSize = 500;
/** retry.DefaultRetry's steps for the status update. */
const statusRetrySteps = 5;

type Status = NonNullable<StatefulSet['status']>;

// Models pkg/controller/statefulset/stateful_set_control.go defaultStatefulSetControl.
/** The control logic of one StatefulSet sync. */
export class StatefulSetControl {
  constructor(
    private readonly client: KubeClient,
    private readonly podControl: StatefulPodControl,
    private readonly history: History,
    private readonly setLister: Lister<StatefulSet>,
    /** Wall ms now, for availability. */
    private readonly now: () => number,
  ) {}

  listRevisions(set: StatefulSet): ControllerRevision[] {
    return this.history.listControllerRevisions(set, labelSelectorAsSelector(set.spec?.selector));
  }

  *adoptOrphanRevisions(set: StatefulSet, revisions: ControllerRevision[]): Co<void> {
    for (let i = 0; i < revisions.length; i++) revisions[i] = yield* this.history.adoptControllerRevision(set, 'apps/v1', 'StatefulSet', revisions[i]!);
  }

  // Models stateful_set_control.go UpdateStatefulSet.
  /** One sync: revisions, pods, status, then history truncation; answers the status it computed. */
  *updateStatefulSet(setIn: StatefulSet, pods: Pod[]): Co<Status | null> {
    // The set is changed when a new revision is made: work on a copy.
    const set = structuredClone(setIn);
    const revisions = sortControllerRevisions(this.listRevisions(set));
    let r: { current: ControllerRevision | null; update: ControllerRevision | null; status: Status | null };
    try {
      r = yield* this.performUpdate(set, pods, revisions);
    } catch (e) {
      const errs = e instanceof Aggregate ? [...e.errors] : [e];
      const partial = (e as { revisions?: { current: ControllerRevision | null; update: ControllerRevision | null } }).revisions;
      try {
        yield* this.truncateHistory(set, pods, revisions, partial?.current ?? null, partial?.update ?? null);
      } catch (e2) {
        errs.push(e2);
      }
      throw errs.length === 1 ? errs[0] : new Aggregate(errs);
    }
    yield* this.truncateHistory(set, pods, revisions, r.current, r.update);
    return r.status;
  }

  // Models stateful_set_control.go performUpdate.
  private *performUpdate(set: StatefulSet, pods: Pod[], revisions: ControllerRevision[]): Co<{ current: ControllerRevision; update: ControllerRevision; status: Status }> {
    const { current, update, collisionCount } = yield* this.getStatefulSetRevisions(set, revisions);
    const attach = (e: unknown) => Object.assign(e instanceof Error ? e : new Error(String(e)), { revisions: { current, update } });
    const { status, err } = yield* this.updateStatefulSetPods(set, current, update, collisionCount, pods);
    if (err !== undefined && !status) throw attach(err);
    let statusErr: unknown;
    try {
      yield* this.updateStatefulSetStatus(set, status!);
    } catch (e) {
      statusErr = e;
    }
    if (err !== undefined) throw attach(err);
    if (statusErr !== undefined) throw attach(statusErr);
    return { current, update, status: status! };
  }

  // Models stateful_set_control.go truncateHistory.
  /** Deletes the oldest revisions past revisionHistoryLimit that are neither current, update, nor any pod's. */
  private *truncateHistory(set: StatefulSet, pods: readonly Pod[], revisions: readonly ControllerRevision[], current: ControllerRevision | null, update: ControllerRevision | null): Co<void> {
    const live = new Set<string>();
    if (current) live.add(current.metadata.name!);
    if (update) live.add(update.metadata.name!);
    for (const p of pods) live.add(getPodRevision(p));
    const history = revisions.filter((r) => !live.has(r.metadata.name!));
    const limit = set.spec?.revisionHistoryLimit ?? 10;
    if (history.length <= limit) return;
    for (const r of history.slice(0, history.length - limit)) yield* this.history.deleteControllerRevision(r);
  }

  // Models stateful_set_control.go getStatefulSetRevisions.
  /** The current and update revisions: the update one created, reused, or (a rollback) renumbered as the newest. */
  private *getStatefulSetRevisions(set: StatefulSet, revisions: ControllerRevision[]): Co<{ current: ControllerRevision; update: ControllerRevision; collisionCount: number }> {
    sortControllerRevisions(revisions);
    const collision = { count: set.status?.collisionCount ?? 0 };
    let update = newRevision(set, nextRevision(revisions), collision.count);
    const equal = findEqualRevisions(revisions, update);
    const last = revisions[revisions.length - 1];
    if (equal.length > 0 && equalRevision(last, equal[equal.length - 1])) {
      // The newest revision is the set as it is: nothing changed.
      update = last!;
    } else if (equal.length > 0) {
      // An older revision equals the set: roll back to it by renumbering it.
      update = yield* this.history.updateControllerRevision(equal[equal.length - 1]!, update.revision);
    } else {
      update = yield* this.history.createControllerRevision(set, update, collision);
    }
    const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount: collision.count };
  }

  // Models stateful_set_control.go updateStatefulSet (the pod-level work).
  private *updateStatefulSetPods(set: StatefulSet, currentRevision: ControllerRevision, updateRevision: ControllerRevision, collisionCount: number, pods: readonly Pod[]): Co<{ status: Status | null; err?: unknown }> {
    const currentSet = applyRevision(set, currentRevision);
    const updateSet = applyRevision(set, updateRevision);
    const minReady = set.spec?.minReadySeconds ?? 0;
    const status: Status = { observedGeneration: set.metadata.generation, replicas: 0, currentRevision: currentRevision.metadata.name, updateRevision: updateRevision.metadata.name, collisionCount };
    const recount = (...lists: (readonly Pod[])[]) => this.updateStatus(status, minReady, currentRevision, updateRevision, ...lists);
    recount(pods);

    const replicaCount = set.spec?.replicas ?? 1;
    const replicas: Pod[] = new Array(replicaCount);
    const condemned: Pod[] = [];
    for (const pod of pods) {
      if (podInOrdinalRange(pod, set)) replicas[getOrdinal(pod) - getStartOrdinal(set)] = pod;
      // An ordinal that does not parse: not ours to touch.
      else if (getOrdinal(pod) >= 0) condemned.push(pod);
    }
    for (let ord = getStartOrdinal(set); ord <= getEndOrdinal(set); ord++) {
      const i = ord - getStartOrdinal(set);
      if (!replicas[i]) replicas[i] = newVersionedStatefulSetPod(currentSet, updateSet, currentRevision.metadata.name!, updateRevision.metadata.name!, ord);
    }
    condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));
    let firstUnhealthyPod: Pod | undefined;
    for (const p of replicas) if (!isHealthy(p) && !firstUnhealthyPod) firstUnhealthyPod = p;
    for (let i = condemned.length - 1; i >= 0; i--) if (!isHealthy(condemned[i]!) && !firstUnhealthyPod) firstUnhealthyPod = condemned[i];

    // Being deleted: status only.
    if (set.metadata.deletionTimestamp) return { status };
    const monotonic = !allowsBurst(set);
    const done = (err?: unknown) => {
      recount(replicas, condemned);
      return { status, ...(err !== undefined ? { err } : {}) };
    };

    let r = yield* this.runForAll(replicas, (i) => this.processReplica(set, updateSet, monotonic, replicas, i), monotonic);
    if (r.shouldExit || r.err !== undefined) return done(r.err);
    // Condemned pods' claims get the ownerRefs the retention policy wants before the pods go.
    r = yield* this.runForAll(condemned, (i) => this.fixPodClaim(updateSet, condemned[i]!), monotonic);
    if (r.shouldExit || r.err !== undefined) return done(r.err);
    r = yield* this.runForAll(condemned, (i) => this.processCondemned(set, firstUnhealthyPod, monotonic, condemned, i), monotonic);
    if (r.shouldExit || r.err !== undefined) return done(r.err);
    recount(replicas, condemned);

    if (set.spec?.updateStrategy?.type === 'OnDelete') return { status };
    const updateMin = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    // Replace the highest ordinal not at the update revision; wait on any unhealthy one met on the way.
    for (let target = replicas.length - 1; target >= updateMin; target--) {
      const pod = replicas[target]!;
      if (getPodRevision(pod) !== updateRevision.metadata.name && !isTerminating(pod)) {
        try {
          yield* this.podControl.deleteStatefulPod(set, pod);
        } catch (e) {
          if (!isNotFound(e)) return { status, err: e };
        }
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        return { status };
      }
      if (!isHealthy(pod)) return { status };
    }
    return { status };
  }

  // Models stateful_set_control.go computeReplicaStatus and updateStatus.
  private updateStatus(status: Status, minReadySeconds: number, currentRevision: ControllerRevision, updateRevision: ControllerRevision, ...lists: (readonly Pod[])[]): void {
    let replicas = 0;
    let ready = 0;
    let available = 0;
    let current = 0;
    let updated = 0;
    const now = this.now();
    for (const list of lists) {
      for (const pod of list) {
        if (!pod) continue;
        if (isCreated(pod)) replicas++;
        if (isRunningAndReady(pod)) {
          ready++;
          if (isRunningAndAvailable(pod, minReadySeconds, now)) available++;
        }
        if (isCreated(pod) && !isTerminating(pod)) {
          if (getPodRevision(pod) === currentRevision.metadata.name) current++;
          if (getPodRevision(pod) === updateRevision.metadata.name) updated++;
        }
      }
    }
    Object.assign(status, { replicas, readyReplicas: ready, availableReplicas: available, currentReplicas: current, updatedReplicas: updated });
  }

  // Models stateful_set_control.go processReplica.
  /** One live replica: replace it if it finished, create it, or conform it; true stops a monotonic run. */
  private *processReplica(set: StatefulSet, updateSet: StatefulSet, monotonic: boolean, replicas: Pod[], i: number): Co<boolean> {
    const pod = replicas[i]!;
    // Failed or Succeeded (an evicted pod can end either way): delete it, recreate it once it is gone.
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!pod.metadata.deletionTimestamp) yield* this.podControl.deleteStatefulPod(set, pod);
      return true;
    }
    if (!isCreated(pod)) {
      // A claim still owned by a deleted namesake blocks creation this round.
      if (this.podControl.podClaimIsStale(set, pod)) return true;
      yield* this.podControl.createStatefulPod(set, pod);
      if (monotonic) return true;
    }
    if (isPending(pod)) yield* this.podControl.createMissingPersistentVolumeClaims(set, pod);
    if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isRunningAndAvailable(pod, set.spec?.minReadySeconds ?? 0, this.now()))) return true;
    let retentionMatch = true;
    try {
      retentionMatch = yield* this.podControl.claimsMatchRetentionPolicy(updateSet, pod);
    } catch {
      // Expected while the pod is not fully updated: treated as matching.
      retentionMatch = true;
    }
    if (identityMatches(set, pod) && storageMatches(set, pod) && retentionMatch) return false;
    yield* this.podControl.updateStatefulPod(updateSet, structuredClone(pod));
    return false;
  }

  private *fixPodClaim(updateSet: StatefulSet, pod: Pod): Co<boolean> {
    if (!(yield* this.podControl.claimsMatchRetentionPolicy(updateSet, pod))) yield* this.podControl.updatePodClaimForRetentionPolicy(updateSet, pod);
    return false;
  }

  // Models stateful_set_control.go processCondemned.
  /** One pod past the replica count: wait (monotonic) for termination and healthy predecessors, then delete it. */
  private *processCondemned(set: StatefulSet, firstUnhealthyPod: Pod | undefined, monotonic: boolean, condemned: Pod[], i: number): Co<boolean> {
    const pod = condemned[i]!;
    if (isTerminating(pod)) return monotonic;
    if (monotonic && pod !== firstUnhealthyPod && (!isRunningAndReady(pod) || !isRunningAndAvailable(pod, set.spec?.minReadySeconds ?? 0, this.now()))) return true;
    yield* this.podControl.deleteStatefulPod(set, pod);
    return true;
  }

  // Models stateful_set_control.go runForAll and slowStartBatch.
  private *runForAll(pods: readonly Pod[], fn: (i: number) => Co<boolean>, monotonic: boolean): Co<{ shouldExit: boolean; err?: unknown }> {
    if (monotonic) {
      for (let i = 0; i < pods.length; i++) {
        try {
          if (yield* fn(i)) return { shouldExit: true };
        } catch (e) {
          return { shouldExit: true, err: e };
        }
      }
      return { shouldExit: false };
    }
    let remaining = pods.length;
    let j = 0;
    for (let batch = Math.min(remaining, 1); batch > 0; batch = Math.min(2 * batch, remaining, maxBatchSize)) {
      const outcomes = yield* settleAll(Array.from({ length: batch }, () => fn(j++)));
      const errs = outcomes.filter((o): o is { ok: false; error: unknown } => !o.ok).map((o) => o.error);
      if (errs.length) return { shouldExit: true, err: new Aggregate(errs) };
      remaining -= batch;
    }
    return { shouldExit: false };
  }

  // Models stateful_set_control.go updateStatefulSetStatus and stateful_set_status_updater.go UpdateStatefulSetStatus.
  /** Writes the status if it differs (completing a finished rolling update first), retrying conflicts. */
  private *updateStatefulSetStatus(set: StatefulSet, status: Status): Co<void> {
    completeRollingUpdate(set, status);
    if (!inconsistentStatus(set, status)) return;
    let toUpdate = structuredClone(set);
    for (let attempt = 0; ; attempt++) {
      toUpdate.status = wireStatus(status);
      try {
        yield* this.client.update(statefulSets, toUpdate.metadata.namespace ?? '', toUpdate, 'status');
        return;
      } catch (e) {
        if (!isConflict(e) || attempt + 1 >= statusRetrySteps) throw e;
        const fresh = this.setLister.get(set.metadata.namespace ?? '', set.metadata.name!);
        if (fresh) toUpdate = structuredClone(fresh);
      }
    }
  }
}

/** Go's omitempty on StatefulSetStatus (replicas and availableReplicas are always sent). */
function wireStatus(s: Status): Status {
  const out: Record<string, unknown> = { ...s, availableReplicas: s.availableReplicas ?? 0 };
  for (const k of ['observedGeneration', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'currentRevision', 'updateRevision']) if (!out[k]) delete out[k];
  return out as unknown as Status;
}
