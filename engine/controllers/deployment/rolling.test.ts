// Ported from pkg/controller/deployment/rolling_test.go (v1.32).
import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from '../../api/types';
import { runSync } from '../testing';
import type { Co } from '../../sim/co';
import { REPLICASETS } from './context';
import { cleanupUnhealthyReplicas, reconcileNewReplicaSet, reconcileOldReplicaSets, scaleDownOldReplicaSetsForRollingUpdate } from './rolling';
import { fakeDeploymentContext, newDeployment, rs } from './testing';

function run<T>(co: Co<T>): T {
  let out: T;
  runSync(
    (function* () {
      out = yield* co;
    })(),
  );
  return out!;
}

describe('reconcileNewReplicaSet (TestDeploymentController_reconcileNewReplicaSet)', () => {
  const cases: [number, number, number, number, boolean, number][] = [
    // deploymentReplicas, maxSurge, oldReplicas, newReplicas, scaleExpected, expectedNewReplicas
    [10, 0, 10, 0, false, 0],
    [10, 2, 10, 0, true, 2],
    [10, 2, 5, 0, true, 7],
    [10, 2, 10, 2, false, 0],
    [2, 2, 2, 4, true, 2],
  ];
  it.each(cases)('replicas %i, maxSurge %i, old %i, new %i', (replicas, surge, oldReplicas, newReplicas, scaleExpected, expected) => {
    const { ctx, dc } = fakeDeploymentContext();
    const newRS = rs('foo-v2', newReplicas, null, null);
    const oldRS = rs('foo-v2', oldReplicas, null, null);
    ctx.client.seed(REPLICASETS, newRS);
    const d = newDeployment('foo', replicas, null, surge, 0, { foo: 'bar' });
    const scaled = run(reconcileNewReplicaSet(dc, [newRS, oldRS], newRS, d));
    expect(scaled).toBe(scaleExpected);
    const writes = ctx.client.writes();
    if (!scaleExpected) return expect(writes).toEqual([]);
    expect(writes.length).toBe(1);
    expect((writes[0].object as ReplicaSet).spec!.replicas).toBe(expected);
  });
});

describe('reconcileOldReplicaSets (TestDeploymentController_reconcileOldReplicaSets)', () => {
  const cases: [number, number, number, number, number, number, boolean, number][] = [
    // deploymentReplicas, maxUnavailable, oldReplicas, newReplicas, readyPodsFromOldRS, readyPodsFromNewRS, scaleExpected, expectedOldReplicas
    [10, 0, 10, 0, 10, 0, true, 9],
    [10, 2, 10, 0, 10, 0, true, 8],
    // Unhealthy replicas of old ReplicaSets are cleaned up.
    [10, 2, 10, 0, 8, 0, true, 8],
    // One unhealthy replica cleaned up, one ready pod scaled down.
    [10, 2, 10, 0, 9, 0, true, 8],
    // The new ReplicaSet's unavailable pods keep old ones from going.
    [10, 2, 8, 2, 8, 0, false, 0],
    // Ours: nor does it let an unhealthy old pod be cleaned up (maxScaledDown counts the new unavailable pods).
    [10, 2, 8, 2, 7, 0, false, 0],
  ];
  it.each(cases)('replicas %i, maxUnavailable %i, old %i, new %i, ready old %i, new %i', (replicas, mu, oldReplicas, newReplicas, readyOld, readyNew, scaleExpected, expectedOld) => {
    const { ctx, dc } = fakeDeploymentContext();
    const newRS = rs('foo-new', newReplicas, { foo: 'new' }, null);
    newRS.status = { replicas: newReplicas, availableReplicas: readyNew };
    const oldRS = rs('foo-old', oldReplicas, { foo: 'old' }, null);
    oldRS.status = { replicas: oldReplicas, availableReplicas: readyOld };
    ctx.client.seed(REPLICASETS, newRS, oldRS);
    const d = newDeployment('foo', replicas, null, 0, mu, { foo: 'new' });
    const scaled = run(reconcileOldReplicaSets(dc, [oldRS, newRS], [oldRS], newRS, d));
    expect(scaled).toBe(scaleExpected);
    if (!scaleExpected) return;
    const updates = ctx.client.writes().filter((a) => a.verb === 'update');
    expect((updates.at(-1)!.object as ReplicaSet).spec!.replicas).toBe(expectedOld);
  });
});

describe('cleanupUnhealthyReplicas (TestDeploymentController_cleanupUnhealthyReplicas)', () => {
  const cases: [number, number, number, number][] = [
    // oldReplicas, readyPods, maxCleanupCount, cleanupCountExpected
    [10, 8, 1, 1],
    [10, 8, 3, 2],
    [10, 8, 0, 0],
    [10, 10, 3, 0],
  ];
  it.each(cases)('old %i, ready %i, max %i → %i', (oldReplicas, ready, max, expected) => {
    const { ctx, dc } = fakeDeploymentContext();
    const oldRS = rs('foo-v2', oldReplicas, null, null);
    oldRS.status = { replicas: oldReplicas, availableReplicas: ready };
    ctx.client.seed(REPLICASETS, oldRS);
    const d = newDeployment('foo', 10, null, 2, 2);
    expect(run(cleanupUnhealthyReplicas(dc, [oldRS], d, max)).count).toBe(expected);
  });
});

describe('scaleDownOldReplicaSetsForRollingUpdate (TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate)', () => {
  const cases: [number, number, number, number, boolean, number][] = [
    // deploymentReplicas, maxUnavailable, readyPods, oldReplicas, scaleExpected, expectedOldReplicas
    [10, 0, 10, 10, true, 9],
    [10, 2, 10, 10, true, 8],
    [10, 2, 8, 10, false, 0],
    [10, 2, 10, 0, false, 0],
    [10, 2, 1, 10, false, 0],
  ];
  it.each(cases)('replicas %i, maxUnavailable %i, ready %i, old %i', (replicas, mu, ready, oldReplicas, scaleExpected, expected) => {
    const { ctx, dc } = fakeDeploymentContext();
    const oldRS = rs('foo-v2', oldReplicas, null, null);
    oldRS.status = { replicas: oldReplicas, availableReplicas: ready };
    ctx.client.seed(REPLICASETS, oldRS);
    const d = newDeployment('foo', replicas, null, 0, mu, { foo: 'bar' });
    const n = run(scaleDownOldReplicaSetsForRollingUpdate(dc, [oldRS], [oldRS], d));
    const writes = ctx.client.writes();
    if (!scaleExpected) {
      expect(n).toBe(0);
      return expect(writes).toEqual([]);
    }
    expect(writes.length).toBe(1);
    expect((writes[0].object as ReplicaSet).spec!.replicas).toBe(expected);
  });
});
