// pkg/controller/deployment/progress.go: the Progressing condition of a rollout (NewReplicaSetAvailable
// when complete, ReplicaSetUpdated on any progress, ProgressDeadlineExceeded after
// progressDeadlineSeconds without any), ReplicaSet failures promoted to the Deployment, and the
// requeue that makes a stuck Deployment time out on schedule rather than at the next resync.

import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from '../../api/types';
import { deepEqual } from '../../api/validation/util';
import { keyOf } from '../../client/store';
import type { Co } from '../../sim/co';
import { timeMs } from '../util';
import { updateDeploymentStatus, type DeploymentContext } from './context';
import { calculateStatus } from './sync';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getDeploymentCondition,
  hasProgressDeadline,
  newDeploymentCondition,
  reasons,
  removeDeploymentCondition,
  replicaSetToDeploymentCondition,
  setDeploymentCondition,
} from './util';

// Models pkg/controller/deployment/progress.go syncRolloutStatus
/** The status with Progressing and ReplicaFailure brought up to date; written if it changed, else maybe requeued. */
export function* syncRolloutStatus(dc: DeploymentContext, allRSs: (ReplicaSet | null)[], newRS: ReplicaSet | null, d: Deployment): Co<void> {
  const nowMs = dc.wallMs();
  const newStatus = calculateStatus(allRSs, newRS, d, nowMs);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(newStatus, 'Progressing');
  // A rollout that already finished is a resync, not a rollout: no progress to estimate.
  const currentCond = getDeploymentCondition(d.status, 'Progressing');
  const isCompleteDeployment = newStatus.replicas === newStatus.updatedReplicas && currentCond?.reason === reasons.NewRSAvailable;
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    if (deploymentComplete(d, newStatus)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setDeploymentCondition(newStatus, newDeploymentCondition('Progressing', 'True', reasons.NewRSAvailable, msg, nowMs));
    } else if (deploymentProgressing(d, newStatus)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const cond = newDeploymentCondition('Progressing', 'True', reasons.ReplicaSetUpdated, msg, nowMs);
      // Progressing is updated even with the same reason, so lastUpdateTime marks the latest progress;
      // a True condition keeps its transition time.
      if (currentCond) {
        if (currentCond.status === 'True') cond.lastTransitionTime = currentCond.lastTransitionTime;
        removeDeploymentCondition(newStatus, 'Progressing');
      }
      setDeploymentCondition(newStatus, cond);
    } else if (deploymentTimedOut(d, newStatus, nowMs)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setDeploymentCondition(newStatus, newDeploymentCondition('Progressing', 'False', reasons.TimedOut, msg, nowMs));
    }
  }
  // There is at most one ReplicaFailure condition on a ReplicaSet.
  const failures = getReplicaFailures(allRSs, newRS);
  if (failures.length > 0) setDeploymentCondition(newStatus, failures[0]);
  else removeDeploymentCondition(newStatus, 'ReplicaFailure');

  if (deepEqual(d.status ?? {}, newStatus)) {
    requeueStuckDeployment(dc, d, newStatus);
    return;
  }
  d.status = newStatus;
  yield* updateDeploymentStatus(dc, d);
}

// Models pkg/controller/deployment/progress.go getReplicaFailures
/** ReplicaFailure conditions of the new ReplicaSet, or else of any ReplicaSet, as Deployment conditions. */
export function getReplicaFailures(allRSs: (ReplicaSet | null)[], newRS: ReplicaSet | null): DeploymentCondition[] {
  const of = (rs: ReplicaSet | null) => (rs?.status?.conditions ?? []).filter((c) => c.type === 'ReplicaFailure').map(replicaSetToDeploymentCondition);
  const fromNew = of(newRS);
  if (fromNew.length > 0) return fromNew;
  return allRSs.flatMap(of);
}

// Models pkg/controller/deployment/progress.go requeueStuckDeployment
/** Requeues a Deployment without progress for when its deadline passes; the delay in ms, -1 when none is needed. */
export function requeueStuckDeployment(dc: DeploymentContext, d: Deployment, newStatus: DeploymentStatus): number {
  const currentCond = getDeploymentCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !currentCond) return -1;
  if (deploymentComplete(d, newStatus) || currentCond.reason === reasons.TimedOut) return -1;
  // lastUpdateTime + progressDeadlineSeconds - now: when the check has to happen (#34458).
  const after = timeMs(currentCond.lastUpdateTime) + (d.spec!.progressDeadlineSeconds ?? 0) * 1000 - dc.wallMs();
  if (after < 1000) {
    dc.queue.addRateLimited(keyOf(d));
    return 0;
  }
  // One more second against millisecond skew in AddAfter (#39785).
  dc.queue.addAfter(keyOf(d), after + 1000);
  return after;
}
