// Ported from pkg/controller/endpointslice/endpointslice_controller_test.go (1.32): informer caches
// preloaded, one syncService, the recorded writes compared; and the event handlers' queueing.
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Node, Pod, Service } from '../../api/types';
import { newInternalError } from '../../apiserver/errors';
import { res } from '../../client/clientset';
import { fakeContext, runSync, type FakeContext, type FakeInformer } from '../testing';
import { newEndpointSliceController, StaleInformerCache, type EndpointSliceController } from './controller';

const SLICES = res('discovery.k8s.io', 'endpointslices');
const PODS = res('', 'pods');
const SERVICES = res('', 'services');
const NODES = res('', 'nodes');
const ns = 'default';
const managedBy = 'endpointslice-controller.k8s.io';

function newPod(n: number, ready: boolean, terminating = false): Pod {
  return {
    apiVersion: 'v1',
    metadata: { namespace: ns, name: `pod${n}`, labels: { foo: 'bar' }, resourceVersion: String(n), ...(terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { containers: [{ name: 'container-1' }], nodeName: 'node-1' },
    status: { podIP: `1.2.3.${4 + n}`, podIPs: [{ ip: `1.2.3.${4 + n}` }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

const service = (name = 'testing-1', over: Partial<Service['spec']> = {}, meta: Partial<Service['metadata']> = {}): Service => ({
  kind: 'Service',
  apiVersion: 'v1',
  metadata: { name, namespace: ns, uid: `uid-${name}`, creationTimestamp: '2026-01-01T00:00:00Z', resourceVersion: '1', ...meta },
  spec: { selector: { foo: 'bar' }, ports: [{ targetPort: 80, port: 80, protocol: 'TCP' }], ipFamilies: ['IPv4'], ...over },
});

interface Env {
  ctx: FakeContext;
  esc: EndpointSliceController;
  pods: FakeInformer<Pod>;
  services: FakeInformer<Service>;
  slices: FakeInformer<EndpointSlice>;
}

function setup(): Env {
  const ctx = fakeContext(0);
  ctx.informers.informerFor<Node>(NODES).preload({ metadata: { name: 'node-1' } });
  const esc = newEndpointSliceController(ctx);
  return {
    ctx,
    esc,
    pods: ctx.informers.informerFor<Pod>(PODS),
    services: ctx.informers.informerFor<Service>(SERVICES),
    slices: ctx.informers.informerFor<EndpointSlice>(SLICES),
  };
}

const writes = (ctx: FakeContext) => ctx.client.writes().map((a) => `${a.verb} ${a.resource}`);
const queue = (ctx: FakeContext) => ctx.queues.get('endpoint_slice')!;

function slice(name: string, svc: Service, labels: Record<string, string>, owned = true): EndpointSlice {
  return {
    metadata: { name, namespace: ns, uid: `uid-${name}`, resourceVersion: '3', generation: 1, labels, ...(owned ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name!, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }] } : {}) },
    addressType: 'IPv4',
    endpoints: [],
  };
}

describe('syncService', () => {
  it('a Service without a selector gets no slices (TestSyncServiceNoSelector)', () => {
    const { ctx, esc, services } = setup();
    services.preload({ ...service(), spec: { ports: [{ port: 80, targetPort: 80 }] } });
    runSync(esc.sync('default/testing-1'));
    expect(ctx.client.actions).toEqual([]);
  });

  it.each([
    ['with selector and ports', { selector: { foo: 'bar' }, ports: [{ port: 80 }] }],
    ['with ports', { selector: undefined, ports: [{ port: 80 }] }],
    ['with selector', { selector: { foo: 'bar' }, ports: undefined }],
    ['without selector and ports', { selector: undefined, ports: undefined }],
  ])('an ExternalName Service %s gets no slices (TestServiceExternalNameTypeSync)', (_n, spec) => {
    const { ctx, esc, services, pods } = setup();
    pods.preload(newPod(1, true));
    services.preload({ metadata: { name: 'testing-1', namespace: ns }, spec: { ...spec, type: 'ExternalName' } as Service['spec'] });
    runSync(esc.sync('default/testing-1'));
    expect(ctx.client.actions).toEqual([]);
  });

  it('a Service being deleted gets no new slices (TestSyncServicePendingDeletion)', () => {
    const { ctx, esc, services } = setup();
    services.preload(service('testing-1', {}, { deletionTimestamp: '2026-01-01T00:00:00Z' }));
    runSync(esc.sync('default/testing-1'));
    expect(ctx.client.actions).toEqual([]);
  });

  it('a Service without pods gets a placeholder, with the trigger time (TestSyncServiceWithSelector)', () => {
    const { ctx, esc, services } = setup();
    services.preload(service());
    runSync(esc.sync('default/testing-1'));
    expect(writes(ctx)).toEqual(['create endpointslices.discovery.k8s.io']);
    const created = ctx.client.writes()[0].object as EndpointSlice;
    expect(created.metadata.generateName).toBe('testing-1-');
    expect(created.metadata.labels?.['kubernetes.io/service-name']).toBe('testing-1');
    expect(created.ports).toEqual([]);
    expect(created.endpoints).toEqual([]);
    // A Service new to the tracker: its creation time.
    expect(created.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:00Z' });
  });

  it('a missing Service: nothing written (TestSyncServiceMissing)', () => {
    const { ctx, esc, services } = setup();
    services.preload(service('stillthere'));
    runSync(esc.sync('default/notthere'));
    expect(ctx.client.actions).toEqual([]);
  });

  it('selects only the pods the selector matches (TestSyncServicePodSelection)', () => {
    const { ctx, esc, services, pods } = setup();
    const other = newPod(2, true);
    other.metadata.labels = { foo: 'boo' };
    pods.preload(newPod(1, true), other);
    services.preload(service());
    runSync(esc.sync('default/testing-1'));
    const created = ctx.client.writes()[0].object as EndpointSlice;
    expect(created.endpoints.map((e) => e.targetRef)).toEqual([{ kind: 'Pod', namespace: ns, name: 'pod1' }]);
  });

  it('ignores a slice marked for deletion (TestSyncServiceEndpointSlicePendingDeletion)', () => {
    const { ctx, esc, services, slices } = setup();
    const svc = service();
    services.preload(svc);
    const doomed = slice('epSlice-1', svc, { 'kubernetes.io/service-name': 'testing-1', 'endpointslice.kubernetes.io/managed-by': managedBy });
    doomed.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    runSync(esc.sync('default/testing-1'));
    // The informer shows what was created, and the slice being deleted.
    let created: EndpointSlice[] = [];
    runSync(
      (function* () {
        created = (yield* ctx.client.list<EndpointSlice>(SLICES, ns)).items;
      })(),
    );
    slices.preload(...created, doomed);
    ctx.client.seed(SLICES, doomed);
    const before = ctx.client.actions.length;
    runSync(esc.sync('default/testing-1'));
    expect(ctx.client.actions.length).toBe(before);
  });

  it('works on the slices of its Service that it manages only (TestSyncServiceEndpointSliceLabelSelection)', () => {
    const { ctx, esc, services, slices } = setup();
    const svc = service();
    services.preload(svc);
    const both = { 'kubernetes.io/service-name': 'testing-1', 'endpointslice.kubernetes.io/managed-by': managedBy };
    const all = [
      slice('matching-1', svc, both),
      slice('matching-2', svc, both),
      slice('partially-matching-1', svc, { 'kubernetes.io/service-name': 'testing-1' }, false),
      slice('not-matching-1', svc, { 'kubernetes.io/service-name': 'something-else', 'endpointslice.kubernetes.io/managed-by': managedBy }, false),
      slice('not-matching-2', svc, { 'kubernetes.io/service-name': 'testing-1', 'endpointslice.kubernetes.io/managed-by': 'something-else' }, false),
    ];
    const before = structuredClone(all);
    slices.preload(...all);
    ctx.client.seed(SLICES, ...structuredClone(all));
    runSync(esc.sync('default/testing-1'));
    // Two match: one becomes the placeholder by an update, the other goes.
    expect(ctx.client.writes().map((a) => `${a.verb} ${a.name}`)).toEqual(['update matching-1', 'delete matching-2']);
    expect(all).toEqual(before);
  });

  it('terminating pods: serving by readiness, never ready (TestSyncService "Terminating pods")', () => {
    const { ctx, esc, services, pods } = setup();
    services.preload(
      service('foobar', {
        ports: [
          { name: 'tcp-example', targetPort: 80, protocol: 'TCP', port: 0 },
          { name: 'udp-example', targetPort: 161, protocol: 'UDP', port: 0 },
          { name: 'sctp-example', targetPort: 3456, protocol: 'SCTP', port: 0 },
        ],
      }),
    );
    const p0 = { ...newPod(0, true), status: { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }], conditions: [{ type: 'Ready', status: 'True' }] } } as Pod;
    const p1 = { ...newPod(1, true, true), status: { podIP: '10.0.0.2', podIPs: [{ ip: '10.0.0.2' }], conditions: [{ type: 'Ready', status: 'True' }] } } as Pod;
    pods.preload(p0, p1);
    runSync(esc.sync('default/foobar'));
    const created = ctx.client.writes()[0].object as EndpointSlice;
    // Upstream orders the ports by an md5 hash (sctp, udp, tcp); here by name.
    expect(created.ports).toEqual([
      { name: 'sctp-example', protocol: 'SCTP', port: 3456 },
      { name: 'tcp-example', protocol: 'TCP', port: 80 },
      { name: 'udp-example', protocol: 'UDP', port: 161 },
    ]);
    expect(created.endpoints).toEqual([
      { addresses: ['10.0.0.1'], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', namespace: ns, name: 'pod0' }, nodeName: 'node-1' },
      { addresses: ['10.0.0.2'], conditions: { ready: false, serving: true, terminating: true }, targetRef: { kind: 'Pod', namespace: ns, name: 'pod1' }, nodeName: 'node-1' },
    ]);
  });

  it('refuses a cache older than its last write, before writing anything (StaleInformerCache)', () => {
    const { ctx, esc, services, slices } = setup();
    const svc = service();
    services.preload(svc);
    const own = slice('testing-1-abc', svc, { 'kubernetes.io/service-name': 'testing-1', 'endpointslice.kubernetes.io/managed-by': managedBy });
    slices.preload(own);
    esc.tracker.update({ ...own, metadata: { ...own.metadata, generation: 2 } });
    expect(() => runSync(esc.sync('default/testing-1'))).toThrow(StaleInformerCache);
    expect(ctx.client.actions).toEqual([]);
  });

  it('a failed write is an event on the Service and an error (FailedToUpdateEndpointSlices)', () => {
    const { ctx, esc, services } = setup();
    services.preload(service());
    ctx.client.prependReactor('create', 'endpointslices.discovery.k8s.io', () => newInternalError('etcd is down'));
    expect(() => runSync(esc.sync('default/testing-1'))).toThrow('failed to create EndpointSlice for Service default/testing-1: Internal error occurred: etcd is down');
    expect(ctx.events).toEqual([
      { component: 'endpoint-slice-controller', object: 'Service/testing-1', type: 'Warning', reason: 'FailedToUpdateEndpointSlices', message: 'Error updating Endpoint Slices for Service default/testing-1: failed to create EndpointSlice for Service default/testing-1: Internal error occurred: etcd is down' },
    ]);
  });
});

describe('event handlers', () => {
  it('Service events queue the Service at once', () => {
    const { ctx, services } = setup();
    services.emitUpsert(service());
    expect(queue(ctx).added).toEqual(['default/testing-1']);
  });

  it('pod events queue the Services that select it; a readiness change too, a resync not', () => {
    const { ctx, services, pods } = setup();
    services.preload(service(), service('other', { selector: { app: 'x' } }));
    pods.emitUpsert(newPod(1, false));
    const ready = { ...newPod(1, true), metadata: { ...newPod(1, true).metadata, resourceVersion: '7' } };
    pods.emitUpsert(ready);
    pods.emitUpsert(ready);
    pods.emitDelete(ready);
    // endpointUpdatesBatchPeriod 0: AddAfter(key, 0) is an Add.
    expect(queue(ctx).after).toEqual([
      { key: 'default/testing-1', ms: 0 },
      { key: 'default/testing-1', ms: 0 },
      { key: 'default/testing-1', ms: 0 },
    ]);
  });

  it('a slice changed by someone else queues its Service after 1 s; its own writes do not (TestOnEndpointSliceUpdate)', () => {
    const { ctx, esc, slices } = setup();
    const svc = service();
    const own = slice('matching-1', svc, { 'kubernetes.io/service-name': 'testing-1', 'endpointslice.kubernetes.io/managed-by': managedBy });
    esc.tracker.update(own);
    slices.emitUpsert(own);
    expect(queue(ctx).after).toEqual([]);
    const changed = { ...own, metadata: { ...own.metadata, generation: 2 } };
    slices.emitUpsert(changed);
    expect(queue(ctx).after).toEqual([{ key: 'default/testing-1', ms: 1000 }]);
    const handedOver = { ...changed, metadata: { ...changed.metadata, labels: { ...changed.metadata.labels, 'endpointslice.kubernetes.io/managed-by': 'something else' } } };
    slices.emitUpsert(handedOver);
    expect(queue(ctx).after).toHaveLength(2);
  });

  it('a slice deleted by someone else is put back; its own deletion is not (onEndpointSliceDelete)', () => {
    const { ctx, esc, slices } = setup();
    const svc = service();
    const a = slice('a', svc, { 'kubernetes.io/service-name': 'testing-1', 'endpointslice.kubernetes.io/managed-by': managedBy });
    const b = { ...a, metadata: { ...a.metadata, name: 'b', uid: 'uid-b' } };
    esc.tracker.update(a);
    esc.tracker.update(b);
    esc.tracker.expectDeletion(b);
    slices.preload(a, b);
    slices.emitDelete(b);
    expect(queue(ctx).after).toEqual([]);
    slices.emitDelete(a);
    expect(queue(ctx).after).toEqual([{ key: 'default/testing-1', ms: 1000 }]);
  });
});

describe('handleErr', () => {
  it('backs off from 1 s doubling, and drops the Service after 15 failures', () => {
    const { ctx, esc } = setup();
    for (let i = 0; i < 16; i++) esc.handleErr!('default/x', new Error('boom'));
    expect(queue(ctx).after.map((a) => a.ms)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 512000, 1000000, 1000000, 1000000, 1000000, 1000000]);
    expect(queue(ctx).forgotten).toEqual(['default/x']);
  });
});
