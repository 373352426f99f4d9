// Ported from the defaults_test.go of autoscaling/v2 (TestSetDefaultHPA, TestGenerateScaleUpRules,
// TestGenerateScaleDownRules), networking/v1 (TestSetDefaultNetworkPolicy, TestSetDefaultIngressClass),
// rbac/v1 (TestBindingDefaulting... subjects), storage/v1 (TestSetDefaultVolumeBindingMode,
// TestSetDefaultStorageClass), scheduling/v1 (TestSetDefaultPreemptionPolicy) and discovery/v1
// (TestSetDefaultEndpointPort).
import { describe, expect, it } from 'vitest';
import type { ClusterRoleBinding, EndpointSlice, HorizontalPodAutoscaler, IngressClass, NetworkPolicy, PriorityClass, RoleBinding, StorageClass } from '../types';
import { setDefaultsHorizontalPodAutoscaler } from './autoscaling';
import { setDefaultsEndpointSlice } from './discovery';
import { setDefaultsIngressClass, setDefaultsNetworkPolicy } from './networking';
import { setDefaultsClusterRoleBinding, setDefaultsRoleBinding } from './rbac';
import { setDefaultsPriorityClass } from './scheduling';
import { setDefaultsStorageClass } from './storage';

describe('HorizontalPodAutoscaler', () => {
  const hpa = (spec: Partial<NonNullable<HorizontalPodAutoscaler['spec']>>): HorizontalPodAutoscaler => ({
    metadata: {},
    spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 5, ...spec },
  });

  it('one replica at least and CPU at 80% when no metric is named; no behavior invented', () => {
    const h = hpa({});
    setDefaultsHorizontalPodAutoscaler(h);
    expect(h.spec).toEqual({
      scaleTargetRef: { kind: 'Deployment', name: 'web' },
      maxReplicas: 5,
      minReplicas: 1,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    });
  });

  it('keeps named metrics and minReplicas', () => {
    const metrics = [{ type: 'Resource' as const, resource: { name: 'memory', target: { type: 'AverageValue' as const, averageValue: '100Mi' } } }];
    const h = hpa({ minReplicas: 3, metrics });
    setDefaultsHorizontalPodAutoscaler(h);
    expect(h.spec?.minReplicas).toBe(3);
    expect(h.spec?.metrics).toEqual(metrics);
  });

  it('TestGenerateScaleUpRules / TestGenerateScaleDownRules: an empty behavior is filled', () => {
    const h = hpa({ behavior: {} });
    setDefaultsHorizontalPodAutoscaler(h);
    expect(h.spec?.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  it('set fields win over the defaults, field by field', () => {
    const h = hpa({ behavior: { scaleUp: { selectPolicy: 'Min' }, scaleDown: { stabilizationWindowSeconds: 60, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } });
    setDefaultsHorizontalPodAutoscaler(h);
    expect(h.spec?.behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Min', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
    });
  });
});

describe('networking', () => {
  const np = (spec: Partial<NonNullable<NetworkPolicy['spec']>>): NetworkPolicy => ({ metadata: {}, spec: { podSelector: {}, ...spec } });

  it.each([
    [{}, ['Ingress']],
    [{ ingress: [{}] }, ['Ingress']],
    [{ egress: [{}] }, ['Ingress', 'Egress']],
    [{ ingress: [{}], egress: [{}] }, ['Ingress', 'Egress']],
    [{ policyTypes: ['Egress' as const] }, ['Egress']],
  ])('TestSetDefaultNetworkPolicy %j → %j', (spec, want) => {
    const p = np(spec);
    setDefaultsNetworkPolicy(p);
    expect(p.spec?.policyTypes).toEqual(want);
  });

  it('ports are TCP unless named otherwise', () => {
    const p = np({ ingress: [{ ports: [{ port: 80 }, { protocol: 'UDP', port: 53 }] }], egress: [{ ports: [{}] }] });
    setDefaultsNetworkPolicy(p);
    expect(p.spec?.ingress?.[0].ports).toEqual([{ port: 80, protocol: 'TCP' }, { protocol: 'UDP', port: 53 }]);
    expect(p.spec?.egress?.[0].ports).toEqual([{ protocol: 'TCP' }]);
  });

  it('TestSetDefaultIngressClass: parameters are cluster-scoped by default', () => {
    const a: IngressClass = { metadata: {}, spec: { controller: 'c', parameters: { kind: 'K', name: 'n' } } };
    setDefaultsIngressClass(a);
    expect(a.spec?.parameters?.scope).toBe('Cluster');
    const b: IngressClass = { metadata: {}, spec: { controller: 'c', parameters: { kind: 'K', name: 'n', scope: 'Namespace', namespace: 'x' } } };
    setDefaultsIngressClass(b);
    expect(b.spec?.parameters?.scope).toBe('Namespace');
    const c: IngressClass = { metadata: {}, spec: { controller: 'c' } };
    setDefaultsIngressClass(c);
    expect(c.spec).toEqual({ controller: 'c' });
  });
});

describe('rbac', () => {
  it('subjects and the role ref get their API groups', () => {
    const rb: RoleBinding = {
      metadata: {},
      roleRef: { apiGroup: '', kind: 'Role', name: 'r' },
      subjects: [{ kind: 'User', name: 'u' }, { kind: 'Group', name: 'g' }, { kind: 'ServiceAccount', name: 's', namespace: 'n' }, { kind: 'Other', name: 'o' }, { kind: 'User', name: 'v', apiGroup: 'x' }],
    };
    setDefaultsRoleBinding(rb);
    expect(rb.roleRef.apiGroup).toBe('rbac.authorization.k8s.io');
    expect(rb.subjects?.map((s) => s.apiGroup)).toEqual(['rbac.authorization.k8s.io', 'rbac.authorization.k8s.io', undefined, undefined, 'x']);
  });

  it('a cluster role binding too', () => {
    const crb = { metadata: {}, subjects: [{ kind: 'Group', name: 'system:masters' }] } as unknown as ClusterRoleBinding;
    setDefaultsClusterRoleBinding(crb);
    expect(crb.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io' });
    expect(crb.subjects?.[0].apiGroup).toBe('rbac.authorization.k8s.io');
  });
});

describe('storage, scheduling, discovery', () => {
  it('TestSetDefaultStorageClass', () => {
    const sc: StorageClass = { metadata: {}, provisioner: 'p' };
    setDefaultsStorageClass(sc);
    expect(sc).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    const kept: StorageClass = { metadata: {}, provisioner: 'p', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' };
    setDefaultsStorageClass(kept);
    expect(kept).toMatchObject({ reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' });
  });

  it('TestSetDefaultPreemptionPolicy', () => {
    const pc: PriorityClass = { metadata: {}, value: 1 };
    setDefaultsPriorityClass(pc);
    expect(pc.preemptionPolicy).toBe('PreemptLowerPriority');
    const never: PriorityClass = { metadata: {}, value: 1, preemptionPolicy: 'Never' };
    setDefaultsPriorityClass(never);
    expect(never.preemptionPolicy).toBe('Never');
  });

  it('TestSetDefaultEndpointPort', () => {
    const es: EndpointSlice = { metadata: {}, addressType: 'IPv4', endpoints: [], ports: [{ port: 80 }, { name: 'dns', protocol: 'UDP', port: 53 }] };
    setDefaultsEndpointSlice(es);
    expect(es.ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }, { name: 'dns', protocol: 'UDP', port: 53 }]);
  });
});
