// Ported from pkg/controller/deployment/sync_test.go (v1.32): TestScale's proportional-scaling
// table and TestDeploymentController_cleanupDeployment.
import { describe, expect, it } from 'vitest';
import type { IntOrString } from '../../api/intstr';
import type { Deployment, ReplicaSet } from '../../api/types';
import { runSync } from '../testing';
import { REPLICASETS } from './context';
import { cleanupDeployment, scale } from './sync';
import { fakeDeploymentContext, newDeployment, newRSWithStatus, rs } from './testing';
import { maxSurge, setReplicasAnnotations } from './util';

const newTimestamp = Date.UTC(2016, 4, 20, 2);
const oldTimestamp = Date.UTC(2016, 4, 20, 1);
const olderTimestamp = Date.UTC(2016, 4, 20, 0);
const dep = (replicas: number, surge?: IntOrString, unavailable?: IntOrString, selector?: Record<string, string>) => newDeployment('foo', replicas, null, surge, unavailable, selector);

interface ScaleCase {
  name: string;
  deployment: Deployment;
  oldDeployment: Deployment;
  newRS: ReplicaSet | null;
  oldRSs: ReplicaSet[];
  expectedNew: number | null;
  expectedOld: number[];
  wasntUpdated?: string[];
  desiredReplicasAnnotations?: Record<string, number>;
}

const updatedTemplate = (replicas: number) => {
  const d = dep(replicas, undefined, undefined, { foo: 'bar' });
  d.spec!.template.metadata!.labels!.another = 'label';
  return d;
};
const brokenSaturated = () => {
  const r = rs('foo-v2', 2, null, newTimestamp);
  r.status = { replicas: 2, availableReplicas: 0 };
  return r;
};

const cases: ScaleCase[] = [
  { name: 'normal scaling event: 10 -> 12', deployment: dep(12), oldDeployment: dep(10), newRS: rs('foo-v1', 10, null, newTimestamp), oldRSs: [], expectedNew: 12, expectedOld: [] },
  { name: 'normal scaling event: 10 -> 5', deployment: dep(5), oldDeployment: dep(10), newRS: rs('foo-v1', 10, null, newTimestamp), oldRSs: [], expectedNew: 5, expectedOld: [] },
  { name: 'proportional scaling: 5 -> 10', deployment: dep(10), oldDeployment: dep(5), newRS: rs('foo-v2', 2, null, newTimestamp), oldRSs: [rs('foo-v1', 3, null, oldTimestamp)], expectedNew: 4, expectedOld: [6] },
  { name: 'proportional scaling: 5 -> 3', deployment: dep(3), oldDeployment: dep(5), newRS: rs('foo-v2', 2, null, newTimestamp), oldRSs: [rs('foo-v1', 3, null, oldTimestamp)], expectedNew: 1, expectedOld: [2] },
  { name: 'proportional scaling: 9 -> 4', deployment: dep(4), oldDeployment: dep(9), newRS: rs('foo-v2', 8, null, newTimestamp), oldRSs: [rs('foo-v1', 1, null, oldTimestamp)], expectedNew: 4, expectedOld: [0] },
  {
    name: 'proportional scaling: 7 -> 10',
    deployment: dep(10),
    oldDeployment: dep(7),
    newRS: rs('foo-v3', 2, null, newTimestamp),
    oldRSs: [rs('foo-v2', 3, null, oldTimestamp), rs('foo-v1', 2, null, olderTimestamp)],
    expectedNew: 3,
    expectedOld: [4, 3],
  },
  {
    name: 'proportional scaling: 13 -> 8',
    deployment: dep(8),
    oldDeployment: dep(13),
    newRS: rs('foo-v3', 2, null, newTimestamp),
    oldRSs: [rs('foo-v2', 8, null, oldTimestamp), rs('foo-v1', 3, null, olderTimestamp)],
    expectedNew: 1,
    expectedOld: [5, 2],
  },
  {
    name: 'leftover distribution: 3 -> 4',
    deployment: dep(4),
    oldDeployment: dep(3),
    newRS: rs('foo-v3', 1, null, newTimestamp),
    oldRSs: [rs('foo-v2', 1, null, oldTimestamp), rs('foo-v1', 1, null, olderTimestamp)],
    expectedNew: 2,
    expectedOld: [1, 1],
  },
  {
    name: 'leftover distribution: 3 -> 2',
    deployment: dep(2),
    oldDeployment: dep(3),
    newRS: rs('foo-v3', 1, null, newTimestamp),
    oldRSs: [rs('foo-v2', 1, null, oldTimestamp), rs('foo-v1', 1, null, olderTimestamp)],
    expectedNew: 1,
    expectedOld: [1, 0],
  },
  { name: 'proportional scaling (no new rs): 4 -> 5', deployment: dep(5), oldDeployment: dep(4), newRS: null, oldRSs: [rs('foo-v2', 2, null, oldTimestamp), rs('foo-v1', 2, null, olderTimestamp)], expectedNew: null, expectedOld: [3, 2] },
  {
    name: 'proportional scaling: 6 -> 0',
    deployment: dep(0),
    oldDeployment: dep(6),
    newRS: rs('foo-v3', 3, null, newTimestamp),
    oldRSs: [rs('foo-v2', 2, null, oldTimestamp), rs('foo-v1', 1, null, olderTimestamp)],
    expectedNew: 0,
    expectedOld: [0, 0],
  },
  {
    name: 'proportional scaling: 0 -> 6',
    deployment: dep(6),
    oldDeployment: dep(6),
    newRS: rs('foo-v3', 0, null, newTimestamp),
    oldRSs: [rs('foo-v2', 0, null, oldTimestamp), rs('foo-v1', 0, null, olderTimestamp)],
    expectedNew: 6,
    expectedOld: [0, 0],
    wasntUpdated: ['foo-v2', 'foo-v1'],
  },
  {
    name: 'failed rs update',
    deployment: dep(5),
    oldDeployment: dep(5),
    newRS: rs('foo-v3', 2, null, newTimestamp),
    oldRSs: [rs('foo-v2', 1, null, oldTimestamp), rs('foo-v1', 1, null, olderTimestamp)],
    expectedNew: 2,
    expectedOld: [2, 1],
    wasntUpdated: ['foo-v3', 'foo-v1'],
    desiredReplicasAnnotations: { 'foo-v2': 3 },
  },
  { name: 'deployment with surge pods', deployment: dep(20, 2), oldDeployment: dep(10, 2), newRS: rs('foo-v2', 6, null, newTimestamp), oldRSs: [rs('foo-v1', 6, null, oldTimestamp)], expectedNew: 11, expectedOld: [11] },
  { name: 'change both surge and size', deployment: dep(50, 6), oldDeployment: dep(10, 3), newRS: rs('foo-v2', 5, null, newTimestamp), oldRSs: [rs('foo-v1', 8, null, oldTimestamp)], expectedNew: 22, expectedOld: [34] },
  {
    name: 'change both size and template',
    deployment: updatedTemplate(14),
    oldDeployment: dep(10, undefined, undefined, { foo: 'bar' }),
    newRS: null,
    oldRSs: [rs('foo-v2', 7, null, newTimestamp), rs('foo-v1', 3, null, oldTimestamp)],
    expectedNew: null,
    expectedOld: [10, 4],
  },
  { name: 'saturated but broken new replica set does not affect old pods', deployment: dep(2, 1, 1), oldDeployment: dep(2, 1, 1), newRS: brokenSaturated(), oldRSs: [rs('foo-v1', 1, null, oldTimestamp)], expectedNew: 2, expectedOld: [1] },
];

describe('scale (TestScale)', () => {
  it.each(cases)('$name', (tc) => {
    const { ctx, dc } = fakeDeploymentContext();
    const annotate = (r: ReplicaSet) => {
      const desired = tc.desiredReplicasAnnotations?.[r.metadata.name!] ?? tc.oldDeployment.spec!.replicas!;
      setReplicasAnnotations(r, desired, desired + maxSurge(tc.oldDeployment));
    };
    if (tc.newRS) annotate(tc.newRS);
    tc.oldRSs.forEach(annotate);
    const all = [...(tc.newRS ? [tc.newRS] : []), ...tc.oldRSs];
    ctx.client.seed(REPLICASETS, ...all);
    const expectedNames = [...tc.oldRSs.map((r) => r.metadata.name!)];
    runSync(scale(dc, tc.deployment, tc.newRS, [...tc.oldRSs]));
    const nameToSize = new Map(all.map((r) => [r.metadata.name!, r.spec!.replicas!]));
    for (const a of ctx.client.writes()) if (!tc.wasntUpdated?.includes(a.name)) nameToSize.set(a.name, (a.object as ReplicaSet).spec!.replicas!);
    if (tc.newRS) expect(nameToSize.get(tc.newRS.metadata.name!)).toBe(tc.expectedNew);
    expect(expectedNames.map((n) => nameToSize.get(n))).toEqual(tc.expectedOld);
  });

  it('records upstream ScalingReplicaSet events', () => {
    const { ctx, dc } = fakeDeploymentContext();
    const newRS = rs('foo-v2', 2, null, newTimestamp);
    const oldRS = rs('foo-v1', 3, null, oldTimestamp);
    [newRS, oldRS].forEach((r) => setReplicasAnnotations(r, 5, 5));
    ctx.client.seed(REPLICASETS, newRS, oldRS);
    runSync(scale(dc, dep(10), newRS, [oldRS]));
    expect(ctx.events.map((e) => `${e.reason}: ${e.message}`)).toEqual(['ScalingReplicaSet: Scaled up replica set foo-v1 to 6 from 3', 'ScalingReplicaSet: Scaled up replica set foo-v2 to 4 from 2']);
  });
});

describe('cleanupDeployment (TestDeploymentController_cleanupDeployment)', () => {
  const selector = { foo: 'bar' };
  const alreadyDeleted = newRSWithStatus('foo-1', 0, 0, selector);
  alreadyDeleted.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
  const cases: [ReplicaSet[], number, number][] = [
    [[newRSWithStatus('foo-1', 0, 0, selector), newRSWithStatus('foo-2', 0, 0, selector), newRSWithStatus('foo-3', 0, 0, selector)], 1, 2],
    // Only the ReplicaSet with spec.replicas = status.replicas = 0 goes.
    [[newRSWithStatus('foo-1', 0, 0, selector), newRSWithStatus('foo-2', 0, 1, selector), newRSWithStatus('foo-3', 1, 0, selector), newRSWithStatus('foo-4', 1, 1, selector)], 0, 1],
    [[newRSWithStatus('foo-1', 0, 0, selector), newRSWithStatus('foo-2', 0, 0, selector)], 0, 2],
    [[newRSWithStatus('foo-1', 1, 1, selector), newRSWithStatus('foo-2', 1, 1, selector)], 0, 0],
    [[alreadyDeleted], 0, 0],
    // Unlimited revisionHistoryLimit.
    [[newRSWithStatus('foo-1', 0, 0, selector), newRSWithStatus('foo-2', 0, 0, selector), newRSWithStatus('foo-3', 0, 0, selector)], 2147483647, 0],
  ];
  it.each(cases.map((c, i) => [i, ...c] as const))('case %i', (_i, oldRSs, limit, deletions) => {
    const { ctx, dc } = fakeDeploymentContext();
    ctx.client.seed(REPLICASETS, ...oldRSs);
    const d = newDeployment('foo', 1, limit, null, null, selector);
    runSync(cleanupDeployment(dc, oldRSs, d));
    expect(ctx.client.writes().filter((a) => a.verb === 'delete').length).toBe(deletions);
  });
});
