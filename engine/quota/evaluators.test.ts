// Ports of pkg/quota/v1/evaluator/core/services_test.go (TestServiceEvaluatorMatchesResources,
// TestServiceEvaluatorUsage, TestServiceConstraintsFunc), persistent_volume_claims_test.go
// (TestPersistentVolumeClaimEvaluatorUsage, TestPersistentVolumeClaimEvaluatorMatchingResources) and
// the object-count evaluator of staging/src/k8s.io/apiserver/pkg/quota/v1/generic.

import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim, ResourceList, Service, ServicePort } from '../api/types';
import { newObjectCountEvaluator } from './generic';
import { newPersistentVolumeClaimEvaluator } from './persistent-volume-claims';
import { evaluatorFor, isIgnoredResource, newEvaluators, newRegistry } from './registry';
import { equals, toQuantityList, toResourceList, type QuantityList } from './resources';
import { newServiceEvaluator } from './services';

const expectUsage = (actual: QuantityList, want: ResourceList) => {
  if (!equals(actual, toQuantityList(want))) expect(toResourceList(actual)).toEqual(toResourceList(toQuantityList(want)));
};

describe('service quota evaluator', () => {
  const e = newServiceEvaluator();
  const svc = (type: string, ports: Partial<ServicePort>[] = [], allocateLoadBalancerNodePorts?: boolean) =>
    ({ metadata: { name: 's' }, spec: { type, ports: ports.map((p) => ({ port: 1, ...p })), ...(allocateLoadBalancerNodePorts === undefined ? {} : { allocateLoadBalancerNodePorts }) } }) as Service;
  const usage = (nodeports: string, lbs: string) => ({ services: '1', 'count/services': '1', 'services.nodeports': nodeports, 'services.loadbalancers': lbs });

  it('MatchingResources (TestServiceEvaluatorMatchesResources)', () => {
    expect(e.matchingResources(['configmaps', 'cpu', 'services', 'services.nodeports', 'services.loadbalancers'])).toEqual(['services', 'services.loadbalancers', 'services.nodeports']);
  });

  it('Usage (TestServiceEvaluatorUsage)', () => {
    expectUsage(e.usage(svc('LoadBalancer')), usage('0', '1'));
    expectUsage(e.usage(svc('LoadBalancer', [{ port: 27443 }])), usage('1', '1'));
    expectUsage(e.usage(svc('LoadBalancer', [{ port: 27443 }, { port: 27444 }])), usage('2', '1'));
    expectUsage(e.usage(svc('ClusterIP')), usage('0', '0'));
    expectUsage(e.usage(svc('NodePort', [{ port: 27443 }])), usage('1', '0'));
    expectUsage(e.usage(svc('NodePort', [{ port: 27443 }, { port: 27444 }])), usage('2', '0'));
    expectUsage(e.usage(svc('LoadBalancer', [{ port: 27443 }, { port: 27444 }], false)), usage('0', '1'));
    expectUsage(e.usage(svc('LoadBalancer', [{ port: 27443, nodePort: 32001 }, { port: 27444, nodePort: 32002 }])), usage('2', '1'));
    expectUsage(e.usage(svc('LoadBalancer', [{ port: 27443 }, { port: 27444 }], true)), usage('2', '1'));
    expectUsage(e.usage(svc('LoadBalancer', [{ port: 27443, nodePort: 32001 }, { port: 27444, nodePort: 32002 }], false)), usage('2', '1'));
  });

  it('has no constraints and handles create and update (TestServiceConstraintsFunc)', () => {
    expect(e.constraints(['services.loadbalancers', 'services'], svc('ClusterIP'))).toBeNull();
    const obj = svc('ClusterIP');
    const ops = (['CREATE', 'UPDATE', 'DELETE'] as const).map((op) => e.handles({ op, subresource: '', obj, old: obj }));
    expect(ops).toEqual([true, true, false]);
  });
});

describe('persistent volume claim quota evaluator', () => {
  const e = newPersistentVolumeClaimEvaluator();
  const claim = (storage: string, storageClassName?: string, allocated?: string): PersistentVolumeClaim =>
    ({
      metadata: { name: 'foo', namespace: 'ns' },
      spec: { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], resources: { requests: { storage } }, ...(storageClassName ? { storageClassName } : {}) },
      ...(allocated ? { status: { allocatedResources: { storage: allocated } } } : {}),
    }) as PersistentVolumeClaim;

  it('Usage (TestPersistentVolumeClaimEvaluatorUsage)', () => {
    const base = { persistentvolumeclaims: '1', 'count/persistentvolumeclaims': '1' };
    const gold = (s: string) => ({ 'gold.storageclass.storage.k8s.io/requests.storage': s, 'gold.storageclass.storage.k8s.io/persistentvolumeclaims': '1' });
    expectUsage(e.usage(claim('10Gi')), { ...base, 'requests.storage': '10Gi' });
    expectUsage(e.usage(claim('10Gi', 'gold')), { ...base, 'requests.storage': '10Gi', ...gold('10Gi') });
    expectUsage(e.usage(claim('1001m')), { ...base, 'requests.storage': '2' });
    expectUsage(e.usage(claim('1001m', 'gold')), { ...base, 'requests.storage': '2', ...gold('2') });
    expectUsage(e.usage(claim('5G', undefined, '10G')), { ...base, 'requests.storage': '10G' });
    expectUsage(e.usage(claim('10G', undefined, '5G')), { ...base, 'requests.storage': '10G' });
  });

  it('the beta storage-class annotation wins over spec.storageClassName (GetPersistentVolumeClaimClass)', () => {
    const c = claim('1Gi', 'gold');
    c.metadata.annotations = { 'volume.beta.kubernetes.io/storage-class': 'silver' };
    expect(Object.keys(e.usage(c)).filter((k) => k.includes('storageclass')).sort()).toEqual(['silver.storageclass.storage.k8s.io/persistentvolumeclaims', 'silver.storageclass.storage.k8s.io/requests.storage']);
  });

  it('MatchingResources (TestPersistentVolumeClaimEvaluatorMatchingResources)', () => {
    const supported = ['count/persistentvolumeclaims', 'requests.storage', 'persistentvolumeclaims', 'gold.storageclass.storage.k8s.io/requests.storage', 'gold.storageclass.storage.k8s.io/persistentvolumeclaims'];
    expect(e.matchingResources(supported)).toEqual(supported);
    expect(e.matchingResources(['storage', 'ephemeral-storage', 'bronze.storageclass.storage.k8s.io/storage', 'gold.storage.k8s.io/requests.storage'])).toEqual([]);
  });
});

describe('object count evaluators and the registry', () => {
  it('counts 1 per created object under count/<resource>.<group> and the legacy alias', () => {
    const e = newObjectCountEvaluator({ group: '', resource: 'configmaps' }, 'configmaps');
    expectUsage(e.usage({ metadata: { name: 'x' } }), { 'count/configmaps': '1', configmaps: '1' });
    expect(e.matchingResources(['configmaps', 'count/configmaps', 'secrets'])).toEqual(['configmaps', 'count/configmaps']);
    const obj = { metadata: {} };
    expect([e.handles({ op: 'CREATE', subresource: '', obj, old: null }), e.handles({ op: 'UPDATE', subresource: '', obj, old: obj })]).toEqual([true, false]);
    expect(Object.keys(newObjectCountEvaluator({ group: 'apps', resource: 'deployments' }).usage(obj))).toEqual(['count/deployments.apps']);
  });

  it('has the core evaluators, makes counters for any other resource, and ignores events and virtual resources', () => {
    const r = newRegistry(newEvaluators(() => 0));
    const names = r.list().map((e) => `${e.groupResource.group}/${e.groupResource.resource}`);
    expect(names).toEqual(['/pods', '/services', '/persistentvolumeclaims', '/configmaps', '/resourcequotas', '/replicationcontrollers', '/secrets']);
    expect(evaluatorFor(r, { group: 'apps', resource: 'deployments' }).matchingResources(['count/deployments.apps'])).toEqual(['count/deployments.apps']);
    expect(r.get({ group: 'apps', resource: 'deployments' })).toBeDefined();
    const ignored = [['', 'events'], ['events.k8s.io', 'events'], ['', 'bindings'], ['', 'pods']].map(([group, resource]) => isIgnoredResource({ group, resource }));
    expect(ignored).toEqual([true, true, true, false]);
  });
});
