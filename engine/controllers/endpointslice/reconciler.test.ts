// Ported from k8s.io/endpointslice/reconciler_test.go (v0.32.4): each test gives the reconciler a
// Service, its pods and its existing slices, and checks the writes it made and the slices left.
// The client sets generations as upstream's newClientset reactors do (1 on create, +1 on update).
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Node, Pod, Service } from '../../api/types';
import type { ResourceInfo } from '../../api/resources';
import { res } from '../../client/clientset';
import { Store } from '../../client/store';
import type { Co } from '../../sim/co';
import type { KubeObject } from '../../api/types';
import { FakeClient, runSync } from '../testing';
import { EndpointSliceTracker } from './endpointslice-tracker';
import { Reconciler } from './reconciler';
import { newEndpointSlice, podToEndpoint, type EndpointMeta } from './slices';

const SLICES = res('discovery.k8s.io', 'endpointslices');
const controllerName = 'endpointslice-controller.k8s.io';
const ns = 'test';

/** The fake clientset with upstream's generation reactors (utils_test.go newClientset). */
class SliceClient extends FakeClient {
  override *create<T extends KubeObject>(r: ResourceInfo, namespace: string, obj: T, subresource = '', name = ''): Co<T> {
    const o = r.resource === 'endpointslices' ? { ...obj, metadata: { ...obj.metadata, generation: 1 } } : obj;
    return yield* super.create(r, namespace, o, subresource, name);
  }
  override *update<T extends KubeObject>(r: ResourceInfo, namespace: string, obj: T, subresource = ''): Co<T> {
    const cur = this.tracked(r, namespace, obj.metadata.name ?? '');
    const o = r.resource === 'endpointslices' ? { ...obj, metadata: { ...obj.metadata, generation: (cur?.metadata.generation ?? 0) + 1, resourceVersion: cur?.metadata.resourceVersion } } : obj;
    return yield* super.update(r, namespace, o, subresource);
  }
}

// Models utils_test.go newPod
function newPod(n: number, ready: boolean, terminating = false): Pod {
  return {
    apiVersion: 'v1',
    metadata: { namespace: ns, name: `pod${n}`, labels: { foo: 'bar' }, resourceVersion: String(n), ...(terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { containers: [{ name: 'container-1' }], nodeName: 'node-1' },
    status: { podIP: `1.2.${Math.floor((4 + n) / 256)}.${(4 + n) % 256}`, podIPs: [{ ip: `1.2.${Math.floor((4 + n) / 256)}.${(4 + n) % 256}` }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

// Models utils_test.go newServiceAndEndpointMeta
function newServiceAndEndpointMeta(name = 'foo'): [Service, EndpointMeta] {
  const svc: Service = {
    metadata: { name, namespace: ns, uid: `${ns}-${name}` },
    spec: { ports: [{ targetPort: 80, protocol: 'TCP', name, port: 0 }], selector: { foo: 'bar' }, ipFamilies: ['IPv4'] },
  };
  return [svc, { addressType: 'IPv4', ports: [{ name, port: 80, protocol: 'TCP' }] }];
}

// Models utils_test.go newEmptyEndpointSlice
function newEmptyEndpointSlice(n: number, meta: EndpointMeta, svc: Service): EndpointSlice {
  return {
    metadata: { name: `${svc.metadata.name}-${n}`, namespace: ns, uid: `uid-${svc.metadata.name}-${n}`, resourceVersion: '1', ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name!, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }] },
    addressType: meta.addressType,
    endpoints: [],
    ports: structuredClone(meta.ports),
  };
}

const nodeStore = (...nodes: Node[]) => {
  const s = new Store<Node>();
  for (const n of nodes) s.put(n);
  return s;
};

function setup(nodes: Node[] = [{ metadata: { name: 'node-1' } }], maxEndpointsPerSlice = 100) {
  const client = new SliceClient();
  const tracker = new EndpointSliceTracker();
  const r = new Reconciler({ client, nodeLister: nodeStore(...nodes), maxEndpointsPerSlice, tracker, controllerName });
  return { client, tracker, r };
}

/** Every slice the client holds (fetchEndpointSlices). */
function fetch(client: FakeClient): EndpointSlice[] {
  let out: EndpointSlice[] = [];
  runSync(
    (function* () {
      out = (yield* client.list<EndpointSlice>(SLICES, ns)).items;
    })(),
  );
  client.actions.pop();
  return out;
}

const lengths = (slices: EndpointSlice[]) => slices.map((s) => s.endpoints.length).sort((a, b) => a - b);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const writes = (client: FakeClient) => client.writes().map((a) => a.verb);
const count = (client: FakeClient, verb: string) => writes(client).filter((v) => v === verb).length;

function reconcile(r: Reconciler, svc: Service, pods: Pod[], existing: EndpointSlice[], triggerTime = 0): void {
  runSync(r.reconcile(svc, pods, existing, triggerTime));
}

/** The reconciler never changes what the informer holds (cacheMutationCheck). */
function cacheMutationCheck(slices: EndpointSlice[]): () => void {
  const before = structuredClone(slices);
  return () => expect(slices).toEqual(before);
}

function manyPods(n: number): Pod[] {
  return Array.from({ length: n }, (_, i) => newPod(i, i % 3 !== 0));
}

describe('Reconciler.reconcile', () => {
  it('makes one empty placeholder slice for a Service without pods (TestReconcileEmpty)', () => {
    const [svc] = newServiceAndEndpointMeta();
    const { client, tracker, r } = setup();
    reconcile(r, svc, [], []);
    expect(writes(client)).toEqual(['create']);
    const [slice] = fetch(client);
    expect(slice.metadata.name).toMatch(/^foo-/);
    expect(slice.metadata.labels?.['kubernetes.io/service-name']).toBe('foo');
    expect(slice.ports).toEqual([]);
    expect(slice.endpoints).toEqual([]);
    expect(tracker.shouldSync(slice)).toBe(false);
    expect(slice.metadata.generation).toBe(1);
  });

  it('one pod: one slice with its endpoint, zone and labels (TestReconcile1Pod ipv4-labels)', () => {
    const [svc] = newServiceAndEndpointMeta();
    svc.metadata.labels = { foo: 'bar' };
    const pod = newPod(1, true);
    pod.status!.podIPs = [{ ip: '1.2.3.4' }, { ip: '1234::5678:0000:0000:9abc:def0' }];
    pod.spec!.hostname = 'example-hostname';
    const node: Node = { metadata: { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'us-central1-a', 'topology.kubernetes.io/region': 'us-central1' } } };
    const { client, r } = setup([node]);
    reconcile(r, svc, [pod], [], Date.UTC(2026, 0, 1, 0, 0, 5));
    const created = client.writes()[0].object as EndpointSlice;
    expect(created).toEqual({
      kind: 'EndpointSlice',
      apiVersion: 'discovery.k8s.io/v1',
      metadata: {
        generateName: 'foo-',
        namespace: 'test',
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'foo', uid: 'test-foo', controller: true, blockOwnerDeletion: true }],
        labels: { foo: 'bar', 'service.kubernetes.io/headless': '', 'kubernetes.io/service-name': 'foo', 'endpointslice.kubernetes.io/managed-by': controllerName },
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:05Z' },
        generation: 1,
      },
      addressType: 'IPv4',
      endpoints: [{ addresses: ['1.2.3.4'], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', namespace: 'test', name: 'pod1' }, nodeName: 'node-1', zone: 'us-central1-a' }],
      ports: [{ name: 'foo', protocol: 'TCP', port: 80 }],
    });
  });

  it('an IPv6 Service gets the pod IPv6 address; a cluster IP drops the headless label (TestReconcile1Pod ipv6, ipv4-clusterip)', () => {
    const [svc] = newServiceAndEndpointMeta();
    svc.spec!.ipFamilies = ['IPv6'];
    const pod = newPod(1, true);
    pod.status!.podIPs = [{ ip: '1.2.3.4' }, { ip: '1234::5678:0000:0000:9abc:def0' }];
    const { client, r } = setup();
    reconcile(r, svc, [pod], []);
    const slice = fetch(client)[0];
    expect(slice.addressType).toBe('IPv6');
    expect(slice.endpoints[0].addresses).toEqual(['1234::5678:0000:0000:9abc:def0']);

    const [svc4] = newServiceAndEndpointMeta();
    svc4.spec!.clusterIP = '1.1.1.1';
    const b = setup();
    reconcile(b.r, svc4, [pod], []);
    expect(fetch(b.client)[0].metadata.labels).toEqual({ 'kubernetes.io/service-name': 'foo', 'endpointslice.kubernetes.io/managed-by': controllerName });
  });

  it.each([
    ['no existing placeholder', false, false, ['create']],
    ['an existing placeholder that is the same', true, false, []],
    ['an existing placeholder that differs (its labels)', true, true, ['update']],
  ] as const)('keeps the placeholder: %s (TestReconcile1EndpointSlice)', (_n, exists, differs, want) => {
    const [svc, meta] = newServiceAndEndpointMeta();
    const { client, r } = setup();
    const existing: EndpointSlice[] = [];
    if (exists) {
      const s = differs ? { ...newEmptyEndpointSlice(1, meta, svc), metadata: { ...newEmptyEndpointSlice(1, meta, svc).metadata, labels: { bar: 'baz' } } } : { ...newEndpointSlice(svc, { ports: [], addressType: 'IPv4' }, controllerName), metadata: { ...newEndpointSlice(svc, { ports: [], addressType: 'IPv4' }, controllerName).metadata, name: 'foo-abc', uid: 'u1', resourceVersion: '5' } };
      client.seed(SLICES, s);
      existing.push(s);
    }
    reconcile(r, svc, [], existing);
    expect(writes(client)).toEqual(want);
    expect(fetch(client)).toHaveLength(1);
  });

  it('publishNotReadyAddresses makes every endpoint ready (TestReconcile1EndpointSlicePublishNotReadyAddresses)', () => {
    const [svc] = newServiceAndEndpointMeta();
    svc.spec!.publishNotReadyAddresses = true;
    const { client, r } = setup();
    reconcile(r, svc, manyPods(50), []);
    expect(writes(client)).toEqual(['create']);
    const slices = fetch(client);
    expect(lengths(slices)).toEqual([50]);
    expect(slices[0].endpoints.every((e) => e.conditions?.ready === true)).toBe(true);
  });

  it('250 pods: 3 creates, two full slices (TestReconcileManyPods)', () => {
    const [svc] = newServiceAndEndpointMeta();
    const { client, r } = setup();
    reconcile(r, svc, manyPods(250), []);
    expect(writes(client)).toEqual(['create', 'create', 'create']);
    expect(lengths(fetch(client))).toEqual([50, 100, 100]);
  });

  it('fills the existing slice that ends closest to full, creates for the rest (TestReconcileEndpointSlicesSomePreexisting)', () => {
    const [svc, meta] = newServiceAndEndpointMeta();
    const pods = manyPods(250);
    const s1 = newEmptyEndpointSlice(1, meta, svc);
    for (let i = 1; i < pods.length - 4; i += 4) s1.endpoints.push(podToEndpoint(pods[i], { metadata: {} }, svc, 'IPv4'));
    const s2 = newEmptyEndpointSlice(2, meta, svc);
    for (let i = 3; i < pods.length - 4; i += 4) s2.endpoints.push(podToEndpoint(pods[i], { metadata: {} }, svc, 'IPv4'));
    const existing = [s1, s2];
    const check = cacheMutationCheck(existing);
    const { client, r } = setup();
    client.seed(SLICES, ...structuredClone(existing));
    reconcile(r, svc, pods, existing);
    // 62 + 61 there, 127 to add: one new slice of 100, and 27 into the first (1 update + 1 create, not 2 + 1).
    expect(sorted([count(client, 'create'), count(client, 'update')])).toEqual([1, 1]);
    expect(lengths(fetch(client))).toEqual(sorted([89, 61, 100]));
    check();
  });

  it('creates rather than splitting the rest over several slices (TestReconcileEndpointSlicesSomePreexistingWorseAllocation)', () => {
    const [svc, meta] = newServiceAndEndpointMeta();
    const pods = manyPods(300);
    const s1 = newEmptyEndpointSlice(1, meta, svc);
    for (let i = 1; i < pods.length - 4; i += 4) s1.endpoints.push(podToEndpoint(pods[i], { metadata: {} }, svc, 'IPv4'));
    const s2 = newEmptyEndpointSlice(2, meta, svc);
    for (let i = 3; i < pods.length - 4; i += 4) s2.endpoints.push(podToEndpoint(pods[i], { metadata: {} }, svc, 'IPv4'));
    const { client, r } = setup();
    client.seed(SLICES, ...structuredClone([s1, s2]));
    reconcile(r, svc, pods, [s1, s2]);
    expect(writes(client)).toEqual(['create', 'create']);
    expect(lengths(fetch(client))).toEqual(sorted([74, 74, 100, 52]));
  });

  it('a Service port change updates every slice in place (TestReconcileEndpointSlicesUpdating)', () => {
    const [svc] = newServiceAndEndpointMeta();
    const pods = manyPods(250);
    const { client, r } = setup();
    reconcile(r, svc, pods, []);
    const slices = fetch(client);
    svc.spec!.ports![0].targetPort = 81;
    reconcile(r, svc, pods, slices);
    expect(writes(client)).toEqual(['create', 'create', 'create', 'update', 'update', 'update']);
    expect(lengths(fetch(client))).toEqual([50, 100, 100]);
    expect(fetch(client).every((s) => s.ports?.[0].port === 81)).toBe(true);
  });

  it('Service label changes update every slice, reserved labels do not (TestReconcileEndpointSlicesServicesLabelsUpdating, ...ReservedLabels)', () => {
    const [svc] = newServiceAndEndpointMeta();
    const pods = manyPods(250);
    const { client, r } = setup();
    reconcile(r, svc, pods, []);
    let slices = fetch(client);
    svc.metadata.labels = { 'kubernetes.io/service-name': 'bad', 'endpointslice.kubernetes.io/managed-by': 'actor', 'service.kubernetes.io/headless': 'invalid' };
    reconcile(r, svc, pods, slices);
    expect(count(client, 'update')).toBe(0);
    svc.metadata.labels = { foo: 'bar' };
    reconcile(r, svc, pods, slices);
    expect(count(client, 'update')).toBe(3);
    slices = fetch(client);
    expect(slices.every((s) => s.metadata.labels?.foo === 'bar')).toBe(true);
  });

  it('a port change repacks 10 slices of 30 into 3 full ones: 3 updates, 7 deletes (TestReconcileEndpointSlicesRecycling)', () => {
    const [svc, meta] = newServiceAndEndpointMeta();
    const pods = manyPods(300);
    const existing: EndpointSlice[] = [];
    pods.forEach((pod, i) => {
      if (i % 30 === 0) existing.push(newEmptyEndpointSlice(i / 30, meta, svc));
      existing[Math.floor(i / 30)].endpoints.push(podToEndpoint(pod, { metadata: {} }, svc, 'IPv4'));
    });
    const check = cacheMutationCheck(existing);
    const { client, r } = setup();
    client.seed(SLICES, ...structuredClone(existing));
    reconcile(r, svc, pods, existing);
    // Nothing changed: no repacking for its own sake.
    expect(writes(client)).toEqual([]);
    svc.spec!.ports![0].targetPort = 81;
    reconcile(r, svc, pods, existing);
    expect(count(client, 'update')).toBe(3);
    expect(count(client, 'delete')).toBe(7);
    expect(lengths(fetch(client))).toEqual([100, 100, 100]);
    check();
  });

  it('new endpoints go to the fuller of the slices being updated (TestReconcileEndpointSlicesUpdatePacking)', () => {
    const [svc, meta] = newServiceAndEndpointMeta();
    const pods: Pod[] = [];
    const s1 = newEmptyEndpointSlice(1, meta, svc);
    for (let i = 0; i < 80; i++) {
      pods.push(newPod(i, true));
      s1.endpoints.push(podToEndpoint(pods[pods.length - 1], { metadata: {} }, svc, 'IPv4'));
    }
    const s2 = newEmptyEndpointSlice(2, meta, svc);
    for (let i = 100; i < 120; i++) {
      pods.push(newPod(i, true));
      s2.endpoints.push(podToEndpoint(pods[pods.length - 1], { metadata: {} }, svc, 'IPv4'));
    }
    const { client, r } = setup();
    client.seed(SLICES, ...structuredClone([s1, s2]));
    // Every tenth pod becomes not ready: both slices need an update.
    pods.forEach((p, i) => {
      if (i % 10 === 0) p.status!.conditions = [{ type: 'Ready', status: 'False' }];
    });
    for (let i = 200; i < 215; i++) pods.push(newPod(i, true));
    reconcile(r, svc, pods, [s1, s2]);
    expect(writes(client)).toEqual(['update', 'update']);
    expect(lengths(fetch(client))).toEqual([20, 95]);
  });

  it('replaces slices of the deprecated IP address type (TestReconcileEndpointSlicesReplaceDeprecated)', () => {
    const [svc, meta] = newServiceAndEndpointMeta();
    const ipMeta = { ...meta, addressType: 'IP' as never };
    const pods: Pod[] = [];
    const s1 = newEmptyEndpointSlice(1, ipMeta, svc);
    for (let i = 0; i < 80; i++) {
      pods.push(newPod(i, true));
      s1.endpoints.push(podToEndpoint(pods[pods.length - 1], { metadata: {} }, { metadata: {}, spec: {} }, 'IPv4'));
    }
    const s2 = newEmptyEndpointSlice(2, ipMeta, svc);
    for (let i = 100; i < 150; i++) {
      pods.push(newPod(i, true));
      s2.endpoints.push(podToEndpoint(pods[pods.length - 1], { metadata: {} }, { metadata: {}, spec: {} }, 'IPv4'));
    }
    const { client, r } = setup();
    client.seed(SLICES, ...structuredClone([s1, s2]));
    reconcile(r, svc, pods, [s1, s2]);
    expect(count(client, 'delete')).toBe(2);
    const slices = fetch(client);
    // Both replaced: perfectly packed.
    expect(lengths(slices)).toEqual([30, 100]);
    expect(slices.every((s) => s.addressType === 'IPv4')).toBe(true);
  });

  it.each([
    ['owned by the Service', true, []],
    ['owned by another Service UID', false, ['create', 'delete']],
  ] as const)('a recreated Service: slice %s (TestReconcileEndpointSlicesRecreation)', (_n, owned, want) => {
    const [svc, meta] = newServiceAndEndpointMeta();
    const slice = newEmptyEndpointSlice(1, meta, svc);
    const pod = newPod(1, true);
    slice.endpoints.push(podToEndpoint(pod, { metadata: {} }, { metadata: {}, spec: {} }, 'IPv4'));
    if (!owned) slice.metadata.ownerReferences![0].uid = 'different';
    const { client, r } = setup();
    client.seed(SLICES, structuredClone(slice));
    reconcile(r, svc, [pod], [slice]);
    // The other Service's slice is not recycled: the garbage collector may be deleting it.
    expect(writes(client)).toEqual(want);
    expect(fetch(client)).toHaveLength(1);
  });

  it('named ports that resolve differently make one slice per mapping (TestReconcileEndpointSlicesNamedPorts)', () => {
    const svc: Service = { metadata: { name: 'named-port-example', namespace: ns, uid: 'u' }, spec: { ports: [{ targetPort: 'http', protocol: 'TCP', port: 0 }], selector: { foo: 'bar' }, ipFamilies: ['IPv4'] } };
    const pods = Array.from({ length: 300 }, (_, i) => {
      const p = newPod(i, i % 3 !== 0);
      p.spec!.containers[0].ports = [{ name: 'http', containerPort: 8080 + (i % 5), protocol: 'TCP' }];
      return p;
    });
    const { client, r } = setup();
    reconcile(r, svc, pods, []);
    expect(writes(client)).toEqual(['create', 'create', 'create', 'create', 'create']);
    const slices = fetch(client);
    expect(lengths(slices)).toEqual([60, 60, 60, 60, 60]);
    expect(slices.map((s) => s.ports).sort((a, b) => a![0].port! - b![0].port!)).toEqual([0, 1, 2, 3, 4].map((i) => [{ name: '', protocol: 'TCP', port: 8080 + i }]));
  });

  it.each([
    [50, [50, 50, 50, 50, 50]],
    [80, [10, 80, 80, 80]],
    [150, [100, 150]],
    [250, [250]],
    [500, [250]],
  ] as const)('maxEndpointsPerSlice %i (TestReconcileMaxEndpointsPerSlice)', (max, want) => {
    const [svc] = newServiceAndEndpointMeta();
    const { client, r } = setup(undefined, max);
    reconcile(r, svc, manyPods(250), []);
    expect(lengths(fetch(client))).toEqual(want);
  });

  it('fewer pods: the slice is updated, not recreated (TestReconcileEndpointSlicesMetrics)', () => {
    const [svc] = newServiceAndEndpointMeta();
    const pods = Array.from({ length: 20 }, (_, i) => newPod(i, true));
    const { client, r } = setup();
    reconcile(r, svc, pods, []);
    reconcile(r, svc, pods.slice(0, 10), fetch(client));
    expect(writes(client)).toEqual(['create', 'update']);
    expect(lengths(fetch(client))).toEqual([10]);
  });

  it('a pod whose node is missing is left out (and the sync fails), unless not-ready addresses are published (TestReconcilerPodMissingNode)', () => {
    const [service, meta] = newServiceAndEndpointMeta();
    const nodes: Node[] = [{ metadata: { name: 'node-0' } }, { metadata: { name: 'node-1' } }];
    const pods = [newPod(0, true), newPod(1, true)];
    pods[0].spec!.nodeName = 'node-0';
    const existingSlice = () => {
      const s = newEmptyEndpointSlice(1, meta, service);
      s.endpoints.push(podToEndpoint(pods[0], nodes[0], service, 'IPv4'), podToEndpoint(pods[1], nodes[1], service, 'IPv4'));
      return s;
    };
    const cases: { publish: boolean; nodes: Node[]; existing?: EndpointSlice; endpoints: number; writes: string[]; error: boolean }[] = [
      { publish: false, nodes: [nodes[0]], endpoints: 1, writes: ['create'], error: true },
      { publish: true, nodes: [nodes[0]], endpoints: 2, writes: ['create'], error: false },
      { publish: false, nodes: [nodes[0]], existing: existingSlice(), endpoints: 1, writes: ['update'], error: true },
      { publish: true, nodes: [], existing: existingSlice(), endpoints: 2, writes: [], error: false },
      { publish: true, nodes: [nodes[0]], existing: existingSlice(), endpoints: 2, writes: [], error: false },
      // No endpoints left: the slice becomes the placeholder by an update, not a delete and a create.
      { publish: false, nodes: [], existing: existingSlice(), endpoints: 0, writes: ['update'], error: true },
    ];
    for (const tc of cases) {
      const { client, r } = setup(tc.nodes);
      const svc = structuredClone(service);
      svc.spec!.publishNotReadyAddresses = tc.publish;
      if (tc.existing) client.seed(SLICES, structuredClone(tc.existing));
      let err: unknown;
      try {
        reconcile(r, svc, pods, tc.existing ? [tc.existing] : []);
      } catch (e) {
        err = e;
      }
      expect(err !== undefined).toBe(tc.error);
      if (tc.error) expect((err as Error).message).toContain('Node node-1 Not Found');
      expect(writes(client)).toEqual(tc.writes);
      const slices = fetch(client);
      expect(slices).toHaveLength(1);
      expect(slices[0].endpoints).toHaveLength(tc.endpoints);
    }
  });

  it('terminating pods stay, ready false and serving as their readiness (podToEndpoint via reconcile)', () => {
    const [svc] = newServiceAndEndpointMeta();
    const { client, r } = setup();
    reconcile(r, svc, [newPod(1, true, true), newPod(2, false, true)], []);
    expect(fetch(client)[0].endpoints.map((e) => e.conditions)).toEqual([
      { ready: false, serving: true, terminating: true },
      { ready: false, serving: false, terminating: true },
    ]);
  });
});

describe('Reconciler.finalize (TestReconcilerFinalizeSvcDeletionTimestamp)', () => {
  it.each([
    ['create and update, not deleting', false, true, true, false, true, true, true],
    ['create and update, deleting', true, true, true, false, false, true, true],
    ['create, update and delete, not deleting: recycled', false, true, true, true, false, true, true],
    ['create, update and delete, deleting: recycled', true, true, true, true, false, true, true],
    ['update and delete, deleting', true, false, true, true, false, true, false],
  ] as const)('%s', (_n, deleting, attemptCreate, attemptUpdate, attemptDelete, created, updated, deleted) => {
    const [svc, meta] = newServiceAndEndpointMeta();
    if (deleting) svc.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    const owner = [{ apiVersion: 'v1', kind: 'Service', name: 'foo', uid: 'test-foo', controller: true, blockOwnerDeletion: true }];
    const mk = (name: string): EndpointSlice => ({ metadata: { name, namespace: ns, ownerReferences: owner, uid: `uid-${name}`, resourceVersion: '1' }, addressType: meta.addressType, endpoints: [], ports: meta.ports });
    const { client, r } = setup();
    client.seed(SLICES, mk('to-update'), mk('to-delete'));
    const toUpdate = { ...mk('to-update'), endpoints: [{ addresses: ['10.2.3.4'] }] };
    runSync(r.finalize(svc, attemptCreate ? [mk('to-create')] : [], attemptUpdate ? [toUpdate] : [], attemptDelete ? [mk('to-delete')] : [], 0));
    const names = fetch(client).map((s) => s.metadata.name);
    expect(names.includes('to-create')).toBe(created);
    expect(names.includes('to-update')).toBe(updated);
    expect(names.includes('to-delete')).toBe(deleted);
    expect(fetch(client).find((s) => s.metadata.name === 'to-update')!.endpoints).toHaveLength(1);
  });
});
