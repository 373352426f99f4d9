// Ported from pkg/apis/apps/v1/defaults_test.go (Kubernetes 1.32): TestSetDefaultDaemonSetSpec,
// TestSetDefaultStatefulSet, TestSetDefaultDeployment, TestSetDefaultReplicaSetReplicas.
import { describe, expect, it } from 'vitest';
import type { DaemonSet, Deployment, PodTemplateSpec, ReplicaSet, StatefulSet } from '../types';
import { setDefaultsDaemonSet, setDefaultsDeployment, setDefaultsReplicaSet, setDefaultsStatefulSet } from './apps';

/** The template defaults every workload's pods get (SetDefaults_PodSpec). */
const defaultTemplate = (labels: Record<string, string> = { foo: 'bar' }): PodTemplateSpec => ({
  metadata: { labels },
  spec: { restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', securityContext: {}, schedulerName: 'default-scheduler', containers: [] },
});
const template = (): PodTemplateSpec => ({ metadata: { labels: { foo: 'bar' } }, spec: { containers: [] } });

describe('TestSetDefaultDaemonSetSpec', () => {
  it('an empty update strategy becomes RollingUpdate 1/0', () => {
    const ds: DaemonSet = { metadata: {}, spec: { selector: {}, template: template() } };
    setDefaultsDaemonSet(ds);
    expect(ds.spec).toEqual({
      selector: {},
      template: defaultTemplate(),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    });
  });

  it('OnDelete keeps no rollingUpdate; explicit history stays', () => {
    const ds: DaemonSet = { metadata: {}, spec: { selector: {}, template: template(), updateStrategy: { type: 'OnDelete' }, revisionHistoryLimit: 1 } };
    setDefaultsDaemonSet(ds);
    expect(ds.spec?.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(ds.spec?.revisionHistoryLimit).toBe(1);
  });

  it('a partial rollingUpdate is completed', () => {
    const ds: DaemonSet = { metadata: {}, spec: { selector: {}, template: template(), updateStrategy: { rollingUpdate: { maxSurge: '10%' } } } };
    setDefaultsDaemonSet(ds);
    expect(ds.spec?.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '10%', maxUnavailable: 1 } });
  });
});

describe('TestSetDefaultStatefulSet', () => {
  const sts = (spec: Partial<NonNullable<StatefulSet['spec']>>): StatefulSet => ({ metadata: {}, spec: { serviceName: 's', template: template(), ...spec } });

  it('defaults everything', () => {
    const s = sts({});
    setDefaultsStatefulSet(s);
    expect(s.spec).toEqual({
      serviceName: 's',
      template: defaultTemplate(),
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      replicas: 1,
      revisionHistoryLimit: 10,
    });
  });

  it('keeps Parallel, OnDelete, a partition and a retention policy', () => {
    const s = sts({ podManagementPolicy: 'Parallel', updateStrategy: { type: 'OnDelete' }, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' } });
    setDefaultsStatefulSet(s);
    expect(s.spec?.podManagementPolicy).toBe('Parallel');
    expect(s.spec?.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(s.spec?.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Delete', whenScaled: 'Retain' });
  });

  it('an explicit RollingUpdate without rollingUpdate gets none; with one, a partition', () => {
    const a = sts({ updateStrategy: { type: 'RollingUpdate' } });
    setDefaultsStatefulSet(a);
    expect(a.spec?.updateStrategy).toEqual({ type: 'RollingUpdate' });
    const b = sts({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } } });
    setDefaultsStatefulSet(b);
    expect(b.spec?.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2, partition: 0 } });
  });

  it('volumeClaimTemplates are defaulted as claims', () => {
    const s = sts({ volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] });
    setDefaultsStatefulSet(s);
    expect(s.spec?.volumeClaimTemplates).toEqual([
      { metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' }, status: { phase: 'Pending' } },
    ]);
  });
});

describe('TestSetDefaultDeployment', () => {
  const dep = (spec: Partial<NonNullable<Deployment['spec']>>): Deployment => ({ metadata: {}, spec: { selector: {}, template: template(), ...spec } });

  it('an empty deployment', () => {
    const d = dep({});
    setDefaultsDeployment(d);
    expect(d.spec).toEqual({
      selector: {},
      template: defaultTemplate(),
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
  });

  it('keeps a set maxSurge, replicas, history and deadline', () => {
    const d = dep({ replicas: 5, strategy: { rollingUpdate: { maxSurge: 1 } }, revisionHistoryLimit: 0, progressDeadlineSeconds: 30 });
    setDefaultsDeployment(d);
    expect(d.spec).toMatchObject({ replicas: 5, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } }, revisionHistoryLimit: 0, progressDeadlineSeconds: 30 });
  });

  it('Recreate gets no rollingUpdate', () => {
    const d = dep({ replicas: 5, strategy: { type: 'Recreate' } });
    setDefaultsDeployment(d);
    expect(d.spec?.strategy).toEqual({ type: 'Recreate' });
  });

  it('a deployment without a spec still gets its defaults (Go structs always exist)', () => {
    const d: Deployment = { metadata: {} };
    setDefaultsDeployment(d);
    expect(d.spec).toEqual({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: { spec: { dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' } },
    });
  });
});

describe('TestSetDefaultReplicaSetReplicas', () => {
  it.each([
    [undefined, 1],
    [0, 0],
    [3, 3],
  ])('%j → %d', (replicas, want) => {
    const rs: ReplicaSet = { metadata: {}, spec: { replicas, selector: {}, template: template() } };
    setDefaultsReplicaSet(rs);
    expect(rs.spec?.replicas).toBe(want);
    expect(rs.spec?.template?.spec?.dnsPolicy).toBe('ClusterFirst');
  });
});
