// Benchmark page (bench/worker-throughput.ts drives it in headless Chromium): the raw speed of a
// worker → worker MessageChannel, WorkerHost's tick rate on trivial processes, and committed etcd
// puts per wall second for a 3-member cluster under WorkerHost at full speed.

import { EtcdClientProcess, timingFor, type EtcdMemberOptions, type MemberTelemetry, type Profile } from '../engine/etcd';
import { spawnEtcdWorker } from '../engine/workers/spawn';
import type { PingerConfig } from '../engine/workers/test-processes';
import { etcdWireType } from '../engine/workers/wire-type';
import { WorkerHost } from '../engine/workers/worker-host';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Events per second over one worker → worker channel, `batch` events per postMessage. */
async function channel(count: number, batch: number): Promise<number> {
  const spawn = () => new Worker(new URL('./worker-throughput.channel.worker.ts', import.meta.url), { type: 'module' });
  const [sender, receiver] = [spawn(), spawn()];
  const said = (w: Worker, what: string) =>
    new Promise<void>((resolve) => w.addEventListener('message', (e) => e.data === what && resolve()));
  const { port1, port2 } = new MessageChannel();
  const ready = Promise.all([said(sender, 'ready'), said(receiver, 'ready')]);
  receiver.postMessage({ role: 'receive', port: port2, count, batch }, [port2]);
  sender.postMessage({ role: 'send', port: port1, count, batch }, [port1]);
  await ready;
  const done = said(receiver, 'done');
  const t0 = performance.now();
  sender.postMessage('go');
  await done;
  const ms = performance.now() - t0;
  sender.terminate();
  receiver.terminate();
  return (count * batch) / (ms / 1000);
}

/** WorkerHost's own pace: three pingers pinging each other every 50 ms (like heartbeats), at full speed. */
async function hostPing(seconds: number): Promise<{ ticksPerSec: number; simPerWall: number }> {
  const host = new WorkerHost({ seed: 1, speed: Infinity });
  const ids = ['a', 'b', 'c'];
  const spawn = () => new Worker(new URL('./worker-throughput.pinger.worker.ts', import.meta.url), { type: 'module' });
  await Promise.all(ids.map((id) => host.addWorker<PingerConfig>(id, spawn, { peers: ids.filter((x) => x !== id), intervalMs: 50 })));
  let ticks = 0;
  host.subscribe(() => ticks++);
  host.resume();
  await sleep(300);
  const [t0, s0, k0] = [performance.now(), host.now(), ticks];
  await sleep(seconds * 1000);
  const [t1, s1, k1] = [performance.now(), host.now(), ticks];
  host.dispose();
  return { ticksPerSec: ((k1 - k0) * 1000) / (t1 - t0), simPerWall: (s1 - s0) / (t1 - t0) };
}

/** What the etcd run measured. */
interface EtcdFigures {
  putsPerWallSec: number;
  putsPerSimSec: number;
  simPerWall: number;
  ticksPerSec: number;
  failed: number;
  idleSimPerWall: number;
}

/** Committed puts per wall second through the etcd client, `inflight` outstanding at a time, at full speed. */
async function etcd(profile: Profile, inflight: number, seconds: number): Promise<EtcdFigures> {
  const host = new WorkerHost({ seed: 1, speed: Infinity, describe: etcdWireType });
  const names = ['etcd-0', 'etcd-1', 'etcd-2'];
  const timing = timingFor(profile);
  const client = host.addLocal('etcdctl', (env) => new EtcdClientProcess(env, () => names, (m) => host.isUp(m)));
  await Promise.all(
    names.map((name) => host.addWorker<EtcdMemberOptions>(name, () => spawnEtcdWorker(name), { name, initialCluster: names, clusterState: 'new', timing })),
  );
  const leader = () => names.find((n) => (host.telemetry(n) as MemberTelemetry | undefined)?.raft.role === 'leader');
  if (!(await host.runUntil(() => !!leader(), 30_000))) throw new Error('no leader elected within 30 simulated seconds');
  let ticks = 0;
  host.subscribe(() => ticks++);

  // Idle first: how fast simulated time runs when only heartbeats flow.
  host.resume();
  await sleep(300);
  const [it0, is0] = [performance.now(), host.now()];
  await sleep(1000);
  const idleSimPerWall = (host.now() - is0) / (performance.now() - it0);

  const target = leader()!;
  let committed = 0;
  let failed = 0;
  let seq = 0;
  let stop = false;
  const writer = async () => {
    while (!stop) {
      const i = seq++;
      try {
        await client.call(target, 'Put', { key: `/bench/key-${i % 1000}`, value: `value-${i}` });
        committed++;
      } catch {
        failed++;
      }
    }
  };
  for (let i = 0; i < inflight; i++) void writer();
  await sleep(1000); // warm-up
  const [t0, s0, c0, k0, f0] = [performance.now(), host.now(), committed, ticks, failed];
  await sleep(seconds * 1000);
  const [t1, s1, c1, k1, f1] = [performance.now(), host.now(), committed, ticks, failed];
  stop = true;
  host.dispose();
  return {
    putsPerWallSec: ((c1 - c0) * 1000) / (t1 - t0),
    putsPerSimSec: ((c1 - c0) * 1000) / Math.max(1e-9, s1 - s0),
    simPerWall: (s1 - s0) / (t1 - t0),
    ticksPerSec: ((k1 - k0) * 1000) / (t1 - t0),
    failed: f1 - f0,
    idleSimPerWall,
  };
}

declare global {
  interface Window {
    bench: { channel: typeof channel; hostPing: typeof hostPing; etcd: typeof etcd };
  }
}
window.bench = { channel, hostPing, etcd };
document.getElementById('out')!.textContent = 'ready';
