// Ported from pkg/controller/deployment/progress_test.go (v1.32).
import { describe, expect, it } from 'vitest';
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from '../../api/types';
import { rfc3339 } from '../../apiserver/registry/objects';
import { runSync } from '../testing';
import type { FakeQueue } from '../testing';
import { DEPLOYMENTS } from './context';
import { requeueStuckDeployment, syncRolloutStatus } from './progress';
import { fakeDeploymentContext, newRSWithAvailable } from './testing';
import { getDeploymentCondition } from './util';

function currentDeployment(pds: number | undefined, replicas: number, statusReplicas: number, updatedReplicas: number, availableReplicas: number, conditions: DeploymentCondition[] | null): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'progress-test', namespace: 'default' },
    spec: { ...(pds !== undefined ? { progressDeadlineSeconds: pds } : {}), replicas, strategy: { type: 'Recreate' }, template: {} },
    status: { replicas: statusReplicas, updatedReplicas, availableReplicas, ...(conditions ? { conditions: structuredClone(conditions) } : {}) },
  };
}
const newDeploymentStatus = (replicas: number, updatedReplicas: number, availableReplicas: number): DeploymentStatus => ({ replicas, updatedReplicas, availableReplicas });

describe('requeueStuckDeployment (TestRequeueStuckDeployment)', () => {
  const pds = 60;
  const failed: DeploymentCondition[] = [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }];
  const stuck: DeploymentCondition[] = [{ type: 'Progressing', status: 'True', lastUpdateTime: rfc3339(Date.UTC(2017, 1, 15, 18, 49, 0)) }];
  const at = (min: number, sec: number, ms = 0) => Date.UTC(2017, 1, 15, 18, min, sec, ms);
  const cases: [string, Deployment, DeploymentStatus, number, number][] = [
    ['nil progressDeadlineSeconds specified', currentDeployment(undefined, 4, 3, 3, 2, null), newDeploymentStatus(3, 3, 2), 0, -1],
    ['infinite progressDeadlineSeconds specified', currentDeployment(2147483647, 4, 3, 3, 2, null), newDeploymentStatus(3, 3, 2), 0, -1],
    ['no progressing condition found', currentDeployment(pds, 4, 3, 3, 2, null), newDeploymentStatus(3, 3, 2), 0, -1],
    ['complete deployment does not need to be requeued', currentDeployment(pds, 3, 3, 3, 3, null), newDeploymentStatus(3, 3, 3), 0, -1],
    ['already failed deployment does not need to be requeued', currentDeployment(pds, 3, 3, 3, 0, failed), newDeploymentStatus(3, 3, 0), 0, -1],
    ['stuck deployment - 30s', currentDeployment(pds, 3, 3, 3, 1, stuck), newDeploymentStatus(3, 3, 1), at(49, 30), 30_000],
    ['stuck deployment - 1s', currentDeployment(pds, 3, 3, 3, 1, stuck), newDeploymentStatus(3, 3, 1), at(49, 59), 1000],
    // Upstream uses 1 ns past 18:49:59; the simulated clock counts ms.
    ['failed deployment - less than a second => now', currentDeployment(pds, 3, 3, 3, 1, stuck), newDeploymentStatus(3, 3, 1), at(49, 59, 1), 0],
    ['failed deployment - now', currentDeployment(pds, 3, 3, 3, 1, stuck), newDeploymentStatus(3, 3, 1), at(50, 0), 0],
    ['failed deployment - 1s after deadline', currentDeployment(pds, 3, 3, 3, 1, stuck), newDeploymentStatus(3, 3, 1), at(50, 1), 0],
    ['failed deployment - 60s after deadline', currentDeployment(pds, 3, 3, 3, 1, stuck), newDeploymentStatus(3, 3, 1), at(51, 0), 0],
  ];
  it.each(cases)('%s', (_n, d, status, now, expected) => {
    const { dc, setWall } = fakeDeploymentContext();
    setWall(now);
    expect(requeueStuckDeployment(dc, d, status)).toBe(expected);
    const q = dc.queue as FakeQueue;
    if (expected > 0) expect(q.after).toEqual([{ key: 'default/progress-test', ms: expected + 1000 }]);
    if (expected === 0) expect(q.rateLimited).toEqual(['default/progress-test']);
  });
});

describe('syncRolloutStatus (TestSyncRolloutStatus)', () => {
  const pds = 60;
  const testTime = rfc3339(Date.UTC(2017, 1, 15, 18, 49, 0));
  const failedTimedOut: DeploymentCondition = { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' };
  const newRSAvailable: DeploymentCondition = { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', lastUpdateTime: testTime, lastTransitionTime: testTime };
  const replicaSetUpdated: DeploymentCondition = { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: testTime, lastTransitionTime: testTime };
  const cases: { name: string; d: Deployment; allRSs: ReplicaSet[]; newRS: ReplicaSet | null; status?: string; reason?: string; keepTransition?: boolean; keepUpdate?: boolean }[] = [
    { name: 'General: remove Progressing condition and do not estimate progress if deployment has no Progress Deadline', d: currentDeployment(undefined, 3, 2, 2, 2, [replicaSetUpdated]), allRSs: [newRSWithAvailable('bar', 0, 1, 1)], newRS: newRSWithAvailable('foo', 3, 2, 2) },
    { name: 'General: do not estimate progress of deployment with only one active ReplicaSet', d: currentDeployment(pds, 3, 3, 3, 3, [newRSAvailable]), allRSs: [newRSWithAvailable('bar', 3, 3, 3)], newRS: null, status: 'True', reason: 'NewReplicaSetAvailable', keepTransition: true, keepUpdate: true },
    { name: 'DeploymentProgressing: dont update lastTransitionTime if deployment already has Progressing=True', d: currentDeployment(pds, 3, 2, 2, 2, [replicaSetUpdated]), allRSs: [newRSWithAvailable('bar', 0, 1, 1)], newRS: newRSWithAvailable('foo', 3, 2, 2), status: 'True', reason: 'ReplicaSetUpdated', keepTransition: true },
    { name: 'DeploymentProgressing: update everything if deployment has Progressing=False', d: currentDeployment(pds, 3, 2, 2, 2, [failedTimedOut]), allRSs: [newRSWithAvailable('bar', 0, 1, 1)], newRS: newRSWithAvailable('foo', 3, 2, 2), status: 'True', reason: 'ReplicaSetUpdated' },
    { name: 'DeploymentProgressing: create Progressing condition if it does not exist', d: currentDeployment(pds, 3, 2, 2, 2, []), allRSs: [newRSWithAvailable('bar', 0, 1, 1)], newRS: newRSWithAvailable('foo', 3, 2, 2), status: 'True', reason: 'ReplicaSetUpdated' },
    { name: 'DeploymentComplete: dont update lastTransitionTime if deployment already has Progressing=True', d: currentDeployment(pds, 3, 2, 2, 2, [replicaSetUpdated]), allRSs: [], newRS: newRSWithAvailable('foo', 3, 3, 3), status: 'True', reason: 'NewReplicaSetAvailable', keepTransition: true },
    { name: 'DeploymentComplete: update everything if deployment has Progressing=False', d: currentDeployment(pds, 3, 2, 2, 2, [failedTimedOut]), allRSs: [], newRS: newRSWithAvailable('foo', 3, 3, 3), status: 'True', reason: 'NewReplicaSetAvailable' },
    { name: 'DeploymentComplete: create Progressing condition if it does not exist', d: currentDeployment(pds, 3, 2, 2, 2, []), allRSs: [], newRS: newRSWithAvailable('foo', 3, 3, 3), status: 'True', reason: 'NewReplicaSetAvailable' },
    { name: 'DeploymentComplete: defend against NPE when newRS=nil', d: currentDeployment(pds, 0, 3, 3, 3, [replicaSetUpdated]), allRSs: [newRSWithAvailable('foo', 0, 0, 0)], newRS: null, status: 'True', reason: 'NewReplicaSetAvailable' },
    { name: 'DeploymentTimedOut: update status if rollout exceeds Progress Deadline', d: currentDeployment(pds, 3, 2, 2, 2, [replicaSetUpdated]), allRSs: [], newRS: newRSWithAvailable('foo', 3, 2, 2), status: 'False', reason: 'ProgressDeadlineExceeded' },
    { name: 'DeploymentTimedOut: do not update status if deployment has existing timedOut condition', d: currentDeployment(pds, 3, 2, 2, 2, [failedTimedOut]), allRSs: [], newRS: newRSWithAvailable('foo', 3, 2, 2), status: 'False', reason: 'ProgressDeadlineExceeded' },
  ];
  it.each(cases)('$name', (tc) => {
    const { ctx, dc } = fakeDeploymentContext();
    ctx.client.seed(DEPLOYMENTS, tc.d);
    const all = tc.newRS ? [...tc.allRSs, tc.newRS] : tc.allRSs;
    runSync(syncRolloutStatus(dc, all, tc.newRS, tc.d));
    const cond = getDeploymentCondition(tc.d.status, 'Progressing');
    if (!tc.status) return expect(cond).toBeUndefined();
    expect([cond?.status, cond?.reason]).toEqual([tc.status, tc.reason]);
    if (tc.keepTransition) expect(cond!.lastTransitionTime).toBe(testTime);
    if (tc.keepUpdate) expect(cond!.lastUpdateTime).toBe(testTime);
    if (tc.reason === 'ReplicaSetUpdated' || (tc.reason === 'NewReplicaSetAvailable' && !tc.keepUpdate)) expect(cond!.lastUpdateTime).toBe('2026-01-01T00:00:00Z');
  });

  it('promotes a ReplicaSet failure to the Deployment, the new ReplicaSet first (getReplicaFailures)', () => {
    const { ctx, dc } = fakeDeploymentContext();
    const d = currentDeployment(pds, 3, 2, 2, 2, []);
    ctx.client.seed(DEPLOYMENTS, d);
    const old = newRSWithAvailable('old', 1, 1, 1);
    old.status!.conditions = [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedDelete', message: 'old', lastTransitionTime: testTime }];
    const cur = newRSWithAvailable('foo', 3, 2, 2);
    cur.status!.conditions = [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: testTime }];
    runSync(syncRolloutStatus(dc, [old, cur], cur, d));
    expect(getDeploymentCondition(d.status, 'ReplicaFailure')).toEqual({ type: 'ReplicaFailure', status: 'True', lastUpdateTime: testTime, lastTransitionTime: testTime, reason: 'FailedCreate', message: 'quota' });
  });
});
