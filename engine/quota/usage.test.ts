// The resource quota controller's usage: ports of pkg/controller/resourcequota/resource_quota_controller_test.go
// (TestSyncResourceQuota, TestSyncResourceQuotaSpecChange, TestSyncResourceQuotaSpecHardChange,
// TestSyncResourceQuotaNoChange) over quota.CalculateUsage, and scopes and object counts.

import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod, ResourceQuota } from '../api/types';
import { calculateUsage, parseObjectCountName, syncResourceQuotaStatus, type ObjectsOf } from './usage';
import { toResourceList } from './resources';

const clock = () => Date.parse('2026-01-01T00:00:00Z');
const pod = (name: string, phase: string, requests: Record<string, string> = { cpu: '100m', memory: '1Gi' }, extra: Partial<Pod['spec']> = {}): Pod =>
  ({ metadata: { name, namespace: 'testing' }, status: { phase }, spec: { containers: [{ name: 'ctr', image: 'image', resources: { requests } }], ...extra } }) as Pod;
const objects = (byResource: Record<string, KubeObject[]>): ObjectsOf => (gr) => byResource[gr.group ? `${gr.resource}.${gr.group}` : gr.resource];
const quota = (hard: Record<string, string>, status?: ResourceQuota['status'], spec: Partial<ResourceQuota['spec']> = {}): ResourceQuota => ({
  metadata: { name: 'rq', namespace: 'testing' },
  spec: { hard, ...spec },
  ...(status ? { status } : {}),
});

describe('resource quota controller usage', () => {
  it('sums the running pods and leaves out terminal ones (TestSyncResourceQuota)', () => {
    const pods = [pod('pod-running', 'Running'), pod('pod-running-2', 'Running'), pod('pod-failed', 'Failed')];
    const { status, dirty } = syncResourceQuotaStatus(quota({ cpu: '3', memory: '100Gi', pods: '5' }), objects({ pods: pods }), clock);
    expect(dirty).toBe(true);
    expect(status).toEqual({ hard: { cpu: '3', memory: '100Gi', pods: '5' }, used: { cpu: '200m', memory: '2Gi', pods: '2' } });
  });

  it('takes status.hard from a changed spec (TestSyncResourceQuotaSpecChange)', () => {
    const { status, dirty } = syncResourceQuotaStatus(quota({ cpu: '4' }, { hard: { cpu: '3' }, used: { cpu: '0' } }), objects({ pods: [] }), clock);
    expect(dirty).toBe(true);
    expect(status).toEqual({ hard: { cpu: '4' }, used: { cpu: '0' } });
  });

  it('drops what spec.hard no longer names (TestSyncResourceQuotaSpecHardChange)', () => {
    const { status } = syncResourceQuotaStatus(quota({ cpu: '4' }, { hard: { cpu: '3', memory: '1Gi' }, used: { cpu: '0', memory: '0' } }), objects({ pods: [] }), clock);
    expect(status).toEqual({ hard: { cpu: '4' }, used: { cpu: '0' } });
  });

  it('is not dirty when nothing changed (TestSyncResourceQuotaNoChange)', () => {
    expect(syncResourceQuotaStatus(quota({ cpu: '4' }, { hard: { cpu: '4' }, used: { cpu: '0' } }), objects({ pods: [] }), clock).dirty).toBe(false);
    // A first sync always writes, even a zero usage.
    expect(syncResourceQuotaStatus(quota({ cpu: '4' }), objects({ pods: [] }), clock).dirty).toBe(true);
  });

  it('counts count/<resource>.<group> and legacy names, and keeps the last observation of what cannot be listed', () => {
    const hard = { 'count/deployments.apps': '10', configmaps: '5', 'count/configmaps': '5', services: '3', 'services.loadbalancers': '1', 'count/widgets.example.com': '1' };
    const cm = { metadata: { name: 'c' } };
    const used = calculateUsage(quota(hard), objects({ 'deployments.apps': [cm, cm], configmaps: [cm], services: [{ metadata: { name: 's' }, spec: { type: 'LoadBalancer' } } as KubeObject] }), clock);
    expect(toResourceList(used)).toEqual({ configmaps: '1', 'count/configmaps': '1', 'count/deployments.apps': '2', services: '1', 'services.loadbalancers': '1' });
    const synced = syncResourceQuotaStatus(quota(hard, { hard, used: { 'count/widgets.example.com': '1' } }), objects({}), clock);
    expect(synced.status.used).toEqual({ 'count/widgets.example.com': '1' });
  });

  it('counts only the pods in the quota\'s scopes', () => {
    const pods = [pod('be', 'Running', {}), pod('burst', 'Running'), pod('term', 'Running', { cpu: '1' }, { activeDeadlineSeconds: 10 })];
    expect(toResourceList(calculateUsage(quota({ pods: '10' }, undefined, { scopes: ['BestEffort'] }), objects({ pods }), clock))).toEqual({ pods: '1' });
    expect(toResourceList(calculateUsage(quota({ pods: '10', 'requests.cpu': '10' }, undefined, { scopes: ['Terminating'] }), objects({ pods }), clock))).toEqual({ pods: '1', 'requests.cpu': '1' });
    expect(toResourceList(calculateUsage(quota({ pods: '10' }, undefined, { scopes: ['NotBestEffort', 'NotTerminating'] }), objects({ pods }), clock))).toEqual({ pods: '1' });
  });

  it('parses object count names', () => {
    expect(parseObjectCountName('count/pods')).toEqual({ group: '', resource: 'pods' });
    expect(parseObjectCountName('count/foo.bar.example.com')).toEqual({ group: 'bar.example.com', resource: 'foo' });
    expect(parseObjectCountName('pods')).toBeNull();
  });
});
