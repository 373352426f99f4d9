// Ported from pkg/apis/batch/v1/defaults_test.go (Kubernetes 1.32): TestSetDefaultJob, TestSetDefaultCronJob.
import { describe, expect, it } from 'vitest';
import type { CronJob, Job, JobSpec } from '../types';
import { setDefaultsCronJob, setDefaultsJob } from './batch';

const template = () => ({ metadata: { labels: { t: '1' } }, spec: { containers: [], restartPolicy: 'Never' as const } });
const job = (spec: Partial<JobSpec>, labels?: Record<string, string>): Job => ({ metadata: { labels }, spec: { template: template(), ...spec } });

describe('TestSetDefaultJob', () => {
  it('both completions and parallelism unset: both 1, and every other default', () => {
    const j = job({});
    setDefaultsJob(j);
    const { template: t, ...rest } = j.spec!;
    expect(rest).toEqual({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed', manualSelector: false });
    expect(t.spec?.dnsPolicy).toBe('ClusterFirst');
    expect(j.metadata.labels).toEqual({ t: '1' });
  });

  it.each([
    [{ completions: 2 }, { completions: 2, parallelism: 1 }],
    [{ parallelism: 2 }, { completions: undefined, parallelism: 2 }],
    [{ parallelism: 0 }, { completions: undefined, parallelism: 0 }],
    [{ completions: 0, parallelism: 0 }, { completions: 0, parallelism: 0 }],
  ])('%j', (spec, want) => {
    const j = job(spec);
    setDefaultsJob(j);
    expect({ completions: j.spec?.completions, parallelism: j.spec?.parallelism }).toEqual(want);
  });

  it('labels stay when set', () => {
    const j = job({}, { mine: 'yes' });
    setDefaultsJob(j);
    expect(j.metadata.labels).toEqual({ mine: 'yes' });
  });

  it('a backoff limit per index makes the global one MaxInt32', () => {
    const j = job({ completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1 });
    setDefaultsJob(j);
    expect(j.spec?.backoffLimit).toBe(2147483647);
    expect(j.spec?.completionMode).toBe('Indexed');
  });

  it('a pod failure policy: Failed replacement and condition patterns default to True', () => {
    const j = job({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' } as never, { type: 'X', status: 'False' }] }] } });
    setDefaultsJob(j);
    expect(j.spec?.podReplacementPolicy).toBe('Failed');
    expect(j.spec?.podFailurePolicy?.rules[0].onPodConditions).toEqual([{ type: 'DisruptionTarget', status: 'True' }, { type: 'X', status: 'False' }]);
  });

  it('explicit values stay', () => {
    const j = job({ backoffLimit: 0, suspend: true, manualSelector: true, podReplacementPolicy: 'Failed' });
    setDefaultsJob(j);
    expect(j.spec).toMatchObject({ backoffLimit: 0, suspend: true, manualSelector: true, podReplacementPolicy: 'Failed' });
  });
});

describe('TestSetDefaultCronJob', () => {
  it('defaults the cron job but not its job template as a Job', () => {
    const c: CronJob = { metadata: {}, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: template() } } } };
    setDefaultsCronJob(c);
    const { jobTemplate, ...rest } = c.spec!;
    expect(rest).toEqual({ schedule: '* * * * *', concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(jobTemplate.spec?.backoffLimit).toBeUndefined();
    expect(jobTemplate.spec?.template.spec?.terminationGracePeriodSeconds).toBe(30);
  });

  it('keeps set values', () => {
    const c: CronJob = { metadata: {}, spec: { schedule: '* * * * *', concurrencyPolicy: 'Forbid', suspend: true, successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 5, jobTemplate: {} } };
    setDefaultsCronJob(c);
    expect(c.spec).toMatchObject({ concurrencyPolicy: 'Forbid', suspend: true, successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 5 });
  });
});
