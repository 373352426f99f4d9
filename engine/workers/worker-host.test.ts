// WorkerHost under Vitest, with in-thread stand-ins for Workers (real MessageChannels, Comlink and
// the tick protocol; no parallelism). The browser benchmark runs the same host on real Workers.

import { afterEach, describe, expect, it } from 'vitest';
import type { Env, ProcessId } from '../sim/env';
import { inThreadWorker } from './in-thread-worker';
import { SimHost } from '../sim/sim-host';
import { counter, dice, pinger, type PingerConfig, type PingerTelemetry } from './test-processes';
import type { WireRecord } from './protocol';
import { WorkerHandle, type WorkerLike } from './worker-handle';
import { WorkerHost, type WorkerHostOptions } from './worker-host';

const hosts: WorkerHost[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.dispose();
});

function newHost(opts: Partial<WorkerHostOptions> = {}): WorkerHost {
  const h = new WorkerHost({ seed: 7, ...opts });
  hosts.push(h);
  return h;
}

const spawnPinger = () => inThreadWorker((cfg: PingerConfig) => pinger(cfg));
const spawnCounter = () => inThreadWorker(() => counter());

/** Three pingers pinging each other every 10 ms; returns every process's telemetry after `chunks` runs. */
async function pingTriangle(host: WorkerHost, chunks: number[]): Promise<Record<ProcessId, PingerTelemetry>> {
  const ids = ['a', 'b', 'c'];
  await Promise.all(ids.map((id) => host.addWorker(id, spawnPinger, { peers: ids.filter((x) => x !== id), intervalMs: 10 })));
  for (const ms of chunks) await host.runFor(ms);
  await host.refreshTelemetry();
  return Object.fromEntries(ids.map((id) => [id, host.telemetry(id) as PingerTelemetry]));
}

describe('WorkerHost', () => {
  it('delivers every message exactly at its delivery time, whatever the tick boundaries', async () => {
    const net = { latencyMsMin: 0.5, latencyMsMax: 4 };
    const one = await pingTriangle(newHost({ network: net }), [300]);
    const many = await pingTriangle(newHost({ network: net }), Array(30).fill(10));
    expect(one.a.received).toBeGreaterThan(100);
    // Same seed, same history: tick boundaries are an artefact of the host, not of the run.
    expect(many).toEqual(one);
    for (const t of Object.values(one)) {
      for (const [, , sentAt, receivedAt] of t.log) {
        expect(receivedAt - sentAt).toBeGreaterThanOrEqual(net.latencyMsMin);
        expect(receivedAt - sentAt).toBeLessThan(net.latencyMsMax);
      }
    }
  });

  it('trades exactness for pace only when asked to (maxSkewMs) and only while lagging', async () => {
    const net = { latencyMsMin: 0.5, latencyMsMax: 1 };
    const lateOnes = (t: Record<ProcessId, PingerTelemetry>) =>
      t.a.log.filter(([, , sentAt, receivedAt]) => receivedAt - sentAt >= net.latencyMsMax).length;
    const paced = async (host: WorkerHost) => {
      const t = await pingTriangle(host, []);
      host.resume();
      await new Promise((r) => setTimeout(r, 100));
      host.pause();
      await host.refreshTelemetry();
      for (const id of Object.keys(t)) t[id] = host.telemetry(id) as PingerTelemetry;
      return t;
    };
    // Far too fast to keep up with: the clock lags, and only the host allowed to skew delivers late.
    expect(lateOnes(await paced(newHost({ network: net, speed: 1e5, maxSkewMs: 5 })))).toBeGreaterThan(0);
    expect(lateOnes(await paced(newHost({ network: net, speed: 1e5 })))).toBe(0);
    // Driven (runFor) rather than paced: exact even with a skew allowed.
    expect(lateOnes(await pingTriangle(newHost({ network: net, maxSkewMs: 5 }), [100]))).toBe(0);
  });

  it('gives a process the same random stream as SimHost, and another seed a different history', async () => {
    const sim = new SimHost({ seed: 7 });
    sim.add('d', dice());
    const host = newHost({ seed: 7 });
    await host.addWorker('d', () => inThreadWorker(() => dice()), null);
    expect(host.telemetry('d')).toEqual(sim.process('d')!.telemetry!());
    const a = await pingTriangle(newHost({ seed: 7 }), [100]);
    const b = await pingTriangle(newHost({ seed: 8 }), [100]);
    expect(a.a.log).not.toEqual(b.a.log);
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

  it('keeps a killed process down, restarts it in a fresh worker from its disk', async () => {
    const host = newHost();
    let spawned = 0;
    await host.addWorker('count', () => (spawned++, spawnCounter()), null);
    await host.addWorker('p', spawnPinger, { peers: ['count'], intervalMs: 10 });
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
    expect(spawned).toBe(2);
    await host.runFor(100);
    await host.refreshTelemetry();
    const after = host.telemetry('count') as { count: number; boots: number };
    expect(after.boots).toBe(2);
    expect(after.count).toBeGreaterThan(before + 5);
    expect(after.count).toBeLessThan(before + 15);
  });

  it('enforces cut links and partitions at the sender, and heals', async () => {
    const host = newHost();
    await host.addWorker('count', spawnCounter, null);
    await host.addWorker('p', spawnPinger, { peers: ['count'], intervalMs: 10 });
    await host.runFor(50);
    host.cutLink('p', 'count');
    await host.runFor(10); // messages already on the wire still land
    const cutAt = host.disk('count')!.get<number>('count')!;
    await host.runFor(100);
    expect(host.disk('count')!.get('count')).toBe(cutAt);
    expect(host.cutLinks()).toEqual([['count', 'p']]);
    host.heal();
    host.partition([['p'], ['count']]);
    await host.runFor(50);
    expect(host.disk('count')!.get('count')).toBe(cutAt);
    host.heal();
    await host.runFor(50);
    expect(host.disk('count')!.get<number>('count')!).toBeGreaterThan(cutAt);
  });

  it('runs main-thread processes with the same Env and network', async () => {
    const host = newHost();
    await host.addWorker('count', spawnCounter, null);
    const acks: number[] = [];
    const local = host.addLocal('client', (env) => ({
      receive: (_from: ProcessId, msg: unknown) => void acks.push((msg as { count: number }).count),
      hit: () => env.send('count', 'hit'),
    }));
    local.hit();
    local.hit();
    await host.runFor(10);
    expect(acks).toEqual([1, 2]);
  });

  it('turns a process that throws into a dead process with a reason, not a dead host', async () => {
    const host = newHost();
    await host.addWorker('fragile', spawnPinger, { peers: [], intervalMs: 10 });
    await host.addWorker('p', spawnPinger, { peers: ['fragile'], intervalMs: 10, crashOn: undefined });
    await host.kill('fragile');
    // Restart it with a config that crashes on ping 3.
    await host.remove('fragile');
    await host.addWorker('fragile', () => inThreadWorker(() => pinger({ peers: [], intervalMs: 10, crashOn: 3 })), null);
    await host.runFor(100);
    expect(host.isUp('fragile')).toBe(false);
    expect(host.lastError('fragile')).toMatch(/crash on ping 3/);
    expect(host.isUp('p')).toBe(true);
  });

  it('reports a message that cannot be cloned as the death of its sender, not a hung tick', async () => {
    const host = newHost({ tickTimeoutMs: 60_000 });
    await host.addWorker('p', spawnPinger, { peers: [], intervalMs: 10 });
    const sendsFunction = () => (env: Env) => {
      env.setTimer(1, () => env.send('p', { f: () => 1 }));
      return { receive() {} };
    };
    await host.addWorker('bad', () => inThreadWorker(sendsFunction), null);
    await host.runFor(10);
    expect(host.isUp('bad')).toBe(false);
    expect(host.lastError('bad')).toMatch(/clone/i);
    expect(host.isUp('p')).toBe(true);
  });

  it('rejects addWorker when the process cannot even be built', async () => {
    const host = newHost();
    const broken = () => inThreadWorker(() => {
      throw new Error('bad config');
    });
    await expect(host.addWorker('x', broken, null)).rejects.toThrow(/x failed to start: .*bad config/);
    expect(host.isUp('x')).toBe(false);
  });

  it('steps to the next event while paused', async () => {
    const host = newHost();
    await host.addWorker('p', spawnPinger, { peers: [], intervalMs: 10 });
    await host.addWorker('q', spawnPinger, { peers: ['p'], intervalMs: 10 });
    expect(host.paused).toBe(true);
    await host.step();
    expect(host.now()).toBe(10); // q's first ping timer
    await host.step();
    expect(host.now()).toBeGreaterThan(10);
    expect(host.now()).toBeLessThan(12); // the ping's arrival
    expect((host.telemetry('p') as PingerTelemetry).received).toBe(1);
  });

  it('sleeps on the virtual clock for main-thread callers', async () => {
    const host = newHost();
    await host.addWorker('p', spawnPinger, { peers: [], intervalMs: 10 });
    let wokeAt = -1;
    const slept = host.sleep(250).then(() => (wokeAt = host.now()));
    await host.runFor(200);
    expect(wokeAt).toBe(-1);
    await host.runFor(100);
    await slept;
    expect(wokeAt).toBeGreaterThanOrEqual(250);
    expect(wokeAt).toBeLessThan(251);
  });

  it('paces the clock at speed × wall time', async () => {
    const host = newHost({ speed: 10 });
    await host.addWorker('p', spawnPinger, { peers: [], intervalMs: 10 });
    host.resume();
    const wall0 = performance.now();
    await new Promise((r) => setTimeout(r, 200));
    const sim = host.now();
    const wall = performance.now() - wall0;
    host.pause();
    expect(sim).toBeGreaterThan(wall * 10 * 0.7);
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

  it('rejects when a worker never loads, and terminates it', async () => {
    const w = silent();
    await expect(WorkerHandle.open(w, () => {}, 50)).rejects.toThrow(/did not load/);
    expect(w.terminated).toBe(true);
  });

  it('rejects pending calls and reports when the worker is terminated', async () => {
    const h = await WorkerHandle.open(inThreadWorker(() => counter()), () => {});
    const report = h.report(1);
    const never = h.call(() => new Promise<never>(() => {}));
    h.terminate('killed');
    await expect(never).rejects.toThrow('killed');
    await expect(report).resolves.toBeNull();
    await expect(h.call((r) => r.ping())).rejects.toThrow('killed');
  });
});
