// The browser cluster's verbs, with etcd members in in-thread stand-ins for Workers (see
// in-thread-worker.ts): the same host, protocol and etcd code as in the browser, minus parallelism.

import { afterEach, describe, expect, it } from 'vitest';
import { replay } from '../cluster';
import { parseRecording } from '../cluster-core';
import { createBrowserCluster, type BrowserCluster, type BrowserClusterOptions } from './browser-cluster';
import { inThreadClusterWorker, inThreadWorker } from './in-thread-worker';
import { createRemoteCluster } from './remote-cluster';
import type { ClusterSnapshot, MemberView } from './types';
import type { WorkerLike } from './worker-handle';

const clusters: BrowserCluster[] = [];
afterEach(() => {
  for (const c of clusters.splice(0)) c.dispose();
});

/** Workers spawned so far, and whether each was terminated. */
const spawnedWorkers: { name: string; terminated: boolean }[] = [];
const spawn = (name: string): WorkerLike => {
  const w = inThreadWorker();
  const rec = { name, terminated: false };
  spawnedWorkers.push(rec);
  return { ...w, terminate: () => ((rec.terminated = true), w.terminate()) };
};

/** The two ways the app can hold a cluster: on the page's thread, and behind the cluster Worker (as the page does). */
const hosts: [string, (o: BrowserClusterOptions) => Promise<BrowserCluster>][] = [
  ['on the calling thread', createBrowserCluster],
  ['in the cluster Worker', (o) => createRemoteCluster(o, () => inThreadClusterWorker(spawn))],
];

/** Waits (wall time) until a snapshot satisfies `pred`. */
function until(c: BrowserCluster, pred: (s: ClusterSnapshot) => boolean, wallMs = 10_000): Promise<ClusterSnapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`condition not met within ${wallMs} ms; last snapshot: ${JSON.stringify(c.snapshot().members.map(brief))}`));
    }, wallMs);
    const off = c.subscribe((s) => {
      if (!pred(s)) return;
      clearTimeout(timer);
      queueMicrotask(() => off());
      resolve(s);
    });
  });
}

const brief = (m: MemberView) => ({ name: m.name, up: m.up, role: m.raft.role, term: m.raft.term, removed: m.removed });
const leaderOf = (s: ClusterSnapshot) => s.members.find((m) => m.up && m.raft.role === 'leader')?.name ?? null;

describe.each(hosts)('a browser cluster %s', (_, createBrowserCluster) => {
  async function start(members = 3): Promise<BrowserCluster> {
    const c = await createBrowserCluster({ seed: 1, etcdMembers: members, profile: 'fast', speed: 20, spawn });
    clusters.push(c);
    return c;
  }

  it('elects a leader and serves etcdctl', async () => {
    const c = await start();
    await until(c, (s) => leaderOf(s) !== null);
    expect((await c.etcdctl('put /greeting hello')).stdout).toBe('OK\n');
    const got = await c.etcdctl('get /greeting');
    expect(got).toEqual({ code: 0, stdout: '/greeting\nhello\n', stderr: '' });
    // Followers apply the put a heartbeat later.
    const s = await until(c, (x) => x.members.every((m) => m.revision >= 2));
    expect(s.members.map((m) => m.name)).toEqual(['etcd-0', 'etcd-1', 'etcd-2']);
    expect(s.members.every((m) => /^[0-9a-f]+$/.test(m.memberId))).toBe(true);
  });

  it('pushes Raft messages for the canvas', async () => {
    const c = await start();
    const s = await until(c, (x) => x.messages.some((m) => m.type === 'MsgHeartbeat'));
    const hb = s.messages.find((m) => m.type === 'MsgHeartbeat')!;
    expect(hb.deliverAt! - hb.sentAt).toBeGreaterThan(0);
    expect(Object.keys(hb).sort()).toEqual(['deliverAt', 'from', 'sentAt', 'to', 'type']);
  });

  it('kills and restarts members, with error results rather than throws', async () => {
    const c = await start();
    const leader = leaderOf(await until(c, (s) => leaderOf(s) !== null))!;
    expect((await c.killEtcd(leader)).code).toBe(0);
    expect(await c.killEtcd(leader)).toMatchObject({ code: 1, stderr: `Error: ${leader} is not running\n` });
    expect((await c.killEtcd('etcd-9')).code).toBe(1);
    const s = await until(c, (x) => leaderOf(x) !== null && leaderOf(x) !== leader);
    expect(s.members.find((m) => m.name === leader)).toMatchObject({ up: false, raft: { role: 'down' } });
    expect((await c.etcdctl('put /after-failover yes')).code).toBe(0);
    expect((await c.restartEtcd(leader)).code).toBe(0);
    expect((await c.restartEtcd(leader)).code).toBe(1);
    await until(c, (x) => x.members.every((m) => m.up && m.raft.role !== 'down'));
    expect((await c.etcdctl(`get /after-failover --endpoints=${leader} --consistency=l`)).stdout).toBe('/after-failover\nyes\n');
  });

  it('adds and removes members through etcdctl', async () => {
    const c = await start();
    await until(c, (s) => leaderOf(s) !== null);
    const added = await c.addEtcdMember();
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('ETCD_NAME="etcd-3"');
    await until(c, (s) => s.members.some((m) => m.name === 'etcd-3' && m.up && m.raft.role === 'follower'));
    expect((await c.etcdctl('member list')).stdout.trim().split('\n')).toHaveLength(4);
    const removed = await c.removeEtcdMember('etcd-3');
    expect(removed.stderr).toBe('');
    await until(c, (s) => s.members.some((m) => m.name === 'etcd-3' && m.removed && !m.up));
    expect((await c.restartEtcd('etcd-3')).code).toBe(1);
    expect((await c.etcdctl('member list')).stdout.trim().split('\n')).toHaveLength(3);
  });

  it('cuts links and partitions, and says so', async () => {
    const c = await start();
    await until(c, (s) => leaderOf(s) !== null);
    expect((await c.partition([['etcd-0'], ['etcd-1', 'etcd-2']])).code).toBe(0);
    await until(c, (s) => s.cutLinks.length === 2);
    expect(await c.cutLink('etcd-1', 'nobody')).toEqual({ code: 1, stdout: '', stderr: 'Error: no process named "nobody"\n' });
    expect((await c.heal()).code).toBe(0);
    await until(c, (s) => s.cutLinks.length === 0);
  });

  it('pauses, steps and is safe to dispose twice', async () => {
    const c = await start();
    c.pause();
    const t0 = c.snapshot().now;
    await c.step();
    expect(c.snapshot().paused).toBe(true);
    expect(c.snapshot().now).toBeGreaterThan(t0);
  });

  it('dispose terminates every Worker and refuses work afterwards; twice is harmless', async () => {
    spawnedWorkers.length = 0;
    const c = await start();
    expect(spawnedWorkers.map((w) => w.name)).toEqual(['w-etcd-0', 'w-etcd-1', 'w-etcd-2']);
    c.dispose();
    expect(spawnedWorkers.every((w) => w.terminated)).toBe(true);
    c.dispose();
    expect(await c.etcdctl('put /x y')).toEqual({ code: 1, stdout: '', stderr: 'Error: the cluster was disposed\n' });
    expect((await c.killEtcd('etcd-0')).stderr).toBe('Error: the cluster was disposed\n');
  });

  it('records a session that replays headless to the same digest', async () => {
    const c = await start();
    await until(c, (s) => leaderOf(s) !== null);
    expect((await c.etcdctl('put /a 1')).code).toBe(0);
    const leader = leaderOf(c.snapshot())!;
    expect((await c.killEtcd(leader)).code).toBe(0);
    await until(c, (x) => leaderOf(x) !== null && leaderOf(x) !== leader);
    expect((await c.etcdctl('put /b 2')).code).toBe(0);
    void c.partition([['etcd-0'], ['etcd-1', 'etcd-2']]);
    expect((await c.etcdctl('get / --prefix --consistency=s')).code).toBe(0);
    void c.heal();
    expect((await c.restartEtcd(leader)).code).toBe(0);
    expect((await c.etcdctl('get /a --endpoints=' + leader)).code).toBe(0);
    c.pause();
    await c.step();
    const rec = parseRecording(JSON.stringify(await c.recording()));
    expect(rec.steps.map((s) => s.verb)).toEqual(['etcdctl', 'killEtcd', 'etcdctl', 'partition', 'etcdctl', 'heal', 'restartEtcd', 'etcdctl']);
    const again = await replay(rec);
    expect(again.digest()).toBe(await c.digest());
    expect(again.digest()).toBe(rec.digest);
    // Replayed in another browser cluster, paused, it reaches the same digest too.
    const third = await createBrowserCluster({ seed: 99, etcdMembers: 1, profile: 'realistic', spawn, replay: rec, paused: true });
    clusters.push(third);
    expect(await third.digest()).toBe(rec.digest);
  });

  it('runs CoreDNS in a Worker of its own, node agents pooled, clients on the main thread', async () => {
    const c = await createBrowserCluster({ seed: 3, etcdMembers: 1, controlPlane: true, nodes: 1, profile: 'fast', speed: 100, spawn });
    clusters.push(c);
    const where = Object.fromEntries(c.placement().map((p) => [p.process, p.worker]));
    expect(where).toMatchObject({ coredns: 'w-coredns', 'kube-apiserver-0': 'w-kube-apiserver-0', 'node-1': 'pool-0', 'kube-proxy-node-1': 'pool-0', kubectl: 'main', traffic: 'main' });
    // kubeadm's addon objects come from the apiserver once it has bootstrapped.
    let got = '';
    for (let i = 0; i < 50 && got !== 'kube-dns 10.96.0.10'; i++) {
      got = (await c.kubectl("get service kube-dns -n kube-system -o 'jsonpath={.metadata.name} {.spec.clusterIP}'")).stdout;
      if (got !== 'kube-dns 10.96.0.10') await new Promise((r) => setTimeout(r, 100));
    }
    expect(got).toBe('kube-dns 10.96.0.10');
    expect((await c.killProcess('coredns')).code).toBe(0);
    expect((await c.restartProcess('coredns')).code).toBe(0);
  }, 60_000);

  it('holds kubectl typed before the control plane has bootstrapped until it has, rather than be refused', async () => {
    const c = await createBrowserCluster({ seed: 3, etcdMembers: 1, controlPlane: true, nodes: 0, profile: 'fast', speed: 20, spawn });
    clusters.push(c);
    expect(c.snapshot().now).toBeLessThan(500);
    const r = await c.kubectl('get ns');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^NAME\s+STATUS\s+AGE\n/);
    expect(r.stdout).toContain('kube-system');
  }, 60_000);

  it('disposes a cluster whose start was aborted (React StrictMode cleanup)', async () => {
    const abort = new AbortController();
    const starting = createBrowserCluster({ seed: 1, etcdMembers: 3, profile: 'fast', spawn, signal: abort.signal });
    abort.abort();
    await expect(starting).rejects.toThrow(/abort/i);
  });
});
