// kube-apiserver throughput under SimHost: creates per wall second (each a full request through
// authentication, RBAC, admission, validation and an etcd transaction committed by Raft), watch
// events delivered per wall second, and the latency of a list of 10,000 stored objects (simulated
// and wall), and a watch replaying the last 2,000 creates from the cache. Prints figures only. Run: npx tsx bench/apiserver.ts [objects=10000]

import { createCluster } from '../engine/cluster';

const objects = Number(process.argv[2] ?? 10_000);
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function main(): Promise<void> {
  const c = await createCluster({ seed: 1 });
  await c.runUntil(() => c.inspect.apiserver()?.bootstrapped === true, 30_000);
  const cm = (i: number) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, labels: { bench: 'yes' } }, data: { i: String(i) } });

  const rv = JSON.parse((await c.api('GET', '/api/v1/namespaces/default/configmaps?limit=1')).body).metadata.resourceVersion;

  const wall0 = performance.now();
  const sim0 = c.clock.now();
  for (let i = 0; i < objects; i++) {
    const r = await c.api('POST', '/api/v1/namespaces/default/configmaps', cm(i));
    if (r.status !== 201) throw new Error(`create ${i}: ${r.status} ${r.body}`);
  }
  const wall = (performance.now() - wall0) / 1000;
  const sim = (c.clock.now() - sim0) / 1000;
  console.log(`Kubeplay kube-apiserver (SimHost, 3 etcd members, fast profile)\n`);
  console.log(`creates, one at a time     ${fmt(objects / wall).padStart(10)} per wall second (${fmt(objects / sim)} per simulated second)`);

  const lw0 = performance.now();
  const ls0 = c.clock.now();
  const list = await c.api('GET', '/api/v1/namespaces/default/configmaps');
  const listWall = performance.now() - lw0;
  const listSim = c.clock.now() - ls0;
  const n = JSON.parse(list.body).items.length;
  console.log(`list of ${fmt(n)} objects   ${fmt(listSim, 1).padStart(10)} simulated ms, ${fmt(listWall, 1)} wall ms (from the watch cache, after a quorum read of the revision)`);
  const pw0 = performance.now();
  const paged = await c.api('GET', '/api/v1/namespaces/default/configmaps?limit=500');
  console.log(`first page of 500          ${fmt(performance.now() - pw0, 1).padStart(10)} wall ms (from etcd, ${JSON.parse(paged.body).metadata.remainingItemCount} remaining)`);

  // Watch delivery: a second watcher replays the last (up to) 2,000 creates from the cache. From the
  // start it would get 410 Expired once the run outlasts the compaction period, as upstream's would.
  const items = JSON.parse(list.body).items as { metadata: { name: string; resourceVersion: string } }[];
  const from = objects > 2000 ? items.find((o) => o.metadata.name === `cm-${objects - 2001}`)!.metadata.resourceVersion : rv;
  const ww0 = performance.now();
  const replayed = await c.api('GET', `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${from}&timeoutSeconds=1`);
  const lines = replayed.body.split('\n').filter(Boolean);
  const wwall = (performance.now() - ww0) / 1000;
  if (lines.length && JSON.parse(lines[0]).type === 'ERROR') throw new Error(`the watch from ${from} failed: ${lines[0]}`);
  console.log(`watch events delivered     ${fmt(lines.length / wwall).padStart(10)} per wall second (${fmt(lines.length)} replayed from the cache to one watcher)`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
