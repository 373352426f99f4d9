// Ported from pkg/controller/disruption/disruption_test.go (v1.32): TestNoSelector, TestUnavailable,
// TestIntegerMaxUnavailable, TestReplicaSet, TestReplicationController, TestStatefulSetController,
// TestTwoControllers' Deployment part, TestUpdateDisruptedPods, and the fail-safe. As upstream's
// pdbStates, the test keeps the status each sync writes and checks
// (disruptionsAllowed, currentHealthy, desiredHealthy, expectedPods, disruptedPods).

import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, PodDisruptionBudget, ReplicaSet, ReplicationController, StatefulSet } from '../api/types';
import { res } from '../client/clientset';
import { newDisruptionController } from './disruption';
import { fakeContext, runSync } from './testing';

const labels = { foo: 'bar' };
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function setup() {
  const ctx = fakeContext(60_000);
  const written: PodDisruptionBudget[] = [];
  ctx.client.prependReactor('update', 'poddisruptionbudgets.policy', (a) => {
    written.push(structuredClone(a.object as PodDisruptionBudget));
    return a.object;
  });
  const dc = newDisruptionController(ctx);
  const inf = <T extends import('../api/types').KubeObject>(group: string, resource: string) => ctx.informers.informerFor<T>(res(group, resource));
  const sync = () => runSync(dc.sync('default/foobar'));
  /** [disruptionsAllowed, currentHealthy, desiredHealthy, expectedPods, disruptedPods] of the last status written. */
  const status = () => {
    const s = written[written.length - 1]?.status;
    return s ? [s.disruptionsAllowed, s.currentHealthy, s.desiredHealthy, s.expectedPods, s.disruptedPods ?? {}] : null;
  };
  return { ctx, dc, written, sync, status, pods: inf<Pod>('', 'pods'), pdbInf: inf<PodDisruptionBudget>('policy', 'poddisruptionbudgets'), rs: inf<ReplicaSet>('apps', 'replicasets'), rc: inf<ReplicationController>('', 'replicationcontrollers'), ss: inf<StatefulSet>('apps', 'statefulsets'), deploy: inf<Deployment>('apps', 'deployments') };
}

const pdb = (spec: PodDisruptionBudget['spec']): PodDisruptionBudget => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'foobar', namespace: 'default', uid: 'pdb-uid', generation: 1, resourceVersion: '18' }, spec: { selector: { matchLabels: labels }, ...spec } });

// newPod: ready, labelled foo=bar.
function pod(name: string, owner?: { kind: string; name: string; uid: string; apiVersion: string }): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels, ...(owner ? { ownerReferences: [{ ...owner, controller: true }] } : {}) },
    spec: { containers: [] },
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

describe('disruption controller', () => {
  it('TestNoSelector: an empty selector (policy/v1) selects every pod of the namespace', () => {
    const t = setup();
    t.pdbInf.preload(pdb({ minAvailable: 3, selector: {} }));
    t.sync();
    expect(t.status()).toEqual([0, 0, 3, 0, {}]);
    t.pods.preload({ ...pod('yo-yo-yo'), metadata: { ...pod('yo-yo-yo').metadata, labels: { other: 'x' } } });
    t.sync();
    expect(t.status()).toEqual([0, 1, 3, 1, {}]);
    expect(t.ctx.events.map((e) => e.reason)).toEqual(['NoPods']);
  });

  it('TestUnavailable: counts grow with ready pods; an unready one is not healthy', () => {
    const t = setup();
    t.pdbInf.preload(pdb({ minAvailable: 3 }));
    t.sync();
    const ps: Pod[] = [];
    for (let i = 0; i < 4; i++) {
      expect(t.status()).toEqual([0, i, 3, i, {}]);
      ps.push(pod(`yo-yo-yo ${i}`));
      t.pods.preload(ps[i]);
      t.sync();
    }
    expect(t.status()).toEqual([1, 4, 3, 4, {}]);
    t.pods.preload({ ...ps[0], status: { conditions: [] } });
    t.sync();
    expect(t.status()).toEqual([0, 3, 3, 4, {}]);
    expect(t.written[t.written.length - 1].status?.conditions).toEqual([{ type: 'DisruptionAllowed', status: 'False', observedGeneration: 1, reason: 'InsufficientPods', message: '', lastTransitionTime: iso(Date.UTC(2026, 0, 1) + 60_000) }]);
  });

  it('TestIntegerMaxUnavailable: a naked pod under maxUnavailable allows nothing and is reported as unmanaged', () => {
    const t = setup();
    t.pdbInf.preload(pdb({ maxUnavailable: 1 }));
    t.sync();
    expect(t.status()?.[0]).toBe(0);
    t.pods.preload(pod('naked'));
    t.sync();
    expect(t.status()?.[0]).toBe(0);
    expect(t.ctx.events.map((e) => e.reason)).toContain('UnmanagedPods');
  });

  it('TestReplicaSet: 20% of a ReplicaSet of 10 needs 2', () => {
    const t = setup();
    t.pdbInf.preload(pdb({ minAvailable: '20%' }));
    t.rs.preload({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'foobar', namespace: 'default', uid: 'rs-uid' }, spec: { replicas: 10, selector: { matchLabels: labels }, template: {} } });
    t.pods.preload(pod('pod', { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'foobar', uid: 'rs-uid' }));
    t.sync();
    expect(t.status()).toEqual([0, 1, 2, 10, {}]);
  });

  it('TestReplicationController: 34% of 3 needs 2; the third ready pod allows one disruption', () => {
    const t = setup();
    t.pdbInf.preload(pdb({ minAvailable: '34%' }));
    t.rc.preload({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'foobar', namespace: 'default', uid: 'rc-uid' }, spec: { replicas: 3, selector: labels } });
    t.sync();
    expect(t.status()).toEqual([0, 0, 0, 0, {}]);
    for (let i = 0; i < 3; i++) {
      t.pods.preload(pod(`foobar ${i}`, { apiVersion: 'v1', kind: 'ReplicationController', name: 'foobar', uid: 'rc-uid' }));
      t.sync();
      expect(t.status()).toEqual(i < 2 ? [0, i + 1, 2, 3, {}] : [1, 3, 2, 3, {}]);
    }
  });

  it('TestStatefulSetController and a Deployment: the scale of the pods controller, found through its ReplicaSet', () => {
    const t = setup();
    t.pdbInf.preload(pdb({ maxUnavailable: '50%' }));
    t.deploy.preload({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'd-uid' }, spec: { replicas: 4, selector: { matchLabels: labels }, template: {} } });
    t.rs.preload({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default', uid: 'rs-uid', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-uid', controller: true }] }, spec: { replicas: 4, selector: { matchLabels: labels }, template: {} } });
    for (let i = 0; i < 4; i++) t.pods.preload(pod(`web-${i}`, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs-uid' }));
    t.sync();
    expect(t.status()).toEqual([2, 4, 2, 4, {}]);
    const s = setup();
    s.pdbInf.preload(pdb({ minAvailable: '34%' }));
    s.ss.preload({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'foobar', namespace: 'default', uid: 'ss-uid' }, spec: { replicas: 3, selector: { matchLabels: labels }, template: {}, serviceName: 'x' } });
    for (let i = 0; i < 3; i++) s.pods.preload(pod(`foobar ${i}`, { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'foobar', uid: 'ss-uid' }));
    s.sync();
    expect(s.status()).toEqual([1, 3, 2, 3, {}]);
  });

  it('TestUpdateDisruptedPods: keeps only disrupted pods still expected to go, and looks again when the first times out', () => {
    const t = setup();
    const now = t.ctx.wallMs();
    const p = pdb({ minAvailable: 1 });
    p.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptedPods: { p1: iso(now), p2: iso(now - 3 * 60_000), p3: iso(now - 60_000), notthere: iso(now) } };
    t.pdbInf.preload(p);
    t.pods.preload({ ...pod('p1'), metadata: { ...pod('p1').metadata, deletionTimestamp: iso(now) } }, pod('p2'), pod('p3'));
    t.sync();
    expect(t.status()).toEqual([0, 1, 1, 3, { p3: iso(now - 60_000) }]);
    expect(t.ctx.queues.get('disruption')!.after).toEqual([{ key: 'default/foobar', ms: 60_000 }]);
    expect(t.ctx.events.filter((e) => e.reason === 'NotDeleted').map((e) => e.object)).toEqual(['Pod/p2']);
  });

  it('fails safe: a percentage over a pod with no controller leaves no disruption, with the SyncFailed reason', () => {
    const t = setup();
    t.pdbInf.preload(pdb({ minAvailable: '50%' }));
    t.pods.preload({ ...pod('orphan'), metadata: { ...pod('orphan').metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: 'ds-uid', controller: true }] } });
    t.sync();
    const written = t.written[t.written.length - 1].status!;
    expect(written.disruptionsAllowed).toBe(0);
    expect(written.conditions).toMatchObject([{ type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: 'found no controllers for pod "orphan"' }]);
    expect(t.ctx.events.map((e) => e.reason)).toContain('CalculateExpectedPodCountFailed');
  });

  it('enqueues the PDB of a pod that changes', () => {
    const t = setup();
    t.pdbInf.preload(pdb({ minAvailable: 1 }));
    t.pods.emitUpsert(pod('p'));
    t.pods.emitUpsert({ ...pod('q'), metadata: { ...pod('q').metadata, labels: { no: 'match' } } });
    expect(t.ctx.queues.get('disruption')!.added).toEqual(['default/foobar']);
  });
});

