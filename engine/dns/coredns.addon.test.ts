// CoreDNS as the cluster runs it by default (engine/cluster-core.ts): kubeadm's addon objects from
// the apiserver, the coredns Deployment's pods Running and behind kube-dns, the `coredns` process
// answering DESIGN.md's inspect.dns and traffic.send's names; `addons: []` leaves all of it out.

import { describe, expect, it } from 'vitest';
import { createCluster, replay, type Cluster } from '../cluster';

async function waitFor(c: Cluster, cond: () => boolean, ms: number): Promise<boolean> {
  for (let t = 0; t <= ms; t += 500) {
    if (cond()) return true;
    await c.run(500);
  }
  return cond();
}

const corednsPods = (c: Cluster) => (c.inspect.apiserver()?.workloads.pods ?? []).filter((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns');

describe('CoreDNS by default', () => {
  it('runs as kubeadm installs it and answers inspect.dns and traffic by name', async () => {
    const c = await createCluster({ seed: 51, nodes: 2 });
    expect(c.sim.has('coredns')).toBe(true);
    const running = () => corednsPods(c).length === 2 && corednsPods(c).every((p) => p.phase === 'Running' && p.ready);
    expect(await waitFor(c, running, 120_000)).toBe(true);
    const podIPs = corednsPods(c).map((p) => p.podIP).sort();

    // kube-dns's endpoints: both pods, ready, on the dns ports.
    const eps = async () => (await c.kubectl("get endpoints kube-dns -n kube-system -o 'jsonpath={.subsets[0].addresses[*].ip}'")).stdout.split(' ').filter(Boolean).sort();
    let ips: string[] = [];
    for (let i = 0; i < 40 && JSON.stringify(ips) !== JSON.stringify(podIPs); i++) {
      ips = await eps();
      if (JSON.stringify(ips) !== JSON.stringify(podIPs)) await c.run(500);
    }
    expect(ips).toEqual(podIPs);
    const slice = async () => (await c.kubectl("get endpointslices -n kube-system -l kubernetes.io/service-name=kube-dns -o 'jsonpath={.items[0].endpoints[*].conditions.ready}'")).stdout;
    let ready = '';
    for (let i = 0; i < 40 && ready !== 'true true'; i++) {
      ready = await slice();
      if (ready !== 'true true') await c.run(500);
    }
    expect(ready).toBe('true true');

    expect(await waitFor(c, () => c.inspect.dns('kubernetes.default.svc.cluster.local', 'A').rcode === 'NOERROR', 10_000)).toBe(true);
    expect(c.inspect.dns('kubernetes.default.svc.cluster.local', 'A')).toMatchObject({ rcode: 'NOERROR', answers: ['10.96.0.1'] });
    expect(c.inspect.dns('kube-dns.kube-system.svc.cluster.local')).toMatchObject({ rcode: 'NOERROR', answers: ['10.96.0.10'] });

    // A Service made now resolves to its ClusterIP; a name that is not there is NXDOMAIN.
    expect((await c.kubectl('create deployment web --image=nginx --replicas=2')).code).toBe(0);
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n';
    expect((await c.kubectl('apply -f -', svc)).code).toBe(0);
    const clusterIP = (await c.kubectl('get service web -o jsonpath={.spec.clusterIP}')).stdout;
    expect(clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/); // 10.96.0.0/12
    expect(await waitFor(c, () => c.inspect.dns('web.default.svc.cluster.local', 'A').answers[0] === clusterIP, 10_000)).toBe(true);
    expect(c.inspect.dns('web.default.svc.cluster.local', 'A')).toMatchObject({ rcode: 'NOERROR', answers: [clusterIP] });
    expect(c.inspect.dns('nope.default.svc.cluster.local', 'A')).toMatchObject({ rcode: 'NXDOMAIN', answers: [] });

    // traffic.send resolves the name through the coredns process (the pod's search path from a pod).
    const webReady = () => (c.inspect.apiserver()?.workloads.pods ?? []).filter((p) => p.labels.app === 'web' && p.ready).length === 2;
    expect(await waitFor(c, webReady, 60_000)).toBe(true);
    await c.run(3_000);
    const sent = await c.traffic.send({ from: 'node-1', to: 'web.default.svc.cluster.local:80', requests: 20 });
    expect(sent).toMatchObject({ ok: 20, failed: 0, resolved: `${clusterIP}:80` });
    const client = (c.inspect.apiserver()?.workloads.pods ?? []).find((p) => p.labels.app === 'web')!;
    const fromPod = await c.traffic.send({ from: `default/${client.name}`, to: 'web:80', requests: 4 });
    expect(fromPod).toMatchObject({ ok: 4, resolved: `${clusterIP}:80` });
    expect((c.inspect.component('coredns') as { queries: number }).queries).toBeGreaterThan(0);

    // With CoreDNS down, names do not resolve (the stub resolver times out), addresses still work.
    expect(c.chaos.killComponent('coredns')).toBe(true);
    expect(c.inspect.dns('kubernetes.default.svc.cluster.local')).toMatchObject({ rcode: 'SERVFAIL', answers: [] });
    expect((await c.traffic.send({ from: 'node-1', to: 'web.default.svc.cluster.local:80', requests: 1 })).error).toBe('Could not resolve host: web.default.svc.cluster.local');
    expect((await c.traffic.send({ from: 'node-1', to: `${clusterIP}:80`, requests: 2 })).ok).toBe(2);
    expect(c.chaos.restartComponent('coredns')).toBe(true);
    expect(await waitFor(c, () => c.inspect.dns('web.default.svc.cluster.local').answers[0] === clusterIP, 20_000)).toBe(true);

    const again = await replay(c.recording());
    expect(again.digest()).toBe(c.digest());
  }, 300_000);

  it('is left out with addons: []', async () => {
    const c = await createCluster({ seed: 52, nodes: 1, addons: [] });
    expect(await waitFor(c, () => c.inspect.apiserver()?.bootstrapped === true && (c.inspect.apiserver()?.workloads.nodes ?? []).some((n) => n.ready === 'True'), 30_000)).toBe(true);
    await c.run(5_000);
    expect(c.sim.has('coredns')).toBe(false);
    expect((await c.kubectl('get deployments,services -n kube-system -o name')).stdout).toBe('');
    expect(corednsPods(c)).toEqual([]);
    expect(c.inspect.dns('kubernetes.default.svc.cluster.local')).toMatchObject({ rcode: 'SERVFAIL', answers: [] });
    expect(() => c.chaos.killComponent('coredns')).toThrow(/no controller-manager, scheduler or addon named "coredns"/);
  }, 120_000);
});
