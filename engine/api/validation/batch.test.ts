// Job and CronJob validation and the cron parser, after upstream's batch validation_test.go and
// robfig/cron's parser_test.go; full error strings compared.
import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../defaults';
import type { CronJob, Job } from '../types';
import { fieldErrorString } from './field';
import { validateCronJob, validateJob, validateJobUpdate } from './batch';
import { parseStandardCron } from './cron';

const msgs = (errs: Parameters<typeof fieldErrorString>[0][]) => errs.map(fieldErrorString);
const uid = '11111111-2222-3333-4444-555555555555';

function job(spec: Record<string, unknown> = {}, restartPolicy = 'Never'): Job {
  const labels = { 'controller-uid': uid, 'job-name': 'pi', 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi' };
  const j = {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', namespace: 'default', uid, resourceVersion: '1' },
    spec: { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } }, template: { metadata: { labels }, spec: { restartPolicy, containers: [{ name: 'pi', image: 'perl' }] } }, ...spec },
  } as unknown as Job;
  applyDefaults(j);
  return j;
}

describe('Job', () => {
  it('accepts a job with a generated selector', () => {
    expect(validateJob(job())).toEqual([]);
  });
  it('restartPolicy must be OnFailure or Never', () => {
    expect(msgs(validateJob(job({}, 'Always')))).toEqual(['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
  });
  it('counts must not be negative', () => {
    expect(msgs(validateJob(job({ parallelism: -1, completions: -1, backoffLimit: -1 })))).toEqual([
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      'spec.completions: Invalid value: -1: must be greater than or equal to 0',
      'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });
  it('the template and completions are immutable', () => {
    const old = job({ completions: 1 });
    const n = structuredClone(old);
    n.spec!.completions = 3;
    n.spec!.template.spec!.containers[0]!.image = 'perl:2';
    expect(msgs(validateJobUpdate(n, old))).toEqual([
      'spec.completions: Invalid value: 3: field is immutable',
      'spec.template: Invalid value: core.PodTemplateSpec{ObjectMeta:v1.ObjectMeta{...}, Spec:core.PodSpec{...}}: field is immutable',
    ]);
  });
});

describe('CronJob', () => {
  function cron(schedule: string, extra: Record<string, unknown> = {}): CronJob {
    const c = {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello', namespace: 'default' },
      spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } }, ...extra },
    } as unknown as CronJob;
    applyDefaults(c);
    return c;
  }
  it('accepts standard schedules and descriptors', () => {
    for (const s of ['*/5 * * * *', '0 0 1 jan mon', '@hourly', '@every 1h30m', '0-30/10 9-17 * * 1-5']) expect(validateCronJob(cron(s)), s).toEqual([]);
  });
  it('reports robfig/cron parse errors', () => {
    expect(msgs(validateCronJob(cron('* * *')))).toEqual(['spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]']);
    expect(msgs(validateCronJob(cron('61 * * * *')))).toEqual(['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61']);
    expect(msgs(validateCronJob(cron('@fortnightly')))).toEqual(['spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly']);
    expect(msgs(validateCronJob(cron('TZ=UTC 0 * * * *')))).toEqual(['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead']);
  });
  it('time zones and names', () => {
    expect(msgs(validateCronJob(cron('0 * * * *', { timeZone: 'Mars/Olympus' })))).toEqual(['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus']);
    expect(validateCronJob(cron('0 * * * *', { timeZone: 'Europe/Berlin' }))).toEqual([]);
  });
  it('parses fields into values', () => {
    const s = parseStandardCron('*/15 0 1,15 * 1-5');
    expect([...s.minute]).toEqual([0, 15, 30, 45]);
    expect([...s.dayOfMonth]).toEqual([1, 15]);
    expect([...s.dayOfWeek]).toEqual([1, 2, 3, 4, 5]);
    expect(() => parseStandardCron('5-1 * * * *')).toThrow('beginning of range (5) beyond end of range (1): 5-1');
    expect(() => parseStandardCron('x * * * *')).toThrow('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
  });
});
