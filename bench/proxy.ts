// kube-proxy under SimHost. (1) Reprogramming time: the proxiers of engine/proxy/** driven directly,
// as kube-proxy's syncProxyRules drives them (change trackers → service port map and endpoints map →
// the mode's proxier), for 1,000 ClusterIP Services × 10 endpoints on every node of a small cluster:
// a full sync from empty, then one incremental sync after one endpoint changed (a pod replaced: one
// address out, one in); wall ms per sync and what the proxier reports it did (iptables-restore lines,
// IPVS netlink operations, ipset members, userspace proxy sockets). (2) Requests through cluster DNS
// and IPVS on the headless cluster: a 3-replica nginx Deployment behind a Service, traffic.send by
// name and by cluster IP; requests per wall second and per simulated second, and the spread over the
// endpoints. Prints figures only; it never fails on time.
// Run: npx tsx bench/proxy.ts [services=1000] [endpointsPerService=10] [nodes=3] [requests=5000]
//   TRAFFIC_RATE=1000   connections opened per simulated second by traffic.send (its default is 100)

import type { EndpointSlice, Service } from '../engine/api/types';
import { createCluster, type Cluster } from '../engine/cluster';
import { kubeProxyAddonObjects, kubeProxyConfigMapObject } from '../engine/proxy/addon';
import type { ProxyMode } from '../engine/proxy/config';
import { EndpointsChangeTracker, EndpointsMap, labelServiceName } from '../engine/proxy/endpointschangetracker';
import { buildIptables } from '../engine/proxy/iptables/proxier';
import { IpvsTable } from '../engine/proxy/ipvs/ipvs';
import { IpvsProxier } from '../engine/proxy/ipvs/proxier';
import { ServiceChangeTracker, ServicePortMap } from '../engine/proxy/servicechangetracker';
import { servicePortKey } from '../engine/proxy/serviceport';
import { UserspaceProxier } from '../engine/proxy/userspace/proxier';
import { Rng } from '../engine/sim/rng';

const services = Number(process.argv[2] ?? 1000);
const perService = Number(process.argv[3] ?? 10);
const nodeCount = Number(process.argv[4] ?? 3);
const requests = Number(process.argv[5] ?? 5000);
const rate = Number(process.env.TRAFFIC_RATE ?? 1000);

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pad = (s: string, n: number) => s.padStart(n);

// ---------------------------------------------------------------------------------------------
// (1) Reprogramming every node's tables.

type Mode = 'ipvs' | 'iptables' | 'userspace';
const clusterCIDR = '10.244.0.0/16';
const masqueradeMark = '0x4000';
const nodes = Array.from({ length: nodeCount }, (_, i) => ({ name: `node-${i + 1}`, ip: `10.0.1.${i + 1}`, bridge: `10.244.${200 + i}.1` }));

function service(i: number): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: 'default', name: `svc-${i}` },
    spec: { type: 'ClusterIP', clusterIP: `10.96.${(i + 10) >> 8}.${(i + 10) & 255}`, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] },
  };
}

/** Pod k's address and node (10.244.0.1 …, spread round robin over the nodes). */
const pod = (k: number) => ({ ip: `10.244.${(k + 1) >> 8}.${(k + 1) & 255}`, node: nodes[k % nodes.length].name });

function slice(i: number, replaced?: { index: number; k: number }): EndpointSlice {
  const endpoints = Array.from({ length: perService }, (_, j) => {
    const p = pod(replaced && replaced.index === j ? replaced.k : i * perService + j);
    return { addresses: [p.ip], conditions: { ready: true, serving: true, terminating: false }, nodeName: p.node };
  });
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace: 'default', name: `svc-${i}-abcde`, labels: { [labelServiceName]: `svc-${i}` } },
    addressType: 'IPv4',
    endpoints,
    ports: [{ name: '', port: 8080, protocol: 'TCP' }],
  };
}

interface SyncFigures {
  /** Wall ms of the whole sync (maps updated, then the proxier). */
  ms: number;
  /** Of which the trackers' changes applied to the service port and endpoints maps. */
  mapsMs: number;
  rules: number;
  netlinkOps: number;
  ipsetEntries: number;
  /** Userspace: proxy sockets opened or closed. */
  sockets: number;
}

/** One node's kube-proxy state, as engine/proxy/server.ts keeps it. */
class NodeProxy {
  readonly svcChanges = new ServiceChangeTracker();
  readonly epChanges: EndpointsChangeTracker;
  readonly svcPortMap = new ServicePortMap();
  readonly endpointsMap = new EndpointsMap();
  readonly ipvs = new IpvsProxier(new IpvsTable());
  readonly userspace = new UserspaceProxier(new Rng(1).fork('userspace'));
  full = true;

  constructor(
    readonly mode: Mode,
    readonly node: (typeof nodes)[number],
  ) {
    this.epChanges = new EndpointsChangeTracker(node.name);
  }

  // engine/proxy/server.ts syncProxyRules, timed.
  sync(now: number): SyncFigures {
    const t0 = performance.now();
    const svcUpdate = this.svcPortMap.update(this.svcChanges);
    const epUpdate = this.endpointsMap.update(this.epChanges);
    const changed = new Set([...svcUpdate.updatedServices, ...epUpdate.updatedServices]);
    const ports = this.svcPortMap.sorted();
    const endpointsOf = (p: (typeof ports)[number]) => this.endpointsMap.get(servicePortKey(p.name));
    const t1 = performance.now();
    const f: SyncFigures = { ms: 0, mapsMs: t1 - t0, rules: 0, netlinkOps: 0, ipsetEntries: 0, sockets: 0 };
    if (this.mode === 'ipvs') {
      const r = this.ipvs.sync({ ports, endpointsOf, nodeLabels: {}, nodeIPs: [this.node.ip, this.node.bridge], scheduler: 'rr', clusterCIDR, masqueradeMark }, now);
      f.netlinkOps = r.ops;
      f.ipsetEntries = r.ipsetEntries;
      f.rules = r.nat.rules.length;
    } else if (this.mode === 'iptables') {
      const r = buildIptables({ ports, endpointsOf, nodeLabels: {}, clusterCIDR, masqueradeMark, changedServices: this.full ? null : changed });
      f.rules = r.rulesWritten;
    } else {
      f.sockets = this.userspace.sync(ports, endpointsOf);
      f.rules = this.userspace.natTable(ports, this.node.ip).rules.length;
    }
    this.full = false;
    f.ms = performance.now() - t0;
    return f;
  }
}

interface ModeFigures {
  full: SyncFigures[];
  incremental: SyncFigures[];
}

function measureMode(mode: Mode, n: number): ModeFigures {
  const proxies = nodes.map((node) => new NodeProxy(mode, node));
  // The informers' initial lists, into every node's trackers.
  for (const p of proxies) {
    for (let i = 0; i < n; i++) {
      p.svcChanges.update(null, service(i));
      p.epChanges.endpointSliceUpdate(slice(i), false);
    }
  }
  const full = proxies.map((p) => p.sync(0));
  // One pod of one Service replaced: its slice loses one address and gains a new one.
  const i = Math.floor(n / 2);
  const updated = slice(i, { index: 3, k: n * perService + 7 });
  for (const p of proxies) p.epChanges.endpointSliceUpdate(updated, false);
  const incremental = proxies.map((p) => p.sync(1000));
  return { full, incremental };
}

function part1(): void {
  console.log(`(1) reprogramming: ${fmt(services)} ClusterIP Services × ${perService} endpoints (${fmt(services * perService)} endpoints), ${nodeCount} nodes, one proxier each`);
  console.log(`    ms/node: median over the nodes; all nodes: their sum (SimHost runs them in one thread)\n`);
  // A warm-up on a tenth of the Services, so the JIT has seen every path.
  for (const mode of ['ipvs', 'iptables', 'userspace'] as const) measureMode(mode, Math.max(10, Math.floor(services / 10)));
  const head = `    ${'mode'.padEnd(10)} ${'sync'.padEnd(12)} ${pad('ms/node', 9)} ${pad('maps ms', 8)} ${pad('all nodes', 10)} ${pad('rules', 8)} ${pad('netlink', 8)} ${pad('ipset', 7)} ${pad('sockets', 8)}`;
  console.log(head);
  console.log(`    ${'-'.repeat(head.length - 4)}`);
  for (const mode of ['ipvs', 'iptables', 'userspace'] as const) {
    const m = measureMode(mode, services);
    for (const [label, xs] of [['full', m.full], ['incremental', m.incremental]] as const) {
      const first = xs[0];
      console.log(
        `    ${mode.padEnd(10)} ${label.padEnd(12)} ${pad(fmt(median(xs.map((x) => x.ms)), 2), 9)} ${pad(fmt(median(xs.map((x) => x.mapsMs)), 2), 8)} ${pad(fmt(xs.reduce((s, x) => s + x.ms, 0), 1), 10)} ` +
          `${pad(fmt(first.rules), 8)} ${pad(mode === 'ipvs' ? fmt(first.netlinkOps) : '-', 8)} ${pad(mode === 'ipvs' ? fmt(first.ipsetEntries) : '-', 7)} ${pad(mode === 'userspace' ? fmt(first.sockets) : '-', 8)}`,
      );
    }
  }
  console.log(`\n    rules: iptables-restore lines written (iptables: a partial sync leaves unchanged Services' chains out;`);
  console.log(`    ipvs: its few nat rules; userspace: its portal rules). netlink: IPVS virtual/real server adds, updates,`);
  console.log(`    deletes. ipset: members after the sync. sockets: userspace proxy sockets opened or closed.`);
}

// ---------------------------------------------------------------------------------------------
// (2) Requests through DNS and IPVS on the headless cluster.

/** Advances in 500 ms steps until `cond` holds. */
async function until(c: Cluster, cond: () => boolean, ms: number): Promise<boolean> {
  for (let t = 0; t <= ms; t += 500) {
    if (cond()) return true;
    await c.run(500);
  }
  return cond();
}

const webService = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] } };

async function part2(): Promise<void> {
  const clusterNodes = 3;
  const wallSetup = performance.now();
  const c = await createCluster({ seed: 1, nodes: clusterNodes });
  await until(c, () => c.inspect.apiserver()?.bootstrapped === true && c.inspect.apiserver()!.workloads.nodes.filter((x) => x.ready === 'True').length === clusterNodes, 60_000);
  await until(c, () => (c.inspect.apiserver()?.catalog ?? []).some((o) => o.resource === 'serviceaccounts' && o.namespace === 'default' && o.name === 'default'), 30_000);
  // kubeadm's ConfigMap says mode "" (iptables): say ipvs, as the cluster tests do.
  const addon = { apiVersion: 'v1', kind: 'List', items: kubeProxyAddonObjects({ mode: 'ipvs' }).map((o) => o.obj) };
  await c.kubectl('apply -f -', JSON.stringify(addon));
  await until(c, () => c.inspect.proxy('node-1')?.mode === 'ipvs', 60_000);
  await c.kubectl('create deployment web --image=nginx --replicas=3');
  await c.kubectl('apply -f -', JSON.stringify(webService));
  const ip = JSON.parse((await c.kubectl('get service web -o json')).stdout).spec.clusterIP as string;
  const live = () => (c.inspect.ipvs('node-1').find((v) => v.vip === ip && v.port === 80)?.realServers ?? []).filter((r) => r.weight > 0).length;
  const ready = await until(c, () => live() === 3 && c.inspect.dns('web.default.svc.cluster.local', 'A').answers.length > 0, 120_000);
  console.log(`\n(2) traffic.send from node-1 through its kube-proxy (${c.inspect.proxy('node-1')?.mode}, rr), fast profile, ${clusterNodes} nodes, nginx ×3 behind Service web (${ip}:80)`);
  console.log(`    setup ${fmt((performance.now() - wallSetup) / 1000, 1)} wall s, ${fmt(c.clock.now() / 1000, 1)} simulated s${ready ? '' : ' — endpoints NOT ready'}; ${fmt(requests)} requests at ${fmt(rate)}/simulated s, 50 ms each\n`);
  const head = `    ${'mode'.padEnd(9)} ${'to'.padEnd(34)} ${pad('requests', 9)} ${pad('ok', 6)} ${pad('failed', 6)} ${pad('wall s', 7)} ${pad('req/wall s', 11)} ${pad('sim s', 6)} ${pad('req/sim s', 10)}  per endpoint`;
  console.log(head);
  console.log(`    ${'-'.repeat(head.length - 4)}`);
  const row = async (label: string, to: string, n: number, sends: number) => {
    const mode = c.inspect.proxy('node-1')?.mode ?? '?';
    const wall0 = performance.now();
    const sim0 = c.clock.now();
    let ok = 0;
    let failed = 0;
    const by: Record<string, number> = {};
    const errors: Record<string, number> = {};
    for (let s = 0; s < sends; s++) {
      const r = await c.traffic.send({ from: 'node-1', to, requests: n / sends, ratePerSecond: rate });
      ok += r.ok;
      failed += r.failed;
      for (const [k, v] of Object.entries(r.byEndpoint)) by[k] = (by[k] ?? 0) + v;
      for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
      if (r.error) errors[r.error] = (errors[r.error] ?? 0) + 1;
    }
    const wall = (performance.now() - wall0) / 1000;
    const sim = (c.clock.now() - sim0) / 1000;
    const spread = Object.entries(by)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    const errs = Object.keys(errors).length ? ` errors: ${JSON.stringify(errors)}` : '';
    console.log(`    ${mode.padEnd(9)} ${label.padEnd(34)} ${pad(fmt(n), 9)} ${pad(fmt(ok), 6)} ${pad(fmt(failed), 6)} ${pad(fmt(wall, 2), 7)} ${pad(fmt(n / wall), 11)} ${pad(fmt(sim, 2), 6)} ${pad(fmt(n / sim), 10)}  ${spread}${errs}`);
  };
  // A short warm-up, then the measured rows.
  await c.traffic.send({ from: 'node-1', to: 'web.default.svc.cluster.local:80', requests: 200, ratePerSecond: rate });
  await row('web.default.svc.cluster.local:80', 'web.default.svc.cluster.local:80', requests, 1);
  await row(`${ip}:80 (no DNS)`, `${ip}:80`, requests, 1);
  const lookups = Math.min(500, requests);
  await row(`by name, one send per request`, 'web.default.svc.cluster.local:80', lookups, lookups);
  // The same by-IP traffic after the ConfigMap switches the mode (kube-proxy reprograms the node when it reads it).
  for (const mode of ['iptables', 'userspace'] as ProxyMode[]) {
    await c.kubectl('apply -f -', JSON.stringify(kubeProxyConfigMapObject({ mode })));
    const switched = await until(c, () => c.inspect.proxy('node-1')?.mode === mode && (c.inspect.proxy('node-1')?.iptablesSave ?? '').includes(ip), 60_000);
    if (!switched) console.log(`    (node-1 did not switch to ${mode})`);
    await row(`${ip}:80 (no DNS)`, `${ip}:80`, requests, 1);
  }
  console.log(`\n    traffic.send resolves the name once per call (from a node: the name as given, no search path). The`);
  console.log(`    "one send per request" row calls it per request: each pays the client's GET of its Node through the`);
  console.log(`    apiserver and a DNS query to CoreDNS before its connection, and the calls run one after another.`);
}

async function main(): Promise<void> {
  console.log(`Kubeplay kube-proxy (SimHost, Node ${process.version})\n`);
  part1();
  await part2();
  console.log(`\n(3) Workers: see bench/worker-throughput.ts for the messaging limits (not measured here).`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
