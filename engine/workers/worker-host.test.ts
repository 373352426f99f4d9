// WorkerHost under Vitest, with in-thread stand-ins for Workers (real MessageChannels, Comlink and
// the tick protocol; no parallelism). The browser benchmark and e2e tests run it on real Workers.
// The central promise: the same seed and the same actions give SimHost's history, digest for digest.

import { afterEach, describe, expect, it } from 'vitest';
import type { Input, ProcessId, ProcessKind } from '../sim/env';
import { SimHost } from '../sim/sim-host';
import { counterKind, diceKind, pingerKind, testKinds, type PingerConfig, type PingerTelemetry } from '../sim/test-kinds';
import { processKinds } from '../kinds';
import { inThreadWorker } from './in-thread-worker';
import type { WireRecord } from './protocol';
import { WorkerHandle, type WorkerLike } from './worker-handle';
import { WorkerHost, type WorkerHostOptions } from './worker-host';

/** A kind that throws on its first timer, and one that sends what cannot be cloned. */
const fragileKind: ProcessKind<null> = {
  name: 'fragile',
  create: (env) => {
    env.setTimer(3, 'boom');
    return { receive: (i: Input) => void (i.type === 'timer' && (() => { throw new Error('boom at 3 ms'); })()) };
  },
};
const unclonableKind: ProcessKind<null> = {
  name: 'unclonable',
  create: (env) => {
    env.setTimer(1, 'go');
    return { receive: (i: Input) => void (i.type === 'timer' && env.send('a', { f: () => 1 })) };
  },
};
const brokenKind: ProcessKind<null> = {
  name: 'broken',
  create: () => {
    throw new Error('bad config');
  },
};
const kinds = [...processKinds, fragileKind, unclonableKind, brokenKind] as ProcessKind<never>[];

const hosts: WorkerHost[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.dispose();
});

/** Workers spawned by the last host made. */
let spawned = 0;
function newHost(opts: Partial<WorkerHostOptions> = {}): WorkerHost {
  let mine = 0;
  const h = new WorkerHost({ seed: 7, kinds, spawn: () => ((spawned = ++mine), inThreadWorker(kinds)), ...opts });
  hosts.push(h);
  return h;
}

const ping = (peers: ProcessId[], intervalMs = 10): PingerConfig => ({ peers, intervalMs });

/** Three pingers pinging each other every 10 ms; returns every process's telemetry after `chunks` runs. */
async function pingTriangle(host: WorkerHost, chunks: number[]): Promise<Record<ProcessId, PingerTelemetry>> {
  const ids = ['a', 'b', 'c'];
  for (const id of ids) await host.add(id, 'pinger', ping(ids.filter((x) => x !== id)));
  for (const ms of chunks) await host.runFor(ms);
  await host.refreshTelemetry();
  return Object.fromEntries(ids.map((id) => [id, host.telemetry(id) as PingerTelemetry]));
}

describe('WorkerHost', () => {
  it('delivers every message exactly at its delivery time, whatever the tick boundaries', async () => {
    const net = { latencyMsMin: 0.5, latencyMsMax: 4 };
    const one = await pingTriangle(newHost({ network: net }), [300]);
    const many = await pingTriangle(newHost({ network: net }), Array(30).fill(10));
    expect(one.a.received).toBeGreaterThan(50);
    // Same seed, same history: tick boundaries are an artefact of the host, not of the run.
    expect(many).toEqual(one);
    for (const t of Object.values(one)) {
      for (const [, , sentAt, receivedAt] of t.log) {
        expect(receivedAt - sentAt).toBeGreaterThanOrEqual(net.latencyMsMin);
        expect(receivedAt - sentAt).toBeLessThan(net.latencyMsMax);
      }
    }
  });

  it('runs the same history as SimHost: same telemetry, same digest, pooled or not', async () => {
    const sim = new SimHost({ seed: 7, kinds: testKinds as ProcessKind<never>[] });
    const ids = ['a', 'b', 'c', 'd'];
    for (const id of ids) sim.add(id, pingerKind, ping(ids.filter((x) => x !== id), 7));
    sim.add('n', counterKind, null);
    sim.runFor(120);
    sim.kill('b');
    sim.partition([['a'], ['c', 'd']]);
    sim.runFor(60);
    sim.heal();
    sim.restart('b');
    sim.runFor(120);
    // Together in one Worker, one Worker each (their envelopes go straight between Workers), and the default.
    const ownWorkers = (id: ProcessId) => `w-${id}`;
    for (const placement of [undefined, () => 'pool-0', ownWorkers]) {
      const host = newHost({ placement });
      for (const id of ids) await host.add(id, 'pinger', ping(ids.filter((x) => x !== id), 7));
      await host.add('n', 'counter', null);
      await host.runFor(120);
      await host.act((a) => a.kill('b'));
      await host.act((a) => a.partition([['a'], ['c', 'd']]));
      await host.runFor(60);
      await host.act((a) => a.heal());
      await host.act((a) => a.restart('b'));
      await host.runFor(120);
      await host.refreshTelemetry();
      for (const id of ids) expect(host.telemetry(id)).toEqual(sim.telemetry(id));
      expect(host.digest()).toBe(sim.digest());
      expect(host.stats.late).toBe(0);
      if (placement === ownWorkers) expect(host.stats.direct).toBeGreaterThan(100);
    }
  });

  it('pools processes: 40 pingers need 3 Workers, not 40', async () => {
    const host = newHost();
    const ids = Array.from({ length: 40 }, (_, i) => `p${i}`);
    for (const id of ids) await host.add(id, 'pinger', ping([ids[(ids.indexOf(id) + 1) % ids.length]], 50));
    await host.runFor(200);
    expect(host.poolsView().map((p) => p.name)).toEqual(['pool-0', 'pool-1', 'pool-2']);
    expect(spawned).toBe(3);
    expect(host.poolsView().map((p) => p.processes.length)).toEqual([16, 16, 8]);
    await host.refreshTelemetry();
    // Pings to p1 at 50, 100 and 150 ms answered, and p39's pings at the same times.
    expect((host.telemetry('p0') as PingerTelemetry).received).toBe(6);
  });

  it('gives a process the same random stream as SimHost', async () => {
    const sim = new SimHost({ seed: 7 });
    sim.add('d', diceKind, null);
    const host = newHost({ seed: 7 });
    await host.add('d', 'dice', null);
    await host.refreshTelemetry();
    expect(host.telemetry('d')).toEqual(sim.telemetry('d'));
  });

  it('records wire messages with their delivery times', async () => {
    const host = newHost();
    const wire: WireRecord[] = [];
    host.subscribe((e) => wire.push(...e.wire));
    await pingTriangle(host, [50]);
    const t = host.telemetry('b') as PingerTelemetry;
    // Every receive by b matches a record of a send to b delivered at that very time.
    for (const [from, , , receivedAt] of t.log) {
      expect(wire.some((w) => w.from === from && w.to === 'b' && w.deliverAt === receivedAt)).toBe(true);
    }
  });

  it('keeps a killed process down, restarts it in a fresh Worker from its disk', async () => {
    const host = newHost({ placement: (id) => `w-${id}` });
    await host.add('count', 'counter', null);
    await host.add('p', 'pinger', ping(['count']));
    await host.runFor(100);
    await host.refreshTelemetry();
    const before = (host.telemetry('count') as { count: number }).count;
    expect(before).toBeGreaterThan(5);
    expect(await host.kill('count')).toBe(true);
    expect(await host.kill('count')).toBe(false);
    expect(host.isUp('count')).toBe(false);
    expect(host.disk('count')!.get('count')).toBe(before);
    await host.runFor(100); // pings to a dead process are lost
    expect(host.disk('count')!.get('count')).toBe(before);
    expect(await host.restart('count')).toBe(true);
    expect(await host.restart('count')).toBe(false);
    expect(spawned).toBe(3);
    await host.runFor(100);
    await host.refreshTelemetry();
    const after = host.telemetry('count') as { count: number; boots: number };
    expect(after.boots).toBe(2);
    expect(after.count).toBeGreaterThan(before + 5);
    expect(after.count).toBeLessThan(before + 15);
  });

  it('enforces cut links and partitions at the sender, and heals', async () => {
    const host = newHost();
    await host.add('count', 'counter', null);
    await host.add('p', 'pinger', ping(['count']));
    await host.runFor(50);
    await host.act((a) => a.cutLink('p', 'count'));
    await host.runFor(10); // messages already on the wire still land
    const cutAt = host.disk('count')!.get<number>('count')!;
    await host.runFor(100);
    expect(host.disk('count')!.get('count')).toBe(cutAt);
    expect(host.cutLinks()).toEqual([['count', 'p']]);
    await host.act((a) => (a.heal(), a.partition([['p'], ['count']])));
    await host.runFor(50);
    expect(host.disk('count')!.get('count')).toBe(cutAt);
    await host.act((a) => a.heal());
    await host.runFor(50);
    expect(host.disk('count')!.get<number>('count')!).toBeGreaterThan(cutAt);
  });

  it('turns a process that throws into a dead process with a reason, not a dead host', async () => {
    const host = newHost();
    await host.add('a', 'pinger', ping([]));
    await host.add('f', 'fragile', null);
    await host.runFor(100);
    expect(host.isUp('f')).toBe(false);
    expect(host.lastError('f')).toMatch(/boom at 3 ms/);
    expect(host.isUp('a')).toBe(true);
  });

  it('survives a Worker that fails mid-run: its process is down with the reason, the others run on, and it restarts', async () => {
    // Each Worker's 'error' event can be fired from here, as a real Worker fires it when its script throws outside a handler.
    const fail = new Map<string, () => void>();
    const host = newHost({
      placement: (id) => `w-${id}`,
      spawn: (pool) => {
        const w = inThreadWorker(kinds);
        const errors = new EventTarget();
        fail.set(pool, () => errors.dispatchEvent(new Event('error')));
        const on = (t: string) => (t === 'error' ? errors : w);
        return {
          ...w,
          addEventListener: (t: string, l: EventListenerOrEventListenerObject, o?: object) => on(t).addEventListener(t, l as never, o),
          removeEventListener: (t: string, l: EventListenerOrEventListenerObject, o?: object) => on(t).removeEventListener(t, l as never, o),
        } as WorkerLike;
      },
    });
    const ids = ['a', 'b', 'c'];
    for (const id of ids) await host.add(id, 'pinger', { ...ping(ids.filter((x) => x !== id), 1), log: false });
    await host.runFor(50);
    // b's Worker fails (an error outside any process, as a crashed Worker reports) while the host awaits a tick.
    const run = host.runFor(200);
    let failedAt = -1;
    setTimeout(() => {
      failedAt = host.now();
      fail.get('w-b')!();
    }, 0);
    await run;
    expect(failedAt).toBeGreaterThanOrEqual(50);
    expect(failedAt).toBeLessThan(250);
    expect(host.isUp('b')).toBe(false);
    expect(host.lastError('b')).toMatch(/worker error/);
    await host.refreshTelemetry();
    const mid = ['a', 'c'].map((id) => (host.telemetry(id) as PingerTelemetry).received);
    await host.runFor(50);
    await host.refreshTelemetry();
    // a and c still ping each other (about 50 each in 50 ms), and nothing reaches b.
    ['a', 'c'].forEach((id, i) => expect((host.telemetry(id) as PingerTelemetry).received - mid[i]).toBeGreaterThanOrEqual(90));
    expect(await host.restart('b')).toBe(true);
    await host.runFor(50);
    await host.refreshTelemetry();
    expect(host.isUp('b')).toBe(true);
    expect((host.telemetry('b') as PingerTelemetry).received).toBeGreaterThan(90);
  });

  it('reports a message that cannot be cloned as the death of its sender, not a hung tick', async () => {
    const host = newHost({ tickTimeoutMs: 60_000 });
    await host.add('a', 'pinger', ping([]));
    await host.add('bad', 'unclonable', null);
    await host.runFor(10);
    expect(host.isUp('bad')).toBe(false);
    expect(host.lastError('bad')).toMatch(/clone/i);
    expect(host.isUp('a')).toBe(true);
  });

  it('a process whose constructor throws is down with its error', async () => {
    const host = newHost();
    await host.add('x', 'broken', null);
    await host.runFor(1);
    expect(host.isUp('x')).toBe(false);
    expect(host.lastError('x')).toMatch(/bad config/);
  });

  it('refuses an unknown kind and a name used twice', async () => {
    const host = newHost();
    await host.add('x', 'nope', null);
    await host.runFor(1);
    expect(host.isUp('x')).toBe(false);
    expect(host.lastError('x')).toBe('unknown process kind "nope"');
    const onMain = newHost({ placement: () => 'main' });
    await expect(onMain.add('x', 'nope', null)).rejects.toThrow(/unknown process kind "nope" for the main thread/);
    await host.add('y', 'dice', null);
    await expect(host.add('y', 'dice', null)).rejects.toThrow(/already exists/);
  });

  it('steps to the next event while paused and says what ran, in a Worker or on the main thread', async () => {
    for (const placement of [undefined, (id: ProcessId) => (id === 'q' ? 'main' : 'pool-0')]) {
      const host = newHost({ placement });
      await host.add('p', 'pinger', ping([]));
      await host.add('q', 'pinger', ping(['p']));
      expect(host.paused).toBe(true);
      expect(await host.step()).toEqual([{ at: 10, to: 'q', input: 'timer', what: 'ping' }]); // q's first ping timer
      expect(host.now()).toBe(10);
      const [arrival, ...rest] = await host.step();
      expect(rest).toEqual([]);
      expect(arrival).toMatchObject({ to: 'p', from: 'q', input: 'message', what: 'ping' });
      expect(host.now()).toBe(arrival.at);
      expect(host.now()).toBeGreaterThan(10);
      expect(host.now()).toBeLessThan(12); // the ping's arrival
      expect((host.telemetry('p') as PingerTelemetry).received).toBe(1);
      host.dispose();
    }
  });

  it('rests between slices of ticks while its CPU share is below 1, and runs the same history', async () => {
    const ids = ['a', 'b', 'c'];
    const run = async (cpuShare: number) => {
      const host = newHost({ speed: Infinity, cpuShare });
      for (const id of ids) await host.add(id, 'pinger', ping(ids.filter((x) => x !== id), 1));
      host.resume();
      await new Promise((r) => setTimeout(r, 250));
      host.pause();
      // Every Runtime to one instant, so that the digest covers exactly the events up to now().
      await host.runUntil(() => false, 0);
      return host;
    };
    const flatOut = await run(1);
    const shared = await run(0.3);
    expect(flatOut.stats.rests).toBe(0);
    expect(shared.stats.rests).toBeGreaterThan(0);
    for (const host of [flatOut, shared]) {
      const sim = new SimHost({ seed: 7, kinds: testKinds as ProcessKind<never>[] });
      for (const id of ids) sim.add(id, pingerKind, ping(ids.filter((x) => x !== id), 1));
      sim.runFor(host.now());
      expect(host.digest()).toBe(sim.digest());
    }
    expect(() => shared.setCpuShare(0)).toThrow(/cpuShare must be in \(0, 1\]/);
  });

  it('paces the clock at speed × wall time', async () => {
    const host = newHost({ speed: 10 });
    await host.add('p', 'pinger', ping([]));
    host.resume();
    const wall0 = performance.now();
    await new Promise((r) => setTimeout(r, 200));
    const sim = host.now();
    const wall = performance.now() - wall0;
    host.pause();
    expect(sim).toBeGreaterThan(wall * 10 * 0.6);
    expect(sim).toBeLessThanOrEqual(wall * 10 * 1.05);
  });
});

describe('WorkerHandle', () => {
  /** A worker that never answers anything. */
  const silent = (): WorkerLike & { terminated: boolean } => ({
    terminated: false,
    postMessage() {},
    addEventListener() {},
    removeEventListener() {},
    terminate() {
      this.terminated = true;
    },
  });
  const net = { latencyMsMin: 0.5, latencyMsMax: 2, dropRate: 0, duplicateRate: 0 };

  it('rejects when a worker never loads, and terminates it', async () => {
    const w = silent();
    await expect(WorkerHandle.open(w, 1, net, 50)).rejects.toThrow(/did not load/);
    expect(w.terminated).toBe(true);
  });

  it('rejects pending calls and reports when the worker is terminated', async () => {
    const h = await WorkerHandle.open(inThreadWorker(), 1, net);
    const report = h.report(1);
    const never = h.call(() => new Promise<never>(() => {}));
    h.terminate('killed');
    await expect(never).rejects.toThrow('killed');
    await expect(report).resolves.toBeNull();
    await expect(h.call((r) => r.ping())).rejects.toThrow('killed');
  });
});
