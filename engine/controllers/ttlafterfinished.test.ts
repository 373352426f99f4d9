// Ported from pkg/controller/ttlafterfinished/ttlafterfinished_controller_test.go (v1.32).
import { describe, expect, it } from 'vitest';
import type { Job } from '../api/types';
import { res } from '../client/clientset';
import { fakeContext, runSync } from './testing';
import { newTTLAfterFinishedController, timeLeft } from './ttlafterfinished';

const jobs = res('batch', 'jobs');
const epochMs = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const now = epochMs + 3_600_000;

function newJob(completionTime: number | null, failedTime: number | null, ttl?: number): Job {
  const j: Job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'test', namespace: 'default', uid: 'u-1' }, spec: { template: {} }, status: { conditions: [] } };
  if (completionTime !== null) j.status!.conditions!.push({ type: 'Complete', status: 'True', lastTransitionTime: iso(completionTime) });
  if (failedTime !== null) j.status!.conditions!.push({ type: 'Failed', status: 'True', lastTransitionTime: iso(failedTime) });
  if (ttl !== undefined) j.spec!.ttlSecondsAfterFinished = ttl;
  return j;
}

// TestTimeLeft.
describe('timeLeft', () => {
  const cases: [string, number | null, number | null, number | undefined, number | string][] = [
    ['Error case: Job unfinished', null, null, 100, 'job default/test should not be cleaned up'],
    ['Error case: Job completed now, no TTL', now, null, undefined, 'job default/test should not be cleaned up'],
    ['Job completed now, 0s TTL', now, null, 0, 0],
    ['Job completed now, 10s TTL', now, null, 10, 10_000],
    ['Job completed 10s ago, 15s TTL', now - 10_000, null, 15, 5_000],
    ['Job failed now, 0s TTL', null, now, 0, 0],
    ['Job failed 10s ago, 15s TTL', null, now - 10_000, 15, 5_000],
  ];
  for (const [name, completed, failed, ttl, want] of cases) {
    it(name, () => {
      const j = newJob(completed, failed, ttl);
      if (typeof want === 'string') expect(() => timeLeft(j, now)).toThrow(want);
      else expect(timeLeft(j, now).remainingMs).toBe(want);
    });
  }
});

describe('TTL-after-finished controller', () => {
  it('waits for the TTL, then deletes the Job in the foreground with a UID precondition', () => {
    const ctx = fakeContext(now - epochMs);
    const ctrl = newTTLAfterFinishedController(ctx);
    const job = newJob(now - 10_000, null, 15);
    ctx.informers.informerFor<Job>(jobs).emitUpsert(job);
    ctx.client.seed(jobs, job);
    expect(ctx.queues.get('ttl_jobs_to_delete')!.added).toEqual(['default/test']);
    runSync(ctrl.sync('default/test'));
    expect(ctx.queues.get('ttl_jobs_to_delete')!.after).toEqual([{ key: 'default/test', ms: 5_000 }]);
    expect(ctx.client.writes()).toEqual([]);
    ctx.setNow(now + 5_000 - epochMs);
    runSync(ctrl.sync('default/test'));
    expect(ctx.client.writes()).toEqual([{ verb: 'delete', resource: 'jobs.batch', namespace: 'default', name: 'test', subresource: '', options: { propagationPolicy: 'Foreground', preconditions: { uid: 'u-1' } } }]);
  });

  it('keeps a Job whose fresh copy dropped its TTL', () => {
    const ctx = fakeContext(now - epochMs);
    const ctrl = newTTLAfterFinishedController(ctx);
    const cached = newJob(now - 10_000, null, 0);
    ctx.informers.informerFor<Job>(jobs).preload(cached);
    ctx.client.seed(jobs, newJob(now - 10_000, null));
    runSync(ctrl.sync('default/test'));
    expect(ctx.client.writes()).toEqual([]);
  });

  it('ignores unfinished Jobs and Jobs without a TTL', () => {
    const ctx = fakeContext(now - epochMs);
    newTTLAfterFinishedController(ctx);
    const inf = ctx.informers.informerFor<Job>(jobs);
    inf.emitUpsert(newJob(null, null, 10));
    inf.emitUpsert({ ...newJob(now, null), metadata: { name: 'other', namespace: 'default' } });
    expect(ctx.queues.get('ttl_jobs_to_delete')!.added).toEqual([]);
  });
});
