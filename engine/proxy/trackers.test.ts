// The change trackers and CategorizeEndpoints, with the cases of upstream's
// servicechangetracker_test.go, endpointslicecache_test.go and topology_test.go: skipped Services,
// changes that undo themselves, slice conditions and their defaults, overlapping slices, Local
// traffic policy and the fallback to serving-terminating endpoints.

import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../api/types';
import { EndpointsChangeTracker, EndpointsMap, type EndpointInfo } from './endpointschangetracker';
import { ServiceChangeTracker, ServicePortMap } from './servicechangetracker';
import { newServicePortInfo, servicePorts, shouldSkipService } from './serviceport';
import { categorizeEndpoints } from './topology';

function svc(name: string, spec: Partial<NonNullable<Service['spec']>> = {}): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'ns1', name }, spec: { type: 'ClusterIP', clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80, protocol: 'TCP' }], ...spec } };
}

function slice(name: string, svcName: string, endpoints: EndpointSlice['endpoints'], port = 80): EndpointSlice {
  return { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { namespace: 'ns1', name, labels: { 'kubernetes.io/service-name': svcName } }, addressType: 'IPv4', endpoints, ports: [{ name: 'p80', port, protocol: 'TCP' }] };
}

describe('ServicePortInfo', () => {
  it('skips headless, IP-less and ExternalName Services', () => {
    expect(shouldSkipService(svc('a', { clusterIP: 'None' }))).toBe(true);
    expect(shouldSkipService(svc('a', { clusterIP: '' }))).toBe(true);
    expect(shouldSkipService(svc('a', { type: 'ExternalName', externalName: 'x.example.com' }))).toBe(true);
    expect(servicePorts(svc('a', { clusterIP: 'None' })).size).toBe(0);
  });

  it('reads affinity, policies and external addresses as newBaseServiceInfo does', () => {
    const p = newServicePortInfo(svc('a', { type: 'NodePort', sessionAffinity: 'ClientIP', externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Local', externalIPs: ['1.2.3.4', '2001::1'], ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }] }), { name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 });
    expect(p.nameString).toBe('ns1/a:p80');
    expect(p.stickyMaxAgeSeconds).toBe(10800);
    expect([p.externalPolicyLocal, p.internalPolicyLocal, p.nodePort]).toEqual([true, true, 30080]);
    expect(p.externalIPs).toEqual(['1.2.3.4']);
    // externalTrafficPolicy means nothing on a ClusterIP Service without external IPs.
    expect(newServicePortInfo(svc('b', { externalTrafficPolicy: 'Local' }), { port: 80 }).externalPolicyLocal).toBe(false);
    expect(newServicePortInfo(svc('b'), { port: 80 }).nameString).toBe('ns1/b');
  });
});

describe('ServiceChangeTracker', () => {
  it('accumulates changes per Service and drops one that undoes itself', () => {
    const t = new ServiceChangeTracker();
    const m = new ServicePortMap();
    expect(t.update(null, svc('a'))).toBe(true);
    expect(m.update(t).updatedServices).toEqual(new Set(['ns1/a']));
    expect([...m.ports.keys()]).toEqual(['ns1/a:p80/TCP']);
    const changed = svc('a', { clusterIP: '172.30.0.99' });
    expect(t.update(svc('a'), changed)).toBe(true);
    expect(t.update(changed, svc('a'))).toBe(false);
    expect(m.update(t).updatedServices.size).toBe(0);
    t.update(svc('a'), null);
    m.update(t);
    expect(m.ports.size).toBe(0);
  });
});

describe('EndpointsChangeTracker', () => {
  it('takes each endpoint with its conditions (ready and serving default to true) and sorts by ip:port', () => {
    const t = new EndpointsChangeTracker('node-1');
    const m = new EndpointsMap();
    t.endpointSliceUpdate(
      slice('a-1', 'a', [
        { addresses: ['10.180.0.2'], conditions: { ready: false, serving: true, terminating: true }, nodeName: 'node-2' },
        { addresses: ['10.180.0.1'], nodeName: 'node-1' },
        { addresses: [] },
      ]),
      false,
    );
    expect(m.update(t).updatedServices).toEqual(new Set(['ns1/a']));
    const eps = m.get('ns1/a:p80/TCP');
    expect(eps.map((e) => [e.endpoint, e.isLocal, e.ready, e.serving, e.terminating])).toEqual([
      ['10.180.0.1:80', true, true, true, false],
      ['10.180.0.2:80', false, false, true, true],
    ]);
  });

  it('merges overlapping slices of one Service, ignores a slice without a Service and one that did not change', () => {
    const t = new EndpointsChangeTracker('node-1');
    const m = new EndpointsMap();
    t.endpointSliceUpdate(slice('a-1', 'a', [{ addresses: ['10.180.0.1'] }]), false);
    t.endpointSliceUpdate(slice('a-2', 'a', [{ addresses: ['10.180.0.1'] }, { addresses: ['10.180.0.3'] }]), false);
    const orphan = slice('x', 'a', []);
    delete orphan.metadata.labels;
    expect(t.endpointSliceUpdate(orphan, false)).toBe(false);
    m.update(t);
    expect(m.get('ns1/a:p80/TCP').map((e) => e.endpoint)).toEqual(['10.180.0.1:80', '10.180.0.3:80']);
    expect(t.endpointSliceUpdate(slice('a-1', 'a', [{ addresses: ['10.180.0.1'] }]), false)).toBe(false);
    t.endpointSliceUpdate(slice('a-2', 'a', []), true);
    m.update(t);
    expect(m.get('ns1/a:p80/TCP').map((e) => e.endpoint)).toEqual(['10.180.0.1:80']);
  });
});

describe('categorizeEndpoints (topology.go)', () => {
  const ep = (ip: string, o: Partial<EndpointInfo> = {}): EndpointInfo => ({ ip, port: 80, endpoint: `${ip}:80`, isLocal: false, ready: true, serving: true, terminating: false, zoneHints: [], ...o });
  const port = (spec: Partial<NonNullable<Service['spec']>> = {}) => newServicePortInfo(svc('a', spec), { name: 'p80', port: 80, protocol: 'TCP', nodePort: spec.type === 'NodePort' ? 30080 : undefined });
  const names = (l: EndpointInfo[]) => l.map((e) => e.ip);

  it('Cluster policy: the ready endpoints, or else the serving terminating ones', () => {
    const r = categorizeEndpoints([ep('10.0.0.1'), ep('10.0.0.2', { ready: false }), ep('10.0.0.3', { ready: false, terminating: true })], port(), {});
    expect([names(r.clusterEndpoints), r.hasAnyEndpoints]).toEqual([['10.0.0.1'], true]);
    const t = categorizeEndpoints([ep('10.0.0.2', { ready: false, serving: false, terminating: true }), ep('10.0.0.3', { ready: false, terminating: true })], port(), {});
    expect(names(t.clusterEndpoints)).toEqual(['10.0.0.3']);
    expect(categorizeEndpoints([ep('10.0.0.2', { ready: false })], port(), {}).hasAnyEndpoints).toBe(false);
  });

  it('internalTrafficPolicy Local: only this node\'s, none when there is none here (but the Service still has endpoints)', () => {
    const r = categorizeEndpoints([ep('10.0.0.1', { isLocal: true }), ep('10.0.0.2')], port({ internalTrafficPolicy: 'Local' }), {});
    expect([names(r.localEndpoints), names(r.allReachableEndpoints), r.clusterEndpoints.length]).toEqual([['10.0.0.1'], ['10.0.0.1'], 0]);
    const none = categorizeEndpoints([ep('10.0.0.2')], port({ internalTrafficPolicy: 'Local' }), {});
    expect([none.localEndpoints.length, none.hasAnyEndpoints]).toEqual([0, true]);
  });

  it('externalTrafficPolicy Local on a NodePort: local for external traffic, every ready one for the cluster IP; local terminating as fallback', () => {
    const r = categorizeEndpoints([ep('10.0.0.1', { isLocal: true, ready: false, terminating: true }), ep('10.0.0.2')], port({ type: 'NodePort', externalTrafficPolicy: 'Local' }), {});
    expect(names(r.clusterEndpoints)).toEqual(['10.0.0.2']);
    expect(names(r.localEndpoints)).toEqual(['10.0.0.1']);
    expect(names(r.allReachableEndpoints)).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('zone hints narrow Cluster endpoints when every ready one has a hint and one is for this zone', () => {
    const eps = [ep('10.0.0.1', { zoneHints: ['a'] }), ep('10.0.0.2', { zoneHints: ['b'] })];
    expect(names(categorizeEndpoints(eps, port(), { 'topology.kubernetes.io/zone': 'a' }).clusterEndpoints)).toEqual(['10.0.0.1']);
    expect(names(categorizeEndpoints(eps, port(), { 'topology.kubernetes.io/zone': 'c' }).clusterEndpoints)).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(names(categorizeEndpoints([eps[0], ep('10.0.0.3')], port(), { 'topology.kubernetes.io/zone': 'a' }).clusterEndpoints)).toEqual(['10.0.0.1', '10.0.0.3']);
  });
});
