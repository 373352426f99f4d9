// Workloads under SimHost: how fast a Deployment's pods go from created to Running across a cluster
// (controller-manager creates them, the scheduler places them, the kubelets pull and start them),
// and how long a killed node takes to heal (NotReady, taints, eviction after the 300 s tolerations,
// replacements scheduled elsewhere), in simulated and wall time. Prints figures only.
// Run: npx tsx bench/workloads.ts [nodes=20] [replicas=200]

import { createCluster, type Cluster } from '../engine/cluster';

const nodes = Number(process.argv[2] ?? 20);
const replicas = Number(process.argv[3] ?? 200);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Advances in 500 ms steps until `cond` holds (telemetry is read between steps, not after every event). */
async function until(c: Cluster, cond: () => boolean, ms: number): Promise<boolean> {
  for (let t = 0; t <= ms; t += 500) {
    if (cond()) return true;
    await c.run(500);
  }
  return cond();
}

const live = (c: Cluster) => (c.inspect.apiserver()?.workloads.pods ?? []).filter((p) => p.namespace === 'default' && !p.deleting);

async function main(): Promise<void> {
  const c = await createCluster({ seed: 1, nodes });
  await until(c, () => c.inspect.apiserver()?.bootstrapped === true && c.inspect.apiserver()!.workloads.nodes.filter((n) => n.ready === 'True').length === nodes, 60_000);
  await until(c, () => (c.inspect.apiserver()?.catalog ?? []).some((o) => o.resource === 'serviceaccounts' && o.namespace === 'default'), 30_000);
  console.log(`Kubeplay workloads (SimHost, fast profile): ${nodes} nodes, a Deployment of ${replicas} nginx pods\n`);

  const wall0 = performance.now();
  const sim0 = c.clock.now();
  await c.kubectl(`create deployment web --image=nginx --replicas=${replicas}`);
  const ok = await until(c, () => live(c).filter((p) => p.phase === 'Running' && p.ready).length === replicas, 600_000);
  const wall = (performance.now() - wall0) / 1000;
  const sim = (c.clock.now() - sim0) / 1000;
  console.log(`all Running                ${ok ? '' : '(not reached) '}${fmt(sim, 1)} simulated s, ${fmt(wall, 1)} wall s (${fmt(replicas / wall, 1)} pods per wall second)`);
  const perNode = new Map<string, number>();
  for (const p of live(c)) perNode.set(p.node, (perNode.get(p.node) ?? 0) + 1);
  console.log(`spread                     ${fmt(Math.min(...perNode.values()))}–${fmt(Math.max(...perNode.values()))} pods per node`);

  const victim = 'node-1';
  const onVictim = live(c).filter((p) => p.node === victim).length;
  const hw0 = performance.now();
  const hs0 = c.clock.now();
  c.chaos.killNode(victim);
  const healed = await until(c, () => live(c).filter((p) => p.node !== victim && p.phase === 'Running').length === replicas, 900_000);
  console.log(`${`node killed (${onVictim} pods)`.padEnd(27)}${healed ? '' : '(not healed) '}healed after ${fmt((c.clock.now() - hs0) / 1000, 1)} simulated s, ${fmt((performance.now() - hw0) / 1000, 1)} wall s`);
  const wallPerSim = (performance.now() - wall0) / (c.clock.now() - sim0);
  console.log(`whole run                  ${fmt(1000 / wallPerSim / 1000, 2)}× real time (simulated s per wall s)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
