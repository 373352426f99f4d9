// apps/v1 defaulting: pkg/apis/apps/v1/defaults.go and the walk into each workload's pod template
// and claim templates (zz_generated.defaults.go), with 1.32's default feature gates
// (StatefulSetAutoDeletePVC is GA; MaxUnavailableStatefulSet is alpha and off, so a StatefulSet's
// rollingUpdate.maxUnavailable is not defaulted).

import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from '../types';
import { setDefaultsPersistentVolumeClaim, setDefaultsPodTemplateSpec } from './core';
import { isNil, items, ptr, struct } from './util';

/** SetObjectDefaults_Deployment: one replica, RollingUpdate 25%/25%, 10 old ReplicaSets, 600s to progress. */
export function setDefaultsDeployment(obj: Deployment): void {
  const spec = struct(obj, 'spec');
  if (!spec) return;
  if (isNil(spec.replicas)) spec.replicas = 1;
  const strategy = struct(spec, 'strategy');
  if (strategy) {
    if (!strategy.type) strategy.type = 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = struct(strategy, 'rollingUpdate');
      if (ru) {
        if (isNil(ru.maxUnavailable)) ru.maxUnavailable = '25%';
        if (isNil(ru.maxSurge)) ru.maxSurge = '25%';
      }
    }
  }
  if (isNil(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  if (isNil(spec.progressDeadlineSeconds)) spec.progressDeadlineSeconds = 600;
  setDefaultsPodTemplateSpec(struct(spec, 'template'));
}

/** SetObjectDefaults_DaemonSet: RollingUpdate with maxUnavailable 1 and maxSurge 0, 10 old revisions. */
export function setDefaultsDaemonSet(obj: DaemonSet): void {
  const spec = struct(obj, 'spec');
  if (!spec) return;
  const strategy = struct(spec, 'updateStrategy');
  if (strategy) {
    if (!strategy.type) strategy.type = 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = struct(strategy, 'rollingUpdate');
      if (ru) {
        if (isNil(ru.maxUnavailable)) ru.maxUnavailable = 1;
        if (isNil(ru.maxSurge)) ru.maxSurge = 0;
      }
    }
  }
  if (isNil(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  setDefaultsPodTemplateSpec(struct(spec, 'template'));
}

/** SetObjectDefaults_StatefulSet. */
export function setDefaultsStatefulSet(obj: StatefulSet): void {
  const spec = struct(obj, 'spec');
  if (!spec) return;
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const strategy = struct(spec, 'updateStrategy');
  if (strategy) {
    // Only an unset type gets a rollingUpdate to default; an explicit RollingUpdate without one keeps none.
    if (!strategy.type) {
      strategy.type = 'RollingUpdate';
      if (isNil(strategy.rollingUpdate)) strategy.rollingUpdate = {};
    }
    const ru = ptr(strategy.rollingUpdate);
    if (strategy.type === 'RollingUpdate' && ru && isNil(ru.partition)) ru.partition = 0;
  }
  const retention = struct(spec, 'persistentVolumeClaimRetentionPolicy');
  if (retention) {
    if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
    if (!retention.whenScaled) retention.whenScaled = 'Retain';
  }
  if (isNil(spec.replicas)) spec.replicas = 1;
  if (isNil(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  setDefaultsPodTemplateSpec(struct(spec, 'template'));
  for (const claim of items(spec.volumeClaimTemplates)) setDefaultsPersistentVolumeClaim(claim);
}

/** SetObjectDefaults_ReplicaSet: one replica. */
export function setDefaultsReplicaSet(obj: ReplicaSet): void {
  const spec = struct(obj, 'spec');
  if (!spec) return;
  if (isNil(spec.replicas)) spec.replicas = 1;
  setDefaultsPodTemplateSpec(struct(spec, 'template'));
}
