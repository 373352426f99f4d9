// kube-proxy end to end on the headless cluster: two nodes, a three-replica Deployment behind a
// Service, its EndpointSlices kept by the EndpointSlice controller. Traffic from node-1 goes
// through node-1's IPVS (round robin: exactly even), a killed node's endpoints leave the table once
// the controller marks them not ready (and the survivors take everything), the kube-proxy
// ConfigMap switched to iptables reprograms the node (the statistic rules still balance, within
// statistical bounds), and the whole session replays to the same digest. A second cluster runs the
// userspace mode: round robin in kube-proxy itself, which dials the next endpoint when one is dead.

import { describe, expect, it } from 'vitest';
import { createCluster, replay, type Cluster } from '../cluster';
import { kubeProxyAddonObjects, kubeProxyConfigMapObject } from './addon';
import { servicePortPolicyClusterChain } from './iptables/proxier';

async function waitFor(c: Cluster, cond: () => boolean, ms: number): Promise<boolean> {
  for (let t = 0; t <= ms; t += 500) {
    if (cond()) return true;
    await c.run(500);
  }
  return cond();
}

const webService = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] } };

/** A cluster with the web Deployment Running and its Service's cluster IP. */
async function webCluster(opts: Parameters<typeof createCluster>[0]): Promise<{ c: Cluster; ip: string }> {
  const c = await createCluster(opts);
  const ready = () => c.inspect.apiserver()?.bootstrapped === true && c.inspect.apiserver()!.workloads.nodes.filter((x) => x.ready === 'True').length === 2;
  expect(await waitFor(c, ready, 30_000)).toBe(true);
  const sa = () => (c.inspect.apiserver()?.catalog ?? []).some((o) => o.resource === 'serviceaccounts' && o.namespace === 'default' && o.name === 'default');
  expect(await waitFor(c, sa, 30_000)).toBe(true);
  // What kubeadm's addon phase creates (the ConfigMap, its Role and RoleBinding), if the bootstrap has not.
  const addon = { apiVersion: 'v1', kind: 'List', items: kubeProxyAddonObjects({ mode: opts?.proxyMode ?? 'ipvs' }).map((o) => o.obj) };
  expect((await c.kubectl('apply -f -', JSON.stringify(addon))).code).toBe(0);
  expect((await c.kubectl('create deployment web --image=nginx --replicas=3')).code).toBe(0);
  expect((await c.kubectl('apply -f -', JSON.stringify(webService))).code).toBe(0);
  const running = () => (c.inspect.apiserver()?.workloads.pods ?? []).filter((p) => p.namespace === 'default' && p.phase === 'Running' && p.ready).length === 3;
  expect(await waitFor(c, running, 60_000)).toBe(true);
  const ip = JSON.parse((await c.kubectl('get service web -o json')).stdout).spec.clusterIP as string;
  return { c, ip };
}

/** The pods of the Deployment: name, node, IP. */
async function webPods(c: Cluster): Promise<{ name: string; node: string; ip: string }[]> {
  const items = JSON.parse((await c.kubectl('get pods -l app=web -o json')).stdout).items as { metadata: { name: string }; spec: { nodeName: string }; status: { podIP: string } }[];
  return items.map((p) => ({ name: p.metadata.name, node: p.spec.nodeName, ip: p.status.podIP }));
}

describe('kube-proxy on two nodes', () => {
  it('balances a Service over IPVS, drops a dead node, switches to iptables, and replays', async () => {
    const { c, ip } = await webCluster({ seed: 3, nodes: 2 });
    const web = () => c.inspect.ipvs('node-1').find((v) => v.vip === ip && v.port === 80);
    const live = () => (web()?.realServers ?? []).filter((r) => r.weight > 0);
    expect(await waitFor(c, () => live().length === 3, 30_000)).toBe(true);
    expect(web()!.scheduler).toBe('rr');
    expect(c.inspect.ipvsadm('node-1')).toContain(`TCP  ${ip}:80 rr\n`);
    expect(c.inspect.proxy('node-1')!.configSource).toBe('configmap');
    expect(c.inspect.proxy('node-1')!.kubeIpvs0).toContain(`inet ${ip}/32 scope global kube-ipvs0`);

    // rr from one client: exactly even.
    const pods = await webPods(c);
    const r1 = await c.traffic.send({ from: 'node-1', to: `${ip}:80`, requests: 300 });
    expect(r1.ok).toBe(300);
    expect(Object.values(r1.byEndpoint)).toEqual([100, 100, 100]);
    expect(Object.keys(r1.byEndpoint).sort()).toEqual(pods.map((p) => `${p.ip}:80`).sort());
    // Long enough requests at a high rate keep connections active; they linger in TIME_WAIT after.
    expect(live().reduce((n, r) => n + r.inactiveConn, 0)).toBeGreaterThan(0);

    // From a pod: the same table, the pod's IP as the source.
    const onNode1 = pods.find((p) => p.node === 'node-1')!;
    const r2 = await c.traffic.send({ from: `default/${onNode1.name}`, to: `${ip}:80`, requests: 30 });
    expect(r2.errors).toEqual({});
    expect(r2.ok).toBe(30);

    // By name, when cluster DNS runs.
    if (c.inspect.component('coredns') !== null) {
      const r3 = await c.traffic.send({ from: `default/${onNode1.name}`, to: 'web:80', requests: 3 });
      expect(r3.resolved).toBe(`${ip}:80`);
    }

    // node-2 dies: once its pods are marked not ready, node-1's IPVS stops sending to them.
    expect(c.chaos.killNode('node-2')).toBe(true);
    const dead = pods.filter((p) => p.node === 'node-2').map((p) => p.ip);
    expect(dead.length).toBeGreaterThan(0);
    expect(await waitFor(c, () => live().length > 0 && live().every((r) => !dead.includes(r.ip)), 60_000)).toBe(true);
    const r4 = await c.traffic.send({ from: 'node-1', to: `${ip}:80`, requests: 100 });
    expect(r4.ok).toBe(100);
    for (const ep of Object.keys(r4.byEndpoint)) expect(dead).not.toContain(ep.split(':')[0]);

    // The replacements come up on node-1 and join the table.
    expect(await waitFor(c, () => live().length === 3 && live().every((r) => r.ip.startsWith('10.244.1.')), 120_000)).toBe(true);

    // The ConfigMap says iptables: kube-proxy reprograms the node when it sees the new file.
    const cm = kubeProxyConfigMapObject({ mode: 'iptables' });
    expect((await c.kubectl('apply -f -', JSON.stringify(cm))).code).toBe(0);
    expect(await waitFor(c, () => c.inspect.proxy('node-1')?.mode === 'iptables', 30_000)).toBe(true);
    expect(c.inspect.ipvs('node-1')).toEqual([]);
    const save = c.inspect.iptables('node-1');
    const chain = servicePortPolicyClusterChain('default/web', 'tcp');
    expect(save).toContain(`-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j ${chain}`);
    expect(save).toContain('--probability 0.33333333349');
    const r5 = await c.traffic.send({ from: 'node-1', to: `${ip}:80`, requests: 600, ratePerSecond: 200 });
    expect(r5.ok).toBe(600);
    const counts = Object.values(r5.byEndpoint);
    expect(counts.length).toBe(3);
    // Each 1/3: σ = sqrt(600 · 1/3 · 2/3) ≈ 11.5; 4.5σ either way.
    for (const n of counts) expect(Math.abs(n - 200)).toBeLessThan(52);
    expect(c.inspect.proxy('node-1')!.perPacket.avgRulesEvaluated).toBeGreaterThan(0);

    const again = await replay(c.recording());
    expect(again.digest()).toBe(c.digest());
  }, 600_000);
});

describe('kube-proxy in userspace mode', () => {
  it('round-robins in kube-proxy and dials the next endpoint when one is dead', async () => {
    const { c, ip } = await webCluster({ seed: 5, nodes: 2, proxyMode: 'userspace' });
    expect(await waitFor(c, () => (c.inspect.proxy('node-1')?.iptablesSave ?? '').includes(`-d ${ip}/32`), 30_000)).toBe(true);
    expect(c.inspect.proxy('node-1')!.mode).toBe('userspace');
    expect(c.inspect.iptables('node-1')).toMatch(new RegExp(`-A KUBE-PORTALS-HOST -d ${ip.replace(/\./g, '\\.')}/32 -p tcp -m comment --comment "default/web" -m tcp --dport 80 -j DNAT --to-destination 10\\.0\\.1\\.1:\\d+`));
    const r1 = await c.traffic.send({ from: 'node-1', to: `${ip}:80`, requests: 90 });
    expect(r1.ok).toBe(90);
    expect(Object.values(r1.byEndpoint)).toEqual([30, 30, 30]);
    expect(c.inspect.proxy('node-1')!.counters.userspaceCopies).toBe(180);

    // A dead node's pod, still listed: kube-proxy's dial times out (250 ms) and it tries the next one.
    expect(c.chaos.killNode('node-2')).toBe(true);
    await c.run(200);
    // One at a time, so each one's retries walk the round robin on their own (concurrent ones share it and can all draw dead endpoints).
    const r2 = await c.traffic.send({ from: 'node-1', to: `${ip}:80`, requests: 30, ratePerSecond: 1, timeoutMs: 5000 });
    expect(r2.errors).toEqual({});
    expect(r2.ok).toBe(30);
    for (const ep of Object.keys(r2.byEndpoint)) expect(ep.startsWith('10.244.1.')).toBe(true);
  }, 300_000);
});
