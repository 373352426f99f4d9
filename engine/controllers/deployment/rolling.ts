// pkg/controller/deployment/rolling.go: the RollingUpdate strategy. Each sync either scales the new
// ReplicaSet up (within maxSurge above spec.replicas) or scales old ones down (keeping at least
// spec.replicas - maxUnavailable available), first removing old pods that are not available anyway.

import type { Deployment, ReplicaSet } from '../../api/types';
import type { Co } from '../../sim/co';
import type { DeploymentContext } from './context';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import {
  byCreationTimestamp,
  deploymentComplete,
  filterActiveReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  maxUnavailable,
  newRSNewReplicas,
  replicasOf,
  sortRS,
} from './util';

// Models pkg/controller/deployment/rolling.go rolloutRolling
/** One step of a rolling update: scale up if we can, else scale down if we can, then write status. */
export function* rolloutRolling(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): Co<void> {
  const [newRS, oldRSs] = yield* getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...oldRSs, newRS];
  if (yield* reconcileNewReplicaSet(dc, allRSs, newRS!, d)) return yield* syncRolloutStatus(dc, allRSs, newRS, d);
  if (yield* reconcileOldReplicaSets(dc, allRSs, filterActiveReplicaSets(oldRSs), newRS!, d)) return yield* syncRolloutStatus(dc, allRSs, newRS, d);
  if (deploymentComplete(d, d.status ?? {})) yield* cleanupDeployment(dc, oldRSs, d);
  yield* syncRolloutStatus(dc, allRSs, newRS, d);
}

// Models pkg/controller/deployment/rolling.go reconcileNewReplicaSet
/** Scales the new ReplicaSet towards spec.replicas as far as maxSurge allows; true if it scaled. */
export function* reconcileNewReplicaSet(dc: DeploymentContext, allRSs: (ReplicaSet | null)[], newRS: ReplicaSet, d: Deployment): Co<boolean> {
  if (replicasOf(newRS) === replicasOf(d)) return false;
  if (replicasOf(newRS) > replicasOf(d)) return (yield* scaleReplicaSetAndRecordEvent(dc, newRS, replicasOf(d), d))[0];
  const count = newRSNewReplicas(d, allRSs, newRS);
  return (yield* scaleReplicaSetAndRecordEvent(dc, newRS, count, d))[0];
}

// Models pkg/controller/deployment/rolling.go reconcileOldReplicaSets
/** Scales old ReplicaSets down without going below minimum availability, unhealthy pods first; true if any scaled. */
export function* reconcileOldReplicaSets(dc: DeploymentContext, allRSs: (ReplicaSet | null)[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): Co<boolean> {
  const oldPodsCount = getReplicaCountForReplicaSets(oldRSs);
  if (oldPodsCount === 0) return false;
  const allPodsCount = getReplicaCountForReplicaSets(allRSs);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  // The new ReplicaSet's unavailable pods count too, so a crash-looping new template never makes us
  // take down more old pods (see rolling.go for the worked examples).
  const newRSUnavailablePodCount = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;
  // Unhealthy replicas first, or they would block the rollout until it times out (#16737).
  let cleaned: { rss: ReplicaSet[]; count: number };
  try {
    cleaned = yield* cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
  } catch {
    return false; // upstream drops this error
  }
  let scaledDownCount: number;
  try {
    scaledDownCount = yield* scaleDownOldReplicaSetsForRollingUpdate(dc, [...cleaned.rss, newRS], cleaned.rss, d);
  } catch {
    return false; // and this one
  }
  return cleaned.count + scaledDownCount > 0;
}

// Models pkg/controller/deployment/rolling.go cleanupUnhealthyReplicas
/** Scales old ReplicaSets down by their unavailable replicas, oldest first, at most maxCleanupCount in all. */
export function* cleanupUnhealthyReplicas(dc: DeploymentContext, oldRSs: ReplicaSet[], d: Deployment, maxCleanupCount: number): Co<{ rss: ReplicaSet[]; count: number }> {
  sortRS(oldRSs, byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < oldRSs.length; i++) {
    if (total >= maxCleanupCount) break;
    const rs = oldRSs[i];
    const available = rs.status?.availableReplicas ?? 0;
    if (replicasOf(rs) === 0 || replicasOf(rs) === available) continue;
    const count = Math.min(maxCleanupCount - total, replicasOf(rs) - available);
    const newReplicas = replicasOf(rs) - count;
    if (newReplicas > replicasOf(rs)) throw new Error(`when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata.namespace}/${rs.metadata.name} ${replicasOf(rs)} -> ${newReplicas}`);
    const [, updated] = yield* scaleReplicaSetAndRecordEvent(dc, rs, newReplicas, d);
    total += count;
    oldRSs[i] = updated;
  }
  return { rss: oldRSs, count: total };
}

// Models pkg/controller/deployment/rolling.go scaleDownOldReplicaSetsForRollingUpdate
/** Scales old ReplicaSets down, oldest first, by as many as are available above minimum availability. */
export function* scaleDownOldReplicaSetsForRollingUpdate(dc: DeploymentContext, allRSs: (ReplicaSet | null)[], oldRSs: ReplicaSet[], d: Deployment): Co<number> {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const availablePodCount = getAvailableReplicaCountForReplicaSets(allRSs);
  if (availablePodCount <= minAvailable) return 0;
  sortRS(oldRSs, byCreationTimestamp);
  let total = 0;
  const totalScaleDownCount = availablePodCount - minAvailable;
  for (const rs of oldRSs) {
    if (total >= totalScaleDownCount) break;
    if (replicasOf(rs) === 0) continue;
    const count = Math.min(replicasOf(rs), totalScaleDownCount - total);
    const newReplicas = replicasOf(rs) - count;
    if (newReplicas > replicasOf(rs)) throw new Error(`when scaling down old RS, got invalid request to scale down ${rs.metadata.namespace}/${rs.metadata.name} ${replicasOf(rs)} -> ${newReplicas}`);
    yield* scaleReplicaSetAndRecordEvent(dc, rs, newReplicas, d);
    total += count;
  }
  return total;
}
