// Benchmark page (bench/worker-throughput.ts drives it in headless Chromium): the raw speed of a
// worker → worker MessageChannel, WorkerHost's tick rate on trivial processes, committed etcd
// puts per wall second for a 3-member cluster under WorkerHost at full speed, and kube-apiserver's
// creates, list and watch delivery in the browser cluster, and requests through DNS and IPVS.

import { etcdClientKind, etcdMemberKind, timingFor, type EtcdClientProcess, type EtcdMemberOptions, type MemberTelemetry, type Profile } from '../engine/etcd';
import type { ProcessKind } from '../engine/sim/env';
import { spawnProcessWorker } from '../engine/workers/spawn';
import { WorkerHost } from '../engine/workers/worker-host';
import { createBrowserCluster } from '../engine/workers/browser-cluster';
import { kubeProxyAddonObjects } from '../engine/proxy/addon';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Events per second over one worker → worker channel, `batch` events per postMessage. */
async function channel(count: number, batch: number): Promise<number> {
  const spawn = () => new Worker(new URL('./worker-throughput.channel.worker.ts', import.meta.url), { type: 'module' });
  const [sender, receiver] = [spawn(), spawn()];
  const said = (w: Worker, what: string) =>
    new Promise<void>((resolve) => w.addEventListener('message', (e) => e.data === what && resolve()));
  const { port1, port2 } = new MessageChannel();
  const ready = Promise.all([said(sender, 'ready'), said(receiver, 'ready')]);
  receiver.postMessage({ role: 'receive', port: port2, count, batch }, [port2]);
  sender.postMessage({ role: 'send', port: port1, count, batch }, [port1]);
  await ready;
  const done = said(receiver, 'done');
  const t0 = performance.now();
  sender.postMessage('go');
  await done;
  const ms = performance.now() - t0;
  sender.terminate();
  receiver.terminate();
  return (count * batch) / (ms / 1000);
}

/** What a heartbeat run measured. */
interface HeartbeatFigures {
  workers: number;
  simPerWall: number;
  ticksPerSec: number;
  workerTicksPerSec: number;
  envelopesPerSec: number;
}

/**
 * WorkerHost's own pace: `n` pingers, each pinging its neighbour every `intervalMs` (heartbeats, as
 * kubelets renew leases), pooled as the placement policy pools node agents, at full speed.
 */
async function heartbeats(n: number, intervalMs: number, seconds: number): Promise<HeartbeatFigures> {
  const host = new WorkerHost({ seed: 1, speed: Infinity, spawn: spawnProcessWorker, kinds: [etcdClientKind as ProcessKind<never>] });
  for (let i = 0; i < n; i++) await host.add(`hb-${i}`, 'pinger', { peers: [`hb-${(i + 1) % n}`], intervalMs, log: false });
  host.resume();
  await sleep(500);
  const [t0, s0, k0, w0, e0] = [performance.now(), host.now(), host.stats.ticks, host.stats.workerTicks, host.stats.envelopes];
  await sleep(seconds * 1000);
  const [t1, s1, k1, w1, e1] = [performance.now(), host.now(), host.stats.ticks, host.stats.workerTicks, host.stats.envelopes];
  const workers = host.poolsView().length;
  host.dispose();
  const perSec = (x: number) => (x * 1000) / (t1 - t0);
  return { workers, simPerWall: (s1 - s0) / (t1 - t0), ticksPerSec: perSec(k1 - k0), workerTicksPerSec: perSec(w1 - w0), envelopesPerSec: perSec(e1 - e0) };
}

/** What the etcd run measured. */
interface EtcdFigures {
  putsPerWallSec: number;
  putsPerSimSec: number;
  simPerWall: number;
  ticksPerSec: number;
  failed: number;
  idleSimPerWall: number;
}

/** Committed puts per wall second through the etcd client, `inflight` outstanding at a time, at full speed. */
async function etcd(profile: Profile, inflight: number, seconds: number): Promise<EtcdFigures> {
  const host = new WorkerHost({ seed: 1, speed: Infinity, spawn: spawnProcessWorker, kinds: [etcdClientKind as ProcessKind<never>] });
  const names = ['etcd-0', 'etcd-1', 'etcd-2'];
  const timing = timingFor(profile);
  for (const name of names) await host.add(name, etcdMemberKind.name, { name, initialCluster: names, clusterState: 'new', timing } satisfies EtcdMemberOptions);
  await host.add('bench-client', 'etcd-client', { epochMs: 0 });
  const client = host.localProcess<EtcdClientProcess>('bench-client')!.attach({ endpoints: () => names, reachable: (m) => host.isUp(m) });
  const leader = () => names.find((n) => (host.telemetry(n) as MemberTelemetry | undefined)?.raft.role === 'leader');
  if (!(await host.runUntil(() => !!leader(), 30_000))) throw new Error('no leader elected within 30 simulated seconds');
  let ticks = 0;
  host.subscribe(() => ticks++);

  // Idle first: how fast simulated time runs when only heartbeats flow.
  host.resume();
  await sleep(300);
  const [it0, is0] = [performance.now(), host.now()];
  await sleep(1000);
  const idleSimPerWall = (host.now() - is0) / (performance.now() - it0);

  const target = leader()!;
  let committed = 0;
  let failed = 0;
  let seq = 0;
  let stop = false;
  // Each next put is issued from the previous one's continuation, inside the client process.
  const issue = (): void => {
    if (stop) return;
    const i = seq++;
    client.call(target, 'Put', { key: `/bench/key-${i % 1000}`, value: `value-${i}` }, {}, (err) => {
      if (err) failed++;
      else committed++;
      issue();
    });
  };
  await host.act(() => {
    for (let i = 0; i < inflight; i++) issue();
  });
  await sleep(1000); // warm-up
  const [t0, s0, c0, k0, f0] = [performance.now(), host.now(), committed, ticks, failed];
  await sleep(seconds * 1000);
  const [t1, s1, c1, k1, f1] = [performance.now(), host.now(), committed, ticks, failed];
  stop = true;
  host.dispose();
  return {
    putsPerWallSec: ((c1 - c0) * 1000) / (t1 - t0),
    putsPerSimSec: ((c1 - c0) * 1000) / Math.max(1e-9, s1 - s0),
    simPerWall: (s1 - s0) / (t1 - t0),
    ticksPerSec: ((k1 - k0) * 1000) / (t1 - t0),
    failed: f1 - f0,
    idleSimPerWall,
  };
}

/** What the apiserver run measured. */
interface ApiServerFigures {
  objects: number;
  createsPerWallSec: number;
  createsPerSimSec: number;
  parallelCreatesPerWallSec: number;
  parallel: number;
  listMs: number;
  listed: number;
  watchEventsPerWallSec: number;
  watched: number;
  failed: number;
}

/**
 * kube-apiserver under WorkerHost, as bench/apiserver.ts measures it under SimHost: the browser
 * cluster (etcd members and the apiserver a Worker each, kubectl's transport on this thread) at the
 * top speed, `objects` ConfigMaps created one at a time, then as many again `parallel` at a time,
 * a list of all of them, and a watch replaying every create from the cache.
 */
async function apiserver(objects: number, parallel: number): Promise<ApiServerFigures> {
  const c = await createBrowserCluster({ seed: 1, etcdMembers: 3, profile: 'fast', controlPlane: true, nodes: 0, addons: [], speed: 100 });
  try {
    const t = performance.now();
    while ((await c.api('GET', '/readyz')).status !== 200) {
      if (performance.now() - t > 60_000) throw new Error('the apiserver was not ready within a minute');
      await sleep(100);
    }
    const cm = (i: number) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, labels: { bench: 'yes' } }, data: { i: String(i) } });
    const rv = JSON.parse((await c.api('GET', '/api/v1/namespaces/default/configmaps?limit=1')).body).metadata.resourceVersion as string;
    let failed = 0;
    const create = async (i: number) => {
      if ((await c.api('POST', '/api/v1/namespaces/default/configmaps', cm(i))).status !== 201) failed++;
    };
    const [w0, s0] = [performance.now(), c.snapshot().now];
    for (let i = 0; i < objects; i++) await create(i);
    const [w1, s1] = [performance.now(), c.snapshot().now];
    let next = objects;
    const worker = async () => {
      while (next < 2 * objects) await create(next++);
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    const w2 = performance.now();
    const l0 = performance.now();
    const listed = JSON.parse((await c.api('GET', '/api/v1/namespaces/default/configmaps')).body).items.length as number;
    const listMs = performance.now() - l0;
    const ww0 = performance.now();
    const replayed = await c.api('GET', `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}&timeoutSeconds=1`);
    const watched = replayed.body.split('\n').filter(Boolean).length;
    const wwall = performance.now() - ww0;
    return {
      objects,
      createsPerWallSec: (objects * 1000) / (w1 - w0),
      createsPerSimSec: (objects * 1000) / Math.max(1e-9, s1 - s0),
      parallelCreatesPerWallSec: (objects * 1000) / (w2 - w1),
      parallel,
      listMs,
      listed,
      watchEventsPerWallSec: (watched * 1000) / wwall,
      watched,
      failed,
    };
  } finally {
    c.dispose();
  }
}

/** What the traffic run measured. */
interface TrafficFigures {
  setupWallSec: number;
  requests: number;
  ok: number;
  failed: number;
  wallSec: number;
  simSec: number;
  byEndpoint: Record<string, number>;
  error?: string;
}

/**
 * Requests through cluster DNS and IPVS in the browser cluster, as bench/proxy.ts (2) sends them
 * under SimHost: 3 nodes (kubelets and kube-proxies pooled in Workers), CoreDNS, a 3-replica nginx
 * Deployment behind Service web; `requests` from node-1 by name at `rate` per simulated second.
 */
async function traffic(requests: number, rate: number): Promise<TrafficFigures> {
  const w0 = performance.now();
  const c = await createBrowserCluster({ seed: 1, etcdMembers: 3, profile: 'fast', controlPlane: true, nodes: 3, speed: 100 });
  try {
    const must = async (line: string, stdin?: string) => {
      const r = await c.kubectl(line, stdin);
      if (r.code !== 0) throw new Error(`${line}: ${r.stderr}`);
    };
    const until = async (what: string, ok: () => Promise<boolean> | boolean, ms = 120_000) => {
      for (const t = performance.now(); !(await ok()); await sleep(200)) if (performance.now() - t > ms) throw new Error(`${what} within ${ms / 1000} wall s`);
    };
    await until('the default ServiceAccount', async () => (await c.api('GET', '/api/v1/namespaces/default/serviceaccounts/default')).status === 200);
    await must('apply -f -', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: kubeProxyAddonObjects({ mode: 'ipvs' }).map((o) => o.obj) }));
    await must('create deployment web --image=nginx --replicas=3');
    await must('expose deployment web --port=80');
    const to = 'web.default.svc.cluster.local:80';
    await until('three endpoints answering through node-1', async () => {
      const r = await c.sendTraffic({ from: 'node-1', to, requests: 30, ratePerSecond: rate });
      return r.ok === 30 && Object.keys(r.byEndpoint).length === 3;
    });
    const setupWallSec = (performance.now() - w0) / 1000;
    const [t0, s0] = [performance.now(), c.snapshot().now];
    const r = await c.sendTraffic({ from: 'node-1', to, requests, ratePerSecond: rate });
    const [t1, s1] = [performance.now(), c.snapshot().now];
    return { setupWallSec, requests, ok: r.ok, failed: r.failed, wallSec: (t1 - t0) / 1000, simSec: (s1 - s0) / 1000, byEndpoint: r.byEndpoint, ...(r.error ? { error: r.error } : {}) };
  } finally {
    c.dispose();
  }
}

interface WorkloadFigures {
  pods: number;
  nodes: number;
  running: number;
  setupWallSec: number;
  wallSec: number;
  simSec: number;
  gaveUp: boolean;
  /** Lockstep ticks, Worker ticks and routed messages (those sent Worker to Worker among them) from the create on. */
  ticks: number;
  workerTicks: number;
  envelopes: number;
  direct: number;
}

/**
 * A Deployment of `pods` replicas on `nodes` worker nodes in the browser cluster at speed 100×,
 * from the create until every pod is Running (as the apiserver's watch cache has them), or until
 * `capWallSec` passes; as bench/workloads-1000.ts measures it headless.
 */
async function workloads(pods: number, nodes: number, capWallSec: number): Promise<WorkloadFigures> {
  const w0 = performance.now();
  const c = await createBrowserCluster({ seed: 1, etcdMembers: 3, profile: 'fast', controlPlane: true, nodes, speed: 100 });
  try {
    const running = () => (c.snapshot().workloads?.pods ?? []).filter((p) => p.namespace === 'default' && p.phase === 'Running').length;
    for (const t = performance.now(); (await c.api('GET', '/api/v1/namespaces/default/serviceaccounts/default')).status !== 200; await sleep(200))
      if (performance.now() - t > 120_000) throw new Error('no default ServiceAccount within 120 wall s');
    const ready = () => (c.snapshot().workloads?.nodes ?? []).filter((n) => n.ready === 'True').length;
    for (const t = performance.now(); ready() < nodes; await sleep(200)) if (performance.now() - t > 120_000) throw new Error(`only ${ready()} of ${nodes} nodes Ready within 120 wall s`);
    const setupWallSec = (performance.now() - w0) / 1000;
    const r = await c.kubectl(`create deployment web --image=nginx --replicas=${pods}`);
    if (r.code !== 0) throw new Error(r.stderr);
    const [t0, s0, k0] = [performance.now(), c.snapshot().now, await c.runtimeStats()];
    let gaveUp = false;
    for (; running() < pods; await sleep(250)) {
      if (performance.now() - t0 > capWallSec * 1000) {
        gaveUp = true;
        break;
      }
    }
    const k1 = await c.runtimeStats();
    return { pods, nodes, running: running(), setupWallSec, wallSec: (performance.now() - t0) / 1000, simSec: (c.snapshot().now - s0) / 1000, gaveUp, ticks: k1.ticks - k0.ticks, workerTicks: k1.workerTicks - k0.workerTicks, envelopes: k1.envelopes - k0.envelopes, direct: k1.direct - k0.direct };
  } finally {
    c.dispose();
  }
}

declare global {
  interface Window {
    bench: { channel: typeof channel; heartbeats: typeof heartbeats; etcd: typeof etcd; apiserver: typeof apiserver; traffic: typeof traffic; workloads: typeof workloads };
  }
}
window.bench = { channel, heartbeats, etcd, apiserver, traffic, workloads };
document.getElementById('out')!.textContent = 'ready';
