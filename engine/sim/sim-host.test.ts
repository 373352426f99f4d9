// SimHost's promises: the same seed gives the same history, message for message; crashes keep
// only the disk; the network honours partitions, loss and duplication.

import { describe, expect, it } from 'vitest';
import { SimHost } from './sim-host';
import { Cluster } from '../cluster';
import type { Env, Process } from './env';

/** Records everything a cluster run sends, as one string. */
function trace(seed: number): string {
  const c = new Cluster({ seed, etcdMembers: 3, network: { latencyMsMin: 1, latencyMsMax: 30, dropRate: 0.05, duplicateRate: 0.05 } });
  const out: string[] = [];
  c.sim.observe((r) => out.push(`${r.sentAt.toFixed(3)} ${r.from}>${r.to} ${(r.msg as { kind?: string; m?: { type: string } }).m?.type ?? (r.msg as { kind?: string }).kind} ${r.deliverAt.map((t) => t.toFixed(3)).join(',')}`));
  c.sim.runFor(3000);
  c.chaos.killEtcd(c.leader() ?? 'etcd-0');
  c.sim.runFor(5000);
  return out.join('\n');
}

/** A process that counts pings on its disk and answers them. */
function counter(env: Env): Process {
  return {
    receive(from, msg) {
      if (msg === 'ping') {
        env.disk.put('count', (env.disk.get<number>('count') ?? 0) + 1);
        env.send(from, 'pong');
      }
    },
    telemetry: () => ({ count: env.disk.get<number>('count') ?? 0 }),
  };
}

describe('SimHost', () => {
  it('replays the same history from the same seed, and a different one from another seed', () => {
    const a = trace(42);
    expect(a.length).toBeGreaterThan(1000);
    expect(trace(42)).toBe(a);
    expect(trace(43)).not.toBe(a);
  });

  it('a restart keeps the disk and nothing else; messages to a dead process are lost', () => {
    const sim = new SimHost({ seed: 1 });
    const pongs: number[] = [];
    sim.add('c', counter);
    // p pings c at t=0 (c up), t=20 (c down) and t=40 (c restarted).
    sim.add('p', (env) => {
      for (const at of [0, 20, 40]) env.setTimer(at, () => env.send('c', 'ping'));
      return { receive: (_f, m) => void (m === 'pong' && pongs.push(env.now())) };
    });
    sim.runFor(10);
    expect(pongs).toHaveLength(1);
    expect(sim.kill('c')).toBe(true);
    expect(sim.kill('c')).toBe(false);
    sim.runFor(20);
    expect(pongs).toHaveLength(1);
    expect(sim.restart('c')).toBe(true);
    expect(sim.restart('c')).toBe(false);
    expect((sim.process('c')!.telemetry!() as { count: number }).count).toBe(1);
    sim.runFor(20);
    expect(pongs).toHaveLength(2);
    expect((sim.process('c')!.telemetry!() as { count: number }).count).toBe(2);
  });

  it('cuts links in both directions and heals them', () => {
    const sim = new SimHost({ seed: 1 });
    const got: string[] = [];
    sim.add('a', (env) => {
      env.setTimer(0, () => env.send('b', 'x'));
      env.setTimer(20, () => env.send('b', 'x'));
      return { receive: (f) => void got.push(`a<${f}`) };
    });
    sim.add('b', (env) => {
      env.setTimer(0, () => env.send('a', 'x'));
      return { receive: (f) => void got.push(`b<${f}`) };
    });
    sim.links.partition([['a'], ['b']]);
    sim.runFor(10);
    expect(got).toEqual([]);
    sim.links.heal();
    sim.runFor(20);
    expect(got).toEqual(['b<a']);
  });

  it('loses and duplicates messages at the configured rates', () => {
    const sim = new SimHost({ seed: 3, network: { dropRate: 0.2, duplicateRate: 0.1 } });
    let n = 0;
    sim.add('b', () => ({ receive: () => void n++ }));
    sim.add('a', (env) => {
      env.setTimer(0, () => {
        for (let i = 0; i < 10_000; i++) env.send('b', i);
      });
      return { receive: () => {} };
    });
    sim.runFor(100);
    // Expected deliveries: 10,000 × 0.8 × 1.1 = 8,800.
    expect(n).toBeGreaterThan(8500);
    expect(n).toBeLessThan(9100);
  });
});
