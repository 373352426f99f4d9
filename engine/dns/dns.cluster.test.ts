// Cluster DNS end to end on the headless cluster: the apiserver creates kubeadm's CoreDNS addon,
// the coredns Deployment's pods are scheduled and run on the nodes, kube-dns gets 10.96.0.10, and
// the coredns process answers from its informers: the kubernetes Service, a headless Service with
// one A per ready pod (EndpointSlices from the controller, and hand-made ones), over datagrams too.

import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';
import { processKinds } from '../kinds';
import type { Input, Process, ProcessKind } from '../sim/env';
import { corednsUser } from './addon';
import { corednsProcessId, dnsQuery, isDnsAnswer, type DnsAnswer } from './protocol';
import type { CorednsProcess } from './server';

async function waitFor(c: Cluster, cond: () => boolean, ms: number): Promise<boolean> {
  for (let t = 0; t <= ms; t += 500) {
    if (cond()) return true;
    await c.run(500);
  }
  return cond();
}

/** The coredns process the cluster runs (engine/cluster-core.ts starts it with the addon). */
function corednsOf(c: Cluster): CorednsProcess {
  const p = c.sim.localProcess<CorednsProcess>(corednsProcessId);
  if (!p) throw new Error('the cluster runs no coredns process');
  return p;
}

type ProbeConfig = { id: number; name: string; type: 'A' };
/** Answers the probe got, in order. */
const probed: DnsAnswer[] = [];
/** A process that asks coredns one question and keeps the answer (a pod's stub resolver, reduced). */
const probeKind: ProcessKind<ProbeConfig> = {
  name: 'dns-probe',
  create: (env, cfg): Process => {
    env.send(corednsProcessId, dnsQuery(cfg.id, cfg.name, cfg.type, '10.244.1.9'));
    return { receive: (i: Input) => void (i.type === 'message' && isDnsAnswer(i.msg) && probed.push(i.msg)) };
  },
};
// Registered for this file only (vitest gives each test file its own modules).
processKinds.push(probeKind as ProcessKind<never>);

const pods = (c: Cluster, ns: string) => (c.inspect.apiserver()?.workloads.pods ?? []).filter((p) => p.namespace === ns);

describe('CoreDNS on a two-node cluster', () => {
  it('runs the addon and answers for services', async () => {
    const c = await createCluster({ seed: 5, nodes: 2 });
    const dns = corednsOf(c);
    const ready = () => c.inspect.apiserver()?.bootstrapped === true && (c.inspect.apiserver()?.workloads.nodes ?? []).filter((n) => n.ready === 'True').length === 2;
    expect(await waitFor(c, ready, 30_000)).toBe(true);

    // The addon's pods: two, scheduled on the nodes (the preferred anti-affinity spreads them), running and ready.
    const coredns = () => pods(c, 'kube-system').filter((p) => p.labels['k8s-app'] === 'kube-dns');
    expect(await waitFor(c, () => coredns().length === 2 && coredns().every((p) => p.phase === 'Running' && p.ready), 90_000)).toBe(true);
    expect(coredns().map((p) => p.node).sort()).toEqual(['node-1', 'node-2']);

    const svc = await c.kubectl("get service kube-dns -n kube-system -o 'jsonpath={.spec.clusterIP} {.spec.ports[*].name}'");
    expect(svc.stdout).toBe('10.96.0.10 dns dns-tcp metrics');
    const cm = await c.kubectl('get configmap coredns -n kube-system -o jsonpath={.data.Corefile}');
    expect(cm.stdout).toContain('kubernetes cluster.local in-addr.arpa ip6.arpa {');
    const deploy = await c.kubectl("get deployment coredns -n kube-system -o 'jsonpath={.spec.template.spec.priorityClassName} {.spec.template.spec.containers[0].image} {.spec.strategy.rollingUpdate.maxUnavailable}'");
    expect(deploy.stdout).toBe('system-cluster-critical registry.k8s.io/coredns/coredns:v1.11.3 1');
    // RBAC as kubeadm binds it: CoreDNS may watch EndpointSlices but not read Secrets.
    expect((await c.kubectl(`auth can-i watch endpointslices.discovery.k8s.io --as=${corednsUser}`)).stdout).toBe('yes\n');
    expect((await c.kubectl(`auth can-i get secrets --as=${corednsUser}`)).stdout).toBe('no\n');

    expect(await waitFor(c, () => (dns.telemetry() as { synced: boolean }).synced, 10_000)).toBe(true);
    expect(dns.inspect('kubernetes.default.svc.cluster.local', 'A')).toMatchObject({ rcode: 'NOERROR', answers: ['10.96.0.1'] });
    expect(dns.inspect('kube-dns.kube-system.svc.cluster.local', 'A')).toMatchObject({ rcode: 'NOERROR', answers: ['10.96.0.10'] });
    expect(dns.inspect('1.0.96.10.in-addr.arpa', 'PTR')).toMatchObject({ rcode: 'NOERROR', answers: ['kubernetes.default.svc.cluster.local.'] });
    expect(dns.inspect('nope.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');

    // A headless service over a Deployment: one A per ready pod, from the EndpointSlice controller's slices.
    expect((await c.kubectl('create deployment db --image=nginx --replicas=3')).code).toBe(0);
    const headless = `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - name: http
    port: 80
`;
    expect((await c.kubectl('apply -f -', headless)).code).toBe(0);
    const dbIPs = () => pods(c, 'default').filter((p) => p.labels.app === 'db' && p.ready).map((p) => p.podIP).sort();
    expect(await waitFor(c, () => dbIPs().length === 3, 60_000)).toBe(true);
    const answered = () => [...dns.inspect('db.default.svc.cluster.local', 'A').answers].sort();
    expect(await waitFor(c, () => JSON.stringify(answered()) === JSON.stringify(dbIPs()), 30_000)).toBe(true);
    const srv = dns.inspect('_http._tcp.db.default.svc.cluster.local', 'SRV');
    expect(srv.answers).toHaveLength(3);
    expect(srv.answers.every((a) => /^0 33 80 \d+-\d+-\d+-\d+\.db\.default\.svc\.cluster\.local\.$/.test(a))).toBe(true);
  }, 240_000);

  it('answers from hand-made EndpointSlices, ready ones only, and over datagrams', async () => {
    // Two apiservers race to create the addon: each object exists once.
    const c = await createCluster({ seed: 6, nodes: 1, apiservers: 2 });
    const dns = corednsOf(c);
    expect(await waitFor(c, () => c.inspect.apiserver()?.bootstrapped === true, 30_000)).toBe(true);
    const objects = `apiVersion: v1
kind: Service
metadata:
  name: pets
spec:
  clusterIP: None
  ports:
  - name: web
    port: 8080
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: pets-1
  labels:
    kubernetes.io/service-name: pets
addressType: IPv4
ports:
- name: web
  port: 8080
  protocol: TCP
endpoints:
- addresses: ["10.244.1.20"]
  hostname: rex
  conditions: {ready: true}
- addresses: ["10.244.1.21"]
  conditions: {ready: true}
- addresses: ["10.244.1.22"]
  conditions: {ready: false}
`;
    expect(await waitFor(c, () => (c.inspect.apiserver()?.catalog ?? []).some((o) => o.resource === 'deployments' && o.name === 'coredns'), 20_000)).toBe(true);
    expect((await c.kubectl('get deployments,services,configmaps -n kube-system -o name')).stdout).toBe('deployment.apps/coredns\nservice/kube-dns\nconfigmap/coredns\nconfigmap/kube-root-ca.crt\n');
    const applied = await c.kubectl('apply -f -', objects);
    expect(applied.stderr).toBe('');
    expect(await waitFor(c, () => dns.inspect('pets.default.svc.cluster.local', 'A').answers.length === 2, 20_000)).toBe(true);
    expect([...dns.inspect('pets.default.svc.cluster.local', 'A').answers].sort()).toEqual(['10.244.1.20', '10.244.1.21']);
    expect(dns.inspect('rex.pets.default.svc.cluster.local', 'A').answers).toEqual(['10.244.1.20']);
    expect(dns.inspect('20.1.244.10.in-addr.arpa', 'PTR').answers).toEqual(['rex.pets.default.svc.cluster.local.']);

    // A question as a datagram, from a process of the cluster.
    c.sim.act((a) => a.add('dns-probe', probeKind.name, { id: 7, name: 'pets.default.svc.cluster.local', type: 'A' } satisfies ProbeConfig));
    await c.run(100);
    expect(probed).toHaveLength(1);
    expect(probed[0]).toMatchObject({ op: 'dnsAnswer', id: 7, rcode: 'NOERROR', authoritative: true, recursionAvailable: false });
    expect(probed[0].answers.map((r) => `${r.name} ${r.ttl} ${r.type} ${r.data}`).sort()).toEqual(['pets.default.svc.cluster.local. 30 A 10.244.1.20', 'pets.default.svc.cluster.local. 30 A 10.244.1.21']);
    expect(dns.telemetry()).toMatchObject({ queries: 1, byRcode: { NOERROR: 1 } });
  }, 120_000);
});
