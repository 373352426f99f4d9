// Failover time: kill the leader of a 3-member cluster and measure simulated time until a new
// leader (higher term) is known to a quorum. Over many seeds, for both timing profiles.
// Run: npx tsx bench/failover.ts [seeds=1000]

import { Cluster } from '../engine/cluster';

const seeds = Number(process.argv[2] ?? 1000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

for (const profile of ['fast', 'realistic'] as const) {
  const times: number[] = [];
  let stuck = 0;
  const wall = performance.now();
  for (let seed = 1; seed <= seeds; seed++) {
    const c = new Cluster({ seed, etcdMembers: 3, profile });
    c.sim.runUntil(() => c.leader() !== null, 30_000);
    c.sim.runFor(500); // settle: followers know the leader
    const old = c.leader()!;
    const oldTerm = c.inspect.raft().find((r) => r.id === old)!.term;
    c.chaos.killEtcd(old);
    const killedAt = c.clock.now();
    const elected = c.sim.runUntil(() => {
      const live = c.inspect.raft().filter((r) => r.role !== 'down');
      const leader = live.find((r) => r.role === 'leader' && r.term > oldTerm);
      return !!leader && live.filter((r) => r.leader === leader.id).length >= 2;
    }, 60_000);
    if (elected) times.push(c.clock.now() - killedAt);
    else stuck++;
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  console.log(
    `failover profile=${profile} seeds=${seeds}: mean ${mean.toFixed(0)} ms, p50 ${percentile(times, 50).toFixed(0)} ms, ` +
      `p90 ${percentile(times, 90).toFixed(0)} ms, p99 ${percentile(times, 99).toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms ` +
      `(simulated; ${stuck} seeds without a new leader in 60 s; ${((performance.now() - wall) / 1000).toFixed(1)} s wall)`,
  );
}
