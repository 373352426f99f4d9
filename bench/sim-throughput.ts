// Committed puts per wall-clock second for a 3-member etcd cluster under SimHost (one thread).
// A client keeps `inflight` puts outstanding (each next put is issued from the previous one's
// continuation, inside the client process); the figure is puts acknowledged / wall seconds.
// Run: npx tsx bench/sim-throughput.ts [simSeconds=20] [inflight=64]

import { Cluster } from '../engine/cluster';
import { etcdClientKind, type EtcdClientProcess } from '../engine/etcd';

const simSeconds = Number(process.argv[2] ?? 20);
const inflight = Number(process.argv[3] ?? 64);

for (const profile of ['fast', 'realistic'] as const) {
  const c = new Cluster({ seed: 1, etcdMembers: 3, profile });
  c.sim.runUntil(() => c.leader() !== null, 10_000);
  const names = c.etcdNames.slice();
  c.sim.add('bench-client', etcdClientKind, { epochMs: 0 });
  const client = c.sim.process<EtcdClientProcess>('bench-client')!.attach({ endpoints: () => names, reachable: () => true });
  let acked = 0;
  let failed = 0;
  let next = 0;
  const issue = (): void => {
    const i = next++;
    client.call(names[i % names.length], 'Put', { key: `k${i % 1000}`, value: `v${i}` }, {}, (err) => {
      if (err) failed++;
      else acked++;
      issue();
    });
  };
  for (let i = 0; i < inflight; i++) issue();
  const startWall = performance.now();
  c.sim.runFor(simSeconds * 1000);
  const wallS = (performance.now() - startWall) / 1000;
  const rev = c.inspect.member(c.leader()!)?.revision ?? 0;
  console.log(
    `sim-throughput profile=${profile} members=3 inflight=${inflight}: ${acked} puts acknowledged in ${simSeconds}s simulated, ` +
      `${wallS.toFixed(2)}s wall → ${(acked / wallS).toFixed(0)} committed puts/wall-s ` +
      `(${(acked / simSeconds).toFixed(0)} puts/sim-s, ${failed} failed, store revision ${rev})`,
  );
}

// 100 processes heartbeating at 1 Hz (each pings one neighbour once a second), the shape of a
// 50-node cluster's kubelets and kube-proxies: simulated seconds per wall second under SimHost.
{
  const c = new Cluster({ seed: 1, etcdMembers: 1 });
  const n = 100;
  for (let i = 0; i < n; i++) c.sim.add(`hb-${i}`, 'pinger', { peers: [`hb-${(i + 1) % n}`], intervalMs: 1000, log: false });
  const wall0 = performance.now();
  c.sim.runFor(60_000);
  const wallS = (performance.now() - wall0) / 1000;
  console.log(`sim-heartbeats processes=${n} at 1 Hz (+1 etcd member): 60 simulated s in ${wallS.toFixed(2)}s wall → ${(60 / wallS).toFixed(0)} simulated s per wall s`);
}
