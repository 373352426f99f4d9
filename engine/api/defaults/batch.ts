// batch/v1 defaulting: pkg/apis/batch/v1/defaults.go and the walk into the pod templates, with
// 1.32's default feature gates (JobPodReplacementPolicy and JobBackoffLimitPerIndex are on).

import type { CronJob, Job, JobSpec } from '../types';
import { setDefaultsPodTemplateSpec } from './core';
import { isEmpty, isNil, isObject, items, ptr, struct } from './util';

/** math.MaxInt32: the backoff limit of a job that limits backoff per index instead. */
const maxInt32 = 2147483647;

/** SetDefaults_PodFailurePolicyOnPodConditionsPattern, reached from any JobSpec. */
function setDefaultsPodFailurePolicy(spec: JobSpec): void {
  for (const rule of items(ptr(spec.podFailurePolicy)?.rules)) {
    for (const pattern of items(rule.onPodConditions)) if (!pattern.status) pattern.status = 'True';
  }
}

/** SetObjectDefaults_Job. */
export function setDefaultsJob(obj: Job): void {
  const spec = struct(obj, 'spec');
  if (!spec) return;
  // A non-parallel job may leave both unset: both become 1.
  if (isNil(spec.completions) && isNil(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (isNil(spec.parallelism)) spec.parallelism = 1;
  if (isNil(spec.backoffLimit)) spec.backoffLimit = isNil(spec.backoffLimitPerIndex) ? 6 : maxInt32;
  const template = struct(spec, 'template');
  const labels = template ? ptr(template.metadata)?.labels : undefined;
  if (isObject(labels) && !isEmpty(labels) && isEmpty(obj.metadata.labels)) obj.metadata.labels = { ...labels };
  if (isNil(spec.completionMode)) spec.completionMode = 'NonIndexed';
  if (isNil(spec.suspend)) spec.suspend = false;
  if (isNil(spec.podReplacementPolicy)) spec.podReplacementPolicy = isNil(spec.podFailurePolicy) ? 'TerminatingOrFailed' : 'Failed';
  if (isNil(spec.manualSelector)) spec.manualSelector = false;
  setDefaultsPodFailurePolicy(spec);
  setDefaultsPodTemplateSpec(template);
}

/** SetObjectDefaults_CronJob. The job template's spec gets only the nested defaults, not a Job's. */
export function setDefaultsCronJob(obj: CronJob): void {
  const spec = struct(obj, 'spec');
  if (!spec) return;
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  if (isNil(spec.suspend)) spec.suspend = false;
  if (isNil(spec.successfulJobsHistoryLimit)) spec.successfulJobsHistoryLimit = 3;
  if (isNil(spec.failedJobsHistoryLimit)) spec.failedJobsHistoryLimit = 1;
  const jobSpec = struct(struct(spec, 'jobTemplate') ?? {}, 'spec');
  if (!jobSpec) return;
  setDefaultsPodFailurePolicy(jobSpec);
  setDefaultsPodTemplateSpec(struct(jobSpec, 'template'));
}
