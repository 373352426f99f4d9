// Committed puts per wall-clock second for a 3-member etcd cluster under SimHost (one thread).
// A client keeps `inflight` puts outstanding; the figure is puts acknowledged / wall seconds.
// Run: npx tsx bench/sim-throughput.ts [simSeconds=20] [inflight=64]

import { Cluster } from '../engine/cluster';
import { EtcdClientProcess } from '../engine/etcd';

const simSeconds = Number(process.argv[2] ?? 20);
const inflight = Number(process.argv[3] ?? 64);

for (const profile of ['fast', 'realistic'] as const) {
  const c = new Cluster({ seed: 1, etcdMembers: 3, profile });
  c.sim.runUntil(() => c.leader() !== null, 10_000);
  const names = c.etcdNames.slice();
  let client!: EtcdClientProcess;
  c.sim.add('bench-client', (env) => (client = new EtcdClientProcess(env, () => names, () => true)));
  let acked = 0;
  let failed = 0;
  let next = 0;
  const issue = () => {
    const i = next++;
    client
      .call(names[i % names.length], 'Put', { key: `k${i % 1000}`, value: `v${i}` })
      .then(() => acked++, () => failed++)
      .finally(() => issue());
  };
  for (let i = 0; i < inflight; i++) issue();
  const startSim = c.clock.now();
  const startWall = performance.now();
  while (c.clock.now() - startSim < simSeconds * 1000) {
    c.sim.runFor(10);
    for (let i = 0; i < 16; i++) await Promise.resolve();
  }
  const wallS = (performance.now() - startWall) / 1000;
  const rev = c.inspect.member(c.leader()!)?.revision ?? 0;
  console.log(
    `sim-throughput profile=${profile} members=3 inflight=${inflight}: ${acked} puts acknowledged in ${simSeconds}s simulated, ` +
      `${wallS.toFixed(2)}s wall → ${(acked / wallS).toFixed(0)} committed puts/wall-s ` +
      `(${(acked / simSeconds).toFixed(0)} puts/sim-s, ${failed} failed, store revision ${rev})`,
  );
}
