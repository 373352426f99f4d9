// Ported from pkg/controller/job/job_controller_test.go (v1.32). Upstream runs each case with its
// feature gates set per case; here every case runs with 1.32's defaults (JobPodReplacementPolicy,
// JobManagedBy, JobSuccessPolicy, PodIndexLabel on), so `terminating` is always reported and a
// finished Job passes through SuccessCriteriaMet / FailureTarget first, as upstream's cases with
// those gates on expect.
import { describe, expect, it } from 'vitest';
import type { Job, JobCondition, Pod, PodPhase } from '../api/types';
import { res } from '../client/clientset';
import { fakeContext, runSync, type FakeContext } from './testing';
import { generateSelector, jobTrackingFinalizer, newJobController } from './job';
import { getRemainingTime } from './job-backoff';
import { intervalsString, parseIndexesFromString, withOrderedIndexes, firstPendingIndexes } from './job-indexed';

const jobs = res('batch', 'jobs');
const pods = res('', 'pods');
const epochMs = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
// testFinishedAt: one second after Go's zero time, so no backoff applies.
const testFinishedAt = '0001-01-01T00:00:01Z';

// job_controller_test.go newJob: -1 completions or parallelism leaves the field unset.
function newJob(parallelism: number, completions: number, backoffLimit: number, completionMode?: 'Indexed' | 'NonIndexed'): Job {
  const j: Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'foobar', namespace: 'default', uid: 'job-uid' },
    spec: {
      selector: { matchLabels: { foo: 'bar' } },
      template: { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: '', image: 'foo/bar' }] } },
      backoffLimit,
    },
  };
  if (completionMode) j.spec!.completionMode = completionMode;
  if (completions >= 0) j.spec!.completions = completions;
  if (parallelism >= 0) j.spec!.parallelism = parallelism;
  return j;
}

let podSeq = 0;
function newPod(job: Job, phase: PodPhase, extra: Partial<Pod['metadata']> = {}): Pod {
  const name = `pod-${phase.toLowerCase()}-${podSeq++}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: name,
      namespace: 'default',
      labels: { ...job.spec!.selector!.matchLabels },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name!, uid: job.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      finalizers: [jobTrackingFinalizer],
      ...extra,
    },
    spec: { containers: [{ name: '', image: 'foo/bar' }] },
    status: { phase, containerStatuses: [{ name: '', state: { terminated: { exitCode: 0, finishedAt: testFinishedAt } } } as never] },
  };
}

type IndexPhase = [string, PodPhase];

interface Case {
  parallelism: number;
  completions: number;
  backoffLimit?: number;
  deleting?: boolean;
  podLimit?: number;
  completionMode?: 'Indexed';
  wasSuspended?: boolean;
  suspend?: boolean;
  podReplacementPolicy?: 'Failed' | 'TerminatingOrFailed';
  podFailurePolicy?: Job['spec'] extends infer S ? (S extends { podFailurePolicy?: infer P } ? P : never) : never;
  initialStatus?: { active?: number; succeed?: number; failed?: number; startTime?: number; conditions?: JobCondition[] };
  backoffRecord?: { failuresAfterLastSuccess: number; lastFailureTime: number };
  podControllerError?: boolean;
  pendingPods?: number;
  activePods?: number;
  readyPods?: number;
  succeededPods?: number;
  failedPods?: number;
  terminatingPods?: number;
  podsWithIndexes?: IndexPhase[];
  fakeExpectationAtCreation?: number;
  expectedCreations?: number;
  expectedDeletions?: number;
  expectedActive?: number;
  expectedReady?: number;
  expectedSucceeded?: number;
  expectedCompletedIdxs?: string;
  expectedFailed?: number;
  expectedTerminating?: number;
  expectedConditions?: { type: string; status: string; reason?: string; message?: string }[];
  expectedCreatedIndexes?: number[];
  expectedPodPatches?: number;
}

const complete = [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }];
const backoffFailed = (terminal: boolean) => [
  { type: 'FailureTarget', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' },
  ...(terminal ? [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }] : []),
];
const referenceTime = epochMs + 3_600_000;

// job_controller_test.go TestControllerSyncJob.
const cases: Record<string, Case> = {
  'job start': { parallelism: 2, completions: 5, backoffLimit: 6, expectedCreations: 2, expectedActive: 2, expectedReady: 0 },
  'WQ job start': { parallelism: 2, completions: -1, backoffLimit: 6, expectedCreations: 2, expectedActive: 2, expectedReady: 0 },
  'pending pods': { parallelism: 2, completions: 5, backoffLimit: 6, pendingPods: 2, expectedActive: 2, expectedReady: 0 },
  'correct # of pods': { parallelism: 3, completions: 5, backoffLimit: 6, activePods: 3, readyPods: 2, expectedActive: 3, expectedReady: 2 },
  'too few active pods': { parallelism: 2, completions: 5, backoffLimit: 6, activePods: 1, succeededPods: 1, expectedCreations: 1, expectedActive: 2, expectedSucceeded: 1, expectedPodPatches: 1, expectedReady: 0 },
  'WQ job: recreate pods when failed': { parallelism: 1, completions: -1, backoffLimit: 6, activePods: 1, failedPods: 1, podReplacementPolicy: 'Failed', terminatingPods: 1, expectedTerminating: 1, expectedReady: 0, expectedPodPatches: 1, expectedFailed: 1, expectedActive: 1 },
  'WQ job: turn on PodReplacementPolicy but not set PodReplacementPolicy': { parallelism: 1, completions: 1, backoffLimit: 6, activePods: 1, failedPods: 1, expectedTerminating: 1, expectedReady: 0, terminatingPods: 1, expectedActive: 1, expectedPodPatches: 2, expectedFailed: 2 },
  'more terminating pods than parallelism': { parallelism: 1, completions: 1, backoffLimit: 6, activePods: 2, terminatingPods: 4, podReplacementPolicy: 'Failed', expectedTerminating: 5, expectedReady: 0, expectedActive: 1, expectedDeletions: 1, expectedPodPatches: 1 },
  'too few active pods and active back-off': {
    parallelism: 1,
    completions: 1,
    backoffLimit: 6,
    backoffRecord: { failuresAfterLastSuccess: 1, lastFailureTime: referenceTime },
    initialStatus: { startTime: referenceTime },
    expectedCreations: 0,
    expectedActive: 0,
    expectedReady: 0,
  },
  'too few active pods and no back-offs': { parallelism: 1, completions: 1, backoffLimit: 6, backoffRecord: { failuresAfterLastSuccess: 0, lastFailureTime: referenceTime }, expectedCreations: 1, expectedActive: 1, expectedReady: 0 },
  'too few active pods with a dynamic job': { parallelism: 2, completions: -1, backoffLimit: 6, activePods: 1, expectedCreations: 1, expectedActive: 2, expectedReady: 0 },
  'too few active pods, with controller error': { parallelism: 2, completions: 5, backoffLimit: 6, podControllerError: true, activePods: 1, succeededPods: 1, expectedCreations: 1, expectedActive: 1, expectedSucceeded: 0, expectedPodPatches: 1, expectedReady: 0 },
  'too many active pods': { parallelism: 2, completions: 5, backoffLimit: 6, activePods: 3, expectedDeletions: 1, expectedActive: 2, expectedPodPatches: 1, expectedReady: 0, expectedTerminating: 1 },
  'too many active pods, with controller error': { parallelism: 2, completions: 5, backoffLimit: 6, podControllerError: true, activePods: 3, expectedDeletions: 0, expectedPodPatches: 1, expectedActive: 3, expectedReady: 0 },
  'count ready pods when too many active pods': { parallelism: 2, completions: 5, backoffLimit: 6, activePods: 3, readyPods: 3, expectedDeletions: 1, expectedActive: 2, expectedPodPatches: 1, expectedReady: 2, expectedTerminating: 1 },
  'failed + succeed pods: reset backoff delay': { parallelism: 2, completions: 5, backoffLimit: 6, activePods: 1, succeededPods: 1, failedPods: 1, expectedCreations: 1, expectedActive: 2, expectedSucceeded: 1, expectedFailed: 1, expectedPodPatches: 2, expectedReady: 0 },
  'new failed pod': { parallelism: 2, completions: 5, backoffLimit: 6, activePods: 1, failedPods: 1, expectedCreations: 1, expectedActive: 2, expectedFailed: 1, expectedPodPatches: 1, expectedReady: 0 },
  'no new pod; possible finalizer update of failed pod': { parallelism: 1, completions: 1, backoffLimit: 6, initialStatus: { active: 1, failed: 1 }, activePods: 1, expectedActive: 1, expectedFailed: 1, expectedReady: 0 },
  'only new failed pod with controller error': { parallelism: 2, completions: 5, backoffLimit: 6, podControllerError: true, activePods: 1, failedPods: 1, expectedCreations: 1, expectedActive: 1, expectedFailed: 0, expectedPodPatches: 1, expectedReady: 0 },
  'job finish': { parallelism: 2, completions: 5, backoffLimit: 6, succeededPods: 5, expectedSucceeded: 5, expectedConditions: complete, expectedPodPatches: 5, expectedReady: 0 },
  'WQ job finishing': { parallelism: 2, completions: -1, backoffLimit: 6, activePods: 1, succeededPods: 1, expectedActive: 1, expectedSucceeded: 1, expectedPodPatches: 1, expectedReady: 0 },
  'WQ job all finished': { parallelism: 2, completions: -1, backoffLimit: 6, succeededPods: 2, expectedSucceeded: 2, expectedConditions: complete, expectedPodPatches: 2, expectedReady: 0 },
  'WQ job all finished despite one failure': { parallelism: 2, completions: -1, backoffLimit: 6, succeededPods: 1, failedPods: 1, expectedSucceeded: 1, expectedFailed: 1, expectedConditions: complete, expectedPodPatches: 2, expectedReady: 0 },
  'more active pods than parallelism': { parallelism: 2, completions: 5, backoffLimit: 6, activePods: 10, expectedDeletions: 8, expectedActive: 2, expectedPodPatches: 8, expectedReady: 0, expectedTerminating: 8 },
  'more active pods than remaining completions': { parallelism: 3, completions: 4, backoffLimit: 6, activePods: 3, succeededPods: 2, expectedDeletions: 1, expectedActive: 2, expectedSucceeded: 2, expectedPodPatches: 3, expectedReady: 0, expectedTerminating: 1 },
  'status change': { parallelism: 2, completions: 5, backoffLimit: 6, activePods: 2, succeededPods: 2, expectedActive: 2, expectedSucceeded: 2, expectedPodPatches: 2, expectedReady: 0 },
  'deleting job': { parallelism: 2, completions: 5, backoffLimit: 6, deleting: true, pendingPods: 1, activePods: 1, succeededPods: 1, expectedActive: 2, expectedSucceeded: 1, expectedPodPatches: 3, expectedReady: 0 },
  'limited pods': { parallelism: 100, completions: 200, backoffLimit: 6, podLimit: 10, expectedCreations: 10, expectedActive: 10, expectedReady: 0 },
  'too many job failures': { parallelism: 2, completions: 5, deleting: true, failedPods: 1, expectedFailed: 1, expectedConditions: backoffFailed(true), expectedPodPatches: 1, expectedReady: 0 },
  'job failures, unsatisfied expectations': { parallelism: 2, completions: 5, deleting: true, failedPods: 1, fakeExpectationAtCreation: 1, expectedFailed: 1, expectedPodPatches: 1, expectedReady: 0 },
  'indexed job start': { parallelism: 2, completions: 5, backoffLimit: 6, completionMode: 'Indexed', expectedCreations: 2, expectedActive: 2, expectedCreatedIndexes: [0, 1], expectedReady: 0 },
  'indexed job with some pods deleted, podReplacementPolicy Failed': { parallelism: 2, completions: 5, backoffLimit: 6, completionMode: 'Indexed', expectedCreations: 1, expectedActive: 1, expectedCreatedIndexes: [0], podReplacementPolicy: 'Failed', terminatingPods: 1, expectedTerminating: 1, expectedReady: 0 },
  'indexed job with some pods deleted, podReplacementPolicy TerminatingOrFailed': { parallelism: 2, completions: 5, backoffLimit: 6, completionMode: 'Indexed', expectedCreations: 2, expectedActive: 2, expectedCreatedIndexes: [0, 1], podReplacementPolicy: 'TerminatingOrFailed', terminatingPods: 1, expectedTerminating: 1, expectedReady: 0, expectedPodPatches: 1 },
  'indexed job completed': {
    parallelism: 2,
    completions: 3,
    backoffLimit: 6,
    completionMode: 'Indexed',
    podsWithIndexes: [
      ['0', 'Succeeded'],
      ['1', 'Failed'],
      ['1', 'Succeeded'],
      ['2', 'Succeeded'],
    ],
    expectedSucceeded: 3,
    expectedFailed: 1,
    expectedCompletedIdxs: '0-2',
    expectedConditions: complete,
    expectedPodPatches: 4,
    expectedReady: 0,
  },
  // Upstream's "count terminating pods when indexed job fails and PodReplacementPolicy enabled".
  'indexed job failed': {
    parallelism: 2,
    completions: 3,
    backoffLimit: 0,
    completionMode: 'Indexed',
    podsWithIndexes: [
      ['0', 'Succeeded'],
      ['1', 'Failed'],
      ['2', 'Running'],
    ],
    expectedSucceeded: 1,
    expectedFailed: 2,
    expectedCompletedIdxs: '0',
    expectedConditions: backoffFailed(false),
    expectedPodPatches: 3,
    expectedReady: 0,
    expectedDeletions: 1,
    expectedTerminating: 1,
  },
  'count ready pods when job fails': { parallelism: 2, completions: 3, backoffLimit: 0, activePods: 2, readyPods: 2, failedPods: 1, expectedFailed: 3, expectedConditions: backoffFailed(false), expectedPodPatches: 3, expectedReady: 0, expectedDeletions: 2, expectedTerminating: 2 },
  'indexed job repeated completed index': {
    parallelism: 2,
    completions: 3,
    backoffLimit: 6,
    completionMode: 'Indexed',
    podsWithIndexes: [
      ['0', 'Succeeded'],
      ['1', 'Succeeded'],
      ['1', 'Succeeded'],
    ],
    expectedCreations: 1,
    expectedActive: 1,
    expectedSucceeded: 2,
    expectedCompletedIdxs: '0,1',
    expectedCreatedIndexes: [2],
    expectedPodPatches: 3,
    expectedReady: 0,
  },
  'indexed job some running and completed pods': {
    parallelism: 8,
    completions: 20,
    backoffLimit: 6,
    completionMode: 'Indexed',
    podsWithIndexes: [
      ['0', 'Running'],
      ['2', 'Succeeded'],
      ['3', 'Pending'],
      ['4', 'Succeeded'],
      ['5', 'Succeeded'],
      ['7', 'Succeeded'],
      ['8', 'Succeeded'],
      ['9', 'Succeeded'],
    ],
    expectedCreations: 6,
    expectedActive: 8,
    expectedSucceeded: 6,
    expectedCompletedIdxs: '2,4,5,7-9',
    expectedCreatedIndexes: [1, 6, 10, 11, 12, 13],
    expectedPodPatches: 6,
    expectedReady: 0,
  },
  'indexed job some failed pods': {
    parallelism: 3,
    completions: 4,
    backoffLimit: 6,
    completionMode: 'Indexed',
    podsWithIndexes: [
      ['0', 'Failed'],
      ['1', 'Pending'],
      ['2', 'Failed'],
    ],
    expectedCreations: 2,
    expectedActive: 3,
    expectedFailed: 2,
    expectedCreatedIndexes: [0, 2],
    expectedPodPatches: 2,
    expectedReady: 0,
  },
  'indexed job some pods without index': {
    parallelism: 2,
    completions: 5,
    backoffLimit: 6,
    completionMode: 'Indexed',
    activePods: 1,
    succeededPods: 1,
    failedPods: 1,
    podsWithIndexes: [
      ['invalid', 'Running'],
      ['invalid', 'Succeeded'],
      ['invalid', 'Failed'],
      ['invalid', 'Pending'],
      ['0', 'Succeeded'],
      ['1', 'Running'],
      ['2', 'Running'],
    ],
    expectedDeletions: 3,
    expectedActive: 2,
    expectedSucceeded: 1,
    expectedFailed: 0,
    expectedCompletedIdxs: '0',
    expectedPodPatches: 8,
    expectedReady: 0,
    expectedTerminating: 3,
  },
  'indexed job repeated indexes': {
    parallelism: 5,
    completions: 5,
    backoffLimit: 6,
    completionMode: 'Indexed',
    succeededPods: 1,
    failedPods: 1,
    podsWithIndexes: [
      ['invalid', 'Running'],
      ['0', 'Succeeded'],
      ['1', 'Running'],
      ['2', 'Running'],
      ['2', 'Pending'],
    ],
    expectedDeletions: 2,
    expectedActive: 2,
    expectedSucceeded: 1,
    expectedCompletedIdxs: '0',
    expectedPodPatches: 5,
    expectedReady: 0,
    expectedTerminating: 2,
  },
  'indexed job with indexes outside of range': {
    parallelism: 2,
    completions: 5,
    backoffLimit: 6,
    completionMode: 'Indexed',
    podsWithIndexes: [
      ['0', 'Succeeded'],
      ['5', 'Running'],
      ['6', 'Succeeded'],
      ['7', 'Pending'],
      ['8', 'Failed'],
    ],
    expectedSucceeded: 1,
    expectedDeletions: 2,
    expectedCompletedIdxs: '0',
    expectedActive: 0,
    expectedFailed: 0,
    expectedPodPatches: 5,
    expectedReady: 0,
    expectedTerminating: 2,
  },
  'suspending a job with satisfied expectations': {
    suspend: true,
    parallelism: 2,
    activePods: 2,
    completions: 4,
    backoffLimit: 6,
    expectedDeletions: 2,
    expectedActive: 0,
    expectedConditions: [{ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' }],
    expectedPodPatches: 2,
    expectedReady: 0,
    expectedTerminating: 2,
  },
  'count ready pods when suspending a job with satisfied expectations': {
    suspend: true,
    parallelism: 2,
    activePods: 2,
    readyPods: 2,
    completions: 4,
    backoffLimit: 6,
    expectedDeletions: 2,
    expectedActive: 0,
    expectedConditions: [{ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' }],
    expectedPodPatches: 2,
    expectedReady: 0,
    expectedTerminating: 2,
  },
  'suspending a job with unsatisfied expectations': { suspend: true, parallelism: 2, activePods: 3, fakeExpectationAtCreation: -1, completions: 4, backoffLimit: 6, expectedActive: 3, expectedReady: 0 },
  'count ready pods when suspending a job with unsatisfied expectations': { suspend: true, parallelism: 2, activePods: 3, readyPods: 3, fakeExpectationAtCreation: -1, completions: 4, backoffLimit: 6, expectedActive: 3, expectedReady: 3 },
  'resuming a suspended job': {
    wasSuspended: true,
    suspend: false,
    parallelism: 2,
    completions: 4,
    backoffLimit: 6,
    expectedCreations: 2,
    expectedActive: 2,
    expectedConditions: [{ type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed' }],
    expectedReady: 0,
  },
  'suspending a deleted job': { suspend: true, deleting: true, parallelism: 2, activePods: 2, completions: 4, backoffLimit: 6, expectedActive: 2, expectedPodPatches: 2, expectedReady: 0 },
  'FailureTarget=False condition added manually is ignored': {
    parallelism: 1,
    completions: 1,
    activePods: 1,
    readyPods: 1,
    initialStatus: { active: 1, startTime: referenceTime, conditions: [{ type: 'FailureTarget', status: 'False', reason: 'ConditionAddedManually', message: 'Testing' }] },
    expectedActive: 1,
    expectedReady: 1,
    expectedConditions: [{ type: 'FailureTarget', status: 'False', reason: 'ConditionAddedManually', message: 'Testing' }],
  },
  'SuccessCriteriaMet=False condition added manually is ignored': {
    parallelism: 1,
    completions: 1,
    activePods: 1,
    readyPods: 1,
    initialStatus: { active: 1, startTime: referenceTime, conditions: [{ type: 'SuccessCriteriaMet', status: 'False', reason: 'ConditionAddedManually', message: 'Testing' }] },
    expectedActive: 1,
    expectedReady: 1,
    expectedConditions: [{ type: 'SuccessCriteriaMet', status: 'False', reason: 'ConditionAddedManually', message: 'Testing' }],
  },
  // Repro of kubernetes#122235, with its podFailurePolicy.
  'more terminating pods than parallelism; PodFailurePolicy used': { parallelism: 1, completions: 1, backoffLimit: 6, activePods: 2, terminatingPods: 4, podFailurePolicy: { rules: [] }, expectedTerminating: 5, expectedReady: 0, expectedActive: 1, expectedDeletions: 1, expectedPodPatches: 1 },
};

interface Run {
  ctx: FakeContext;
  job: Job;
  actual: Job;
  err: unknown;
}

function run(tc: Case): Run {
  podSeq = 0;
  const ctx = fakeContext(referenceTime - epochMs);
  const ctrl = newJobController(ctx);
  const job = newJob(tc.parallelism, tc.completions, tc.backoffLimit ?? 0, tc.completionMode);
  job.spec!.suspend = tc.suspend ?? false;
  if (tc.podReplacementPolicy) job.spec!.podReplacementPolicy = tc.podReplacementPolicy;
  if (tc.podFailurePolicy) job.spec!.podFailurePolicy = tc.podFailurePolicy;
  job.status = {};
  if (tc.initialStatus) {
    job.status.startTime = iso(tc.initialStatus.startTime ?? referenceTime);
    if (tc.initialStatus.active) job.status.active = tc.initialStatus.active;
    if (tc.initialStatus.succeed) job.status.succeeded = tc.initialStatus.succeed;
    if (tc.initialStatus.failed) job.status.failed = tc.initialStatus.failed;
    if (tc.initialStatus.conditions) job.status.conditions = structuredClone(tc.initialStatus.conditions);
  }
  const key = 'default/foobar';
  if (tc.backoffRecord) ctrl.backoffStore.updateBackoffRecord({ key, ...tc.backoffRecord });
  if ((tc.fakeExpectationAtCreation ?? 0) < 0) ctrl.expectations.expectDeletions(key, -tc.fakeExpectationAtCreation!);
  else if ((tc.fakeExpectationAtCreation ?? 0) > 0) ctrl.expectations.expectCreations(key, tc.fakeExpectationAtCreation!);
  if (tc.wasSuspended) job.status.conditions = [{ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended', lastProbeTime: iso(referenceTime), lastTransitionTime: iso(referenceTime) }];
  if (tc.deleting) job.metadata.deletionTimestamp = iso(referenceTime);
  const podList: Pod[] = [];
  const add = (n: number, phase: PodPhase, f?: (p: Pod, i: number) => void) => {
    for (let i = 0; i < n; i++) {
      const p = newPod(job, phase);
      f?.(p, i);
      podList.push(p);
    }
  };
  add(tc.pendingPods ?? 0, 'Pending');
  add(tc.activePods ?? 0, 'Running', (p, i) => {
    if (i < (tc.readyPods ?? 0)) p.status!.conditions = [{ type: 'Ready', status: 'True' }];
  });
  add(tc.succeededPods ?? 0, 'Succeeded');
  add(tc.failedPods ?? 0, 'Failed');
  add(tc.terminatingPods ?? 0, 'Running', (p) => (p.metadata.deletionTimestamp = iso(referenceTime)));
  for (const [index, phase] of tc.podsWithIndexes ?? []) {
    const p = newPod(job, phase);
    if (phase !== 'Failed' && phase !== 'Succeeded') delete p.status!.containerStatuses;
    p.metadata.annotations = { 'batch.kubernetes.io/job-completion-index': index };
    p.spec!.hostname = `foobar-${index}`;
    podList.push(p);
  }
  ctx.informers.informerFor<Job>(jobs).preload(job);
  ctx.informers.informerFor<Pod>(pods).preload(...podList);
  ctx.client.seed(jobs, job).seed(pods, ...podList);
  if (tc.podControllerError) for (const verb of ['create', 'delete', 'patch']) ctx.client.prependReactor(verb, 'pods', () => new Error('fake error'));
  if (tc.podLimit) {
    let calls = 0;
    ctx.client.prependReactor('create', 'pods', () => (++calls > tc.podLimit! ? new Error(`not creating pod, limit ${tc.podLimit} already reached (create call ${calls})`) : undefined));
  }
  let err: unknown;
  try {
    runSync(ctrl.sync(key));
  } catch (e) {
    err = e;
  }
  const updates = ctx.client.writes().filter((a) => a.verb === 'update' && a.resource === 'jobs.batch' && a.subresource === 'status');
  const actual = (updates.length ? updates[updates.length - 1]!.object : job) as Job;
  return { ctx, job, actual, err };
}

describe('Job controller syncJob (TestControllerSyncJob)', () => {
  for (const [name, tc] of Object.entries(cases)) {
    it(name, () => {
      const { ctx, actual, err } = run(tc);
      if (tc.podControllerError || tc.podLimit) expect(err).toBeDefined();
      else expect(err).toBeUndefined();
      const writes = ctx.client.writes();
      // FakePodControl records a create's template even when it then fails with Err; not past CreateLimit.
      const creates = writes.filter((a) => a.verb === 'create' && a.resource === 'pods');
      const createdPods = creates.slice(0, tc.podLimit || undefined).map((a) => a.object as Pod);
      expect(createdPods.length).toBe(tc.expectedCreations ?? 0);
      for (const p of createdPods) {
        expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'foobar', uid: 'job-uid', controller: true, blockOwnerDeletion: true }]);
        expect(p.metadata.finalizers).toContain(jobTrackingFinalizer);
      }
      if (tc.completionMode === 'Indexed') {
        // checkIndexedJobPods: index annotation and label, hostname, generateName, JOB_COMPLETION_INDEX.
        const got = createdPods.map((p) => Number(p.metadata.annotations!['batch.kubernetes.io/job-completion-index'])).sort((a, b) => a - b);
        expect(got).toEqual(tc.expectedCreatedIndexes ?? []);
        for (const p of createdPods) {
          const ix = p.metadata.annotations!['batch.kubernetes.io/job-completion-index'];
          expect(p.metadata.labels!['batch.kubernetes.io/job-completion-index']).toBe(ix);
          expect(p.spec!.hostname).toBe(`foobar-${ix}`);
          expect(p.metadata.generateName).toBe(`foobar-${ix}-`);
          expect(p.spec!.containers[0]!.env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } }]);
        }
      } else for (const p of createdPods) expect(p.metadata.generateName).toBe('foobar-');
      const deletes = writes.filter((a) => a.verb === 'delete' && a.resource === 'pods' && !tc.podControllerError);
      expect(deletes.length).toBe(tc.expectedDeletions ?? 0);
      const s = actual.status ?? {};
      expect(s.active ?? 0).toBe(tc.expectedActive ?? 0);
      expect(s.ready).toBe(tc.expectedReady);
      expect(s.succeeded ?? 0).toBe(tc.expectedSucceeded ?? 0);
      expect(s.completedIndexes ?? '').toBe(tc.expectedCompletedIdxs ?? '');
      expect(s.failed ?? 0).toBe(tc.expectedFailed ?? 0);
      expect(s.terminating).toBe(tc.expectedTerminating ?? 0);
      if (tc.suspend) expect(s.startTime).toBeUndefined();
      else expect(s.startTime).toBeDefined();
      const conds = (s.conditions ?? []).map(({ lastProbeTime: _p, lastTransitionTime: _t, ...c }) => c);
      expect(conds).toEqual(tc.expectedConditions ?? []);
      expect(writes.filter((a) => a.verb === 'patch' && a.resource === 'pods').length).toBe(tc.expectedPodPatches ?? 0);
    });
  }
});

describe('Job controller', () => {
  it('creates pods from the template with the tracking finalizer and the Job as controller, with upstream events', () => {
    const { ctx } = run(cases['job start']!);
    const create = ctx.client.writes().find((a) => a.verb === 'create')!;
    expect(create.object).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        labels: { foo: 'bar' },
        generateName: 'foobar-',
        finalizers: [jobTrackingFinalizer],
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'foobar', uid: 'job-uid', controller: true, blockOwnerDeletion: true }],
      },
      spec: { containers: [{ name: '', image: 'foo/bar' }] },
    });
    expect(ctx.events.map((e) => `${e.component} ${e.reason}`)).toEqual(['job-controller SuccessfulCreate', 'job-controller SuccessfulCreate']);
  });

  it('removes the finalizer with the patch upstream sends, counting the pod only after', () => {
    const { ctx, actual } = run(cases['job finish']!);
    const patch = ctx.client.writes().find((a) => a.verb === 'patch')!;
    expect(patch.patch).toEqual({ metadata: { '$deleteFromPrimitiveList/finalizers': [jobTrackingFinalizer] } });
    const updates = ctx.client.writes().filter((a) => a.subresource === 'status').map((a) => (a.object as Job).status!);
    // First the UIDs go into uncountedTerminatedPods, then (finalizers removed) into succeeded, with the conditions.
    expect(updates[0]!.uncountedTerminatedPods!.succeeded).toHaveLength(5);
    expect(updates[0]!.succeeded).toBeUndefined();
    expect(updates[0]!.conditions!.map((c) => c.type)).toEqual(['SuccessCriteriaMet']);
    expect(actual.status!.uncountedTerminatedPods).toEqual({});
    expect(actual.status!.completionTime).toBe(iso(referenceTime));
    expect(ctx.events.map((e) => `${e.type} ${e.reason} ${e.message}`)).toEqual(['Normal Completed Job completed']);
  });

  it('fails with BackoffLimitExceeded and a Warning event', () => {
    const { ctx } = run(cases['too many job failures']!);
    expect(ctx.events.map((e) => `${e.type} ${e.reason} ${e.message}`)).toEqual(['Warning BackoffLimitExceeded Job has reached the specified backoff limit']);
  });

  // TestSyncJobPastDeadline, the "activeDeadlineSeconds less than single pod execution" case in 1.32's terms.
  it('fails a Job past activeDeadlineSeconds with DeadlineExceeded, deleting its pods', () => {
    const tc: Case = { parallelism: 1, completions: 1, backoffLimit: 6, activePods: 1, initialStatus: { startTime: referenceTime - 15_000 } };
    const ctx = fakeContext(referenceTime - epochMs);
    const ctrl = newJobController(ctx);
    const job = newJob(tc.parallelism, tc.completions, 6);
    job.spec!.activeDeadlineSeconds = 10;
    job.status = { startTime: iso(referenceTime - 15_000) };
    const pod = newPod(job, 'Running');
    ctx.informers.informerFor<Job>(jobs).preload(job);
    ctx.informers.informerFor<Pod>(pods).preload(pod);
    ctx.client.seed(jobs, job).seed(pods, pod);
    runSync(ctrl.sync('default/foobar'));
    expect(ctx.client.writes().filter((a) => a.verb === 'delete').map((a) => a.name)).toEqual([pod.metadata.name]);
    const last = ctx.client.writes().filter((a) => a.subresource === 'status').pop()!.object as Job;
    // The deleted pod is terminating: FailureTarget now, Failed once it is gone.
    expect(last.status!.conditions!.map((c) => [c.type, c.reason])).toEqual([['FailureTarget', 'DeadlineExceeded']]);
    expect(last.status!.terminating).toBe(1);
  });

  it('requeues for the deadline when activeDeadlineSeconds has not passed', () => {
    const ctx = fakeContext(referenceTime - epochMs);
    const ctrl = newJobController(ctx);
    const job = newJob(1, 1, 6);
    job.spec!.activeDeadlineSeconds = 10;
    job.status = { startTime: iso(referenceTime - 4_000) };
    ctx.informers.informerFor<Job>(jobs).preload(job);
    ctx.client.seed(jobs, job);
    runSync(ctrl.sync('default/foobar'));
    expect(ctx.queues.get('job')!.after).toEqual([{ key: 'default/foobar', ms: 6_000 }]);
  });

  it('delays replacements after failures (10 s doubling) and requeues for when the backoff ends', () => {
    const ctx = fakeContext(referenceTime - epochMs);
    const ctrl = newJobController(ctx);
    const job = newJob(1, 1, 6);
    job.status = { startTime: iso(referenceTime - 60_000), failed: 1 };
    ctrl.backoffStore.updateBackoffRecord({ key: 'default/foobar', failuresAfterLastSuccess: 2, lastFailureTime: referenceTime - 5_000 });
    ctx.informers.informerFor<Job>(jobs).preload(job);
    ctx.client.seed(jobs, job);
    runSync(ctrl.sync('default/foobar'));
    expect(ctx.client.writes().filter((a) => a.verb === 'create')).toEqual([]);
    expect(ctx.queues.get('job')!.after).toEqual([{ key: 'default/foobar', ms: 15_000 }]);
  });

  it('a podFailurePolicy FailJob rule fails the Job with its message (TestSyncJobWithJobPodFailurePolicy)', () => {
    const ctx = fakeContext(referenceTime - epochMs);
    const ctrl = newJobController(ctx);
    const job = newJob(1, 1, 6);
    job.spec!.podFailurePolicy = { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [5, 6, 7] } }] };
    job.status = { startTime: iso(referenceTime - 60_000) };
    const pod = newPod(job, 'Failed');
    pod.status!.containerStatuses = [{ name: 'main-container', state: { terminated: { exitCode: 5, finishedAt: testFinishedAt } } } as never];
    ctx.informers.informerFor<Job>(jobs).preload(job);
    ctx.informers.informerFor<Pod>(pods).preload(pod);
    ctx.client.seed(jobs, job).seed(pods, pod);
    runSync(ctrl.sync('default/foobar'));
    const last = ctx.client.writes().filter((a) => a.subresource === 'status').pop()!.object as Job;
    const msg = `Container main-container for pod default/${pod.metadata.name} failed with exit code 5 matching FailJob rule at index 0`;
    expect(last.status!.conditions!.map(({ type, reason, message }) => ({ type, reason, message }))).toEqual([
      { type: 'FailureTarget', reason: 'PodFailurePolicy', message: msg },
      { type: 'Failed', reason: 'PodFailurePolicy', message: msg },
    ]);
    expect(last.status!.failed).toBe(1);
  });

  it('leaves a Job managed by another controller alone', () => {
    const ctx = fakeContext(referenceTime - epochMs);
    const ctrl = newJobController(ctx);
    const job = newJob(1, 1, 6);
    job.spec!.managedBy = 'example.com/other';
    ctx.informers.informerFor<Job>(jobs).preload(job);
    runSync(ctrl.sync('default/foobar'));
    expect(ctx.client.writes()).toEqual([]);
  });

  it('adopts a matching orphan with the tracking finalizer in the adoption patch', () => {
    const ctx = fakeContext(referenceTime - epochMs);
    const ctrl = newJobController(ctx);
    const job = newJob(1, 1, 6);
    const orphan = newPod(job, 'Running', { ownerReferences: [], finalizers: [] });
    ctx.informers.informerFor<Job>(jobs).preload(job);
    ctx.informers.informerFor<Pod>(pods).preload(orphan);
    ctx.client.seed(jobs, job).seed(pods, orphan);
    runSync(ctrl.sync('default/foobar'));
    const patch = ctx.client.writes().find((a) => a.verb === 'patch')!;
    expect(patch.patch).toEqual({
      metadata: { ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'foobar', uid: 'job-uid', controller: true, blockOwnerDeletion: true }], uid: orphan.metadata.uid, finalizers: [jobTrackingFinalizer] },
    });
    expect(ctx.client.writes().filter((a) => a.verb === 'create')).toEqual([]);
  });

  it('removes the finalizer of an orphan pod (TestSyncOrphanPod)', () => {
    const ctx = fakeContext(referenceTime - epochMs);
    const ctrl = newJobController(ctx);
    const job = newJob(1, 1, 6);
    const orphan = newPod(job, 'Succeeded', { ownerReferences: [] });
    const podInf = ctx.informers.informerFor<Pod>(pods);
    ctx.client.seed(pods, orphan);
    podInf.emitUpsert(orphan);
    const queue = ctx.queues.get('job')!;
    expect(queue.added).toEqual([`orphan-pod:default/${orphan.metadata.name}`]);
    runSync(ctrl.sync(queue.added[0]!));
    expect(ctx.client.writes().map((a) => [a.verb, a.name, a.patch])).toEqual([['patch', orphan.metadata.name, { metadata: { '$deleteFromPrimitiveList/finalizers': [jobTrackingFinalizer] } }]]);
  });

  it('backs off a failing sync 1 s, 2 s, 4 s … (the Job queue limiter)', () => {
    const ctx = fakeContext();
    const ctrl = newJobController(ctx);
    for (let i = 0; i < 3; i++) ctrl.handleErr!('default/foobar', new Error('x'));
    expect(ctx.queues.get('job')!.after.map((a) => a.ms)).toEqual([1000, 2000, 4000]);
  });
});

describe('generateSelector (pkg/registry/batch/job/strategy.go)', () => {
  it('labels the template with the Job name and UID, and selects the UID', () => {
    const job: Job = { metadata: { name: 'pi', uid: 'u-1' }, spec: { template: { metadata: { labels: { app: 'pi' } } } } };
    generateSelector(job);
    expect(job.spec!.template.metadata!.labels).toEqual({ app: 'pi', 'job-name': 'pi', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u-1', 'batch.kubernetes.io/controller-uid': 'u-1' });
    expect(job.spec!.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } });
  });
  it('does nothing with manualSelector', () => {
    const job: Job = { metadata: { name: 'pi', uid: 'u-1' }, spec: { manualSelector: true, template: {} } };
    generateSelector(job);
    expect(job.spec!.selector).toBeUndefined();
  });
});

// backoff_utils_test.go TestGetRemainingBackoffTime.
describe('getRemainingTime', () => {
  const now = 1_000_000;
  const cases: [string, number, number, number][] = [
    ['no failures', 0, now, 0],
    ['one failure; current time and failure time are same', 1, now, 10_000],
    ['one failure; current time == 1 second + failure time', 1, now - 1000, 9_000],
    ['one failure; current time == expected backoff time', 1, now - 10_000, 0],
    ['one failure; current time == expected backoff time + 1 Second', 1, now - 11_000, 0],
    ['five failures; current time == 1 second + failure time', 5, now - 1000, 159_000],
    ['twelve failures; backoff capped at 10 minutes', 12, now, 600_000],
  ];
  for (const [name, failures, last, want] of cases) it(name, () => expect(getRemainingTime({ key: 'k', failuresAfterLastSuccess: failures, lastFailureTime: last }, now)).toBe(want));
});

// indexed_job_utils_test.go TestCalculateSucceededIndexes / TestFirstPendingIndexes, in short.
describe('indexed job intervals', () => {
  it('parses, merges and prints completed indexes', () => {
    const prev = parseIndexesFromString('1,3-5,7-10', 20);
    expect(intervalsString(withOrderedIndexes(prev, [0, 2, 6, 11]))).toBe('0-11');
    expect(intervalsString(withOrderedIndexes(prev, [13]))).toBe('1,3-5,7-10,13');
    expect(intervalsString(parseIndexesFromString('0-5,9,12-20', 10))).toBe('0-5,9');
    expect(intervalsString(withOrderedIndexes([], [3, 4]))).toBe('3,4');
  });
  it('picks the first pending indexes', () => {
    const active = [0, 4].map((i) => ({ metadata: { annotations: { 'batch.kubernetes.io/job-completion-index': String(i) } } }) as Pod);
    expect(firstPendingIndexes(active, parseIndexesFromString('1-2,6', 10), 4, 10)).toEqual([3, 5, 7, 8]);
    expect(firstPendingIndexes([], [], 5, 3)).toEqual([0, 1, 2]);
  });
});
