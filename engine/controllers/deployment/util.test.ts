// Ported from pkg/controller/deployment/util/deployment_util_test.go (v1.32).
import { describe, expect, it } from 'vitest';
import type { IntOrString } from '../../api/intstr';
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../api/types';
import { rfc3339 } from '../../apiserver/registry/objects';
import { newDeployment, newReplicaSet, rs } from './testing';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  equalIgnoreHash,
  findNewReplicaSet,
  findOldReplicaSets,
  getProportion,
  getReplicaCountForReplicaSets,
  lastRevision,
  maxRevision,
  maxUnavailable,
  newRSNewReplicas,
  replicasAnnotationsNeedUpdate,
  resolveFenceposts,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './util';

describe('ResolveFenceposts (TestResolveFenceposts)', () => {
  const cases: [IntOrString | null, IntOrString | null, number, number, number, boolean][] = [
    ['0%', '0%', 0, 0, 1, false],
    ['39%', '39%', 10, 4, 3, false],
    ['oops', '39%', 10, 0, 0, true],
    ['55%', 'urg', 10, 0, 0, true],
    [null, '39%', 10, 0, 3, false],
    ['39%', null, 10, 4, 0, false],
    [null, null, 10, 0, 1, false],
  ];
  it.each(cases)('maxSurge %s, maxUnavailable %s of %i → %i, %i', (s, u, desired, surge, unavailable, fails) => {
    if (fails) expect(() => resolveFenceposts(s, u, desired)).toThrow(/invalid value for IntOrString/);
    else expect(resolveFenceposts(s, u, desired)).toEqual([surge, unavailable]);
  });
});

describe('NewRSNewReplicas (TestNewRSNewReplicas)', () => {
  const cases: [string, 'RollingUpdate' | 'Recreate', number, number, number, number][] = [
    ['can not scale up - to newRSReplicas', 'RollingUpdate', 1, 5, 1, 5],
    ['scale up - to depReplicas', 'RollingUpdate', 6, 2, 10, 6],
    ['recreate - to depReplicas', 'Recreate', 3, 1, 1, 3],
  ];
  it.each(cases)('%s', (_n, type, depReplicas, newRSReplicas, surge, expected) => {
    const d = newDeployment('nginx', depReplicas);
    d.spec!.strategy = { type, rollingUpdate: { maxUnavailable: 1, maxSurge: surge } };
    const newRS = newReplicaSet(d, 'new', newRSReplicas);
    const rs5 = newReplicaSet(d, 'rs5', 5);
    expect(newRSNewReplicas(d, [rs5], newRS)).toBe(expected);
  });
});

describe('MaxUnavailable (TestMaxUnavailable)', () => {
  const dep = (replicas: number, mu: IntOrString): Deployment => ({ metadata: {}, spec: { replicas, template: {}, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: mu } } } });
  const cases: [string, Deployment, number][] = [
    ['maxUnavailable less than replicas', dep(10, 5), 5],
    ['maxUnavailable equal replicas', dep(10, 10), 10],
    ['maxUnavailable greater than replicas', dep(5, 10), 5],
    ['maxUnavailable with replicas is 0', dep(0, 10), 0],
    ['maxUnavailable with Recreate deployment strategy', { metadata: {}, spec: { template: {}, strategy: { type: 'Recreate' } } }, 0],
    ['maxUnavailable less than replicas with percents', dep(10, '50%'), 5],
    ['maxUnavailable equal replicas with percents', dep(10, '100%'), 10],
    ['maxUnavailable greater than replicas with percents', dep(5, '100%'), 5],
  ];
  it.each(cases)('%s', (_n, d, expected) => expect(maxUnavailable(d)).toBe(expected));
});

describe('DeploymentComplete (TestDeploymentComplete)', () => {
  const dep = (desired: number, current: number, updated: number, available: number, mu: number, ms: number): Deployment => ({
    metadata: {},
    spec: { replicas: desired, template: {}, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: mu, maxSurge: ms } } },
    status: { replicas: current, updatedReplicas: updated, availableReplicas: available },
  });
  const cases: [string, Deployment, boolean][] = [
    ['not complete: min but not all pods become available', dep(5, 5, 5, 4, 1, 0), false],
    ['not complete: min availability is not honored', dep(5, 5, 5, 3, 1, 0), false],
    ['complete', dep(5, 5, 5, 5, 0, 0), true],
    ['not complete: all pods are available but not updated', dep(5, 5, 4, 5, 0, 0), false],
    ['not complete: still running old pods', dep(1, 2, 1, 1, 0, 1), false],
    ['not complete: one replica deployment never comes up', dep(1, 1, 1, 0, 1, 1), false],
  ];
  it.each(cases)('%s', (_n, d, expected) => expect(deploymentComplete(d, d.status!)).toBe(expected));
});

describe('DeploymentProgressing (TestDeploymentProgressing)', () => {
  const st = (replicas: number, updatedReplicas: number, readyReplicas: number, availableReplicas: number): DeploymentStatus => ({ replicas, updatedReplicas, readyReplicas, availableReplicas });
  const cases: [string, DeploymentStatus, DeploymentStatus, boolean][] = [
    ['progressing: updated pods', st(10, 4, 4, 4), st(10, 6, 4, 4), true],
    ['not progressing', st(10, 4, 4, 4), st(10, 4, 4, 4), false],
    ['progressing: old pods removed', st(10, 4, 6, 6), st(8, 4, 6, 6), true],
    ['not progressing: less new pods', st(10, 7, 3, 3), st(10, 6, 3, 3), false],
    ['progressing: less overall but more new pods', st(10, 4, 7, 7), st(8, 8, 5, 5), true],
    ['progressing: more ready pods', st(10, 10, 9, 8), st(10, 10, 10, 8), true],
    ['progressing: more available pods', st(10, 10, 10, 9), st(10, 10, 10, 10), true],
  ];
  it.each(cases)('%s', (_n, old, cur, expected) => expect(deploymentProgressing({ metadata: {}, status: old }, cur)).toBe(expected));
});

describe('DeploymentTimedOut (TestDeploymentTimedOut)', () => {
  const timeFn = (min: number, sec: number) => Date.UTC(2016, 0, 1, 0, min, sec);
  const dep = (reason: string, pds: number | undefined, from: number): Deployment => ({
    metadata: {},
    spec: { template: {}, ...(pds !== undefined ? { progressDeadlineSeconds: pds } : {}) },
    status: { conditions: [{ type: 'Progressing', status: 'True', reason, lastUpdateTime: rfc3339(from) }] },
  });
  const cases: [string, Deployment, number, boolean][] = [
    ['nil progressDeadlineSeconds specified - no timeout', dep('', undefined, timeFn(1, 9)), timeFn(1, 20), false],
    ['infinite progressDeadlineSeconds specified - no timeout', dep('', 2147483647, timeFn(1, 9)), timeFn(1, 20), false],
    ['progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:09 => 11s', dep('', 10, timeFn(1, 9)), timeFn(1, 20), true],
    ['progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:11 => 9s', dep('', 10, timeFn(1, 11)), timeFn(1, 20), false],
    ['previous status was a complete deployment', dep('NewReplicaSetAvailable', undefined, 0), timeFn(1, 20), false],
  ];
  it.each(cases)('%s', (_n, d, now, expected) => expect(deploymentTimedOut(d, d.status!, now)).toBe(expected));
});

describe('finding the new and old ReplicaSets (TestFindNewReplicaSet, TestFindOldReplicaSets)', () => {
  const now = Date.UTC(2026, 0, 1);
  const d = newDeployment('nginx', 10, null, null, null, { foo: 'bar' });
  const newRS = newReplicaSet(d, 'newRS', 1);
  newRS.metadata.labels = { ...newRS.metadata.labels, 'pod-template-hash': 'hash' };
  newRS.spec!.template!.metadata!.labels = { ...newRS.spec!.template!.metadata!.labels, 'pod-template-hash': 'hash' };
  newRS.metadata.creationTimestamp = rfc3339(now);
  const oldRS = newReplicaSet(d, 'oldRS', 1);
  oldRS.spec!.template = { metadata: { labels: { foo: 'bar', old: 'yes' } }, spec: { containers: [{ name: '', image: 'foo/bar' }] } };
  oldRS.metadata.creationTimestamp = rfc3339(now - 3_600_000);
  const dupRS = structuredClone(newRS);
  dupRS.metadata.name = 'newRS-dup';
  dupRS.metadata.uid = 'uid-dup';
  dupRS.metadata.creationTimestamp = rfc3339(now - 60_000);

  it('the new ReplicaSet is the oldest one with the template, pod-template-hash aside', () => {
    expect(findNewReplicaSet(d, [newRS, oldRS])?.metadata.name).toBe('newRS');
    expect(findNewReplicaSet(d, [newRS, dupRS])?.metadata.name).toBe('newRS-dup');
    expect(findNewReplicaSet(d, [oldRS])).toBeNull();
  });

  it('old ReplicaSets: all others, and those with replicas', () => {
    const zero = { ...structuredClone(oldRS), metadata: { ...oldRS.metadata, name: 'zero', uid: 'uid-zero' }, spec: { ...oldRS.spec, replicas: 0 } };
    const [required, all] = findOldReplicaSets(d, [newRS, oldRS, zero]);
    expect(required.map((r) => r.metadata.name)).toEqual(['oldRS']);
    expect(all.map((r) => r.metadata.name).sort()).toEqual(['oldRS', 'zero']);
  });

  it('EqualIgnoreHash treats empty and absent alike, but not different values (TestEqualIgnoreHash)', () => {
    expect(equalIgnoreHash({ metadata: { labels: { a: 'b', 'pod-template-hash': 'x' } } }, { metadata: { labels: { a: 'b' } }, spec: { containers: [] } as never })).toBe(true);
    expect(equalIgnoreHash({ metadata: { labels: { a: 'b' } } }, { metadata: { labels: { a: 'c' } } })).toBe(false);
  });
});

describe('annotations (TestAnnotationUtils, TestReplicasAnnotationsNeedUpdate)', () => {
  it('revisions only go up, and a re-used ReplicaSet keeps its revision history', () => {
    const d = newDeployment('nginx', 1, null, null, null, { foo: 'bar' });
    const r = newReplicaSet(d, 'rs', 1);
    for (let i = 10; i < 20; i++) {
      setNewReplicaSetAnnotations(d, r, String(i), false, 2000);
      expect(r.metadata.annotations!['deployment.kubernetes.io/revision']).toBe(String(i));
    }
    // A lower revision does not replace a higher one.
    expect(setNewReplicaSetAnnotations(d, r, '5', true, 2000)).toBe(false);
    expect(r.metadata.annotations!['deployment.kubernetes.io/revision-history']).toBe('10,11,12,13,14,15,16,17,18');
    // When creating, the replica annotations are written.
    expect(r.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '1', 'deployment.kubernetes.io/max-replicas': '1' });
  });

  it('copies the Deployment annotations except the skipped ones', () => {
    const d = newDeployment('nginx', 1, null, null, null, { foo: 'bar' });
    d.metadata.annotations = { team: 'a', 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'deployment.kubernetes.io/revision': '9' };
    const r = newReplicaSet(d, 'rs', 1);
    setNewReplicaSetAnnotations(d, r, '1', true, 2000);
    expect(r.metadata.annotations).toEqual({ team: 'a', 'deployment.kubernetes.io/revision': '1' });
  });

  it('the revision history is cut from the front to its character limit', () => {
    const d = newDeployment('nginx', 1);
    const r = newReplicaSet(d, 'rs', 1);
    r.metadata.annotations = { 'deployment.kubernetes.io/revision': '4', 'deployment.kubernetes.io/revision-history': '1,2,3' };
    setNewReplicaSetAnnotations(d, r, '5', true, 5);
    expect(r.metadata.annotations['deployment.kubernetes.io/revision-history']).toBe('2,3,4');
  });

  it('ReplicasAnnotationsNeedUpdate', () => {
    const r: ReplicaSet = { metadata: { annotations: { 'deployment.kubernetes.io/desired-replicas': '8', 'deployment.kubernetes.io/max-replicas': '16' } } };
    expect(replicasAnnotationsNeedUpdate(r, 8, 16)).toBe(false);
    expect(replicasAnnotationsNeedUpdate(r, 10, 16)).toBe(true);
    expect(replicasAnnotationsNeedUpdate({ metadata: {} }, 10, 16)).toBe(true);
    expect(setReplicasAnnotations(r, 8, 16)).toBe(false);
  });

  it('MaxRevision and LastRevision skip unparsable revisions', () => {
    const at = (rev: string) => ({ metadata: { annotations: { 'deployment.kubernetes.io/revision': rev } } }) as ReplicaSet;
    expect(maxRevision([at('3'), at('x'), at('7')])).toBe(7);
    expect(lastRevision([at('3'), at('x'), at('7'), at('5')])).toBe(5);
  });
});

describe('GetProportion and counts', () => {
  it('a ReplicaSet scales by its share of max-replicas, bounded by what is left', () => {
    const d = newDeployment('foo', 10);
    const r = rs('foo-v1', 3, null, null);
    setReplicasAnnotations(r, 5, 5);
    expect(getProportion(r, d, 5, 0)).toBe(3); // round(3 * 10 / 5) - 3
    expect(getProportion(r, d, 2, 0)).toBe(2); // bounded by what is left to add
    expect(getReplicaCountForReplicaSets([r, null, rs('x', 4, null, null)])).toBe(7);
  });
});
