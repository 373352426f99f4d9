// Ported from pkg/controller/endpoint/endpoints_controller_test.go (1.32): caches preloaded, one
// syncService, and the request upstream's test server would have seen compared with the recorded
// write. Upstream's tests that rely on an empty (non-nil) selector selecting every pod use
// {foo: bar} here: on the wire an empty selector is no selector (see util.ts serviceSelector).
import { describe, expect, it } from 'vitest';
import type { Endpoints, Pod, Service } from '../api/types';
import { newInternalError } from '../apiserver/errors';
import { res } from '../client/clientset';
import { fakeContext, runSync, type FakeContext, type FakeInformer } from './testing';
import { newEndpointController, podToEndpointAddressForService, endpointPortFromServicePort, type EndpointController } from './endpoint';

const EP = res('', 'endpoints');
const PODS = res('', 'pods');
const SERVICES = res('', 'services');
const headless = { 'service.kubernetes.io/headless': '' };

// Models endpoints_controller_test.go testPod
function testPod(namespace: string, id: number, nPorts: number, isReady: boolean, families: ('IPv4' | 'IPv6')[] = ['IPv4']): Pod {
  const ips = families.map((f) => (f === 'IPv4' ? `1.2.3.${4 + id}` : `2000::${4 + id}`));
  return {
    apiVersion: 'v1',
    metadata: { namespace, name: `pod${id}`, labels: { foo: 'bar' }, resourceVersion: String(id) },
    spec: { containers: [{ name: '', ports: Array.from({ length: nPorts }, (_, j) => ({ name: `port${j}`, containerPort: 8080 + j })) }] },
    status: { conditions: [{ type: 'Ready', status: isReady ? 'True' : 'False' }], podIPs: ips.map((ip) => ({ ip })), podIP: ips[0] },
  };
}

// Models endpoints_controller_test.go addPods
function addPods(inf: FakeInformer<Pod>, namespace: string, nPods: number, nPorts: number, nNotReady: number, families?: ('IPv4' | 'IPv6')[]): void {
  for (let i = 0; i < nPods + nNotReady; i++) inf.preload(testPod(namespace, i, nPorts, i < nPods, families));
}

const addr = (ip: string, name: string, ns: string) => ({ ip, nodeName: '', targetRef: { kind: 'Pod', namespace: ns, name } });

interface Env {
  ctx: FakeContext;
  ec: EndpointController;
  pods: FakeInformer<Pod>;
  services: FakeInformer<Service>;
  endpoints: FakeInformer<Endpoints>;
}

function setup(opts: { batchMs?: number } = {}): Env {
  const ctx = fakeContext(0);
  const ec = newEndpointController(ctx, { endpointUpdatesBatchPeriodMs: opts.batchMs });
  return { ctx, ec, pods: ctx.informers.informerFor<Pod>(PODS), services: ctx.informers.informerFor<Service>(SERVICES), endpoints: ctx.informers.informerFor<Endpoints>(EP) };
}

/** An Endpoints both in the cache and in the fake apiserver. */
function existing(env: Env, ep: Endpoints): void {
  env.endpoints.preload(ep);
  env.ctx.client.seed(EP, ep);
}

const sync = (env: Env, key: string) => runSync(env.ec.sync(key));
const writes = (env: Env) => env.ctx.client.writes();
/** The one write and its body, as ValidateRequest compares them. */
function request(env: Env): { verb: string; name: string; body?: unknown } {
  const w = writes(env);
  expect(w).toHaveLength(1);
  return { verb: w[0].verb, name: w[0].name, ...(w[0].object ? { body: w[0].object } : {}) };
}

const svc = (name: string, ns: string, spec: Service['spec'], meta: Partial<Service['metadata']> = {}): Service => ({ kind: 'Service', apiVersion: 'v1', metadata: { name, namespace: ns, ...meta }, spec });

describe('syncService: nothing to write', () => {
  it('keeps the Endpoints of a Service without a selector (TestSyncEndpointsItemsPreserveNoSelector)', () => {
    const env = setup();
    existing(env, { metadata: { name: 'foo', namespace: 'default', resourceVersion: '1' }, subsets: [{ addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000 }] }] });
    env.services.preload(svc('foo', 'default', { ports: [{ port: 80 }] }));
    sync(env, 'default/foo');
    expect(writes(env)).toEqual([]);
  });

  it.each([
    ['nil subsets', undefined],
    ['empty subsets', []],
  ])('no pods and %s already (TestSyncEndpointsExistingNilSubsets, ...EmptySubsets)', (_n, subsets) => {
    const env = setup();
    existing(env, { metadata: { name: 'foo', namespace: 'default', resourceVersion: '1' }, ...(subsets ? { subsets } : {}) });
    env.services.preload(svc('foo', 'default', { selector: { foo: 'bar' }, ports: [{ port: 80 }] }));
    sync(env, 'default/foo');
    expect(writes(env)).toEqual([]);
  });

  it('ignores a change of the pods resourceVersion only (TestSyncEndpointsWithPodResourceVersionUpdateOnly)', () => {
    const env = setup();
    const pod0 = testPod('default', 0, 1, true);
    const pod1 = testPod('default', 1, 1, false);
    existing(env, {
      metadata: { name: 'foo', namespace: 'default', resourceVersion: '1' },
      subsets: [
        {
          addresses: [{ ip: '1.2.3.4', nodeName: '', targetRef: { kind: 'Pod', name: 'pod0', namespace: 'default', resourceVersion: '1' } }],
          notReadyAddresses: [{ ip: '1.2.3.5', nodeName: '', targetRef: { kind: 'Pod', name: 'pod1', namespace: 'default', resourceVersion: '2' } }],
          ports: [{ port: 8080, protocol: 'TCP' }],
        },
      ],
    });
    env.services.preload(svc('foo', 'default', { selector: { foo: 'bar' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] }));
    pod0.metadata.resourceVersion = '3';
    pod1.metadata.resourceVersion = '4';
    env.pods.preload(pod0, pod1);
    sync(env, 'default/foo');
    expect(writes(env)).toEqual([]);
  });

  it('keeps the headless label as it is (TestSyncEndpointsHeadlessServiceLabel)', () => {
    const env = setup();
    existing(env, { metadata: { name: 'foo', namespace: 'default', resourceVersion: '1', labels: headless }, subsets: [] });
    env.services.preload(svc('foo', 'default', { selector: { foo: 'bar' }, ports: [{ port: 80 }] }));
    sync(env, 'default/foo');
    expect(writes(env)).toEqual([]);
  });

  it.each([
    ['with selector and ports', { selector: { foo: 'bar' }, ports: [{ port: 80 }] }],
    ['with ports', { ports: [{ port: 80 }] }],
    ['with selector', { selector: { foo: 'bar' } }],
    ['without selector and ports', {}],
  ])('an ExternalName Service %s gets none (TestSyncServiceExternalNameType)', (_n, spec) => {
    const env = setup();
    env.services.preload(svc('testing-1', 'default', { ...spec, type: 'ExternalName' } as Service['spec']));
    sync(env, 'default/testing-1');
    expect(writes(env)).toEqual([]);
  });

  it('identical Endpoints already (TestSyncEndpointsItemsPreexistingIdentical)', () => {
    const env = setup();
    existing(env, { metadata: { resourceVersion: '1', name: 'foo', namespace: 'default', labels: headless }, subsets: [{ addresses: [addr('1.2.3.4', 'pod0', 'default')], ports: [{ port: 8080, protocol: 'TCP' }] }] });
    addPods(env.pods, 'default', 1, 1, 0);
    env.services.preload(svc('foo', 'default', { selector: { foo: 'bar' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] }));
    sync(env, 'default/foo');
    expect(writes(env)).toEqual([]);
  });
});

describe('syncService: writes', () => {
  it('creates Endpoints for a new Service without pods (TestSyncEndpointsNewNoSubsets)', () => {
    const env = setup();
    env.services.preload(svc('foo', 'default', { selector: { foo: 'bar' }, ports: [{ port: 80 }] }));
    sync(env, 'default/foo');
    expect(request(env)).toEqual({ verb: 'create', name: 'foo', body: { kind: 'Endpoints', apiVersion: 'v1', metadata: { name: 'foo', labels: headless } } });
  });

  it.each(['TCP', 'UDP', 'SCTP'] as const)('replaces stale addresses, keeping the %s protocol (TestSyncEndpointsProtocol*)', (protocol) => {
    const env = setup();
    existing(env, { metadata: { name: 'foo', namespace: 'other', resourceVersion: '1' }, subsets: [{ addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000, protocol }] }] });
    addPods(env.pods, 'other', 1, 1, 0);
    env.services.preload(svc('foo', 'other', { selector: { foo: 'bar' }, ports: [{ port: 80, targetPort: 8080, protocol }] }));
    sync(env, 'other/foo');
    expect(request(env)).toEqual({
      verb: 'update',
      name: 'foo',
      body: { kind: 'Endpoints', apiVersion: 'v1', metadata: { name: 'foo', namespace: 'other', resourceVersion: '1', labels: headless }, subsets: [{ addresses: [addr('1.2.3.4', 'pod0', 'other')], ports: [{ port: 8080, protocol }] }] },
    });
  });

  it.each([
    ['ready', 1, 0, { addresses: [addr('1.2.3.4', 'pod0', 'other')] }],
    ['not ready', 0, 1, { notReadyAddresses: [addr('1.2.3.4', 'pod0', 'other')] }],
    ['mixed', 1, 1, { addresses: [addr('1.2.3.4', 'pod0', 'other')], notReadyAddresses: [addr('1.2.3.5', 'pod1', 'other')] }],
  ] as const)('puts %s pods under addresses or notReadyAddresses (TestSyncEndpointsItemsEmptySelectorSelectsAll*)', (_n, ready, notReady, subset) => {
    const env = setup();
    existing(env, { metadata: { name: 'foo', namespace: 'other', resourceVersion: '1' }, subsets: [] });
    addPods(env.pods, 'other', ready, 1, notReady);
    env.services.preload(svc('foo', 'other', { selector: { foo: 'bar' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] }));
    sync(env, 'other/foo');
    expect(request(env).body).toEqual({ kind: 'Endpoints', apiVersion: 'v1', metadata: { name: 'foo', namespace: 'other', resourceVersion: '1', labels: headless }, subsets: [{ ...subset, ports: [{ port: 8080, protocol: 'TCP' }] }] });
  });

  it('finds only the Service namespace pods, on every port (TestSyncEndpointsItems)', () => {
    const env = setup();
    addPods(env.pods, 'other', 3, 2, 0);
    addPods(env.pods, 'blah', 5, 2, 0);
    env.services.preload(
      svc('foo', 'other', {
        selector: { foo: 'bar' },
        ports: [
          { name: 'port0', port: 80, protocol: 'TCP', targetPort: 8080 },
          { name: 'port1', port: 88, protocol: 'TCP', targetPort: 8088 },
        ],
      }),
    );
    sync(env, 'other/foo');
    expect(request(env)).toEqual({
      verb: 'create',
      name: 'foo',
      body: {
        kind: 'Endpoints',
        apiVersion: 'v1',
        metadata: { name: 'foo', labels: headless },
        subsets: [
          {
            addresses: [addr('1.2.3.4', 'pod0', 'other'), addr('1.2.3.5', 'pod1', 'other'), addr('1.2.3.6', 'pod2', 'other')],
            ports: [
              { name: 'port0', port: 8080, protocol: 'TCP' },
              { name: 'port1', port: 8088, protocol: 'TCP' },
            ],
          },
        ],
      },
    });
  });

  it('copies the Service labels (TestSyncEndpointsItemsWithLabels, ...PreexistingLabelsChange)', () => {
    const env = setup();
    existing(env, { metadata: { name: 'foo', namespace: 'bar', resourceVersion: '1', labels: { foo: 'bar' } }, subsets: [{ addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000 }] }] });
    addPods(env.pods, 'bar', 1, 1, 0);
    env.services.preload(svc('foo', 'bar', { selector: { foo: 'bar' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] }, { labels: { baz: 'blah' } }));
    sync(env, 'bar/foo');
    expect((request(env).body as Endpoints).metadata.labels).toEqual({ baz: 'blah', ...headless });
  });

  it('a headless Service without ports: addresses only (TestSyncEndpointsHeadlessService, ...HeadlessWithoutPort)', () => {
    const env = setup();
    existing(env, { metadata: { name: 'foo', namespace: 'headless', resourceVersion: '1' }, subsets: [{ addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000, protocol: 'TCP' }] }] });
    addPods(env.pods, 'headless', 1, 1, 0);
    const s = svc('foo', 'headless', { selector: { foo: 'bar' }, clusterIP: 'None', ports: [] }, { labels: { a: 'b' } });
    const before = structuredClone(s);
    env.services.preload(s);
    sync(env, 'headless/foo');
    expect(request(env).body).toEqual({ kind: 'Endpoints', apiVersion: 'v1', metadata: { name: 'foo', namespace: 'headless', resourceVersion: '1', labels: { a: 'b', ...headless } }, subsets: [{ addresses: [addr('1.2.3.4', 'pod0', 'headless')] }] });
    expect(s).toEqual(before);
  });

  it.each([
    ['Never', 'Failed'],
    ['Never', 'Succeeded'],
    ['OnFailure', 'Succeeded'],
  ] as const)('leaves out terminal pods (restartPolicy %s, %s) (TestSyncEndpointsItemsExcludeNotReadyPods*)', (restartPolicy, phase) => {
    const env = setup();
    existing(env, { metadata: { name: 'foo', namespace: 'other', resourceVersion: '1', labels: { foo: 'bar' } }, subsets: [] });
    env.pods.preload({ metadata: { namespace: 'other', name: 'pod0', labels: { foo: 'bar' } }, spec: { restartPolicy, containers: [{ name: '', ports: [{ name: 'port0', containerPort: 8080 }] }] }, status: { podIP: '1.2.3.4', phase, conditions: [{ type: 'Ready', status: 'False' }] } });
    env.services.preload(svc('foo', 'other', { selector: { foo: 'bar' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] }));
    sync(env, 'other/foo');
    expect(request(env).body).toEqual({ kind: 'Endpoints', apiVersion: 'v1', metadata: { name: 'foo', namespace: 'other', resourceVersion: '1', labels: headless } });
  });

  it('deletes the Endpoints of a deleted Service (TestSyncEndpointsServiceNotFound)', () => {
    const env = setup();
    existing(env, { metadata: { name: 'foo', namespace: 'default', resourceVersion: '1' } });
    sync(env, 'default/foo');
    expect(request(env)).toEqual({ verb: 'delete', name: 'foo' });
    // Already gone: no error.
    sync(env, 'default/foo');
  });

  it('resolves named target ports on each pod, and skips pods that lack them', () => {
    const env = setup();
    const p0 = testPod('ns', 0, 1, true);
    const p1 = testPod('ns', 1, 0, true);
    env.pods.preload(p0, p1);
    env.services.preload(svc('foo', 'ns', { selector: { foo: 'bar' }, clusterIP: '10.0.0.1', ports: [{ name: 'http', port: 80, targetPort: 'port0' }] }));
    sync(env, 'ns/foo');
    expect((request(env).body as Endpoints).subsets).toEqual([{ addresses: [addr('1.2.3.4', 'pod0', 'ns')], ports: [{ name: 'http', port: 8080 }] }]);
  });

  it('publishes a hostname for pods whose subdomain is the Service', () => {
    const env = setup();
    const p = testPod('ns', 0, 1, true);
    p.spec = { ...p.spec!, hostname: 'web-0', subdomain: 'foo', nodeName: 'node-1' };
    env.pods.preload(p);
    env.services.preload(svc('foo', 'ns', { selector: { foo: 'bar' }, clusterIP: 'None', ports: [{ port: 80, targetPort: 8080 }] }));
    sync(env, 'ns/foo');
    expect((request(env).body as Endpoints).subsets).toEqual([{ addresses: [{ ip: '1.2.3.4', hostname: 'web-0', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'ns', name: 'pod0' } }], ports: [{ port: 8080 }] }]);
  });
});

describe('trigger time (TestLastTriggerChangeTimeAnnotation*)', () => {
  const triggerTime = '2018-01-01T00:00:00Z';
  const oldTriggerTime = '2017-12-31T23:00:00Z';
  it.each([
    ['set from the Service creation', undefined, triggerTime, triggerTime],
    ['overridden', oldTriggerTime, triggerTime, triggerTime],
    ['cleared when neither pods nor Service have one', triggerTime, undefined, undefined],
  ] as const)('%s', (_n, before, created, want) => {
    const env = setup();
    existing(env, { metadata: { name: 'foo', namespace: 'other', resourceVersion: '1', ...(before ? { annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': before } } : {}) }, subsets: [{ addresses: [{ ip: '6.7.8.9', nodeName: '' }], ports: [{ port: 1000, protocol: 'TCP' }] }] });
    addPods(env.pods, 'other', 1, 1, 0);
    env.services.preload(svc('foo', 'other', { selector: { foo: 'bar' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] }, created ? { creationTimestamp: created } : {}));
    sync(env, 'other/foo');
    expect((request(env).body as Endpoints).metadata.annotations).toEqual(want ? { 'endpoints.kubernetes.io/last-change-trigger-time': want } : undefined);
  });
});

describe('capacity (TestSyncServiceOverCapacity)', () => {
  const cases: { name: string; starting?: string; existing: number; desired: number; notReady: number; wantReady: number; wantNotReady: number; annotated: boolean }[] = [
    { name: 'empty', existing: 0, desired: 0, notReady: 0, wantReady: 0, wantNotReady: 0, annotated: false },
    { name: 'annotation added past capacity, < maxCapacity ready', existing: 999, desired: 997, notReady: 4, wantReady: 997, wantNotReady: 3, annotated: true },
    { name: 'annotation added past capacity, maxCapacity ready', existing: 999, desired: 1000, notReady: 10, wantReady: 1000, wantNotReady: 0, annotated: true },
    { name: 'annotation removed below capacity', starting: 'truncated', existing: 999, desired: 999, notReady: 0, wantReady: 999, wantNotReady: 0, annotated: false },
    { name: 'annotation was warning, removed at capacity', starting: 'warning', existing: 1000, desired: 1000, notReady: 0, wantReady: 1000, wantNotReady: 0, annotated: false },
    { name: 'annotation was warning, still over capacity', starting: 'warning', existing: 1001, desired: 1001, notReady: 0, wantReady: 1000, wantNotReady: 0, annotated: true },
    { name: 'annotation removed at capacity', starting: 'truncated', existing: 1000, desired: 1000, notReady: 0, wantReady: 1000, wantNotReady: 0, annotated: false },
    { name: 'no endpoints change, annotation value corrected', starting: 'invalid', existing: 1001, desired: 1001, notReady: 0, wantReady: 1000, wantNotReady: 0, annotated: true },
  ];
  it.each(cases)('$name', (tc) => {
    const env = setup();
    addPods(env.pods, 'test', tc.desired, 1, tc.notReady);
    const s = svc('foo', 'test', { selector: { foo: 'bar' }, ports: [{ port: 80 }] });
    env.services.preload(s);
    const pods = env.pods.store.list('test');
    const addresses = pods.slice(0, tc.existing).map((p) => podToEndpointAddressForService(s, p)!);
    existing(env, { metadata: { name: 'foo', namespace: 'test', resourceVersion: '1', annotations: tc.starting ? { 'endpoints.kubernetes.io/over-capacity': tc.starting } : {} }, subsets: [{ addresses }] });
    sync(env, 'test/foo');
    const got = env.ctx.client.tracked<Endpoints>(EP, 'test', 'foo')!;
    expect(got.metadata.annotations?.['endpoints.kubernetes.io/over-capacity']).toBe(tc.annotated ? 'truncated' : undefined);
    const n = (k: 'addresses' | 'notReadyAddresses') => (got.subsets ?? []).reduce((x, sub) => x + (sub[k]?.length ?? 0), 0);
    expect(n('addresses')).toBe(tc.wantReady);
    expect(n('notReadyAddresses')).toBe(tc.wantNotReady);
  });
});

describe('addresses by phase, readiness and deletion (TestSyncServiceAddresses)', () => {
  const makePod = (phase: string, ready: boolean, terminating: boolean): Pod => ({
    metadata: { namespace: 'ns', name: 'fakepod', labels: { foo: 'bar' }, ...(terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { containers: [{ name: '', ports: [{ name: 'port1', containerPort: 8080 }] }] },
    status: { phase: phase as never, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }], podIP: '10.1.1.1', podIPs: [{ ip: '10.1.1.1' }] },
  });
  it.each([
    ['running', 'Running', true, false, false, 1, 0],
    ['running, being deleted', 'Running', true, true, false, 0, 0],
    ['unknown, ready', 'Unknown', true, false, false, 1, 0],
    ['unknown, ready, being deleted', 'Unknown', true, true, false, 0, 0],
    ['pending, ready', 'Pending', true, false, false, 1, 0],
    ['unknown, not ready', 'Unknown', false, false, false, 0, 1],
    ['pending, not ready', 'Pending', false, false, false, 0, 1],
    ['failed', 'Failed', false, false, false, 0, 0],
    ['succeeded', 'Succeeded', false, false, false, 0, 0],
    ['running, tolerate unready', 'Running', false, false, true, 1, 0],
    ['running, tolerate unready, being deleted', 'Running', false, true, true, 1, 0],
    ['pending, tolerate unready, being deleted', 'Pending', false, true, true, 1, 0],
    ['failed, tolerate unready', 'Failed', false, false, true, 0, 0],
    ['succeeded, tolerate unready', 'Succeeded', false, false, true, 0, 0],
  ] as const)('%s', (_n, phase, ready, terminating, tolerate, wantReady, wantUnready) => {
    const env = setup();
    env.pods.preload(makePod(phase, ready, terminating));
    env.services.preload(svc('foo', 'ns', { selector: { foo: 'bar' }, publishNotReadyAddresses: tolerate, type: 'ClusterIP', clusterIP: '1.1.1.1', ports: [{ port: 80 }] }));
    sync(env, 'ns/foo');
    const got = env.ctx.client.tracked<Endpoints>(EP, 'ns', 'foo')!;
    const n = (k: 'addresses' | 'notReadyAddresses') => (got.subsets ?? []).reduce((x, sub) => x + (sub[k]?.length ?? 0), 0);
    expect([n('addresses'), n('notReadyAddresses')]).toEqual([wantReady, wantUnready]);
  });
});

describe('helpers', () => {
  it.each([
    ['v4 service, single stack', ['IPv4'], { clusterIP: '10.0.0.1' }, 'v4'],
    ['v4 service, dual stack', ['IPv4', 'IPv6'], { clusterIP: '10.0.0.1' }, 'v4'],
    ['v4 service, dual stack v6 primary', ['IPv6', 'IPv4'], { clusterIP: '10.0.0.1' }, 'v4'],
    ['v4 headless, dual stack, ipFamilies set', ['IPv4', 'IPv6'], { clusterIP: 'None', ipFamilies: ['IPv4'] }, 'v4'],
    ['v4 legacy headless, dual stack v6 primary', ['IPv6', 'IPv4'], { clusterIP: 'None' }, 'v6'],
    ['v6 service, dual stack', ['IPv4', 'IPv6'], { clusterIP: '3000::1' }, 'v6'],
    ['v6 headless, dual stack, ipFamilies set', ['IPv4', 'IPv6'], { clusterIP: 'None', ipFamilies: ['IPv6'] }, 'v6'],
    ['v6 legacy headless, dual stack', ['IPv4', 'IPv6'], { clusterIP: 'None' }, 'v4'],
    ['v6 service, v4 only cluster: no address', ['IPv4'], { clusterIP: '3000::1' }, null],
  ] as const)('the address family: %s (TestPodToEndpointAddressForService)', (_n, families, spec, want) => {
    const pod = testPod('test', 0, 1, true, [...families]);
    const got = podToEndpointAddressForService({ metadata: {}, spec: spec as Service['spec'] }, pod);
    if (want === null) return expect(got).toBeNull();
    expect(got!.ip.includes(':') ? 'v6' : 'v4').toBe(want);
    expect(got!.targetRef).toEqual({ kind: 'Pod', namespace: 'test', name: 'pod0' });
  });

  it('keeps appProtocol (TestEndpointPortFromServicePort)', () => {
    expect(endpointPortFromServicePort({ name: 'test', port: 80 }, 80)).toEqual({ name: 'test', port: 80 });
    expect(endpointPortFromServicePort({ name: 'test', port: 80, appProtocol: 'http' }, 80)).toEqual({ name: 'test', port: 80, appProtocol: 'http' });
  });
});

describe('handlers and the queue', () => {
  it('queues every Endpoints once the caches sync, leader-election ones aside (TestCheckLeftoverEndpoints)', () => {
    const env = setup();
    env.endpoints.preload({ metadata: { name: 'foo', namespace: 'default', resourceVersion: '1' } }, { metadata: { name: 'kube-scheduler', namespace: 'kube-system', annotations: { 'control-plane.alpha.kubernetes.io/leader': '{}' } } });
    env.ec.checkLeftoverEndpoints();
    expect(env.ctx.queues.get('endpoint')!.added).toEqual(['default/foo']);
  });

  it('a deleted Endpoints queues its Service (TestEndpointsDeletionEvents)', () => {
    const env = setup();
    const ep = { metadata: { name: 'foo', namespace: 'default', resourceVersion: 'rv1' } };
    env.endpoints.preload(ep);
    env.endpoints.emitDelete(ep);
    expect(env.ctx.queues.get('endpoint')!.added).toEqual(['default/foo']);
  });

  it('pod events wait the batch period (TestPodAddsBatching, TestPodUpdatesBatching, TestPodDeleteBatching)', () => {
    const env = setup({ batchMs: 1000 });
    env.services.preload(svc('foo', 'other', { selector: { foo: 'bar' }, ports: [{ port: 80 }] }));
    const p = testPod('other', 0, 1, true);
    env.pods.emitUpsert(p);
    env.pods.emitUpsert({ ...p, metadata: { ...p.metadata, resourceVersion: '9' }, status: { ...p.status, podIP: '10.0.0.0', podIPs: [{ ip: '10.0.0.0' }] } });
    env.pods.emitDelete(p);
    expect(env.ctx.queues.get('endpoint')!.after).toEqual([
      { key: 'other/foo', ms: 1000 },
      { key: 'other/foo', ms: 1000 },
      { key: 'other/foo', ms: 1000 },
    ]);
  });

  it('waits for the cache to show its own update before acting again (TestMultiplePodChanges)', () => {
    const env = setup();
    const pod = testPod('default', 0, 1, true);
    env.pods.preload(pod);
    const ready: Endpoints = { metadata: { name: 'foo', namespace: 'default', resourceVersion: '1' }, subsets: [{ addresses: [addr('1.2.3.4', 'pod0', 'default')], ports: [{ port: 8080, protocol: 'TCP' }] }] };
    existing(env, ready);
    env.services.preload(svc('foo', 'default', { selector: { foo: 'bar' }, clusterIP: '10.0.0.1', ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] }));
    // Ready → not ready: an update; the informer has not shown it yet.
    env.pods.preload({ ...pod, metadata: { ...pod.metadata, resourceVersion: '2' }, status: { ...pod.status, conditions: [{ type: 'Ready', status: 'False' }] } });
    sync(env, 'default/foo');
    expect(writes(env).map((w) => w.verb)).toEqual(['update']);
    // Back to ready before the cache caught up: the sync must not act on the stale Endpoints.
    env.pods.preload({ ...pod, metadata: { ...pod.metadata, resourceVersion: '3' } });
    expect(() => sync(env, 'default/foo')).toThrow('endpoints informer cache is out of date, resource version 1 already processed for endpoints default/foo');
    // The informer shows the update: the sync goes ahead.
    env.endpoints.preload(env.ctx.client.tracked<Endpoints>(EP, 'default', 'foo')!);
    sync(env, 'default/foo');
    expect(writes(env).map((w) => w.verb)).toEqual(['update', 'update']);
  });

  it('a failed write is a Warning event and a requeue; 15 failures drop the key', () => {
    const env = setup();
    env.services.preload(svc('foo', 'default', { selector: { foo: 'bar' }, ports: [{ port: 80 }] }));
    env.ctx.client.prependReactor('create', 'endpoints', () => newInternalError('boom'));
    expect(() => sync(env, 'default/foo')).toThrow('Internal error occurred: boom');
    expect(env.ctx.events).toEqual([{ component: 'endpoint-controller', object: 'Endpoints/foo', type: 'Warning', reason: 'FailedToCreateEndpoint', message: 'Failed to create endpoint for service default/foo: Internal error occurred: boom' }]);
    const q = env.ctx.queues.get('endpoint')!;
    for (let i = 0; i < 16; i++) env.ec.handleErr!('default/foo', new Error('x'));
    expect(q.rateLimited).toHaveLength(15);
    expect(q.forgotten).toEqual(['default/foo']);
  });
});
