// The Job controller (pkg/controller/job/job_controller.go, Kubernetes 1.32): it runs a Job's pods
// to completion. Pods carry the batch.kubernetes.io/job-tracking finalizer; a finished pod is first
// recorded by UID in status.uncountedTerminatedPods, then its finalizer is removed, and only then
// is it counted in succeeded/failed, so no pod is counted twice or lost when the controller or a
// watch restarts. Failures count against backoffLimit and delay replacements (10 s doubling);
// activeDeadlineSeconds, podFailurePolicy and, for Indexed Jobs, successPolicy can end the Job.
// With 1.32's defaults (JobManagedBy and JobPodReplacementPolicy on) the terminal condition waits:
// FailureTarget / SuccessCriteriaMet first, Failed / Complete once no pod is terminating.

import type { Job, JobCondition, OwnerReference, Pod } from '../api/types';
import { labelSelectorAsSelector } from '../api/labels';
import { rfc3339 } from '../apiserver/registry/objects';
import { isNotFound, res } from '../client/clientset';
import { keyOf, splitKey } from '../client/store';
import type { Co } from '../sim/co';
import type { Controller, ControllerContext } from './controller';
import { BackoffStore, getRemainingTime, type BackoffRecord } from './job-backoff';
import {
  addCompletionIndex,
  addCompletionIndexEnvVariables,
  calculateSucceededIndexes,
  duplicatedIndexPodsForRemoval,
  firstPendingIndexes,
  getCompletionIndex,
  intervalsHas,
  intervalsString,
  intervalsTotal,
  isIndexedJob,
  matchSuccessPolicy,
  podGenerateNameWithIndex,
  sortByCompletionIndex,
  unknownCompletionIndex,
  withOrderedIndexes,
  type Interval,
} from './job-indexed';
import { matchPodFailurePolicy } from './job-pod-failure-policy';
import { ControllerExpectations } from './util/expectations';
import { freshControllerCheck, PodControllerRefManager } from './util/controller-ref';
import { errorText, getControllerOf, hasStatusCause, namespaceTerminatingCause, newControllerRef, RealPodControl } from './util/pod-control';
import { activePodsLess, isPodActive, isPodReady, sortByLess } from './util/pods';
import { settleAll } from './util/slow-start';

const jobs = res('batch', 'jobs');
const pods = res('', 'pods');

/** The finalizer that keeps a finished pod until the Job has counted it (batch.JobTrackingFinalizer). */
export const jobTrackingFinalizer = 'batch.kubernetes.io/job-tracking';
/** spec.managedBy of Jobs this controller syncs (batch.JobControllerName). */
export const jobControllerName = 'kubernetes.io/job-controller';
/** The labels the apiserver gives a Job's pod template (batch.JobNameLabel, ControllerUidLabel and the legacy ones). */
export { controllerUidLabel, generateSelector, jobNameLabel } from '../apiserver/registry/strategy';

/** syncJobBatchPeriod: pod events and status updates sync a Job at most this often. */
const syncJobBatchPeriodMs = 1000;
/** DefaultJobApiBackOff / MaxJobApiBackOff: the queue's backoff after a failed sync. */
const defaultJobApiBackOffMs = 1000;
const maxJobApiBackOffMs = 60_000;
/** MaxUncountedPods: keeps status.uncountedTerminatedPods under about 20 KB. */
export const maxUncountedPods = 500;
/** MaxPodCreateDeletePerSync. */
export const maxPodCreateDeletePerSync = 500;
/** --concurrent-job-syncs default. */
const concurrentJobSyncs = 5;
/** Orphan pods whose finalizer must go share the Job queue under this prefix (upstream: a second queue, job_orphan_pod). */
const orphanKeyPrefix = 'orphan-pod:';

// Models pkg/controller/job/util/utils.go FinishedCondition.
/** `Complete` or `Failed` when the Job has that condition True, else null. */
export function finishedCondition(j: Job): 'Complete' | 'Failed' | null {
  const c = (j.status?.conditions ?? []).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  return c ? (c.type as 'Complete' | 'Failed') : null;
}

/** Whether the Job has finished, either way (util.IsJobFinished). */
export function isJobFinished(j: Job): boolean {
  return finishedCondition(j) !== null;
}

/** Whether the pod still holds the tracking finalizer. */
export function hasJobTrackingFinalizer(p: Pod): boolean {
  return (p.metadata.finalizers ?? []).includes(jobTrackingFinalizer);
}

/** The state of one sync (syncJobCtx). */
interface SyncJobCtx {
  job: Job;
  pods: Pod[];
  finishedCondition: JobCondition | null;
  activePods: Pod[];
  succeeded: number;
  failed: number;
  prevSucceededIndexes: Interval[];
  succeededIndexes: Interval[];
  newBackoffRecord: BackoffRecord;
  expectedRmFinalizers: Set<string>;
  uncounted: { succeeded: Set<string>; failed: Set<string> };
  terminating: number;
  ready: number;
}

// Models pkg/controller/job/job_controller.go NewController.
/** The Job controller; its expectations and backoff records are exposed as upstream's tests reach into them. */
export function newJobController(ctx: ControllerContext): Controller & { expectations: ControllerExpectations; backoffStore: BackoffStore } {
  const queue = ctx.newQueue('job');
  const recorder = ctx.recorder('job-controller');
  const podControl = new RealPodControl(ctx.client, recorder);
  const expectations = new ControllerExpectations(() => ctx.now());
  const finalizerExpectations = new Map<string, Set<string>>();
  const backoffStore = new BackoffStore();
  const apiFailures = new Map<string, number>();
  const jobInformer = ctx.informers.informerFor<Job>(jobs);
  const podInformer = ctx.informers.informerFor<Pod>(pods);
  const jobLister = jobInformer.lister;
  const podLister = podInformer.lister;
  const now = () => ctx.wallMs();

  const enqueue = (job: Job, delayMs: number) => queue.addAfter(keyOf(job), delayMs);
  const enqueueOrphanPod = (pod: Pod) => queue.add(orphanKeyPrefix + keyOf(pod));
  const finalizerRemovalObserved = (jobKey: string, uid: string) => finalizerExpectations.get(jobKey)?.delete(uid);

  const resolveControllerRef = (namespace: string, ref: OwnerReference): Job | undefined => {
    if (ref.kind !== 'Job') return undefined;
    const job = jobLister.get(namespace, ref.name);
    return job && job.metadata.uid === ref.uid ? job : undefined;
  };

  // Models job_controller.go getPodJobs (JobLister.GetPodJobs): the Jobs whose selector matches the pod.
  const getPodJobs = (pod: Pod): Job[] => {
    if (Object.keys(pod.metadata.labels ?? {}).length === 0) return [];
    return jobLister.list(pod.metadata.namespace ?? '').filter((j) => {
      try {
        return labelSelectorAsSelector(j.spec?.selector).matches(pod.metadata.labels ?? {});
      } catch {
        return false;
      }
    });
  };

  // Models job_controller.go addPod.
  function addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) return deletePod(pod, false);
    const ref = getControllerOf(pod);
    if (ref) {
      const job = resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!job) return;
      expectations.creationObserved(keyOf(job));
      enqueue(job, syncJobBatchPeriodMs);
      return;
    }
    if (hasJobTrackingFinalizer(pod)) enqueueOrphanPod(pod);
    for (const job of getPodJobs(pod)) enqueue(job, syncJobBatchPeriodMs);
  }

  // Models job_controller.go updatePod.
  function updatePod(old: Pod, cur: Pod): void {
    if (cur.metadata.resourceVersion === old.metadata.resourceVersion) return;
    if (cur.metadata.deletionTimestamp) return deletePod(cur, false);
    const finalizerRemoved = !hasJobTrackingFinalizer(cur);
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = JSON.stringify(curRef) !== JSON.stringify(oldRef);
    if (refChanged && oldRef) {
      const job = resolveControllerRef(old.metadata.namespace ?? '', oldRef);
      if (job) {
        if (finalizerRemoved) finalizerRemovalObserved(keyOf(job), cur.metadata.uid ?? '');
        enqueue(job, syncJobBatchPeriodMs);
      }
    }
    if (curRef) {
      const job = resolveControllerRef(cur.metadata.namespace ?? '', curRef);
      if (!job) return;
      if (finalizerRemoved) finalizerRemovalObserved(keyOf(job), cur.metadata.uid ?? '');
      enqueue(job, syncJobBatchPeriodMs);
      return;
    }
    if (hasJobTrackingFinalizer(cur)) enqueueOrphanPod(cur);
    if (refChanged || JSON.stringify(cur.metadata.labels ?? {}) !== JSON.stringify(old.metadata.labels ?? {})) {
      for (const job of getPodJobs(cur)) enqueue(job, syncJobBatchPeriodMs);
    }
  }

  // Models job_controller.go deletePod: `final` is the informer's delete, not a deletionTimestamp update.
  function deletePod(pod: Pod, final: boolean): void {
    const ref = getControllerOf(pod);
    const hasFinalizer = hasJobTrackingFinalizer(pod);
    if (!ref) {
      if (hasFinalizer) enqueueOrphanPod(pod);
      return;
    }
    const job = resolveControllerRef(pod.metadata.namespace ?? '', ref);
    if (!job || isJobFinished(job)) {
      if (hasFinalizer) enqueueOrphanPod(pod);
      return;
    }
    const key = keyOf(job);
    expectations.deletionObserved(key);
    if (final || !hasFinalizer) finalizerRemovalObserved(key, pod.metadata.uid ?? '');
    enqueue(job, syncJobBatchPeriodMs);
  }

  podInformer.addEventHandler({ add: addPod, update: updatePod, delete: (p) => deletePod(p, true) });
  jobInformer.addEventHandler({
    add: (j) => enqueue(j, 0),
    // Models job_controller.go updateJob.
    update(old, cur) {
      enqueue(cur, cur.metadata.generation === old.metadata.generation ? syncJobBatchPeriodMs : 0);
      if (isJobFinished(cur)) cleanupPodFinalizers(cur);
      const start = cur.status?.startTime;
      const ads = cur.spec?.activeDeadlineSeconds;
      if (start && ads !== undefined && ads !== null && old.spec?.activeDeadlineSeconds !== ads) queue.addAfter(keyOf(cur), ads * 1000 - (now() - Date.parse(start)));
    },
    delete(j) {
      enqueue(j, 0);
      cleanupPodFinalizers(j);
    },
  });

  // Models job_controller.go cleanupPodFinalizers: a finished or deleted Job's pods lose their finalizer through the orphan path.
  function cleanupPodFinalizers(job: Job): void {
    let sel;
    try {
      sel = labelSelectorAsSelector(job.spec?.selector);
    } catch {
      return;
    }
    for (const pod of podLister.list(job.metadata.namespace ?? '', sel)) {
      if (getControllerOf(pod)?.uid === job.metadata.uid && hasJobTrackingFinalizer(pod)) enqueueOrphanPod(pod);
    }
  }

  // Models job_controller.go syncOrphanPod.
  function* syncOrphanPod(key: string): Co<void> {
    const [ns, name] = splitKey(key);
    const pod = podLister.get(ns, name);
    if (!pod) return;
    const ref = getControllerOf(pod);
    if (ref) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
      const job = resolveControllerRef(ns, ref);
      if (job && managedByExternalController(job)) return;
      if (job && !isJobFinished(job)) return;
    }
    const patch = removeTrackingFinalizerPatch(pod);
    if (!patch) return;
    try {
      yield* podControl.patchPod(ns, name, patch);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  // Models job_controller.go getPodsForJob: claim by selector, adopting with the tracking finalizer.
  function* getPodsForJob(job: Job): Co<Pod[]> {
    const selector = labelSelectorAsSelector(job.spec?.selector);
    const all = podLister.list(job.metadata.namespace ?? '');
    const cm = new PodControllerRefManager(podControl, job, selector, { apiVersion: 'batch/v1', kind: 'Job' }, freshControllerCheck(() => ctx.client.get(jobs, job.metadata.namespace ?? '', job.metadata.name!), job, 'Job'), [jobTrackingFinalizer]);
    const claimed = yield* cm.claimPods(all);
    // Adopted pods got the finalizer in the adoption patch; count them with it now.
    return claimed.map((p) => {
      const adopted = !(p.metadata.ownerReferences ?? []).some((r) => r.uid === job.metadata.uid);
      if (!adopted || hasJobTrackingFinalizer(p)) return p;
      const c = structuredClone(p);
      c.metadata.finalizers = [...(c.metadata.finalizers ?? []), jobTrackingFinalizer];
      return c;
    });
  }

  // Models job_controller.go syncJob.
  function* syncJob(key: string): Co<void> {
    const [ns, name] = splitKey(key);
    if (!ns || !name) throw new Error(`invalid job key ${JSON.stringify(key)}: either namespace or name is missing`);
    const shared = jobLister.get(ns, name);
    if (!shared) {
      expectations.deleteExpectations(key);
      finalizerExpectations.delete(key);
      backoffStore.removeBackoffRecord(key);
      return;
    }
    if (managedByExternalController(shared)) return;
    const job = structuredClone(shared);
    if (isJobFinished(job)) {
      backoffStore.removeBackoffRecord(key);
      return;
    }
    const mode = job.spec?.completionMode;
    if (mode !== undefined && mode !== null && mode !== 'NonIndexed' && mode !== 'Indexed') {
      recorder.event(job, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown');
      return;
    }
    const spec = job.spec!;
    const status = (job.status ??= {});
    status.uncountedTerminatedPods ??= {};
    // Expectations first: a pod that arrives after this check waits for the next sync.
    const satisfied = expectations.satisfiedExpectations(key);
    const jobPods = yield* getPodsForJob(job);
    const activePods = jobPods.filter(isPodActive);
    const jc: SyncJobCtx = {
      job,
      pods: jobPods,
      finishedCondition: null,
      activePods,
      succeeded: 0,
      failed: 0,
      prevSucceededIndexes: [],
      succeededIndexes: [],
      newBackoffRecord: { key, failuresAfterLastSuccess: 0, lastFailureTime: null },
      expectedRmFinalizers: new Set(finalizerExpectations.get(key) ?? []),
      uncounted: { succeeded: new Set(status.uncountedTerminatedPods.succeeded ?? []), failed: new Set(status.uncountedTerminatedPods.failed ?? []) },
      terminating: jobPods.filter((p) => p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length,
      ready: activePods.filter(isPodReady).length,
    };
    let active = activePods.length;
    const newSucceeded = validPodsWithFilter(jc, jc.uncounted.succeeded, (p) => p.status?.phase === 'Succeeded');
    const newFailed = validPodsWithFilter(jc, jc.uncounted.failed, (p) => isPodFailed(p, job));
    jc.succeeded = (status.succeeded ?? 0) + newSucceeded.length + jc.uncounted.succeeded.size;
    jc.failed = (status.failed ?? 0) + nonIgnoredFailedPodsCount(job, newFailed) + jc.uncounted.failed.size;

    // First start: StartTime, unless suspended. Kept unrounded in memory, as metav1.NewTime is.
    let startMs = status.startTime ? Date.parse(status.startTime) : null;
    if (!status.startTime && !jobSuspended(job)) {
      startMs = now();
      status.startTime = rfc3339(startMs);
    }
    jc.newBackoffRecord = backoffStore.newBackoffRecord(key, newSucceeded, newFailed);

    let manageJobErr: unknown;
    const exceedsBackoffLimit = jc.failed > (spec.backoffLimit ?? 6);
    jc.finishedCondition = hasSuccessCriteriaMetCondition(job);
    if (!jc.finishedCondition) {
      const failureTarget = findCondition(status.conditions, 'FailureTarget');
      if (failureTarget?.status === 'True') jc.finishedCondition = newCondition('Failed', 'True', failureTarget.reason ?? '', failureTarget.message ?? '', now());
      else {
        const msg = getFailJobMessage(job, jobPods);
        if (msg !== null) jc.finishedCondition = newCondition('FailureTarget', 'True', 'PodFailurePolicy', msg, now());
      }
    }
    if (!jc.finishedCondition) {
      if (exceedsBackoffLimit || pastBackoffLimitOnFailure(job, jobPods)) {
        jc.finishedCondition = newFailureCondition('BackoffLimitExceeded', 'Job has reached the specified backoff limit', now());
      } else if (pastActiveDeadline(job, startMs, now())) {
        jc.finishedCondition = newFailureCondition('DeadlineExceeded', 'Job was active longer than specified deadline', now());
      } else if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null && !jobSuspended(job)) {
        queue.addAfter(key, spec.activeDeadlineSeconds * 1000 - (now() - startMs!));
      }
    }
    if (isIndexedJob(job)) {
      [jc.prevSucceededIndexes, jc.succeededIndexes] = calculateSucceededIndexes(job, jobPods, hasJobTrackingFinalizer);
      jc.succeeded = intervalsTotal(jc.succeededIndexes);
      if (!jc.finishedCondition) {
        const msg = matchSuccessPolicy(spec.successPolicy, spec.completions ?? 0, jc.succeededIndexes);
        if (msg !== null) jc.finishedCondition = newCondition('SuccessCriteriaMet', 'True', 'SuccessPolicy', msg, now());
      }
    }

    let suspendCondChanged = false;
    if (jc.finishedCondition) {
      // Finishing: every active pod goes; the condition waits until all are gone and counted.
      const { deletedReady, deleted, error } = yield* deleteActivePods(job, jc.activePods);
      if (deleted !== active || !satisfied) jc.finishedCondition = null;
      active -= deleted;
      jc.terminating += deleted;
      jc.ready -= deletedReady;
      manageJobErr = error;
    } else {
      let manageJobCalled = false;
      if (satisfied && !job.metadata.deletionTimestamp) {
        const r = yield* manageJob(job, jc);
        active = r.active;
        manageJobErr = r.error;
        manageJobCalled = true;
      }
      // With no completions set, any success completes the Job once the rest have stopped.
      const complete = spec.completions === undefined || spec.completions === null ? jc.succeeded > 0 && active === 0 : jc.succeeded >= spec.completions && active === 0;
      if (complete) jc.finishedCondition = newCondition('SuccessCriteriaMet', 'True', '', '', now());
      else if (manageJobCalled) {
        if (spec.suspend) {
          const u = ensureJobConditionStatus(status, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now());
          if (u) {
            suspendCondChanged = true;
            recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
          }
        } else if (ensureJobConditionStatus(status, 'Suspended', 'False', 'JobResumed', 'Job resumed', now())) {
          suspendCondChanged = true;
          recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
          // activeDeadlineSeconds counts continuous activity: a resumed Job starts its clock again.
          status.startTime = rfc3339(now());
        }
      }
    }

    const needsStatusUpdate = suspendCondChanged || active !== (status.active ?? 0) || jc.ready !== status.ready || jc.terminating !== status.terminating;
    status.active = active;
    status.ready = jc.ready;
    status.terminating = jc.terminating;
    try {
      yield* trackJobStatusAndRemoveFinalizers(jc, needsStatusUpdate);
    } catch (e) {
      throw new Error(`tracking status: ${errorText(e)}`);
    }
    if (manageJobErr !== undefined) throw manageJobErr;
  }

  // Models job_controller.go deleteActivePods: DELETE calls that keep the finalizers (they go once counted).
  function* deleteActivePods(job: Job, toDelete: readonly Pod[]): Co<{ deletedReady: number; deleted: number; error?: unknown }> {
    let deleted = toDelete.length;
    let deletedReady = 0;
    let error: unknown;
    yield* settleAll(
      toDelete.map((pod) =>
        (function* () {
          try {
            yield* podControl.deletePod(job.metadata.namespace ?? '', pod.metadata.name!, job);
          } catch (e) {
            if (!isNotFound(e)) {
              deleted--;
              error ??= e;
            }
          }
          if (isPodReady(pod)) deletedReady++;
        })(),
      ),
    );
    return { deletedReady, deleted, ...(error !== undefined ? { error } : {}) };
  }

  // Models job_controller.go deleteJobPods: remove the finalizer, then delete (scale-down and suspend).
  function* deleteJobPods(job: Job, jobKey: string, toDelete: readonly Pod[]): Co<{ removedReady: number; removed: number; error?: unknown }> {
    let removed = toDelete.length;
    let removedReady = 0;
    let error: unknown;
    const failDelete = (e: unknown) => {
      // The informer will not report this deletion.
      expectations.deletionObserved(jobKey);
      if (!isNotFound(e)) {
        removed--;
        error ??= e;
      }
    };
    yield* settleAll(
      toDelete.map((pod) =>
        (function* () {
          const patch = removeTrackingFinalizerPatch(pod);
          if (patch) {
            try {
              yield* podControl.patchPod(pod.metadata.namespace ?? '', pod.metadata.name!, patch);
            } catch (e) {
              if (isNotFound(e)) failDelete(e);
              else failDelete(new Error(`removing completion finalizer: ${errorText(e)}`));
              return;
            }
          }
          try {
            yield* podControl.deletePod(job.metadata.namespace ?? '', pod.metadata.name!, job);
          } catch (e) {
            failDelete(e);
          }
          if (isPodReady(pod)) removedReady++;
        })(),
      ),
    );
    return { removedReady, removed, ...(error !== undefined ? { error } : {}) };
  }

  // Models job_controller.go manageJob.
  function* manageJob(job: Job, jc: SyncJobCtx): Co<{ active: number; error?: unknown }> {
    let active = jc.activePods.length;
    const spec = job.spec!;
    const parallelism = spec.parallelism ?? 1;
    const jobKey = keyOf(job);
    // Deletes the pods, counting them from active and ready into terminating.
    const remove = function* (toDelete: Pod[]): Co<{ active: number; error?: unknown }> {
      expectations.expectDeletions(jobKey, toDelete.length);
      const r = yield* deleteJobPods(job, jobKey, toDelete);
      jc.terminating += r.removed;
      jc.ready -= r.removedReady;
      return { active: active - r.removed, ...(r.error !== undefined ? { error: r.error } : {}) };
    };
    if (jobSuspended(job)) return yield* remove(activePodsForRemoval(job, jc.activePods, active));
    let wantActive: number;
    if (spec.completions === undefined || spec.completions === null) wantActive = jc.succeeded > 0 ? active : parallelism;
    else wantActive = Math.max(0, Math.min(spec.completions - jc.succeeded, parallelism));

    const rmAtLeast = Math.max(0, active - wantActive);
    const toDelete = activePodsForRemoval(job, jc.activePods, rmAtLeast).slice(0, maxPodCreateDeletePerSync);
    // A sync either deletes or creates, deletion first (an Indexed Job may need both).
    if (toDelete.length > 0) return yield* remove(toDelete);

    const terminating = onlyReplaceFailedPods(job) ? jc.terminating : 0;
    let diff = wantActive - terminating - active;
    if (diff <= 0) return { active };
    const remaining = getRemainingTime(jc.newBackoffRecord, now());
    if (remaining > 0) {
      queue.addAfter(jobKey, Math.max(remaining, syncJobBatchPeriodMs));
      return { active: 0 };
    }
    diff = Math.min(diff, maxPodCreateDeletePerSync);
    let indexesToAdd: number[] = [];
    if (isIndexedJob(job)) {
      indexesToAdd = firstPendingIndexes(jc.activePods, jc.succeededIndexes, diff, spec.completions ?? 0);
      diff = indexesToAdd.length;
    }
    expectations.expectCreations(jobKey, diff);
    active += diff;
    const podTemplate = structuredClone(spec.template);
    if (isIndexedJob(job)) addCompletionIndexEnvVariables(podTemplate);
    podTemplate.metadata ??= {};
    if (!(podTemplate.metadata.finalizers ?? []).includes(jobTrackingFinalizer)) podTemplate.metadata.finalizers = [...(podTemplate.metadata.finalizers ?? []), jobTrackingFinalizer];
    const errors: unknown[] = [];
    const controllerRef = newControllerRef(job, 'batch/v1', 'Job');
    // Slow start: batches of 1, 2, 4, …; a batch with an error ends the round, so a quota-starved Job sends one doomed create.
    for (let batchSize = Math.min(diff, 1); diff > 0; batchSize = Math.min(2 * batchSize, diff)) {
      const errorCount = errors.length;
      const batch = Array.from({ length: batchSize }, () => indexesToAdd.shift() ?? unknownCompletionIndex);
      yield* settleAll(
        batch.map((completionIndex) =>
          (function* () {
            let template = podTemplate;
            let generateName = '';
            if (completionIndex !== unknownCompletionIndex) {
              template = structuredClone(podTemplate);
              addCompletionIndex(template, completionIndex);
              template.spec = { ...template.spec!, hostname: `${job.metadata.name}-${completionIndex}` };
              generateName = podGenerateNameWithIndex(job.metadata.name!, completionIndex);
            }
            try {
              yield* podControl.createPodsWithGenerateName(job.metadata.namespace ?? '', template, job, controllerRef, generateName);
            } catch (e) {
              // A namespace being deleted refuses every create; nothing to undo.
              if (hasStatusCause(e, namespaceTerminatingCause)) return;
              expectations.creationObserved(jobKey);
              active--;
              errors.push(e);
            }
          })(),
        ),
      );
      const skipped = diff - batchSize;
      if (errorCount < errors.length && skipped > 0) {
        active -= skipped;
        for (let i = 0; i < skipped; i++) expectations.creationObserved(jobKey);
        break;
      }
      diff -= batchSize;
    }
    return { active, ...(errors.length ? { error: errors[0] } : {}) };
  }

  // Models job_controller.go trackJobStatusAndRemoveFinalizers.
  function* trackJobStatusAndRemoveFinalizers(jc: SyncJobCtx, needsFlushIn: boolean): Co<void> {
    let needsFlush = needsFlushIn;
    const job = jc.job;
    const indexed = isIndexedJob(job);
    const completions = job.spec?.completions ?? 0;
    const podsToRemoveFinalizer: Pod[] = [];
    const uncountedStatus = uncountedOf(job);
    const newSucceededIndexes: number[] = [];
    // Introduce completed indexes in order.
    if (indexed) sortByCompletionIndex(jc.pods);
    const uidsWithFinalizer = new Set<string>();
    for (const p of jc.pods) if (hasJobTrackingFinalizer(p) && !jc.expectedRmFinalizers.has(p.metadata.uid ?? '')) uidsWithFinalizer.add(p.metadata.uid ?? '');
    const oldCounters = { ...job.status };
    if (cleanUncountedPodsWithoutFinalizers(job, uidsWithFinalizer)) needsFlush = true;
    let reachedMaxUncountedPods = false;
    for (const pod of jc.pods) {
      const uid = pod.metadata.uid ?? '';
      // Processed by an earlier sync.
      if (!hasJobTrackingFinalizer(pod) || jc.expectedRmFinalizers.has(uid)) continue;
      const considerPodFailed = isPodFailed(pod, job);
      if (!canRemoveFinalizer(jc, pod, considerPodFailed)) continue;
      podsToRemoveFinalizer.push(pod);
      if (pod.status?.phase === 'Succeeded' && !jc.uncounted.failed.has(uid)) {
        if (indexed) {
          // The index alone keeps a succeeded pod from being counted twice.
          const ix = getCompletionIndex(pod.metadata.annotations);
          if (ix !== unknownCompletionIndex && ix < completions && !intervalsHas(jc.prevSucceededIndexes, ix)) {
            newSucceededIndexes.push(ix);
            needsFlush = true;
          }
        } else if (!jc.uncounted.succeeded.has(uid)) {
          needsFlush = true;
          uncountedStatus.succeeded = [...(uncountedStatus.succeeded ?? []), uid];
        }
      } else if (considerPodFailed || (jc.finishedCondition && !isSuccessCriteriaMetCondition(jc.finishedCondition))) {
        // Once the Job is finishing, every pod not succeeded counts as failed.
        const ix = getCompletionIndex(pod.metadata.annotations);
        if (!jc.uncounted.failed.has(uid) && (!indexed || (ix !== unknownCompletionIndex && ix < completions))) {
          if (matchPodFailurePolicy(job.spec?.podFailurePolicy, pod).countFailed) {
            needsFlush = true;
            uncountedStatus.failed = [...(uncountedStatus.failed ?? []), uid];
          }
        }
      }
      if (newSucceededIndexes.length + (uncountedStatus.succeeded?.length ?? 0) + (uncountedStatus.failed?.length ?? 0) >= maxUncountedPods) {
        // Keep status small and let other Jobs sync; the status and pod updates bring this one back.
        reachedMaxUncountedPods = true;
        break;
      }
    }
    if (indexed) {
      jc.succeededIndexes = withOrderedIndexes(jc.succeededIndexes, newSucceededIndexes);
      const s = intervalsString(jc.succeededIndexes);
      if (s !== (job.status!.completedIndexes ?? '')) needsFlush = true;
      job.status!.succeeded = intervalsTotal(jc.succeededIndexes);
      job.status!.completedIndexes = s;
    }
    if (jc.finishedCondition?.type === 'FailureTarget') {
      // Record why before the finalizers go, then become Failed.
      job.status!.conditions = [...(job.status!.conditions ?? []), jc.finishedCondition];
      needsFlush = true;
      jc.finishedCondition = newCondition('Failed', 'True', jc.finishedCondition.reason ?? '', jc.finishedCondition.message ?? '', now());
    }
    if (isSuccessCriteriaMetCondition(jc.finishedCondition)) {
      if (!hasSuccessCriteriaMetCondition(job)) {
        job.status!.conditions = [...(job.status!.conditions ?? []), jc.finishedCondition!];
        needsFlush = true;
      }
      jc.finishedCondition = newCondition('Complete', 'True', jc.finishedCondition!.reason ?? '', jc.finishedCondition!.message ?? '', now());
    }
    needsFlush = yield* flushUncountedAndRemoveFinalizers(jc, podsToRemoveFinalizer, uidsWithFinalizer, oldCounters, needsFlush);
    const jobFinished = !reachedMaxUncountedPods && enactJobFinished(jc);
    if (jobFinished) needsFlush = true;
    if (needsFlush) {
      try {
        jc.job = yield* updateJobStatus(jc.job);
      } catch (e) {
        throw new Error(`removing uncounted pods from status: ${errorText(e)}`);
      }
      if (jobFinished) recordJobFinished(jc.job, jc.finishedCondition!);
    }
  }

  // Models job_controller.go flushUncountedAndRemoveFinalizers.
  function* flushUncountedAndRemoveFinalizers(jc: SyncJobCtx, toRemove: readonly Pod[], uidsWithFinalizer: Set<string>, _oldCounters: unknown, needsFlushIn: boolean): Co<boolean> {
    let needsFlush = needsFlushIn;
    if (needsFlush) {
      try {
        jc.job = yield* updateJobStatus(jc.job);
      } catch (e) {
        throw new Error(`adding uncounted pods to status: ${errorText(e)}`);
      }
      backoffStore.updateBackoffRecord(jc.newBackoffRecord);
      needsFlush = false;
    }
    let rmErr: unknown;
    if (toRemove.length > 0) {
      const r = yield* removeTrackingFinalizerFromPods(keyOf(jc.job), toRemove);
      rmErr = r.error;
      toRemove.forEach((p, i) => {
        if (r.succeeded[i]) uidsWithFinalizer.delete(p.metadata.uid ?? '');
      });
    }
    // Some finalizers stayed: record what progress there was.
    if (cleanUncountedPodsWithoutFinalizers(jc.job, uidsWithFinalizer)) needsFlush = true;
    if (rmErr !== undefined && needsFlush) {
      try {
        yield* updateJobStatus(jc.job);
      } catch (e) {
        throw new Error(`removing uncounted pods from status: ${errorText(e)}`);
      }
    }
    if (rmErr !== undefined) throw rmErr;
    return needsFlush;
  }

  // Models job_controller.go removeTrackingFinalizerFromPods.
  function* removeTrackingFinalizerFromPods(jobKey: string, toRemove: readonly Pod[]): Co<{ succeeded: boolean[]; error?: unknown }> {
    const succeeded = toRemove.map(() => false);
    let error: unknown;
    let set = finalizerExpectations.get(jobKey);
    if (!set) finalizerExpectations.set(jobKey, (set = new Set()));
    for (const p of toRemove) set.add(p.metadata.uid ?? '');
    yield* settleAll(
      toRemove.map((pod, i) =>
        (function* () {
          const patch = removeTrackingFinalizerPatch(pod);
          if (!patch) return;
          try {
            yield* podControl.patchPod(pod.metadata.namespace ?? '', pod.metadata.name!, patch);
          } catch (e) {
            // No pod update will report this removal.
            finalizerRemovalObserved(jobKey, pod.metadata.uid ?? '');
            if (!isNotFound(e)) {
              error ??= e;
              return;
            }
          }
          succeeded[i] = true;
        })(),
      ),
    );
    return { succeeded, ...(error !== undefined ? { error } : {}) };
  }

  // Models job_controller.go enactJobFinished: the terminal condition, once nothing is uncounted or terminating.
  function enactJobFinished(jc: SyncJobCtx): boolean {
    const cond = jc.finishedCondition;
    if (!cond) return false;
    const u = jc.job.status?.uncountedTerminatedPods;
    if ((u?.succeeded?.length ?? 0) + (u?.failed?.length ?? 0) > 0) return false;
    if (jc.terminating > 0) return false;
    ensureJobConditionStatus(jc.job.status!, cond.type, cond.status, cond.reason ?? '', cond.message ?? '', now());
    if (cond.type === 'Complete') jc.job.status!.completionTime = cond.lastTransitionTime!;
    return true;
  }

  // Models job_controller.go recordJobFinished.
  function recordJobFinished(job: Job, cond: JobCondition): void {
    if (cond.type === 'Complete') {
      const completions = job.spec?.completions;
      if (completions !== undefined && completions !== null && (job.status?.succeeded ?? 0) > completions) {
        recorder.event(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
      }
      recorder.event(job, 'Normal', 'Completed', 'Job completed');
    } else recorder.event(job, 'Warning', cond.reason ?? '', cond.message ?? '');
  }

  function* updateJobStatus(job: Job): Co<Job> {
    const out = yield* ctx.client.update<Job>(jobs, job.metadata.namespace ?? '', toWire(job), 'status');
    out.status ??= {};
    out.status.uncountedTerminatedPods ??= {};
    return out;
  }

  // Models job_controller.go processNextWorkItem: a successful sync forgets the key's API backoff.
  function* sync(key: string): Co<void> {
    if (key.startsWith(orphanKeyPrefix)) yield* syncOrphanPod(key.slice(orphanKeyPrefix.length));
    else yield* syncJob(key);
    apiFailures.delete(key);
  }

  // The Job queue's own limiter: 1 s doubling to 1 minute (NewTypedItemExponentialFailureRateLimiter).
  function handleErr(key: string, _err: unknown): void {
    const n = apiFailures.get(key) ?? 0;
    apiFailures.set(key, n + 1);
    queue.addAfter(key, Math.min(maxJobApiBackOffMs, defaultJobApiBackOffMs * 2 ** n));
  }

  return { name: 'job', workers: concurrentJobSyncs, queue, sync, handleErr, expectations, backoffStore };
}

/** Go's omitempty on the counters and lists of JobStatus: what the status update sends. */
function toWire(job: Job): Job {
  const j = structuredClone(job);
  const s = j.status!;
  for (const k of ['active', 'succeeded', 'failed'] as const) if (!s[k]) delete s[k];
  if (!s.completedIndexes) delete s.completedIndexes;
  const u = s.uncountedTerminatedPods;
  if (u) {
    if (!u.succeeded?.length) delete u.succeeded;
    if (!u.failed?.length) delete u.failed;
  }
  if (!s.conditions?.length) delete s.conditions;
  return j;
}

function uncountedOf(job: Job): { succeeded?: string[]; failed?: string[] } {
  job.status ??= {};
  return (job.status.uncountedTerminatedPods ??= {});
}

// Models job_controller.go cleanUncountedPodsWithoutFinalizers: UIDs whose finalizer is gone move into the counters.
function cleanUncountedPodsWithoutFinalizers(job: Job, uidsWithFinalizer: Set<string>): boolean {
  const u = uncountedOf(job);
  const s = job.status!;
  let updated = false;
  const keepS = (u.succeeded ?? []).filter((uid) => uidsWithFinalizer.has(uid));
  if (keepS.length !== (u.succeeded ?? []).length) {
    updated = true;
    s.succeeded = (s.succeeded ?? 0) + (u.succeeded ?? []).length - keepS.length;
    u.succeeded = keepS;
  }
  const keepF = (u.failed ?? []).filter((uid) => uidsWithFinalizer.has(uid));
  if (keepF.length !== (u.failed ?? []).length) {
    updated = true;
    s.failed = (s.failed ?? 0) + (u.failed ?? []).length - keepF.length;
    u.failed = keepF;
  }
  return updated;
}

// Models job_controller.go canRemoveFinalizer (without backoffLimitPerIndex's delayed removal).
function canRemoveFinalizer(jc: SyncJobCtx, pod: Pod, considerPodFailed: boolean): boolean {
  return Boolean(jc.job.metadata.deletionTimestamp) || jc.finishedCondition !== null || pod.status?.phase === 'Succeeded' || considerPodFailed;
}

// Models job_controller.go getValidPodsWithFilter: pods still holding the finalizer, not yet uncounted, with a valid index.
function validPodsWithFilter(jc: SyncJobCtx, uncounted: Set<string>, filter: (p: Pod) => boolean): Pod[] {
  return jc.pods.filter((p) => {
    const uid = p.metadata.uid ?? '';
    if (!hasJobTrackingFinalizer(p) || uncounted.has(uid) || jc.expectedRmFinalizers.has(uid)) return false;
    if (isIndexedJob(jc.job)) {
      const ix = getCompletionIndex(p.metadata.annotations);
      if (ix === unknownCompletionIndex || ix >= (jc.job.spec?.completions ?? 0)) return false;
    }
    return filter(p);
  });
}

function nonIgnoredFailedPodsCount(job: Job, failed: readonly Pod[]): number {
  if (!job.spec?.podFailurePolicy) return failed.length;
  return failed.filter((p) => matchPodFailurePolicy(job.spec!.podFailurePolicy, p).countFailed).length;
}

function getFailJobMessage(job: Job, jobPods: readonly Pod[]): string | null {
  if (!job.spec?.podFailurePolicy) return null;
  for (const p of jobPods) {
    if (!isPodFailed(p, job)) continue;
    const m = matchPodFailurePolicy(job.spec.podFailurePolicy, p).jobFailureMessage;
    if (m !== null) return m;
  }
  return null;
}

// Models job_controller.go isPodFailed: a pod being deleted counts as failed unless only Failed pods are replaced.
function isPodFailed(p: Pod, job: Job): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return Boolean(p.metadata.deletionTimestamp) && p.status?.phase !== 'Succeeded';
}

// Models job_controller.go onlyReplaceFailedPods.
function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || Boolean(job.spec?.podFailurePolicy);
}

function jobSuspended(job: Job): boolean {
  return job.spec?.suspend === true;
}

// Models job_controller.go managedByExternalController.
function managedByExternalController(job: Job): string | null {
  const m = job.spec?.managedBy;
  return m !== undefined && m !== null && m !== jobControllerName ? m : null;
}

// Models job_controller.go pastBackoffLimitOnFailure: with restartPolicy OnFailure the restarts count.
function pastBackoffLimitOnFailure(job: Job, jobPods: readonly Pod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let result = 0;
  for (const p of jobPods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) result += s.restartCount ?? 0;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? result > 0 : result >= limit;
}

function pastActiveDeadline(job: Job, startMs: number | null, nowMs: number): boolean {
  const ads = job.spec?.activeDeadlineSeconds;
  if (ads === undefined || ads === null || startMs === null || jobSuspended(job)) return false;
  return nowMs - startMs >= ads * 1000;
}

// Models job_controller.go activePodsForRemoval: duplicates and strays of an Indexed Job, then the least advanced pods.
function activePodsForRemoval(job: Job, active: readonly Pod[], rmAtLeast: number): Pod[] {
  let rm: Pod[] = [];
  let left: Pod[];
  if (isIndexedJob(job)) ({ rm, left } = duplicatedIndexPodsForRemoval(active, job.spec?.completions ?? 0));
  else left = [...active];
  if (rm.length < rmAtLeast) {
    sortByLess(left, activePodsLess);
    rm = [...rm, ...left.slice(0, rmAtLeast - rm.length)];
  }
  return rm;
}

function removeTrackingFinalizerPatch(pod: Pod): unknown {
  if (!hasJobTrackingFinalizer(pod)) return null;
  return { metadata: { '$deleteFromPrimitiveList/finalizers': [jobTrackingFinalizer] } };
}

function findCondition(list: JobCondition[] | undefined, type: string): JobCondition | undefined {
  return (list ?? []).find((c) => c.type === type);
}

function hasSuccessCriteriaMetCondition(job: Job): JobCondition | null {
  const c = findCondition(job.status?.conditions, 'SuccessCriteriaMet');
  return c?.status === 'True' ? c : null;
}

function isSuccessCriteriaMetCondition(c: JobCondition | null): boolean {
  return c?.type === 'SuccessCriteriaMet' && c.status === 'True';
}

// Models job_controller.go newCondition: reason and message only when set (omitempty).
function newCondition(type: string, status: 'True' | 'False', reason: string, message: string, nowMs: number): JobCondition {
  const t = rfc3339(nowMs);
  return { type, status, lastProbeTime: t, lastTransitionTime: t, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
}

// Models job_controller.go newFailureCondition: FailureTarget first, since 1.32 delays the terminal condition.
function newFailureCondition(reason: string, message: string, nowMs: number): JobCondition {
  return newCondition('FailureTarget', 'True', reason, message, nowMs);
}

// Models job_controller.go ensureJobConditionStatus: a False condition is never added, only updated to.
function ensureJobConditionStatus(status: NonNullable<Job['status']>, type: string, cs: 'True' | 'False' | 'Unknown', reason: string, message: string, nowMs: number): boolean {
  const list = (status.conditions ??= []);
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i]!;
    if (c.status !== cs || (c.reason ?? '') !== reason || (c.message ?? '') !== message) {
      list[i] = newCondition(type, cs as 'True', reason, message, nowMs);
      return true;
    }
    return false;
  }
  if (cs !== 'False') {
    list.push(newCondition(type, cs as 'True', reason, message, nowMs));
    return true;
  }
  return false;
}
