// SimHost's promises: the same seed gives the same history, input for input; crashes keep only the
// disk; the network honours partitions, loss and duplication; streams are ordered and reliable while
// connected, and both ends hear when one closes; a process that throws dies alone; crash points cut
// a process down right at a disk write.

import { describe, expect, it } from 'vitest';
import { SimHost } from './sim-host';
import { Cluster } from '../cluster';
import type { Env, Input, Process } from './env';

/** Records everything a cluster run sends, as one string. */
function trace(seed: number): { sends: string; digest: string } {
  const c = new Cluster({ seed, etcdMembers: 3, network: { latencyMsMin: 1, latencyMsMax: 30, dropRate: 0.05, duplicateRate: 0.05 } });
  const out: string[] = [];
  c.sim.observe((r) => out.push(`${r.sentAt.toFixed(3)} ${r.from}>${r.to} ${(r.msg as { kind?: string; m?: { type: string } } | null)?.m?.type ?? r.via} ${r.deliverAt.map((t) => t.toFixed(3)).join(',')}`));
  c.sim.runFor(3000);
  c.chaos.killEtcd(c.leader() ?? 'etcd-0');
  c.sim.runFor(5000);
  return { sends: out.join('\n'), digest: c.digest() };
}

/** A process built from a receive function, for short tests. */
const proc = (receive: (input: Input) => void, telemetry?: () => unknown): Process => ({ receive, telemetry });

/** A process that counts pings on its disk and answers them. */
function counter(env: Env): Process {
  return proc(
    (input) => {
      if (input.type === 'message' && input.msg === 'ping') {
        env.disk.put('count', (env.disk.get<number>('count') ?? 0) + 1);
        env.send(input.from, 'pong');
      }
    },
    () => ({ count: env.disk.get<number>('count') ?? 0 }),
  );
}

describe('SimHost', () => {
  it('replays the same history from the same seed, and a different one from another seed', () => {
    const a = trace(42);
    expect(a.sends.length).toBeGreaterThan(1000);
    expect(trace(42)).toEqual(a);
    const b = trace(43);
    expect(b.sends).not.toBe(a.sends);
    expect(b.digest).not.toBe(a.digest);
  });

  it('a restart keeps the disk and nothing else; messages to a dead process are lost', () => {
    const sim = new SimHost({ seed: 1 });
    const pongs: number[] = [];
    sim.add('c', counter);
    // p pings c at t=0 (c up), t=20 (c down) and t=40 (c restarted).
    sim.add('p', (env) => {
      for (const at of [0, 20, 40]) env.setTimer(at, 'ping');
      return proc((input) => {
        if (input.type === 'timer') env.send('c', 'ping');
        else if (input.type === 'message' && input.msg === 'pong') pongs.push(env.now());
      });
    });
    sim.runFor(10);
    expect(pongs).toHaveLength(1);
    expect(sim.kill('c')).toBe(true);
    expect(sim.kill('c')).toBe(false);
    sim.runFor(20);
    expect(pongs).toHaveLength(1);
    expect(sim.restart('c')).toBe(true);
    expect(sim.restart('c')).toBe(false);
    expect((sim.telemetry('c') as { count: number }).count).toBe(1);
    sim.runFor(20);
    expect(pongs).toHaveLength(2);
    expect((sim.telemetry('c') as { count: number }).count).toBe(2);
  });

  it('cuts links in both directions and heals them', () => {
    const sim = new SimHost({ seed: 1 });
    const got: string[] = [];
    const sender = (peer: string, times: number[]) => (env: Env) => {
      for (const t of times) env.setTimer(t, 'send');
      return proc((input) => {
        if (input.type === 'timer') env.send(peer, 'x');
        else if (input.type === 'message') got.push(`${env.id}<${input.from}`);
      });
    };
    sim.add('a', sender('b', [0, 20]));
    sim.add('b', sender('a', [0]));
    sim.partition([['a'], ['b']]);
    sim.runFor(10);
    expect(got).toEqual([]);
    sim.heal();
    sim.runFor(20);
    expect(got).toEqual(['b<a']);
  });

  it('loses and duplicates datagrams at the configured rates', () => {
    const sim = new SimHost({ seed: 3, network: { dropRate: 0.2, duplicateRate: 0.1 } });
    let n = 0;
    sim.add('b', () => proc(() => void n++));
    sim.add('a', (env) => {
      env.setTimer(0, 'go');
      return proc((input) => {
        if (input.type === 'timer') for (let i = 0; i < 10_000; i++) env.send('b', i);
      });
    });
    sim.runFor(100);
    // Expected deliveries: 10,000 × 0.8 × 1.1 = 8,800.
    expect(n).toBeGreaterThan(8500);
    expect(n).toBeLessThan(9100);
  });

  it('timers are data: the tag comes back through receive, and pending timers can be listed', () => {
    const sim = new SimHost({ seed: 1 });
    const fired: unknown[] = [];
    sim.add('t', (env) => {
      env.setTimer(5, { t: 'a' });
      const b = env.setTimer(7, { t: 'b' });
      env.setTimer(9, { t: 'c' });
      env.cancelTimer(b);
      return proc((input) => void (input.type === 'timer' && fired.push([env.now(), input.tag])));
    });
    expect(sim.pending('t')!.timers.map((t) => [t.atMs, t.tag])).toEqual([
      [5, { t: 'a' }],
      [9, { t: 'c' }],
    ]);
    sim.runFor(10);
    expect(fired).toEqual([
      [5, { t: 'a' }],
      [9, { t: 'c' }],
    ]);
    expect(sim.pending('t')!.timers).toEqual([]);
  });

  it('copies what is sent, as postMessage would: a sender cannot change a message in flight, a function cannot be sent', () => {
    const sim = new SimHost({ seed: 1 });
    const got: unknown[] = [];
    sim.add('b', () => proc((input) => void (input.type === 'message' && got.push(input.msg))));
    sim.add('a', (env) => {
      env.setTimer(0, 'go');
      return proc(() => {
        const m = { n: 1 };
        env.send('b', m);
        m.n = 2;
        env.send('b', { f: () => 1 });
      });
    });
    sim.runFor(10);
    expect(got).toEqual([{ n: 1 }]);
    expect(sim.isUp('a')).toBe(false);
    expect(sim.errors[0].error).toMatch(/could not be cloned|DataCloneError/);
  });

  it('a process that throws dies with its error; the host and the others go on', () => {
    const sim = new SimHost({ seed: 1 });
    sim.add('bad', (env) => {
      env.setTimer(1, 'boom');
      return proc((input) => {
        if (input.type === 'timer') throw new Error('boom');
      });
    });
    sim.add('c', counter);
    sim.add('p', (env) => {
      env.setTimer(5, 'ping');
      return proc((input) => void (input.type === 'timer' && env.send('c', 'ping')));
    });
    sim.runFor(10);
    expect(sim.isUp('bad')).toBe(false);
    expect(sim.lastError('bad')).toMatch(/boom/);
    expect((sim.telemetry('c') as { count: number }).count).toBe(1);
  });
});

/** An echo server on streams, and a client that writes n numbered messages on one stream. */
function streamPair(sim: SimHost, n: number) {
  const got: number[] = [];
  const closed: { who: string; reason: string }[] = [];
  sim.add('server', (env) =>
    proc((input) => {
      if (input.type === 'data') env.write(input.stream, input.msg);
      if (input.type === 'closed') closed.push({ who: 'server', reason: input.reason });
    }),
  );
  let stream = '';
  sim.add('client', (env) => {
    env.setTimer(0, 'go');
    return proc((input) => {
      if (input.type === 'timer') {
        stream = env.connect('server');
        for (let i = 0; i < n; i++) env.write(stream, i);
      }
      if (input.type === 'data') got.push(input.msg as number);
      if (input.type === 'closed') closed.push({ who: 'client', reason: input.reason });
    });
  });
  return { got, closed, stream: () => stream };
}

describe('SimHost streams', () => {
  it('deliver in order however random the latency, where datagrams reorder', () => {
    const sim = new SimHost({ seed: 5, network: { latencyMsMin: 0.5, latencyMsMax: 40 } });
    const { got } = streamPair(sim, 500);
    sim.runFor(1000);
    expect(got).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('close on both ends when one end is killed, and a restarted server does not inherit them', () => {
    const sim = new SimHost({ seed: 5 });
    const { got, closed } = streamPair(sim, 3);
    sim.runFor(20);
    expect(got).toEqual([0, 1, 2]);
    sim.kill('server');
    expect(closed).toEqual([{ who: 'client', reason: 'connection reset by peer' }]);
    sim.restart('server');
    expect(sim.pending('server')!.streams).toEqual([]);
    expect(sim.pending('client')!.streams).toEqual([]);
  });

  it('close across a partition and on reset; writes on a held link wait, in order, for release', () => {
    const sim = new SimHost({ seed: 5 });
    const { got, closed } = streamPair(sim, 2);
    sim.runFor(20);
    sim.hold('server', 'client');
    sim.command('client', null); // nothing: just a marker that the host is between events
    sim.runFor(20);
    expect(got).toEqual([0, 1]);
    sim.resetStreams('client', 'server');
    expect(closed.map((c) => c.who).sort()).toEqual(['client', 'server']);
    expect(closed.every((c) => c.reason === 'connection reset')).toBe(true);
  });

  it('a held direction delivers nothing until released, then everything in order', () => {
    const sim = new SimHost({ seed: 5 });
    const got: number[] = [];
    sim.add('server', () => proc((input) => void (input.type === 'data' && got.push(input.msg as number))));
    sim.add('client', (env) => {
      let s = '';
      return proc((input) => {
        if (input.type !== 'command') return;
        s ||= env.connect('server');
        env.write(s, input.command);
      });
    });
    sim.hold('client', 'server');
    for (let i = 0; i < 5; i++) sim.command('client', i);
    sim.runFor(50);
    expect(got).toEqual([]);
    sim.release('client', 'server');
    sim.runFor(50);
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });

  it('a partition closes streams on both sides', () => {
    const sim = new SimHost({ seed: 5 });
    const { closed } = streamPair(sim, 1);
    sim.runFor(20);
    sim.partition([['client'], ['server']]);
    expect(closed.map((c) => `${c.who}:${c.reason}`).sort()).toEqual(['client:network unreachable', 'server:network unreachable']);
  });
});

describe('SimHost crash points', () => {
  it('crash a process right before or right after a disk write, and the disk shows which', () => {
    const sim = new SimHost({ seed: 9, crashPoints: { rate: 0.5 } });
    sim.add('w', (env) => {
      env.setTimer(1, 'write');
      return proc((input) => {
        if (input.type !== 'timer') return;
        env.disk.put('n', (env.disk.get<number>('n') ?? 0) + 1);
        env.send('w', 'after'); // never sent when the write crashed it
        env.setTimer(1, 'write');
      });
    });
    for (let i = 0; i < 20; i++) {
      sim.runFor(5);
      if (!sim.isUp('w')) sim.restart('w');
    }
    const points = new Set(sim.crashes.map((c) => c.point));
    expect(points).toEqual(new Set(['before-write', 'after-write']));
    const before = sim.crashes.filter((c) => c.point === 'before-write').length;
    // Each boot writes once per timer; a write counts unless the crash came before it.
    expect(sim.disk('w')!.get<number>('n')).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(0);
  });
  it('fails loudly, naming the process, when one keeps waking itself without time passing', () => {
    const sim = new SimHost({ seed: 1 });
    sim.add('spinner', (env) => {
      env.setTimer(5, 'spin');
      return proc((input) => input.type === 'timer' && env.setTimer(0, 'spin'));
    });
    expect(() => sim.runFor(100)).toThrow(/^simulation stuck at 5 ms: more than 2000000 events at one instant, the last to spinner from spinner$/);
  });
});
