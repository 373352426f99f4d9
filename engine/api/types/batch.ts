// batch/v1, as k8s.io/api/batch/v1/types.go (v0.32.4) defines it.
// The objects in their JSON wire form: field names as JSON spells them; a field is optional when
// upstream omits it when empty (omitempty) or may leave it null (a pointer); a non-pointer time is
// null when unset, as Go encodes a zero metav1.Time. Closed enums are unions of their values, open
// ones (condition types, reasons) plain strings.

import type { ObjectReference, PodConditionType, PodTemplateSpec } from './core';
import type { ConditionStatus, KubeList, LabelSelector, ObjectMeta, TypeMeta } from './meta';

export interface Job extends TypeMeta {
  metadata: ObjectMeta;
  spec?: JobSpec;
  status?: JobStatus;
}

export type JobList = KubeList<Job>;

export type CompletionMode = 'NonIndexed' | 'Indexed';

export type PodFailurePolicyAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export type PodFailurePolicyOnExitCodesOperator = 'In' | 'NotIn';

export type PodReplacementPolicy = 'TerminatingOrFailed' | 'Failed';

export interface PodFailurePolicyOnExitCodesRequirement {
  containerName?: string;
  operator: PodFailurePolicyOnExitCodesOperator;
  values: number[];
}

export interface PodFailurePolicyOnPodConditionsPattern {
  type: PodConditionType;
  status: ConditionStatus;
}

export interface PodFailurePolicyRule {
  action: PodFailurePolicyAction;
  onExitCodes?: PodFailurePolicyOnExitCodesRequirement;
  onPodConditions?: PodFailurePolicyOnPodConditionsPattern[];
}

export interface PodFailurePolicy {
  rules: PodFailurePolicyRule[];
}

export interface SuccessPolicy {
  rules: SuccessPolicyRule[];
}

export interface SuccessPolicyRule {
  succeededIndexes?: string;
  succeededCount?: number;
}

export interface JobSpec {
  parallelism?: number;
  /** Unset means any pod's success completes the job (a work queue). */
  completions?: number;
  activeDeadlineSeconds?: number;
  podFailurePolicy?: PodFailurePolicy;
  successPolicy?: SuccessPolicy;
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  selector?: LabelSelector;
  manualSelector?: boolean;
  template: PodTemplateSpec;
  ttlSecondsAfterFinished?: number;
  completionMode?: CompletionMode;
  suspend?: boolean;
  podReplacementPolicy?: PodReplacementPolicy;
  /** A controller other than the built-in job controller may own the job. */
  managedBy?: string;
}

export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  /** Indexed jobs: compressed ranges, e.g. `1,3-5,7`. */
  completedIndexes?: string;
  failedIndexes?: string;
  uncountedTerminatedPods?: UncountedTerminatedPods;
  ready?: number;
}

export interface UncountedTerminatedPods {
  succeeded?: string[];
  failed?: string[];
}

export type JobConditionType = string;

export interface JobCondition {
  type: JobConditionType;
  status: ConditionStatus;
  lastProbeTime?: string | null;
  lastTransitionTime?: string | null;
  reason?: string;
  message?: string;
}

export interface JobTemplateSpec {
  metadata?: ObjectMeta;
  spec?: JobSpec;
}

export interface CronJob extends TypeMeta {
  metadata: ObjectMeta;
  spec?: CronJobSpec;
  status?: CronJobStatus;
}

export type CronJobList = KubeList<CronJob>;

export interface CronJobSpec {
  schedule: string;
  /** An IANA time zone name; the controller's local zone when unset. */
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: ConcurrencyPolicy;
  suspend?: boolean;
  jobTemplate: JobTemplateSpec;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

export type ConcurrencyPolicy = 'Allow' | 'Forbid' | 'Replace';

export interface CronJobStatus {
  active?: ObjectReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

