// The lease endpoint reconciler: its checks as pkg/controlplane/reconcilers/lease_test.go
// (TestLeaseEndpointReconciler's cases, through checkEndpointSubsetFormatWithLease) and
// endpointsadapter_test.go (the mirrored EndpointSlice), then on a headless cluster of two
// apiservers: both addresses listed, each with its lease in etcd, and a dead one dropped once its
// lease expires.
import { describe, expect, it } from 'vitest';
import type { EndpointPort, Endpoints } from '../api/types';
import { createCluster, type Cluster } from '../cluster';
import { checkEndpointSubsetFormatWithLease, endpointPortSpec, endpointSliceFromEndpoints } from './endpoint-reconciler';

const foo: EndpointPort[] = [{ name: 'foo', port: 8080, protocol: 'TCP' }];
const ep = (ips: string[], ports: EndpointPort[] = foo): Endpoints => ({ metadata: { name: 'foo', namespace: 'default' }, subsets: [{ addresses: ips.map((ip) => ({ ip })), ports }] });

describe('checkEndpointSubsetFormatWithLease (TestLeaseEndpointReconciler)', () => {
  it.each([
    ['existing endpoints satisfy', ep(['1.2.3.4']), ['1.2.3.4'], foo, [true, true, true]],
    ['too many', ep(['1.2.3.4', '4.3.2.1']), ['1.2.3.4'], foo, [true, false, true]],
    ['too many + extra masters', ep(['1.2.3.4', '4.3.2.1', '4.3.2.2']), ['1.2.3.4', '4.3.2.2'], foo, [true, false, true]],
    ['current IP missing', ep(['4.3.2.1']), ['4.3.2.1', '4.3.2.2'], foo, [true, false, true]],
    ['wrong IP', ep(['4.3.2.1']), ['1.2.3.4'], foo, [true, false, true]],
    ['duplicate address', ep(['1.2.3.4', '1.2.3.4']), ['1.2.3.4', '4.3.2.1'], foo, [true, false, true]],
    ['wrong port', ep(['1.2.3.4'], [{ name: 'foo', port: 9090, protocol: 'TCP' }]), ['1.2.3.4'], foo, [true, true, false]],
    ['wrong protocol', ep(['1.2.3.4'], [{ name: 'foo', port: 8080, protocol: 'UDP' }]), ['1.2.3.4'], foo, [true, true, false]],
    ['wrong port name', ep(['1.2.3.4']), ['1.2.3.4'], [{ name: 'baz', port: 8080, protocol: 'TCP' }], [true, true, false]],
    ['extra service ports missing a port', ep(['1.2.3.4']), ['1.2.3.4'], [...foo, { name: 'bar', port: 1000, protocol: 'TCP' }], [true, true, false]],
    ['two subsets', { metadata: {}, subsets: [ep(['1.2.3.4']).subsets![0], ep(['4.3.2.1']).subsets![0]] }, ['1.2.3.4'], foo, [false, false, false]],
  ] as const)('%s', (_n, e, ips, ports, want) => {
    expect(checkEndpointSubsetFormatWithLease(e as Endpoints, ips, ports as EndpointPort[], true)).toEqual(want);
  });

  it('ports do not count without reconcilePorts (the nonReconcileTests)', () => {
    expect(checkEndpointSubsetFormatWithLease(ep(['1.2.3.4']), ['1.2.3.4'], [...foo, { name: 'bar', port: 1000, protocol: 'TCP' }], false)).toEqual([true, true, true]);
  });
});

describe('endpointSliceFromEndpoints (endpointsadapter_test.go)', () => {
  it('mirrors the first subset: ports, ready and not-ready addresses, the service-name label', () => {
    const e: Endpoints = { metadata: { name: 'kubernetes', namespace: 'default' }, subsets: [{ addresses: [{ ip: '10.1.2.3' }, { ip: '10.1.2.4' }], notReadyAddresses: [{ ip: '10.1.2.5', nodeName: 'n1' }], ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }] };
    expect(endpointSliceFromEndpoints(e)).toEqual({
      kind: 'EndpointSlice',
      apiVersion: 'discovery.k8s.io/v1',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [
        { addresses: ['10.1.2.3'], conditions: { ready: true } },
        { addresses: ['10.1.2.4'], conditions: { ready: true } },
        { addresses: ['10.1.2.5'], conditions: { ready: false }, nodeName: 'n1' },
      ],
      ports: [{ name: 'https', protocol: 'TCP', port: 443 }],
    });
  });

  it('is IPv6 only when every address is', () => {
    const e = (ips: string[]): Endpoints => ({ metadata: { name: 'x' }, subsets: [{ addresses: ips.map((ip) => ({ ip })) }] });
    expect(endpointSliceFromEndpoints(e(['2001:db8::1', '2001:db8::2'])).addressType).toBe('IPv6');
    const mixed = endpointSliceFromEndpoints(e(['10.0.0.1', '2001:db8::1']));
    expect(mixed.addressType).toBe('IPv4');
    expect(mixed.endpoints.map((x) => x.addresses[0])).toEqual(['10.0.0.1']);
  });

  it('the apiserver endpoint is https on 6443', () => {
    expect(endpointPortSpec()).toEqual([{ name: 'https', port: 6443, protocol: 'TCP' }]);
  });
});

/** Runs until `cond` holds, looking every half second. */
async function waitFor(c: Cluster, cond: () => Promise<boolean>, ms: number): Promise<boolean> {
  for (let t = 0; t <= ms; t += 500) {
    if (await cond()) return true;
    await c.run(500);
  }
  return cond();
}

const json = (s: string) => JSON.parse(s) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the kubernetes Service endpoints on two apiservers', () => {
  it('lists both, each holding a lease, and drops a dead one once its lease expires', async () => {
    const c = await createCluster({ seed: 21, apiservers: 2, controllerManagers: 0, schedulers: 0 });
    const addresses = async () => {
      const r = await c.kubectl('get endpoints kubernetes -o jsonpath={.subsets[0].addresses[*].ip}');
      return r.code === 0 ? r.stdout : '';
    };
    const sliceAddresses = async () => {
      const r = await c.kubectl('get endpointslice kubernetes -o jsonpath={.endpoints[*].addresses[0]}');
      return r.code === 0 ? r.stdout : '';
    };
    expect(await waitFor(c, async () => (await addresses()) === '10.0.0.2 10.0.0.3' && (await sliceAddresses()) === '10.0.0.2 10.0.0.3', 60_000)).toBe(true);
    expect((await c.kubectl('get endpoints kubernetes')).stdout).toMatch(/^NAME {9}ENDPOINTS {21}AGE\nkubernetes {3}10\.0\.0\.2:6443,10\.0\.0\.3:6443 {3}\d+s\n$/);
    const ep = json((await c.kubectl('get endpoints kubernetes -o json')).stdout);
    expect(ep.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/skip-mirror': 'true' });
    expect(ep.subsets).toEqual([{ addresses: [{ ip: '10.0.0.2' }, { ip: '10.0.0.3' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);

    // One lease key per apiserver, an Endpoints holding its address, attached to an etcd lease.
    const leases = json((await c.etcdctl('get /registry/masterleases/ --prefix -w json')).stdout);
    expect(leases.kvs.map((kv: { key: string }) => atob(kv.key))).toEqual(['/registry/masterleases/10.0.0.2', '/registry/masterleases/10.0.0.3']);
    expect(leases.kvs.every((kv: { lease?: number | string }) => Number(kv.lease ?? 0) !== 0)).toBe(true);
    expect(JSON.parse(atob(leases.kvs[0].value)).subsets).toEqual([{ addresses: [{ ip: '10.0.0.2' }] }]);

    // A dead apiserver renews no more: its lease runs out (15 s) and the next renewal of the other drops it.
    const killedAt = c.clock.now();
    expect(c.chaos.killApiserver('kube-apiserver-1')).toBe(true);
    expect(await waitFor(c, async () => (await addresses()) === '10.0.0.2' && (await sliceAddresses()) === '10.0.0.2', 60_000)).toBe(true);
    const after = c.clock.now() - killedAt;
    expect(after).toBeGreaterThan(4_000);
    expect(after).toBeLessThanOrEqual(26_000);
    expect(json((await c.etcdctl('get /registry/masterleases/ --prefix -w json')).stdout).kvs).toHaveLength(1);

    // Back up: it adds itself again once ready.
    expect(c.chaos.restartApiserver('kube-apiserver-1')).toBe(true);
    expect(await waitFor(c, async () => (await addresses()) === '10.0.0.2 10.0.0.3', 60_000)).toBe(true);
  }, 300_000);

  it('puts back the Endpoints and the Service if someone deletes them', async () => {
    const c = await createCluster({ seed: 22, controllerManagers: 0, schedulers: 0 });
    const has = async (what: string) => (await c.kubectl(`get ${what} kubernetes -o name`)).code === 0;
    expect(await waitFor(c, async () => (await has('endpoints')) && (await has('endpointslice')), 60_000)).toBe(true);
    expect((await c.kubectl('delete endpoints kubernetes')).code).toBe(0);
    expect((await c.kubectl('delete endpointslice kubernetes')).code).toBe(0);
    expect((await c.kubectl('delete service kubernetes')).code).toBe(0);
    expect(await waitFor(c, async () => (await has('endpoints')) && (await has('endpointslice')) && (await has('service')), 30_000)).toBe(true);
    expect((await c.kubectl('get service kubernetes -o jsonpath={.spec.clusterIP}')).stdout).toBe('10.96.0.1');
  }, 120_000);
});
