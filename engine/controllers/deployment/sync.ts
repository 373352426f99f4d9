// pkg/controller/deployment/sync.go: finding (or creating) the new ReplicaSet with its revision,
// proportional scaling on a scaling event or while paused, cleaning up old ReplicaSets beyond
// revisionHistoryLimit, and the status every sync ends by writing.

import type { Deployment, DeploymentStatus, ReplicaSet } from '../../api/types';
import { deepEqual } from '../../api/validation/util';
import { isAlreadyExists, isNotFound } from '../../client/clientset';
import type { Co } from '../../sim/co';
import { computeHash, errorText, getControllerOf, hasStatusCause, namespaceTerminatingCause, newControllerRef } from '../util';
import { controllerKind, REPLICASETS, updateDeploymentStatus, updateReplicaSet, wireRS, type DeploymentContext } from './context';
import {
  bySizeNewer,
  bySizeOlder,
  byRevision,
  cloneAndAddLabel,
  cloneSelectorAndAddLabel,
  defaultDeploymentUniqueLabelKey,
  deprecatedRollbackTo,
  equalIgnoreHash,
  filterActiveReplicaSets,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getActualReplicaCountForReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getDeploymentCondition,
  getDesiredReplicasAnnotation,
  getProportion,
  getReadyReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newDeploymentCondition,
  newRSNewReplicas,
  reasons,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  setDeploymentCondition,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  sortRS,
} from './util';

/** The revision-history annotation is kept under ~100 revisions (maxRevHistoryLengthInChars). */
const maxRevHistoryLengthInChars = 2000;

/** The revision the deprecated rollbackTo annotation asks for, if any (getRollbackTo). */
export function getRollbackTo(d: Deployment): { revision: number } | null {
  const v = d.metadata.annotations?.[deprecatedRollbackTo];
  if (!v || !/^[+-]?\d+$/.test(v)) return null;
  return { revision: Number(v) };
}

// Models pkg/controller/deployment/sync.go syncStatusOnly
/** Only the status: a Deployment being deleted takes no other action. */
export function* syncStatusOnly(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): Co<void> {
  const [newRS, oldRSs] = yield* getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  yield* syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

// Models pkg/controller/deployment/sync.go sync
/** A scaling event or a paused Deployment: scale proportionally, clean up if paused, write status. */
export function* sync(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): Co<void> {
  const [newRS, oldRSs] = yield* getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  yield* scale(dc, d, newRS, oldRSs);
  if (d.spec?.paused && !getRollbackTo(d)) yield* cleanupDeployment(dc, oldRSs, d);
  yield* syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

// Models pkg/controller/deployment/sync.go checkPausedConditions
/** Marks a pause or resume in Progressing, so time paused never counts against the progress deadline. */
export function* checkPausedConditions(dc: DeploymentContext, d: Deployment): Co<void> {
  if (!hasProgressDeadline(d)) return;
  const cond = getDeploymentCondition(d.status, 'Progressing');
  // A reported lack of progress is not overwritten by a pause.
  if (cond?.reason === reasons.TimedOut) return;
  const pausedCondExists = cond?.reason === reasons.PausedDeploy;
  d.status ??= {};
  if (d.spec?.paused && !pausedCondExists) {
    setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'Unknown', reasons.PausedDeploy, 'Deployment is paused', dc.wallMs()));
  } else if (!d.spec?.paused && pausedCondExists) {
    setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'Unknown', reasons.ResumedDeploy, 'Deployment is resumed', dc.wallMs()));
  } else return;
  yield* updateDeploymentStatus(dc, d);
}

// Models pkg/controller/deployment/sync.go getAllReplicaSetsAndSyncRevision
/** The new ReplicaSet (created if asked and missing) with its revision synced, and all the old ones. */
export function* getAllReplicaSetsAndSyncRevision(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[], createIfNotExisted: boolean): Co<[ReplicaSet | null, ReplicaSet[]]> {
  const [, allOldRSs] = findOldReplicaSets(d, rsList);
  const newRS = yield* getNewReplicaSet(dc, d, rsList, allOldRSs, createIfNotExisted);
  return [newRS, allOldRSs];
}

// Models pkg/controller/deployment/sync.go getNewReplicaSet
/** The ReplicaSet whose template is the Deployment's: its annotations brought up to date, or created `<name>-<hash>`. */
export function* getNewReplicaSet(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], createIfNotExisted: boolean): Co<ReplicaSet | null> {
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  d.status ??= {};
  if (existing) {
    const rsCopy = structuredClone(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true, maxRevHistoryLengthInChars);
    const minReadySecondsNeedsUpdate = (rsCopy.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadySecondsNeedsUpdate) {
      rsCopy.spec = { ...rsCopy.spec, minReadySeconds: d.spec?.minReadySeconds ?? 0 };
      return yield* updateReplicaSet(dc, rsCopy);
    }
    // The revision on the existing new ReplicaSet is the one to trust.
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '');
    // A Deployment that never had a Progressing condition starts its clock at the first sight of its new ReplicaSet.
    if (hasProgressDeadline(d) && !getDeploymentCondition(d.status, 'Progressing')) {
      setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'True', reasons.FoundNewRS, `Found new replica set "${rsCopy.metadata.name}"`, dc.wallMs()));
      needsUpdate = true;
    }
    if (needsUpdate) yield* updateDeploymentStatus(dc, d);
    return rsCopy;
  }
  if (!createIfNotExisted) return null;

  const template = structuredClone(d.spec!.template);
  const hash = computeHash(template, d.status.collisionCount);
  template.metadata = { ...template.metadata, labels: cloneAndAddLabel(d.spec?.template.metadata?.labels, defaultDeploymentUniqueLabelKey, hash) };
  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      // A deterministic name makes creation idempotent.
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: template.metadata.labels,
      ownerReferences: [newControllerRef(d, controllerKind.apiVersion, controllerKind.kind)],
    },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector: cloneSelectorAndAddLabel(d.spec?.selector, defaultDeploymentUniqueLabelKey, hash), template },
  };
  const newReplicasCount = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec!.replicas = newReplicasCount;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false, maxRevHistoryLengthInChars);

  let created: ReplicaSet;
  let alreadyExists = false;
  try {
    created = yield* dc.client.create(REPLICASETS, d.metadata.namespace ?? '', wireRS(newRS));
  } catch (e) {
    if (isAlreadyExists(e)) {
      // A slow cache or a fast resync: ours if we control it and its template is ours; else a hash collision.
      alreadyExists = true;
      const rs = dc.rsLister.get(newRS.metadata.namespace ?? '', newRS.metadata.name ?? '');
      if (!rs) throw e;
      const ref = getControllerOf(rs);
      if (!(ref && ref.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template, rs.spec?.template))) {
        // Bump collisionCount so the next sync hashes to another name; requeue with the original error.
        d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
        try {
          yield* updateDeploymentStatus(dc, d);
        } catch {
          // upstream only logs the collision when this update worked
        }
        throw e;
      }
      created = rs;
    } else if (hasStatusCause(e, namespaceTerminatingCause)) {
      throw e;
    } else {
      const msg = `Failed to create new replica set "${newRS.metadata.name}": ${errorText(e)}`;
      if (hasProgressDeadline(d)) {
        setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'False', reasons.FailedRSCreate, msg, dc.wallMs()));
        try {
          yield* updateDeploymentStatus(dc, d);
        } catch {
          // the bigger issue is the failed create
        }
      }
      dc.recorder.event(d, 'Warning', reasons.FailedRSCreate, msg);
      throw e;
    }
  }
  if (!alreadyExists && newReplicasCount > 0) dc.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} to ${newReplicasCount}`);
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    setDeploymentCondition(d.status, newDeploymentCondition('Progressing', 'True', reasons.NewReplicaSet, `Created new replica set "${created.metadata.name}"`, dc.wallMs()));
    needsUpdate = true;
  }
  if (needsUpdate) yield* updateDeploymentStatus(dc, d);
  return created;
}

// Models pkg/controller/deployment/sync.go scale
/** Scales to spec.replicas: the one active ReplicaSet, or old ones down when the new is saturated, or all in proportion. */
export function* scale(dc: DeploymentContext, d: Deployment, newRS: ReplicaSet | null, oldRSs: ReplicaSet[]): Co<void> {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (replicasOf(activeOrLatest) === replicasOf(d)) return;
    yield* scaleReplicaSetAndRecordEvent(dc, activeOrLatest, replicasOf(d), d);
    return;
  }
  // A saturated new ReplicaSet (adopted, say) leaves nothing for the old ones.
  if (isSaturated(d, newRS)) {
    for (const old of filterActiveReplicaSets(oldRSs)) yield* scaleReplicaSetAndRecordEvent(dc, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const allRSs = filterActiveReplicaSets([...oldRSs, newRS]);
  const allRSsReplicas = getReplicaCountForReplicaSets(allRSs);
  const allowedSize = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  // Replicas to add (or remove), spread over the active ReplicaSets in proportion to their size.
  const toAdd = allowedSize - allRSsReplicas;
  let scalingOperation = '';
  // Same sizes: scaling up favours newer ReplicaSets, scaling down takes from older ones first.
  if (toAdd > 0) {
    sortRS(allRSs, bySizeNewer);
    scalingOperation = 'up';
  } else if (toAdd < 0) {
    sortRS(allRSs, bySizeOlder);
    scalingOperation = 'down';
  }
  let added = 0;
  const nameToSize = new Map<string, number>();
  for (const rs of allRSs) {
    if (toAdd !== 0) {
      const proportion = getProportion(rs, d, toAdd, added);
      nameToSize.set(rs.metadata.name ?? '', replicasOf(rs) + proportion);
      added += proportion;
    } else nameToSize.set(rs.metadata.name ?? '', replicasOf(rs));
  }
  for (let i = 0; i < allRSs.length; i++) {
    const rs = allRSs[i];
    const name = rs.metadata.name ?? '';
    // Leftovers go to the largest.
    if (i === 0 && toAdd !== 0) nameToSize.set(name, Math.max(0, nameToSize.get(name)! + toAdd - added));
    yield* scaleReplicaSet(dc, rs, nameToSize.get(name)!, d, scalingOperation);
  }
}

// Models pkg/controller/deployment/sync.go scaleReplicaSetAndRecordEvent
/** Scales one ReplicaSet if its size differs; answers whether it did, and the ReplicaSet as stored. */
export function* scaleReplicaSetAndRecordEvent(dc: DeploymentContext, rs: ReplicaSet, newScale: number, d: Deployment): Co<[boolean, ReplicaSet]> {
  if (replicasOf(rs) === newScale) return [false, rs];
  return yield* scaleReplicaSet(dc, rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down');
}

// Models pkg/controller/deployment/sync.go scaleReplicaSet
/** Writes the size and the replica annotations; a size change is a ScalingReplicaSet event on the Deployment. */
export function* scaleReplicaSet(dc: DeploymentContext, rs: ReplicaSet, newScale: number, d: Deployment, scalingOperation: string): Co<[boolean, ReplicaSet]> {
  const sizeNeedsUpdate = replicasOf(rs) !== newScale;
  const max = replicasOf(d) + maxSurge(d);
  const annotationsNeedUpdate = replicasAnnotationsNeedUpdate(rs, replicasOf(d), max);
  if (!sizeNeedsUpdate && !annotationsNeedUpdate) return [false, rs];
  const oldScale = replicasOf(rs);
  const rsCopy = structuredClone(rs);
  rsCopy.spec = { ...rsCopy.spec, replicas: newScale };
  setReplicasAnnotations(rsCopy, replicasOf(d), max);
  const updated = yield* updateReplicaSet(dc, rsCopy);
  if (sizeNeedsUpdate) dc.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${scalingOperation} replica set ${updated.metadata.name} to ${newScale} from ${oldScale}`);
  return [sizeNeedsUpdate, updated];
}

// Models pkg/controller/deployment/sync.go cleanupDeployment
/** Deletes the oldest empty ReplicaSets beyond revisionHistoryLimit. */
export function* cleanupDeployment(dc: DeploymentContext, oldRSs: ReplicaSet[], d: Deployment): Co<void> {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => rs && !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - (d.spec?.revisionHistoryLimit ?? 0);
  if (diff <= 0) return;
  sortRS(cleanable, byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    // Only ReplicaSets that are empty, settled and not already going.
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue;
    try {
      yield* dc.client.delete(REPLICASETS, rs.metadata.namespace ?? '', rs.metadata.name ?? '');
    } catch (e) {
      // Stop rather than keep deleting into an overloaded apiserver.
      if (!isNotFound(e)) throw e;
    }
  }
}

// Models pkg/controller/deployment/sync.go syncDeploymentStatus
/** Writes the status the ReplicaSets give, if it changed. */
export function* syncDeploymentStatus(dc: DeploymentContext, allRSs: (ReplicaSet | null)[], newRS: ReplicaSet | null, d: Deployment): Co<void> {
  const newStatus = calculateStatus(allRSs, newRS, d, dc.wallMs());
  if (deepEqual(d.status ?? {}, newStatus)) return;
  d.status = newStatus;
  yield* updateDeploymentStatus(dc, d);
}

// Models pkg/controller/deployment/sync.go calculateStatus
/** Replica counts summed over the ReplicaSets, the conditions carried over, Available set by minimum availability. */
export function calculateStatus(allRSs: (ReplicaSet | null)[], newRS: ReplicaSet | null, d: Deployment, nowMs: number): DeploymentStatus {
  const available = getAvailableReplicaCountForReplicaSets(allRSs);
  const total = getReplicaCountForReplicaSets(allRSs);
  // More available than desired (while scaling down) is not negative unavailability.
  const unavailable = Math.max(0, total - available);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: getActualReplicaCountForReplicaSets(allRSs),
    updatedReplicas: getActualReplicaCountForReplicaSets([newRS]),
    readyReplicas: getReadyReplicaCountForReplicaSets(allRSs),
    availableReplicas: available,
    unavailableReplicas: unavailable,
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
  };
  if (d.status?.conditions?.length) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'True', reasons.MinimumReplicasAvailable, 'Deployment has minimum availability.', nowMs));
  } else {
    setDeploymentCondition(status, newDeploymentCondition('Available', 'False', reasons.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', nowMs));
  }
  return status;
}

// Models pkg/controller/deployment/sync.go isScalingEvent
/** Whether spec.replicas changed: an active ReplicaSet records another desired-replicas. */
export function* isScalingEvent(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): Co<boolean> {
  const [newRS, oldRSs] = yield* getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of filterActiveReplicaSets([...oldRSs, newRS])) {
    const desired = getDesiredReplicasAnnotation(rs);
    if (desired === undefined) continue;
    if (desired !== replicasOf(d)) return true;
  }
  return false;
}
