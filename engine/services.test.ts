// Services end to end on the headless cluster: the endpoint and endpointslice controllers of
// kube-controller-manager follow a Deployment's pods — ready, deleted, on a node that dies — into
// the Service's Endpoints and EndpointSlice, and kubectl prints them as the real kubectl does.

import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Endpoints } from './api/types';
import { createCluster, replay, type Cluster } from './cluster';

/** Runs until `cond` holds, looking every half second. */
async function waitFor(c: Cluster, cond: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  for (let t = 0; t <= ms; t += 500) {
    if (await cond()) return true;
    await c.run(500);
  }
  return cond();
}

const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - name: http
          containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
  labels:
    app: web
spec:
  selector:
    app: web
  ports:
  - name: http
    port: 80
    targetPort: http
`;

async function endpoints(c: Cluster): Promise<Endpoints | null> {
  const r = await c.kubectl('get endpoints web -o json');
  return r.code === 0 ? (JSON.parse(r.stdout) as Endpoints) : null;
}

async function slices(c: Cluster): Promise<EndpointSlice[]> {
  const r = await c.kubectl('get endpointslices -l kubernetes.io/service-name=web -o json');
  return r.code === 0 ? (JSON.parse(r.stdout) as { items: EndpointSlice[] }).items : [];
}

const sliceEndpoints = async (c: Cluster) => (await slices(c)).flatMap((s) => s.endpoints ?? []);
const readyIPs = async (c: Cluster) => (await sliceEndpoints(c)).filter((e) => e.conditions?.ready).map((e) => e.addresses[0]);

/** The pods of the Deployment: name, node, IP, as kubectl shows them. */
async function pods(c: Cluster): Promise<{ name: string; node: string; ip: string; deleting: boolean }[]> {
  const r = JSON.parse((await c.kubectl('get pods -l app=web -o json')).stdout) as { items: { metadata: { name: string; deletionTimestamp?: string }; spec: { nodeName?: string }; status: { podIP?: string } }[] };
  return r.items.map((p) => ({ name: p.metadata.name, node: p.spec.nodeName ?? '', ip: p.status.podIP ?? '', deleting: !!p.metadata.deletionTimestamp }));
}

/** Byte order, as the Endpoints controller sorts addresses (LessEndpointAddress). */
const ipLess = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('Services on two nodes', () => {
  it('tracks a Deployment in Endpoints and EndpointSlices through pod deletion and a node failure', async () => {
    const c = await createCluster({ seed: 31, nodes: 2 });
    expect(await waitFor(c, () => (c.inspect.apiserver()?.workloads.nodes ?? []).filter((n) => n.ready === 'True').length === 2, 30_000)).toBe(true);
    expect(await waitFor(c, () => (c.inspect.apiserver()?.catalog ?? []).some((o) => o.resource === 'serviceaccounts' && o.namespace === 'default' && o.name === 'default'), 30_000)).toBe(true);
    expect((await c.kubectl('apply -f -', manifest)).stdout).toBe('deployment.apps/web created\nservice/web created\n');

    // The EndpointSlice gets the three pods, ready, each with its node and a reference to it.
    expect(await waitFor(c, async () => (await readyIPs(c)).length === 3, 60_000)).toBe(true);
    const running = await pods(c);
    const [slice] = await slices(c);
    expect(slice.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice.metadata.labels).toEqual({ app: 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'web' });
    expect(slice.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: expect.any(String), controller: true, blockOwnerDeletion: true }]);
    expect(slice.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^2026-01-01T00:0\d:\d\dZ$/);
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: 'http', protocol: 'TCP', port: 80 }]);
    for (const p of running) {
      expect(slice.endpoints).toContainEqual({ addresses: [p.ip], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', namespace: 'default', name: p.name, uid: expect.any(String) }, nodeName: p.node });
    }

    // The Endpoints: one subset, addresses sorted by IP, the named port resolved to 80.
    const ep = (await endpoints(c))!;
    const ips = running.map((p) => p.ip).sort(ipLess);
    expect(ep.metadata.labels).toEqual({ app: 'web' });
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets![0].addresses!.map((a) => a.ip)).toEqual(ips);
    expect(ep.subsets![0].ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);

    // kubectl's tables, as the real one prints them (printers.go printEndpoints, printEndpointSlice).
    const epTable = (await c.kubectl('get endpoints')).stdout.split('\n');
    expect(epTable[0]).toMatch(/^NAME\s+ENDPOINTS\s+AGE$/);
    expect(epTable[1]).toMatch(/^kubernetes\s+10\.0\.0\.2:6443\s+\d+s$/);
    expect(epTable[2]).toMatch(new RegExp(`^web\\s+${ips.map((ip) => `${ip.replace(/\./g, '\\.')}:80`).join(',')}\\s+\\d+s$`));
    const esTable = (await c.kubectl('get endpointslices')).stdout.split('\n');
    expect(esTable[0]).toMatch(/^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE$/);
    expect(esTable[1]).toMatch(/^kubernetes\s+IPv4\s+6443\s+10\.0\.0\.2\s+\d+s$/);
    expect(esTable[2]).toMatch(new RegExp(`^${slice.metadata.name}\\s+IPv4\\s+80\\s+${slice.endpoints.map((e) => e.addresses[0].replace(/\./g, '\\.')).join(',')}\\s+\\d+s$`));

    // A deleted pod leaves the Endpoints at once (it is terminating) and its replacement joins.
    const victim = running[0];
    expect((await c.kubectl(`delete pod ${victim.name} --wait=false`)).code).toBe(0);
    expect(await waitFor(c, async () => !(await endpoints(c))!.subsets?.some((s) => [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])].some((a) => a.targetRef?.name === victim.name)), 30_000)).toBe(true);
    expect(await waitFor(c, async () => !(await sliceEndpoints(c)).some((e) => e.targetRef?.name === victim.name) && (await readyIPs(c)).length === 3, 60_000)).toBe(true);

    // A dead node: its pods go not ready (node lifecycle marks them), then, evicted, terminating.
    const now = await pods(c);
    const onNode2 = now.filter((p) => p.node === 'node-2').map((p) => p.name);
    expect(onNode2.length).toBeGreaterThan(0);
    expect(c.chaos.killNode('node-2')).toBe(true);
    const sliceOf = async (name: string) => (await sliceEndpoints(c)).find((e) => e.targetRef?.name === name);
    expect(await waitFor(c, async () => (await Promise.all(onNode2.map(sliceOf))).every((e) => e?.conditions?.ready === false), 60_000)).toBe(true);
    const notReady = (await endpoints(c))!.subsets!.flatMap((s) => s.notReadyAddresses ?? []).map((a) => a.targetRef?.name);
    expect(notReady.sort()).toEqual([...onNode2].sort());
    // Evicted after their tolerations (30 s in the fast profile): out of the Endpoints; in the slice
    // as terminating (the kubelet is gone, so they stay), and the replacements on node-1 ready.
    const healed = async () => {
      const e = await sliceEndpoints(c);
      const gone = onNode2.every((n) => e.find((x) => x.targetRef?.name === n)?.conditions?.terminating === true);
      const ready = e.filter((x) => x.conditions?.ready);
      return gone && ready.length === 3 && ready.every((x) => x.nodeName === 'node-1');
    };
    expect(await waitFor(c, healed, 400_000)).toBe(true);
    const final = (await endpoints(c))!;
    expect(final.subsets).toHaveLength(1);
    expect(final.subsets![0].addresses).toHaveLength(3);
    expect(final.subsets![0].notReadyAddresses).toBeUndefined();
    expect(final.subsets![0].addresses!.every((a) => a.nodeName === 'node-1')).toBe(true);

    const again = await replay(c.recording());
    expect(again.digest()).toBe(c.digest());
  }, 600_000);

  it('deleting the Service deletes its Endpoints, and the garbage collector its EndpointSlices', async () => {
    const c = await createCluster({ seed: 32, nodes: 1 });
    expect(await waitFor(c, () => (c.inspect.apiserver()?.workloads.nodes ?? []).some((n) => n.ready === 'True'), 30_000)).toBe(true);
    expect((await c.kubectl('create service clusterip lonely --tcp=80:8080')).code).toBe(0);
    // No pods: an empty Endpoints and one placeholder slice.
    expect(await waitFor(c, async () => (await c.kubectl('get endpoints lonely -o name')).code === 0 && (await c.kubectl('get endpointslices -l kubernetes.io/service-name=lonely -o name')).stdout !== '', 30_000)).toBe(true);
    expect((await c.kubectl('get endpoints lonely')).stdout).toMatch(/^NAME\s+ENDPOINTS\s+AGE\nlonely\s+<none>\s+\d+s\n$/);
    expect((await c.kubectl('get endpointslices -l kubernetes.io/service-name=lonely')).stdout).toMatch(/^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE\nlonely-[a-z0-9]{5}\s+IPv4\s+<unset>\s+<unset>\s+\d+s\n$/);
    expect((await c.kubectl('delete service lonely')).code).toBe(0);
    expect(await waitFor(c, async () => (await c.kubectl('get endpoints lonely')).code !== 0 && (await c.kubectl('get endpointslices -l kubernetes.io/service-name=lonely -o name')).stdout === '', 60_000)).toBe(true);
  }, 120_000);
});
