// A Deployment of 1,000 pods on 10 nodes (110 pods each at most: room for 1,100), headless under
// SimHost with the fast profile (createCluster from engine/index.ts): wall and simulated time until
// every pod is scheduled, then Running and ready, and the heap the whole cluster holds then (etcd
// members, apiserver and its watch cache, controllers, scheduler, kubelets, proxies, DNS).
// Heap: process.memoryUsage().heapUsed after a full GC, minus the same before the cluster was built,
// when node runs with --expose-gc (npm run bench passes it); without it, after no GC, and it says so.
// Prints figures only. Run: npx tsx --expose-gc bench/workloads-1000.ts [replicas=1000] [nodes=10]

import { type Cluster, createCluster } from '../engine/index';

const replicas = Number(process.argv[2] ?? 1000);
const nodes = Number(process.argv[3] ?? 10);
const settleMs = 20_000;
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const mib = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MiB`;
const gc = (globalThis as { gc?: () => void }).gc;

/** heapUsed after a full collection (twice, so that finalised objects go too) when gc is exposed. */
function heapUsed(): number {
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

/** Advances in 500 ms steps until `cond` holds (telemetry is read between steps, not after every event); `progress` is printed every 30 simulated s. */
async function until(c: Cluster, cond: () => boolean, ms: number, progress?: () => string): Promise<boolean> {
  for (let t = 0; t <= ms; t += 500) {
    if (cond()) return true;
    if (progress && t > 0 && t % 30_000 === 0) console.error(`  … ${fmt(c.clock.now() / 1000)} simulated s: ${progress()}`);
    await c.run(500);
  }
  return cond();
}

/** How many of the Deployment's pods are in each status (kubectl's STATUS column), for the progress lines. */
function statusCounts(c: Cluster): string {
  const by = new Map<string, number>();
  for (const p of pods(c)) by.set(p.status, (by.get(p.status) ?? 0) + 1);
  return [...by].map(([s, n]) => `${n} ${s}`).join(', ');
}

const pods = (c: Cluster) => (c.inspect.apiserver()?.workloads.pods ?? []).filter((p) => p.namespace === 'default' && p.owner.startsWith('ReplicaSet/') && !p.deleting);

async function main(): Promise<void> {
  const heap0 = heapUsed();
  const build0 = performance.now();
  const c = await createCluster({ seed: 1, nodes, profile: 'fast' });
  const booted = await until(c, () => c.inspect.apiserver()?.bootstrapped === true && c.inspect.apiserver()!.workloads.nodes.filter((n) => n.ready === 'True').length === nodes, 120_000);
  await until(c, () => (c.inspect.apiserver()?.catalog ?? []).some((o) => o.resource === 'serviceaccounts' && o.namespace === 'default'), 60_000);
  // Let the addons' pods (CoreDNS) start and the node statuses settle before the Deployment goes in.
  await c.run(settleMs);
  const buildWall = (performance.now() - build0) / 1000;
  console.log(`Kubeplay: a Deployment of ${fmt(replicas)} pods on ${nodes} nodes (SimHost, fast profile, seed 1)\n`);
  console.log(`cluster up                 ${booted ? '' : '(nodes not all Ready) '}${fmt(c.clock.now() / 1000, 1)} simulated s, ${fmt(buildWall, 1)} wall s (3 etcd members, control plane, ${nodes} nodes Ready, then ${settleMs / 1000} simulated s to settle)`);

  const wall0 = performance.now();
  const sim0 = c.clock.now();
  const cpu0 = process.cpuUsage();
  const r = await c.kubectl(`create deployment web --image=nginx --replicas=${replicas}`);
  if (r.code !== 0) throw new Error(r.stderr);
  const scheduled = await until(c, () => pods(c).filter((p) => p.node !== '').length === replicas, 1_800_000, () => statusCounts(c));
  const schedWall = (performance.now() - wall0) / 1000;
  const schedSim = (c.clock.now() - sim0) / 1000;
  console.log(`all ${fmt(replicas)} scheduled         ${scheduled ? '' : '(not reached) '}${fmt(schedSim, 1)} simulated s, ${fmt(schedWall, 1)} wall s`);
  const running = await until(c, () => pods(c).filter((p) => p.phase === 'Running' && p.ready).length === replicas, 1_800_000, () => statusCounts(c));
  const wall = (performance.now() - wall0) / 1000;
  const sim = (c.clock.now() - sim0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(`all Running and ready      ${running ? '' : '(not reached) '}${fmt(sim, 1)} simulated s, ${fmt(wall, 1)} wall s (${fmt(replicas / wall, 1)} pods per wall second; ${fmt((cpu.user + cpu.system) / 1e6, 1)} CPU s)`);
  const perNode = new Map<string, number>();
  for (const p of pods(c)) perNode.set(p.node, (perNode.get(p.node) ?? 0) + 1);
  console.log(`spread                     ${fmt(Math.min(...perNode.values()))}–${fmt(Math.max(...perNode.values()))} pods per node`);

  const heap = heapUsed();
  const m = process.memoryUsage();
  const how = gc ? 'after a full GC (--expose-gc), minus the heap before the cluster was built' : 'WITHOUT a GC (run node with --expose-gc for a settled figure), minus the heap before the cluster was built';
  console.log(`heap used by the cluster   ${mib(heap - heap0)} (${how}); process heapUsed ${mib(m.heapUsed)}, rss ${mib(m.rss)}`);
  // Keep the cluster reachable until the heap is measured.
  if (c.clock.now() < 0) console.log(c.digest());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
