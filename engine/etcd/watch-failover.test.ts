// End to end: `etcdctl watch --prefix /k` keeps printing while its member dies and comes back. As
// clientv3's watcher does (clientv3/watch.go: resuming substreams through the balancer), the watch
// resumes on another member from the revision after the last event it delivered, so etcdctl prints
// every event exactly once, in revision order. Seeded; replay one with WATCH_SEED=<seed>.

import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import { etcdClientKind, type EtcdClientProcess, type EtcdMember } from '.';
import type { WatchEvent } from './types';

const seeds = process.env.WATCH_SEED ? [Number(process.env.WATCH_SEED)] : [1, 2, 3, 4, 5, 6];
const puts = 200;

/** The member etcdctl's watch is on now, from the client's outstanding work ('Watch → etcd-1'). */
function watchMember(c: Cluster): string | undefined {
  const w = c.client.outstanding().find((o) => o.what.startsWith('Watch → '));
  return w?.what.slice('Watch → '.length);
}

/** Every /k event a member's store holds, from the first revision: what the watch should have printed. */
function history(m: EtcdMember): WatchEvent[] {
  const events: WatchEvent[] = [];
  const id = m.store.watch({ key: '/k', range_end: '/l', start_revision: 1 }, (n) => events.push(...n.events));
  while (m.store.syncWatchers() > 0);
  m.store.cancelWatch(id);
  return events;
}

/** etcdctl's simple watch output: "PUT\n<key>\n<value>\n" per event. */
const printed = (evs: WatchEvent[]) => evs.map((e) => `${e.type}\n${e.kv.key}\n${e.kv.value}\n`).join('');

async function scenario(seed: number): Promise<{ stdout: string; expected: string; moved: [string, string]; acked: number }> {
  const c = new Cluster({
    seed,
    etcdMembers: 3,
    profile: 'fast',
    network: { latencyMsMin: 0.5, latencyMsMax: 15, dropRate: 0.03, duplicateRate: 0.02 },
  });
  expect(c.sim.runUntil(() => c.leader() !== null, 10_000)).toBe(true);
  // etcdctl's watch requires a leader (WithRequireLeader): start it once every member knows one.
  expect(c.sim.runUntil(() => c.inspect.raft().every((r) => r.leader !== null), 5000)).toBe(true);
  let stdout = '';
  let result: { code: number; stderr: string } | null = null;
  const id = c.startEtcdctl('watch --prefix /k', undefined, { onStdout: (s) => (stdout += s), onDone: (r) => (result = r) });
  c.sim.runFor(500);
  const first = watchMember(c)!;
  expect(first).toBeDefined();

  // A writer issues 200 puts, 8 at a time, each next one from an answer; a failed put's outcome is
  // unknown (it may still be applied), so what the watch must print is what the store holds.
  c.sim.add('writer', etcdClientKind, { epochMs: 0 });
  const names = c.etcdNames.slice();
  const writer = c.sim.process<EtcdClientProcess>('writer')!.attach({ endpoints: () => names, reachable: (m) => c.sim.isUp(m) });
  let next = 0;
  let answered = 0;
  let acked = 0;
  const put = (): void => {
    if (next >= puts) return;
    const i = next++;
    const up = names.filter((n) => c.sim.isUp(n));
    writer.call(up[i % up.length] ?? names[0], 'Put', { key: `/k/${i % 50}`, value: `v${i}` }, { timeoutMs: 1000 }, (err) => {
      answered++;
      if (!err) acked++;
      put();
    });
  };
  for (let i = 0; i < 8; i++) put();

  // Mid-way, the member the watch is on dies; it comes back later.
  expect(c.sim.runUntil(() => answered >= puts / 2, 30_000)).toBe(true);
  c.chaos.killEtcd(first);
  // clientv3 waits out its backoff, then re-dials through the balancer.
  expect(c.sim.runUntil(() => watchMember(c) !== first, 2000)).toBe(true);
  const moved = watchMember(c)!;
  expect(c.sim.runUntil(() => answered >= (puts * 3) / 4, 30_000)).toBe(true);
  c.chaos.restartEtcd(first);
  expect(c.sim.runUntil(() => answered >= puts, 60_000)).toBe(true);
  // Let every member apply everything and the watch catch up.
  c.sim.runFor(3000);
  c.interrupt(id);
  c.sim.runFor(100);
  expect(result).toMatchObject({ code: 130, stderr: '' });
  const m = c.sim.process<EtcdMember>(c.leader()!)!;
  return { stdout, expected: printed(history(m)), moved: [first, moved], acked };
}

describe('etcdctl watch across a member failure (clientv3 resumes on another endpoint)', () => {
  for (const seed of seeds) {
    it(`seed ${seed}: every event printed once, in revision order`, async () => {
      const { stdout, expected, moved, acked } = await scenario(seed);
      expect(acked).toBeGreaterThan(puts / 2);
      expect(moved[1]).not.toBe(moved[0]);
      // Each event is three lines (type, key, value); every acknowledged put is among them.
      expect(stdout.split('\n').length - 1).toBeGreaterThanOrEqual(3 * acked);
      expect(stdout).toBe(expected);
    });
  }
});
