// pkg/controller/deployment/recreate.go: the Recreate strategy. Old ReplicaSets go to zero first;
// only when no old pod is left running is the new ReplicaSet created (if need be) and scaled up.

import type { Deployment, Pod, ReplicaSet } from '../../api/types';
import type { Co } from '../../sim/co';
import type { DeploymentContext } from './context';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import { deploymentComplete, filterActiveReplicaSets, getActualReplicaCountForReplicaSets, replicasOf } from './util';

// Models pkg/controller/deployment/recreate.go rolloutRecreate
/** One step of a Recreate rollout. */
export function* rolloutRecreate(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[], podMap: Map<string, Pod[]>): Co<void> {
  // Do not create the new ReplicaSet yet: that would scale up before the old ones are down.
  let [newRS, oldRSs] = yield* getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  const activeOldRSs = filterActiveReplicaSets(oldRSs);
  if (yield* scaleDownOldReplicaSetsForRecreate(dc, activeOldRSs, d)) return yield* syncRolloutStatus(dc, allRSs, newRS, d);
  // Wait for every old pod to stop.
  if (oldPodsRunning(newRS, oldRSs, podMap)) return yield* syncRolloutStatus(dc, allRSs, newRS, d);
  if (!newRS) {
    [newRS, oldRSs] = yield* getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
    allRSs = [...oldRSs, newRS];
  }
  yield* scaleReplicaSetAndRecordEvent(dc, newRS!, replicasOf(d), d);
  if (deploymentComplete(d, d.status ?? {})) yield* cleanupDeployment(dc, oldRSs, d);
  yield* syncRolloutStatus(dc, allRSs, newRS, d);
}

// Models pkg/controller/deployment/recreate.go scaleDownOldReplicaSetsForRecreate
/** Scales every old ReplicaSet to zero; true if any was scaled. */
export function* scaleDownOldReplicaSetsForRecreate(dc: DeploymentContext, oldRSs: ReplicaSet[], d: Deployment): Co<boolean> {
  let scaled = false;
  for (let i = 0; i < oldRSs.length; i++) {
    if (replicasOf(oldRSs[i]) === 0) continue;
    const [did, updated] = yield* scaleReplicaSetAndRecordEvent(dc, oldRSs[i], 0, d);
    if (did) {
      oldRSs[i] = updated;
      scaled = true;
    }
  }
  return scaled;
}

// Models pkg/controller/deployment/recreate.go oldPodsRunning
/** Whether an old ReplicaSet still reports pods, or an old pod is not yet terminal (Unknown counts as running). */
export function oldPodsRunning(newRS: ReplicaSet | null, oldRSs: ReplicaSet[], podMap: Map<string, Pod[]>): boolean {
  if (getActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}
