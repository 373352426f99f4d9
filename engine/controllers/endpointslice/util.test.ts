// Ported from k8s.io/endpointslice/util/controller_utils_test.go and utils_test.go (v0.32.4):
// which pods are endpoints, which pod changes matter and to which Services, a pod as an endpoint
// (TestPodToEndpoint), ports (TestGetEndpointPorts), labels (TestSetEndpointSliceLabels) and
// address types (TestSupportedServiceAddressType).
import { describe, expect, it } from 'vitest';
import type { Node, Pod, Service } from '../../api/types';
import { Store } from '../../client/store';
import { getAddressTypesForService, getEndpointPorts, getEndpointSlicePrefix, getSliceToFill, newEndpointSlice, podToEndpoint, portMapKey, reconcileTrafficDistributionHints, serviceControllerKey, setEndpointSliceLabels } from './slices';
import { findPort, getServicesToUpdateOnPodChange, podEndpointsChanged, rfc3339Nano, shouldPodBeInEndpoints, shouldSetHostname } from './util';

const basePod = (): Pod => ({
  metadata: { namespace: 'test', name: 'pod', labels: { foo: 'bar' }, resourceVersion: '1' },
  status: { conditions: [{ type: 'Ready', status: 'False' }] },
});

// Models utils_test.go newPod
function newPod(n: number, ready: boolean, terminating = false): Pod {
  return {
    apiVersion: 'v1',
    metadata: { namespace: 'test', name: `pod${n}`, labels: { foo: 'bar' }, resourceVersion: String(n), ...(terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { containers: [{ name: 'container-1' }], nodeName: 'node-1' },
    status: { podIP: `1.2.3.${4 + n}`, podIPs: [{ ip: `1.2.3.${4 + n}` }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

// Models utils_test.go newServiceAndEndpointMeta
const newService = (name = 'foo', namespace = 'test'): Service => ({
  metadata: { name, namespace, uid: `${namespace}-${name}` },
  spec: { ports: [{ targetPort: 80, protocol: 'TCP', name, port: 0 }], selector: { foo: 'bar' }, ipFamilies: ['IPv4'] },
});

describe('podEndpointsChanged (Test_podChanged)', () => {
  const cases: [string, (o: Pod, n: Pod) => void, boolean, boolean][] = [
    ['no changes', () => {}, false, false],
    // nodeName can only change before the pod has an IP.
    ['change NodeName', (_o, n) => void (n.spec = { ...n.spec, nodeName: 'changed' } as Pod['spec']), false, false],
    ['change ResourceVersion', (_o, n) => void (n.metadata.resourceVersion = 'changed'), false, false],
    ['add primary IPv4', (_o, n) => void (n.status = { ...n.status, podIP: '1.2.3.4', podIPs: [{ ip: '1.2.3.4' }] }), true, false],
    ['modify primary IPv6', (o, n) => {
      o.status = { ...o.status, podIPs: [{ ip: 'fd00:10:96::1' }] };
      n.status = { ...n.status, podIPs: [{ ip: 'fd00:10:96::2' }] };
    }, true, false],
    ['add secondary IP', (o, n) => {
      o.status = { ...o.status, podIPs: [{ ip: '1.2.3.4' }] };
      n.status = { ...n.status, podIPs: [{ ip: '1.2.3.4' }, { ip: 'fd00:10:96::1' }] };
    }, true, false],
    ['change readiness', (_o, n) => void (n.status!.conditions![0].status = 'True'), true, false],
    ['mark for deletion', (_o, n) => void (n.metadata.deletionTimestamp = '2026-01-01T00:00:00Z'), true, false],
    ['add label', (_o, n) => void (n.metadata.labels!.label = 'new'), false, true],
    ['modify label', (o, n) => {
      o.metadata.labels!.label = 'old';
      n.metadata.labels!.label = 'new';
    }, false, true],
    ['remove label', (o) => void (o.metadata.labels!.label = 'old'), false, true],
  ];
  it.each(cases)('%s', (_name, modify, podChanged, labelsChanged) => {
    const o = basePod();
    const n = structuredClone(o);
    modify(o, n);
    expect(podEndpointsChanged(o, n)).toEqual([podChanged, labelsChanged]);
  });
});

describe('getServicesToUpdateOnPodChange (TestDetermineNeededServiceUpdates)', () => {
  const services = new Store<Service>();
  for (const [name, sel] of [['a', { app: 'a' }], ['b', { tier: 'web' }], ['c', { app: 'c' }]] as const) services.put({ metadata: { name, namespace: 'test' }, spec: { selector: sel } });
  const pod = (labels: Record<string, string>, rv: string, ready = false): Pod => ({ ...basePod(), metadata: { ...basePod().metadata, labels, resourceVersion: rv }, status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } });

  it('a resync (same resourceVersion) wakes nothing', () => {
    expect(getServicesToUpdateOnPodChange(services, pod({ app: 'a' }, '1'), pod({ app: 'c' }, '1'))).toEqual(new Set());
  });
  it('only labels changed: the Services it left or joined (the xor)', () => {
    expect(getServicesToUpdateOnPodChange(services, pod({ app: 'a', tier: 'web' }, '1'), pod({ app: 'c', tier: 'web' }, '2'))).toEqual(new Set(['test/c', 'test/a']));
  });
  it('labels and readiness changed: every Service before and after (the union)', () => {
    expect(getServicesToUpdateOnPodChange(services, pod({ app: 'a', tier: 'web' }, '1'), pod({ app: 'c', tier: 'web' }, '2', true))).toEqual(new Set(['test/b', 'test/c', 'test/a']));
  });
  it('only readiness changed: the Services it is in', () => {
    expect(getServicesToUpdateOnPodChange(services, pod({ tier: 'web' }, '1'), pod({ tier: 'web' }, '2', true))).toEqual(new Set(['test/b']));
  });
  it('a Service with an empty selector selects nothing (omitempty makes it nil upstream)', () => {
    const s = new Store<Service>();
    s.put({ metadata: { name: 'all', namespace: 'test' }, spec: { selector: {} } });
    expect(getServicesToUpdateOnPodChange(s, pod({ x: 'y' }, '1'), pod({ x: 'y' }, '2', true))).toEqual(new Set());
  });
});

describe('shouldPodBeInEndpoints (TestShouldPodBeInEndpoints)', () => {
  const p = (phase: string, ip: string[], terminating = false): Pod => ({ metadata: { name: 'p', ...(terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) }, status: { phase: phase as never, ...(ip.length ? { podIP: ip[0] } : {}), podIPs: ip.map((x) => ({ ip: x })) } });
  it.each([
    ['Failed', p('Failed', ['1.2.3.4']), false, false],
    ['Succeeded', p('Succeeded', ['1.2.3.4']), false, false],
    ['empty pod IPs', p('Running', []), false, false],
    ['terminating, includeTerminating=false', p('Running', ['1.2.3.4'], true), false, false],
    ['Pending', p('Pending', ['1.2.3.4']), false, true],
    ['Unknown', p('Unknown', ['1.2.3.4']), false, true],
    ['Running', p('Running', ['1.2.3.4']), false, true],
    ['multiple pod IPs', p('Running', ['1.2.3.4', '1234::5678:0000:0000:9abc:def0']), false, true],
    ['terminating, includeTerminating=true', p('Running', ['1.2.3.4'], true), true, true],
  ] as const)('%s', (_n, pod, includeTerminating, want) => {
    expect(shouldPodBeInEndpoints(pod, includeTerminating)).toBe(want);
  });
});

describe('shouldSetHostname (TestShouldSetHostname)', () => {
  const pod = (hostname: string, subdomain: string, ns = 'test'): Pod => ({ metadata: { name: 'p', namespace: ns }, spec: { containers: [], hostname, subdomain } });
  const svc = newService('svc');
  it.each([
    ['hostname and subdomain match', pod('h', 'svc'), true],
    ['no hostname', pod('', 'svc'), false],
    ['another subdomain', pod('h', 'other'), false],
    ['another namespace', pod('h', 'svc', 'other'), false],
  ] as const)('%s', (_n, p, want) => expect(shouldSetHostname(p, svc)).toBe(want));
});

describe('podToEndpoint (TestPodToEndpoint)', () => {
  const svc = newService();
  const publish = { ...newService('publishnotready'), spec: { ...newService().spec, publishNotReadyAddresses: true } };
  const node: Node = { metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'us-central1-a', 'topology.kubernetes.io/region': 'us-central1' } } };
  const target = { kind: 'Pod', namespace: 'test', name: 'pod1' };
  it.each([
    ['ready pod', newPod(1, true), svc, { ready: true, serving: true, terminating: false }],
    ['ready pod + publishNotReadyAddresses', newPod(1, true), publish, { ready: true, serving: true, terminating: false }],
    ['unready pod', newPod(1, false), svc, { ready: false, serving: false, terminating: false }],
    ['unready pod + publishNotReadyAddresses', newPod(1, false), publish, { ready: true, serving: false, terminating: false }],
    ['ready terminating pod', newPod(1, true, true), svc, { ready: false, serving: true, terminating: true }],
    ['not ready terminating pod', newPod(1, false, true), svc, { ready: false, serving: false, terminating: true }],
    ['ready terminating pod + publishNotReadyAddresses', newPod(1, true, true), publish, { ready: true, serving: true, terminating: true }],
  ] as const)('%s', (_n, pod, service, conditions) => {
    expect(podToEndpoint(pod, undefined, service, 'IPv4')).toEqual({ addresses: ['1.2.3.5'], conditions, targetRef: target, nodeName: 'node-1' });
  });

  it('takes the zone from the node and the hostname when the subdomain is the Service', () => {
    const pod = newPod(1, true);
    pod.spec!.hostname = 'example-hostname';
    pod.spec!.subdomain = 'foo';
    pod.status!.podIPs = [{ ip: '1.2.3.4' }, { ip: '1234::5678:0000:0000:9abc:def0' }];
    expect(podToEndpoint(pod, node, svc, 'IPv4')).toEqual({
      addresses: ['1.2.3.4'],
      conditions: { ready: true, serving: true, terminating: false },
      hostname: 'example-hostname',
      targetRef: target,
      nodeName: 'node-1',
      zone: 'us-central1-a',
    });
    expect(podToEndpoint(pod, node, svc, 'IPv6').addresses).toEqual(['1234::5678:0000:0000:9abc:def0']);
    // Go's field order, as the wire shows it.
    expect(Object.keys(podToEndpoint(pod, node, svc, 'IPv4'))).toEqual(['addresses', 'conditions', 'hostname', 'targetRef', 'nodeName', 'zone']);
  });
});

describe('ports', () => {
  it('keeps appProtocol and resolves named ports (TestGetEndpointPorts)', () => {
    const service: Service = {
      metadata: { name: 's' },
      spec: {
        ports: [
          { name: 'http', port: 80, targetPort: 80, protocol: 'TCP' },
          { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https', appProtocol: 'https' },
        ],
      },
    };
    const pod: Pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', ports: [{ name: 'https', containerPort: 443, protocol: 'TCP' }] }] } };
    expect(getEndpointPorts(service, pod)).toEqual([
      { name: 'http', protocol: 'TCP', port: 80 },
      { name: 'https', protocol: 'TCP', port: 443, appProtocol: 'https' },
    ]);
  });

  it('leaves out a named port the pod lacks, or whose protocol differs; a headless Service may have none', () => {
    const pod: Pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] }] } };
    expect(findPort(pod, { port: 53, targetPort: 'dns', protocol: 'TCP' })).toBeNull();
    expect(findPort(pod, { port: 53, targetPort: 'dns', protocol: 'UDP' })).toBe(53);
    expect(findPort(pod, { port: 80, targetPort: 'http', protocol: 'TCP' })).toBeNull();
    // v0.32's findPort does not look at sidecar (restartable init) containers.
    const sidecar: Pod = { metadata: { name: 'p' }, spec: { containers: [], initContainers: [{ name: 's', restartPolicy: 'Always', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }] } };
    expect(findPort(sidecar, { port: 80, targetPort: 'http', protocol: 'TCP' })).toBeNull();
    expect(getEndpointPorts({ metadata: { name: 'h' }, spec: { clusterIP: 'None', ports: [] } }, pod)).toEqual([]);
  });

  it('groups by the set of ports, whatever their order', () => {
    expect(portMapKey([{ name: 'b', port: 2, protocol: 'TCP' }, { name: 'a', port: 1, protocol: 'TCP' }])).toBe(portMapKey([{ name: 'a', port: 1, protocol: 'TCP' }, { name: 'b', port: 2, protocol: 'TCP' }]));
    expect(portMapKey([{ name: 'a', port: 1, protocol: 'TCP' }])).not.toBe(portMapKey([{ name: 'a', port: 2, protocol: 'TCP' }]));
  });
});

describe('slices', () => {
  it('a new slice: generateName, owner, labels, no endpoints (TestNewEndpointSlice)', () => {
    const svc = newService();
    svc.metadata.labels = { foo: 'bar' };
    expect(newEndpointSlice(svc, { ports: [], addressType: 'IPv4' }, 'endpointslice-controller.k8s.io')).toEqual({
      metadata: {
        generateName: 'foo-',
        namespace: 'test',
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'foo', uid: 'test-foo', controller: true, blockOwnerDeletion: true }],
        labels: { foo: 'bar', 'service.kubernetes.io/headless': '', 'kubernetes.io/service-name': 'foo', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
      },
      addressType: 'IPv4',
      endpoints: [],
      ports: [],
    });
  });

  it('the name prefix drops the dash only when it would not make a valid name', () => {
    expect(getEndpointSlicePrefix('web')).toBe('web-');
    // maskTrailingDash turns the last two characters into one `a`: 253 + '-' still passes.
    expect(getEndpointSlicePrefix('a'.repeat(253))).toBe(`${'a'.repeat(253)}-`);
    expect(getEndpointSlicePrefix('a'.repeat(255))).toBe('a'.repeat(255));
  });

  it('labels: the Service own (reserved ones aside) and the controller reserved ones (TestSetEndpointSliceLabels)', () => {
    const svc: Service = { metadata: { name: 'foo', namespace: 'ns', labels: { foo: 'bar', 'kubernetes.io/service-name': 'bad', 'endpointslice.kubernetes.io/managed-by': 'actor', 'service.kubernetes.io/headless': 'invalid' } }, spec: { clusterIP: '1.2.3.4' } };
    const slice = newEndpointSlice({ ...svc, metadata: { ...svc.metadata, labels: {} } }, { ports: [], addressType: 'IPv4' }, 'c');
    expect(setEndpointSliceLabels(slice, svc, 'c')).toEqual({ labels: { foo: 'bar', 'kubernetes.io/service-name': 'foo', 'endpointslice.kubernetes.io/managed-by': 'c' }, updated: true });
    slice.metadata.labels = { foo: 'bar', 'kubernetes.io/service-name': 'foo' };
    expect(setEndpointSliceLabels(slice, svc, 'c').updated).toBe(false);
  });

  it('address types: ipFamilies, else the cluster IP, else both (TestSupportedServiceAddressType)', () => {
    expect([...getAddressTypesForService({ metadata: {}, spec: { clusterIP: '10.0.0.10' } })]).toEqual(['IPv4']);
    expect([...getAddressTypesForService({ metadata: {}, spec: { clusterIP: '2000::1' } })]).toEqual(['IPv6']);
    expect([...getAddressTypesForService({ metadata: {}, spec: { ipFamilies: ['IPv6', 'IPv4'] } })]).toEqual(['IPv6', 'IPv4']);
    expect([...getAddressTypesForService({ metadata: {}, spec: { clusterIP: 'None' } })]).toEqual(['IPv4', 'IPv6']);
  });

  it('the slice to fill is the one closest to full after the add, if any has room (getSliceToFill)', () => {
    const sl = (name: string, n: number) => ({ metadata: { name }, addressType: 'IPv4' as const, endpoints: Array.from({ length: n }, (_, i) => ({ addresses: [`10.0.0.${i}`] })) });
    const slices = [sl('a', 50), sl('b', 90), sl('c', 97)];
    expect(getSliceToFill(slices, 5, 100)?.metadata.name).toBe('b');
    expect(getSliceToFill(slices, 3, 100)?.metadata.name).toBe('c');
    expect(getSliceToFill(slices, 60, 100)).toBeUndefined();
  });

  it('the Service key of a slice needs the service-name label (TestServiceControllerKey)', () => {
    expect(serviceControllerKey({ metadata: { namespace: 'ns', labels: { 'kubernetes.io/service-name': 'svc' } }, addressType: 'IPv4', endpoints: [] })).toBe('ns/svc');
    expect(serviceControllerKey({ metadata: { namespace: 'ns' }, addressType: 'IPv4', endpoints: [] })).toBeNull();
  });

  it('trafficDistribution PreferClose hints ready endpoints for their zone; otherwise hints go (trafficdist_test.go)', () => {
    const ep = (ready: boolean, zone?: string, hinted?: string) => ({ addresses: ['1.1.1.1'], conditions: { ready }, ...(zone ? { zone } : {}), ...(hinted ? { hints: { forZones: [{ name: hinted }] } } : {}) });
    const mk = (...eps: ReturnType<typeof ep>[]) => ({ metadata: { name: 's' }, addressType: 'IPv4' as const, endpoints: eps });
    const create = [mk(ep(true, 'zone-a'), ep(false, 'zone-b'))];
    const update: ReturnType<typeof mk>[] = [];
    reconcileTrafficDistributionHints('PreferClose', create, update, [mk(ep(true, 'zone-a', 'zone-a')), mk(ep(true, 'zone-a'))]);
    expect(create[0].endpoints).toEqual([{ ...ep(true, 'zone-a'), hints: { forZones: [{ name: 'zone-a' }] } }, ep(false, 'zone-b')]);
    expect(update).toEqual([mk({ ...ep(true, 'zone-a'), hints: { forZones: [{ name: 'zone-a' }] } })]);
    const update2: ReturnType<typeof mk>[] = [];
    reconcileTrafficDistributionHints(undefined, [], update2, [mk(ep(true, 'zone-a', 'zone-a')), mk(ep(true))]);
    expect(update2).toEqual([mk(ep(true, 'zone-a'))]);
  });

  it('trigger times print as RFC 3339 with nanoseconds, trailing zeros dropped', () => {
    expect(rfc3339Nano(Date.UTC(2018, 0, 1))).toBe('2018-01-01T00:00:00Z');
    expect(rfc3339Nano(Date.UTC(2018, 0, 1) + 120)).toBe('2018-01-01T00:00:00.12Z');
  });
});
