import { describe, expect, it } from 'vitest';
import type { CronJob, Job } from '../api/types';
import { newAlreadyExists, newBadRequest, StatusError } from '../apiserver/errors';
import { res } from '../client/clientset';
import { referenceOf } from '../client/events';
import { fakeContext, runSync, type FakeContext } from './testing';
import { parseStandard } from './cron';
import { getJobFromTemplate2, mostRecentScheduleTime, newCronJobController, nextScheduleDeltaMs } from './cronjob';

const cronJobs = res('batch', 'cronjobs');
const jobs = res('batch', 'jobs');
const epochMs = Date.UTC(2026, 0, 1);

const at = (iso: string) => Date.parse(iso);
const justAfterThePriorHour = at('2016-05-19T09:01:00Z');
const justBeforeThePriorHour = at('2016-05-19T08:59:00Z');
const justAfterTheHour = at('2016-05-19T10:01:00Z');
const justBeforeTheHour = at('2016-05-19T09:59:00Z');
const justBeforeTheNextHour = at('2016-05-19T10:59:00Z');
const weekAfterTheHour = at('2016-05-26T10:00:00Z');
const topOfTheHour = at('2016-05-19T10:00:00Z');
const minute = 60_000;
const hour = 60 * minute;
const second = 1000;
const shortDead = 10;
const mediumDead = 2 * 60 * 60;
const longDead = 1000000;
const onTheHour = '0 * * * ?';
const everyHour = '@every 1h';
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

// cronjob_controllerv2_test.go cronJob() and jobSpec().
function cronJob(): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'mycronjob', namespace: 'snazzycats', uid: '1a2b3c', creationTimestamp: iso(justBeforeTheHour) },
    spec: {
      schedule: '* * * * ?',
      concurrencyPolicy: 'Allow',
      jobTemplate: {
        metadata: { labels: { a: 'b' }, annotations: { x: 'y' } },
        spec: { parallelism: 1, completions: 1, template: { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: '', image: 'foo/bar' }] } } },
      },
    },
  };
}

interface Case {
  concurrencyPolicy: 'Allow' | 'Forbid' | 'Replace';
  suspend?: boolean;
  schedule: string;
  timeZone?: string;
  deadline?: number;
  ranPreviously?: boolean;
  stillActive?: boolean;
  cronjobCreationTime?: number;
  jobCreationTime: number;
  lastScheduleTime?: number;
  now: number;
  jobCreateError?: Error;
  jobGetErr?: Error;
  expectCreate?: boolean;
  expectDelete?: boolean;
  expectActive?: number;
  expectedWarnings?: number;
  expectErr?: boolean;
  expectedRequeueDuration?: number;
  expectUpdateStatus?: boolean;
  jobStillNotFoundInLister?: boolean;
  jobPresentInCJActiveStatus?: boolean;
}

const A = 'Allow' as const;
const F = 'Forbid' as const;
const R = 'Replace' as const;

// cronjob_controllerv2_test.go TestControllerV2SyncCronJob, case for case.
const cases: Record<string, Case> = {
  'never ran, not valid schedule, A': { concurrencyPolicy: A, schedule: 'obvious error schedule', jobCreationTime: justAfterThePriorHour, now: justBeforeTheHour, expectedWarnings: 1, jobPresentInCJActiveStatus: true },
  'never ran, not valid time zone': { concurrencyPolicy: A, schedule: onTheHour, timeZone: 'bad timezone', jobCreationTime: justAfterThePriorHour, now: justBeforeTheHour, expectedWarnings: 1, jobPresentInCJActiveStatus: true },
  'never ran, not time, A': { concurrencyPolicy: A, schedule: onTheHour, jobCreationTime: justAfterThePriorHour, now: justBeforeTheHour, expectedRequeueDuration: minute + nextScheduleDeltaMs, jobPresentInCJActiveStatus: true },
  'never ran, not time, F': { concurrencyPolicy: F, schedule: onTheHour, jobCreationTime: justAfterThePriorHour, now: justBeforeTheHour, expectedRequeueDuration: minute + nextScheduleDeltaMs, jobPresentInCJActiveStatus: true },
  'never ran, not time in zone': { concurrencyPolicy: A, schedule: onTheHour, timeZone: 'America/New_York', jobCreationTime: justAfterThePriorHour, now: justBeforeTheHour, expectedRequeueDuration: minute + nextScheduleDeltaMs, jobPresentInCJActiveStatus: true },
  'never ran, is time, A': { concurrencyPolicy: A, schedule: onTheHour, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, expectCreate: true, expectActive: 1, expectedRequeueDuration: hour - minute + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'never ran, is time, R': { concurrencyPolicy: R, schedule: onTheHour, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, expectCreate: true, expectActive: 1, expectedRequeueDuration: hour - minute + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'never ran, is time in zone': { concurrencyPolicy: A, schedule: onTheHour, timeZone: 'America/New_York', jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, expectCreate: true, expectActive: 1, expectedRequeueDuration: hour - minute + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'never ran, is time in zone, but TZ is also set in schedule': { concurrencyPolicy: A, schedule: 'TZ=UTC ' + onTheHour, timeZone: 'America/New_York', jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, expectCreate: true, expectActive: 1, expectedWarnings: 1, expectedRequeueDuration: hour - minute + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'never ran, is time, suspended': { concurrencyPolicy: A, suspend: true, schedule: onTheHour, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, jobPresentInCJActiveStatus: true },
  'never ran, is time, past deadline': { concurrencyPolicy: A, schedule: onTheHour, deadline: shortDead, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour + minute * (shortDead + 1), expectedRequeueDuration: hour - minute - minute * (shortDead + 1) + nextScheduleDeltaMs, jobPresentInCJActiveStatus: true },
  'never ran, is time, not past deadline': { concurrencyPolicy: A, schedule: onTheHour, deadline: longDead, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, expectCreate: true, expectActive: 1, expectedRequeueDuration: hour - minute + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'prev ran but done, not time, A': { concurrencyPolicy: A, schedule: onTheHour, ranPreviously: true, jobCreationTime: justAfterThePriorHour, now: justBeforeTheHour, expectedRequeueDuration: minute + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'prev ran but done, is time, A': { concurrencyPolicy: A, schedule: onTheHour, ranPreviously: true, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, expectCreate: true, expectActive: 1, expectedRequeueDuration: hour - minute + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'prev ran but done, is time, create job failed, A': { concurrencyPolicy: A, schedule: onTheHour, ranPreviously: true, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, jobCreateError: newAlreadyExists({ group: 'batch', resource: 'job' }, ''), expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'prev ran but done, is time, F': { concurrencyPolicy: F, schedule: onTheHour, ranPreviously: true, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, expectCreate: true, expectActive: 1, expectedRequeueDuration: hour - minute + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'prev ran but done, is time, suspended': { concurrencyPolicy: A, suspend: true, schedule: onTheHour, ranPreviously: true, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'prev ran but done, is time, past deadline': { concurrencyPolicy: A, schedule: onTheHour, deadline: shortDead, ranPreviously: true, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, expectedRequeueDuration: hour - minute + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'still active, not time, A': { concurrencyPolicy: A, schedule: onTheHour, ranPreviously: true, stillActive: true, jobCreationTime: justAfterThePriorHour, now: justBeforeTheHour, expectActive: 1, expectedRequeueDuration: minute + nextScheduleDeltaMs, jobPresentInCJActiveStatus: true },
  'still active, is time, A': { concurrencyPolicy: A, schedule: onTheHour, ranPreviously: true, stillActive: true, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, expectCreate: true, expectActive: 2, expectedRequeueDuration: hour - minute + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'still active, is time, F': { concurrencyPolicy: F, schedule: onTheHour, ranPreviously: true, stillActive: true, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, expectActive: 1, expectedRequeueDuration: hour - minute + nextScheduleDeltaMs, jobPresentInCJActiveStatus: true },
  'still active, is time, R': { concurrencyPolicy: R, schedule: onTheHour, ranPreviously: true, stillActive: true, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, expectCreate: true, expectDelete: true, expectActive: 1, expectedRequeueDuration: hour - minute + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'still active, is time, get job failed, R': { concurrencyPolicy: R, schedule: onTheHour, ranPreviously: true, stillActive: true, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, jobGetErr: newBadRequest('request is invalid'), expectActive: 1, expectedWarnings: 1, jobPresentInCJActiveStatus: true },
  'still active, is time, suspended': { concurrencyPolicy: A, suspend: true, schedule: onTheHour, ranPreviously: true, stillActive: true, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, expectActive: 1, jobPresentInCJActiveStatus: true },
  'still active, is time, past deadline': { concurrencyPolicy: A, schedule: onTheHour, deadline: shortDead, ranPreviously: true, stillActive: true, jobCreationTime: justAfterThePriorHour, now: justAfterTheHour, expectActive: 1, expectedRequeueDuration: hour - minute + nextScheduleDeltaMs, jobPresentInCJActiveStatus: true },
  'prev ran but done, long overdue, not past deadline, A': { concurrencyPolicy: A, schedule: onTheHour, deadline: longDead, ranPreviously: true, jobCreationTime: justAfterThePriorHour, now: weekAfterTheHour, expectCreate: true, expectActive: 1, expectedWarnings: 1, expectedRequeueDuration: hour + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'prev ran but done, long overdue, no deadline, F': { concurrencyPolicy: F, schedule: onTheHour, ranPreviously: true, jobCreationTime: justAfterThePriorHour, now: weekAfterTheHour, expectCreate: true, expectActive: 1, expectedWarnings: 1, expectedRequeueDuration: hour + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'prev ran but done, long overdue, past medium deadline, A': { concurrencyPolicy: A, schedule: onTheHour, deadline: mediumDead, ranPreviously: true, jobCreationTime: justAfterThePriorHour, now: weekAfterTheHour, expectCreate: true, expectActive: 1, expectedRequeueDuration: hour + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'prev ran but done, long overdue, past short deadline, R': { concurrencyPolicy: R, schedule: onTheHour, deadline: shortDead, ranPreviously: true, jobCreationTime: justAfterThePriorHour, now: weekAfterTheHour, expectCreate: true, expectActive: 1, expectedRequeueDuration: hour + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'this ran but done, time drifted back, F': { concurrencyPolicy: F, schedule: onTheHour, ranPreviously: true, jobCreationTime: justAfterTheHour, now: justBeforeTheHour, jobCreateError: newAlreadyExists({ group: 'batch', resource: 'jobs' }, ''), expectedRequeueDuration: minute + nextScheduleDeltaMs, expectUpdateStatus: true },
  'this started but went missing, not past deadline, A': { concurrencyPolicy: A, schedule: onTheHour, deadline: longDead, ranPreviously: true, stillActive: true, jobCreationTime: topOfTheHour + 100, now: justAfterTheHour + 100, expectActive: 1, expectedRequeueDuration: hour - minute - 100 + nextScheduleDeltaMs, jobStillNotFoundInLister: true, jobPresentInCJActiveStatus: true },
  'this started but is not present in cronjob active list, not past deadline, R': { concurrencyPolicy: R, schedule: onTheHour, deadline: longDead, ranPreviously: true, stillActive: true, jobCreationTime: topOfTheHour + 100, now: justAfterTheHour + 100, expectActive: 1, expectedRequeueDuration: hour - minute - 100 + nextScheduleDeltaMs },
  'with @every schedule, never ran, not time': { concurrencyPolicy: A, schedule: everyHour, cronjobCreationTime: justBeforeTheHour, jobCreationTime: justBeforeTheHour, now: topOfTheHour, expectedRequeueDuration: hour - minute + nextScheduleDeltaMs, jobPresentInCJActiveStatus: true },
  'with @every schedule, never ran, is time': { concurrencyPolicy: A, schedule: everyHour, cronjobCreationTime: justBeforeThePriorHour, jobCreationTime: justBeforeThePriorHour, now: justBeforeTheHour, expectedRequeueDuration: hour + nextScheduleDeltaMs, jobPresentInCJActiveStatus: true, expectCreate: true, expectActive: 1, expectUpdateStatus: true },
  'with @every schedule, never ran, is time, past deadline': { concurrencyPolicy: A, schedule: everyHour, deadline: shortDead, cronjobCreationTime: justBeforeThePriorHour, jobCreationTime: justBeforeThePriorHour, now: justBeforeTheHour + second * (shortDead + 1), expectedRequeueDuration: hour - second * (shortDead + 1) + nextScheduleDeltaMs, jobPresentInCJActiveStatus: true },
  'with @every schedule, prev ran but done, is time': { concurrencyPolicy: A, schedule: everyHour, ranPreviously: true, cronjobCreationTime: justBeforeThePriorHour, jobCreationTime: justBeforeThePriorHour, lastScheduleTime: justBeforeTheHour, now: topOfTheHour + hour, expectCreate: true, expectActive: 1, expectedRequeueDuration: hour - minute + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'with @every schedule, still active, is time': { concurrencyPolicy: A, schedule: everyHour, ranPreviously: true, stillActive: true, cronjobCreationTime: justBeforeThePriorHour, jobCreationTime: justBeforeThePriorHour, lastScheduleTime: justBeforeThePriorHour, now: justAfterTheHour, expectCreate: true, expectActive: 2, expectedRequeueDuration: hour - 2 * minute + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'with @every schedule, still active, is time, not past deadline': { concurrencyPolicy: A, schedule: everyHour, deadline: longDead, ranPreviously: true, stillActive: true, cronjobCreationTime: justBeforeThePriorHour, jobCreationTime: justBeforeTheHour, lastScheduleTime: justBeforeTheHour, now: justBeforeTheNextHour + second * (shortDead - 1), expectCreate: true, expectActive: 2, expectedRequeueDuration: hour - second * (shortDead - 1) + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'with @every schedule, prev ran but done, long overdue, no deadline': { concurrencyPolicy: A, schedule: everyHour, ranPreviously: true, cronjobCreationTime: justAfterThePriorHour, lastScheduleTime: justAfterTheHour, jobCreationTime: justAfterThePriorHour, now: weekAfterTheHour, expectCreate: true, expectActive: 1, expectedWarnings: 1, expectedRequeueDuration: minute + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'with @every schedule, prev ran but done, long overdue, past deadline': { concurrencyPolicy: A, schedule: everyHour, deadline: shortDead, ranPreviously: true, cronjobCreationTime: justAfterThePriorHour, lastScheduleTime: justAfterTheHour, jobCreationTime: justAfterThePriorHour, now: weekAfterTheHour + minute + second * (shortDead + 1), expectActive: 1, expectedRequeueDuration: hour - second * (shortDead + 1) + nextScheduleDeltaMs, expectUpdateStatus: true, jobPresentInCJActiveStatus: true },
  'do nothing if the namespace is terminating': {
    jobCreateError: new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', details: { causes: [{ reason: 'NamespaceTerminating', message: 'namespace default is being terminated', field: 'metadata.namespace' }] } }),
    concurrencyPolicy: A,
    schedule: onTheHour,
    ranPreviously: true,
    stillActive: true,
    jobCreationTime: justAfterThePriorHour,
    now: justAfterTheHour,
    expectActive: 0,
    expectErr: true,
  },
};

function setup(tc: Case): { ctx: FakeContext; err: unknown; cj: CronJob } {
  const cj = cronJob();
  cj.spec!.concurrencyPolicy = tc.concurrencyPolicy;
  cj.spec!.suspend = tc.suspend ?? false;
  cj.spec!.schedule = tc.schedule;
  if (tc.timeZone !== undefined) cj.spec!.timeZone = tc.timeZone;
  if (tc.deadline !== undefined) cj.spec!.startingDeadlineSeconds = tc.deadline;
  const realCJ = structuredClone(cj);
  const js: Job[] = [];
  let job: Job | undefined;
  cj.status = {};
  if (tc.ranPreviously) {
    cj.metadata.creationTimestamp = iso(tc.cronjobCreationTime ?? justBeforeThePriorHour);
    cj.status.lastScheduleTime = iso(tc.lastScheduleTime ?? justAfterThePriorHour);
    job = getJobFromTemplate2(cj, tc.jobCreationTime);
    job.metadata.uid = '1234';
    job.metadata.namespace = cj.metadata.namespace;
    job.metadata.creationTimestamp = iso(tc.jobCreationTime);
    if (tc.stillActive) {
      const ref = referenceOf(job);
      if (tc.jobPresentInCJActiveStatus) cj.status.active = [ref];
      realCJ.status = { active: [ref] };
    } else {
      job.status = { completionTime: iso(Math.floor(tc.jobCreationTime / 1000) * 1000 + 10_000), conditions: [{ type: 'Complete', status: 'True' }] };
    }
    if (!tc.jobStillNotFoundInLister) js.push(job);
  } else {
    cj.metadata.creationTimestamp = iso(tc.cronjobCreationTime ?? justBeforeTheHour);
  }
  const ctx = fakeContext(tc.now - epochMs);
  const ctrl = newCronJobController(ctx);
  ctx.informers.informerFor<CronJob>(cronJobs).preload(cj);
  ctx.informers.informerFor<Job>(jobs).preload(...js);
  ctx.client.seed(cronJobs, realCJ);
  if (job) ctx.client.seed(jobs, job);
  // fakeJobControl: GetJob answers its one job (or its error) whatever the name; CreateJob its create error.
  ctx.client.prependReactor('get', 'jobs.batch', () => tc.jobGetErr ?? job);
  if (tc.jobCreateError) ctx.client.prependReactor('create', 'jobs.batch', () => tc.jobCreateError);
  let err: unknown;
  try {
    runSync(ctrl.sync('snazzycats/mycronjob'));
  } catch (e) {
    err = e;
  }
  return { ctx, err, cj };
}

describe('CronJob controller sync (TestControllerV2SyncCronJob)', () => {
  for (const [name, tc] of Object.entries(cases)) {
    it(name, () => {
      const { ctx, err } = setup(tc);
      if (tc.expectErr) expect(err).toBeDefined();
      const queue = ctx.queues.get('cronjob')!;
      if (tc.expectedRequeueDuration !== undefined) expect(queue.after).toEqual([{ key: 'snazzycats/mycronjob', ms: tc.expectedRequeueDuration }]);
      const writes = ctx.client.writes();
      const creates = writes.filter((a) => a.verb === 'create' && a.resource === 'jobs.batch' && !tc.jobCreateError);
      expect(creates.length).toBe(tc.expectCreate ? 1 : 0);
      for (const c of creates) expect(c.object!.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'mycronjob', uid: '1a2b3c', controller: true, blockOwnerDeletion: true }]);
      expect(writes.filter((a) => a.verb === 'delete').length).toBe(tc.expectDelete ? 1 : 0);
      const statusUpdates = writes.filter((a) => a.verb === 'update' && a.subresource === 'status');
      expect(statusUpdates.length > 0).toBe(tc.expectUpdateStatus ?? false);
      // Upstream's own active check never runs (its fake records no status update from syncCronJob); here it does where a Job was created or replaced.
      if (statusUpdates.length && (tc.expectCreate || tc.expectDelete)) expect((statusUpdates[0]!.object as CronJob).status?.active?.length ?? 0).toBe(tc.expectActive);
      if (tc.ranPreviously && !tc.stillActive) {
        const completion = iso(Math.floor(tc.jobCreationTime / 1000) * 1000 + 10_000);
        expect((statusUpdates[0]!.object as CronJob).status?.lastSuccessfulTime).toBe(completion);
      }
      let expectedEvents = (tc.expectCreate ? 1 : 0) + (tc.expectDelete ? 1 : 0) + (tc.expectedWarnings ?? 0);
      if (name === 'still active, is time, F') expectedEvents++;
      expect(ctx.events.length).toBe(expectedEvents);
      expect(ctx.events.filter((e) => e.type === 'Warning').length).toBe(tc.expectedWarnings ?? 0);
    });
  }
});

describe('CronJob controller', () => {
  it('creates the Job as getJobFromTemplate2 builds it, and records it in status.active', () => {
    const { ctx } = setup(cases['never ran, is time, A']!);
    const create = ctx.client.writes().find((a) => a.verb === 'create')!;
    expect(create.object).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: `mycronjob-${topOfTheHour / 60_000}`,
        labels: { a: 'b' },
        annotations: { x: 'y', 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2016-05-19T10:00:00Z' },
        creationTimestamp: '2016-05-19T10:00:00Z',
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'mycronjob', uid: '1a2b3c', controller: true, blockOwnerDeletion: true }],
      },
      spec: cronJob().spec!.jobTemplate.spec,
    });
    expect(ctx.events).toEqual([{ component: 'cronjob-controller', object: 'CronJob/mycronjob', type: 'Normal', reason: 'SuccessfulCreate', message: `Created job mycronjob-${topOfTheHour / 60_000}` }]);
    const status = (ctx.client.writes().find((a) => a.subresource === 'status')!.object as CronJob).status!;
    expect(status.lastScheduleTime).toBe('2016-05-19T10:00:00Z');
    expect(status.active).toEqual([{ kind: 'Job', namespace: 'snazzycats', name: `mycronjob-${topOfTheHour / 60_000}`, uid: `uid-mycronjob-${topOfTheHour / 60_000}`, apiVersion: 'batch/v1', resourceVersion: '1001' }]);
  });

  it('stamps the scheduled time in the CronJob time zone', () => {
    const { ctx } = setup(cases['never ran, is time in zone']!);
    const create = ctx.client.writes().find((a) => a.verb === 'create')!;
    expect(create.object!.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2016-05-19T06:00:00-04:00');
  });

  // cronjob_controllerv2_test.go TestControllerV2CleanupFinishedJobs, in short: the oldest finished Jobs past each limit go.
  it('deletes the oldest finished jobs beyond the history limits', () => {
    const cj = cronJob();
    cj.spec!.schedule = onTheHour;
    cj.spec!.successfulJobsHistoryLimit = 1;
    cj.spec!.failedJobsHistoryLimit = 1;
    const finished = (name: string, start: number, type: 'Complete' | 'Failed'): Job => ({
      ...getJobFromTemplate2(cj, start),
      metadata: { ...getJobFromTemplate2(cj, start).metadata, name, namespace: 'snazzycats', uid: name },
      status: { startTime: iso(start), conditions: [{ type, status: 'True' }] },
    });
    const ctx = fakeContext(justBeforeTheHour - epochMs);
    const ctrl = newCronJobController(ctx);
    ctx.informers.informerFor<CronJob>(cronJobs).preload({ ...cj, status: { lastScheduleTime: iso(justAfterThePriorHour) } });
    ctx.informers.informerFor<Job>(jobs).preload(finished('s1', justBeforeThePriorHour, 'Complete'), finished('s2', justAfterThePriorHour, 'Complete'), finished('f1', justBeforeThePriorHour, 'Failed'), finished('f2', justAfterThePriorHour, 'Failed'));
    ctx.client.seed(jobs, ...ctx.informers.informerFor<Job>(jobs).lister.list()).seed(cronJobs, cj);
    runSync(ctrl.sync('snazzycats/mycronjob'));
    const deletes = ctx.client.writes().filter((a) => a.verb === 'delete');
    expect(deletes.map((d) => [d.name, d.options])).toEqual([
      ['s1', { propagationPolicy: 'Background' }],
      ['f1', { propagationPolicy: 'Background' }],
    ]);
    expect(ctx.events.map((e) => e.message)).toEqual(['Deleted job s1', 'Deleted job f1']);
  });

  // cronjob_controllerv2_test.go TestControllerV2UpdateCronJob.
  it('requeues at the next schedule time when the schedule changes, at once otherwise', () => {
    const ctx = fakeContext(at('2016-05-19T09:59:59Z') - epochMs);
    newCronJobController(ctx);
    const inf = ctx.informers.informerFor<CronJob>(cronJobs);
    const queue = ctx.queues.get('cronjob')!;
    const base = { ...cronJob(), status: { lastScheduleTime: iso(justBeforeTheHour) } };
    inf.emitUpsert({ ...base, metadata: { ...base.metadata, resourceVersion: '1' }, spec: { ...base.spec!, schedule: '30 * * * *' } });
    inf.emitUpsert({ ...base, metadata: { ...base.metadata, resourceVersion: '2' }, spec: { ...base.spec!, schedule: '*/1 * * * *' } });
    expect(queue.after).toEqual([{ key: 'snazzycats/mycronjob', ms: second + nextScheduleDeltaMs }]);
    inf.emitUpsert({ ...base, metadata: { ...base.metadata, resourceVersion: '3' }, spec: { ...base.spec!, schedule: '@every 3m' } });
    expect(queue.after[1]).toEqual({ key: 'snazzycats/mycronjob', ms: 2 * minute + second + nextScheduleDeltaMs });
    inf.emitUpsert({ ...base, metadata: { ...base.metadata, resourceVersion: '4' }, spec: { ...base.spec!, schedule: '@every 3m', suspend: true } });
    expect(queue.added).toEqual(['snazzycats/mycronjob', 'snazzycats/mycronjob']);
  });
});

// utils_test.go TestMostRecentScheduleTime, its table in short.
describe('mostRecentScheduleTime', () => {
  const withTimes = (created: number, last?: number, deadline?: number): CronJob => {
    const cj = cronJob();
    cj.metadata.creationTimestamp = iso(created);
    if (last !== undefined) cj.status = { lastScheduleTime: iso(last) };
    if (deadline !== undefined) cj.spec!.startingDeadlineSeconds = deadline;
    return cj;
  };
  const T = (s: string) => at(`2016-05-19T${s}Z`);
  it('nothing due before the first schedule time', () => {
    const r = mostRecentScheduleTime(withTimes(T('09:59:00')), T('09:59:59'), parseStandard(onTheHour), false);
    expect(r).toEqual({ earliest: T('09:59:00'), mostRecent: null, missed: 'none' });
  });
  it('one missed', () => {
    const r = mostRecentScheduleTime(withTimes(T('09:59:00')), T('10:01:00'), parseStandard(onTheHour), false);
    expect(r).toEqual({ earliest: T('09:59:00'), mostRecent: T('10:00:00'), missed: 'none' });
  });
  it('two missed: the later one, few', () => {
    const r = mostRecentScheduleTime(withTimes(T('08:59:00')), T('10:01:00'), parseStandard(onTheHour), false);
    expect(r).toEqual({ earliest: T('08:59:00'), mostRecent: T('10:00:00'), missed: 'few' });
  });
  it('more than 100 missed is many', () => {
    const r = mostRecentScheduleTime(withTimes(at('2016-05-01T00:00:00Z')), at('2016-05-19T10:00:00Z'), parseStandard(onTheHour), false);
    expect(r.missed).toBe('many');
    expect(r.mostRecent).toBe(at('2016-05-19T10:00:00Z'));
  });
  it('the starting deadline moves the earliest time up when included', () => {
    const r = mostRecentScheduleTime(withTimes(at('2016-05-01T00:00:00Z'), undefined, 3600), at('2016-05-19T10:30:00Z'), parseStandard(onTheHour), true);
    expect(r).toEqual({ earliest: at('2016-05-19T09:30:00Z'), mostRecent: at('2016-05-19T10:00:00Z'), missed: 'none' });
  });
  it('an impossible date errs rather than loops', () => {
    const r = mostRecentScheduleTime(withTimes(T('08:59:00')), T('10:01:00'), parseStandard('59 23 31 2 *'), false);
    expect(r.err).toBe('time difference between two schedules is less than 1 second');
  });
});
