// apps/v1, as k8s.io/api/apps/v1/types.go (v0.32.4) defines it.
// The objects in their JSON wire form: field names as JSON spells them; a field is optional when
// upstream omits it when empty (omitempty) or may leave it null (a pointer); a non-pointer time is
// null when unset, as Go encodes a zero metav1.Time. Closed enums are unions of their values, open
// ones (condition types, reasons) plain strings.

import type { PersistentVolumeClaim, PodTemplateSpec } from './core';
import type { ConditionStatus, KubeList, LabelSelector, ObjectMeta, TypeMeta } from './meta';

export interface StatefulSet extends TypeMeta {
  metadata: ObjectMeta;
  spec?: StatefulSetSpec;
  status?: StatefulSetStatus;
}

export type PodManagementPolicyType = 'OrderedReady' | 'Parallel';

export interface StatefulSetUpdateStrategy {
  type?: StatefulSetUpdateStrategyType;
  rollingUpdate?: RollingUpdateStatefulSetStrategy;
}

export type StatefulSetUpdateStrategyType = 'RollingUpdate' | 'OnDelete';

export interface RollingUpdateStatefulSetStrategy {
  partition?: number;
  maxUnavailable?: number | string;
}

export type PersistentVolumeClaimRetentionPolicyType = 'Retain' | 'Delete';

export interface StatefulSetPersistentVolumeClaimRetentionPolicy {
  whenDeleted?: PersistentVolumeClaimRetentionPolicyType;
  whenScaled?: PersistentVolumeClaimRetentionPolicyType;
}

export interface StatefulSetOrdinals {
  /** The first replica's ordinal, 0 by default. */
  start?: number;
}

export interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelector;
  template: PodTemplateSpec;
  volumeClaimTemplates?: PersistentVolumeClaim[];
  /** The governing (headless) service: pods get `<pod>.<serviceName>` DNS names. */
  serviceName: string;
  podManagementPolicy?: PodManagementPolicyType;
  updateStrategy?: StatefulSetUpdateStrategy;
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: StatefulSetPersistentVolumeClaimRetentionPolicy;
  ordinals?: StatefulSetOrdinals;
}

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: StatefulSetCondition[];
  availableReplicas?: number;
}

export type StatefulSetConditionType = string;

export interface StatefulSetCondition {
  type: StatefulSetConditionType;
  status: ConditionStatus;
  lastTransitionTime?: string | null;
  reason?: string;
  message?: string;
}

export type StatefulSetList = KubeList<StatefulSet>;

export interface Deployment extends TypeMeta {
  metadata: ObjectMeta;
  spec?: DeploymentSpec;
  status?: DeploymentStatus;
}

export interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelector;
  template: PodTemplateSpec;
  strategy?: DeploymentStrategy;
  minReadySeconds?: number;
  /** Old ReplicaSets kept for rollback; defaulted to 10. */
  revisionHistoryLimit?: number;
  paused?: boolean;
  /** Defaulted to 600. */
  progressDeadlineSeconds?: number;
}

export interface DeploymentStrategy {
  type?: DeploymentStrategyType;
  rollingUpdate?: RollingUpdateDeployment;
}

export type DeploymentStrategyType = 'Recreate' | 'RollingUpdate';

export interface RollingUpdateDeployment {
  /** A count or a percentage of desired pods ('25%'), defaulted to 25%. */
  maxUnavailable?: number | string;
  /** A count or a percentage of desired pods ('25%'), defaulted to 25%. */
  maxSurge?: number | string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

export type DeploymentConditionType = string;

export interface DeploymentCondition {
  type: DeploymentConditionType;
  status: ConditionStatus;
  lastUpdateTime?: string | null;
  lastTransitionTime?: string | null;
  reason?: string;
  message?: string;
}

export type DeploymentList = KubeList<Deployment>;

export interface DaemonSetUpdateStrategy {
  type?: DaemonSetUpdateStrategyType;
  rollingUpdate?: RollingUpdateDaemonSet;
}

export type DaemonSetUpdateStrategyType = 'RollingUpdate' | 'OnDelete';

export interface RollingUpdateDaemonSet {
  maxUnavailable?: number | string;
  maxSurge?: number | string;
}

export interface DaemonSetSpec {
  selector?: LabelSelector;
  template: PodTemplateSpec;
  updateStrategy?: DaemonSetUpdateStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
  conditions?: DaemonSetCondition[];
}

export type DaemonSetConditionType = string;

export interface DaemonSetCondition {
  type: DaemonSetConditionType;
  status: ConditionStatus;
  lastTransitionTime?: string | null;
  reason?: string;
  message?: string;
}

export interface DaemonSet extends TypeMeta {
  metadata: ObjectMeta;
  spec?: DaemonSetSpec;
  status?: DaemonSetStatus;
}

export type DaemonSetList = KubeList<DaemonSet>;

export interface ReplicaSet extends TypeMeta {
  metadata: ObjectMeta;
  spec?: ReplicaSetSpec;
  status?: ReplicaSetStatus;
}

export type ReplicaSetList = KubeList<ReplicaSet>;

export interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
}

export type ReplicaSetConditionType = string;

export interface ReplicaSetCondition {
  type: ReplicaSetConditionType;
  status: ConditionStatus;
  lastTransitionTime?: string | null;
  reason?: string;
  message?: string;
}

export interface ControllerRevision extends TypeMeta {
  metadata: ObjectMeta;
  data?: unknown;
  revision: number;
}

export type ControllerRevisionList = KubeList<ControllerRevision>;

