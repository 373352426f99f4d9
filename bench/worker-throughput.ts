// Cross-worker throughput, measured in headless Chromium: builds bench/worker-throughput.html with
// Vite, serves it, and prints (a) the raw worker → worker MessageChannel rate, WorkerHost's pace with
// 100 heartbeating processes, (b) committed etcd puts per wall second for a 3-member cluster under
// WorkerHost at full speed, and (b)/(a); (c) kube-apiserver's creates per wall second, a list and
// watch events delivered per wall second in the browser cluster (BENCH_OBJECTS=1000 ConfigMaps);
// (d) requests through CoreDNS and IPVS; (e) a Deployment's pods to Running on 10 nodes
// (BENCH_PODS=100,1000, BENCH_NODES=10, BENCH_CAP_SECONDS=600 for each).
// Prints figures only; it never fails on time. Run: npm run bench:worker
//   CHROMIUM_PATH=/path/to/chromium   another browser binary (default /usr/bin/chromium)
//   BENCH_SECONDS=5                    measuring window of each timed phase

import { availableParallelism } from 'node:os';
import type { Page } from '@playwright/test';
import { fmt, runMain, withBuiltPage } from './browser';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const cases = (process.env.BENCH_CASES ?? 'channel,etcd,apiserver,traffic,workloads').split(',');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** (a): the raw worker → worker rate (a warm-up run first, so the JIT has seen the code; then the median of three) and WorkerHost's own pace. */
async function channelRates(page: Page): Promise<number> {
  const channel = (count: number, batch: number) => page.evaluate(([c, b]) => window.bench.channel(c, b), [count, batch] as const);
  await channel(20_000, 1);
  const single = median([await channel(200_000, 1), await channel(200_000, 1), await channel(200_000, 1)]);
  const batched = median([await channel(20_000, 100), await channel(20_000, 100), await channel(20_000, 100)]);
  console.log('(a) worker → worker MessageChannel, one way');
  console.log(`    one event per message       ${fmt(single).padStart(12)} messages/s`);
  console.log(`    100 events per message      ${fmt(batched).padStart(12)} events/s (${fmt(batched / 100)} messages/s)`);

  for (const [n, interval] of [[100, 1000], [3, 50]] as const) {
    const hb = await page.evaluate(([a, b, s]) => window.bench.heartbeats(a, b, s), [n, interval, seconds] as const);
    console.log(`\n    WorkerHost alone: ${n} pingers, each pinging a neighbour every ${interval} ms, full speed, ${hb.workers} Workers`);
    console.log(`    simulated time              ${fmt(hb.simPerWall, 1).padStart(12)} simulated s per wall s`);
    console.log(`    lockstep ticks              ${fmt(hb.ticksPerSec).padStart(12)} ticks/s (${fmt(hb.workerTicksPerSec)} Worker ticks/s, ${fmt(hb.envelopesPerSec)} routed messages/s)`);
    console.log(`    routed messages / raw rate  ${fmt(hb.envelopesPerSec / single, 4).padStart(12)}`);
  }
  return single;
}

runMain(() =>
  withBuiltPage(async (browser, baseURL) => {
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && console.error(`[page] ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
    await page.goto(`${baseURL}/bench/worker-throughput.html`);
    await page.waitForFunction(() => document.getElementById('out')?.textContent === 'ready');
    const version = browser.version();
    console.log(`Kubeplay worker throughput (headless Chromium ${version}, ${availableParallelism()} cores)\n`);

    const single = cases.includes('channel') || cases.includes('etcd') ? await channelRates(page) : 0;

    for (const profile of cases.includes('etcd') ? (['fast', 'realistic'] as const) : []) {
      const inflight = Number(process.env.BENCH_INFLIGHT ?? 256);
      const e = await page.evaluate(([p, n, s]) => window.bench.etcd(p, n, s), [profile, inflight, seconds] as const);
      console.log(`\n(b) etcd, 3 members, one Worker each, under WorkerHost at full speed ('${profile}' profile)`);
      console.log(`    idle (heartbeats only)      ${fmt(e.idleSimPerWall, 1).padStart(12)}× wall time`);
      console.log(`    committed puts, ${inflight} in flight ${fmt(e.putsPerWallSec).padStart(10)} puts per wall second`);
      console.log(`                                ${fmt(e.putsPerSimSec).padStart(12)} puts per simulated second (${fmt(e.simPerWall, 2)}× wall time, ${fmt(e.ticksPerSec)} ticks/s${e.failed ? `, ${e.failed} failed` : ''})`);
      console.log(`    (b)/(a)                     ${fmt(e.putsPerWallSec / single, 4).padStart(12)} puts per raw one-way message`);
    }

    if (cases.includes('apiserver')) await apiserverRates(page);
    if (cases.includes('traffic')) await trafficRates(page);
    if (cases.includes('workloads')) await workloadTimes(page);
  }, 'bench/worker-throughput.html'),
);

/** (c) kube-apiserver in the browser cluster. */
async function apiserverRates(page: Page): Promise<void> {
  const objects = Number(process.env.BENCH_OBJECTS ?? 1000);
  const a = await page.evaluate(([n, p]) => window.bench.apiserver(n, p), [objects, 32] as const);
  console.log(`\n(c) kube-apiserver in the browser cluster (3 etcd members and the apiserver a Worker each, speed 100×)`);
  console.log(`    creates, one at a time      ${fmt(a.createsPerWallSec).padStart(12)} per wall second (${fmt(a.createsPerSimSec)} per simulated second, ${fmt(a.objects)} ConfigMaps)`);
  console.log(`    creates, ${a.parallel} at a time       ${fmt(a.parallelCreatesPerWallSec).padStart(12)} per wall second (${fmt(a.objects)} more)${a.failed ? `, ${a.failed} failed` : ''}`);
  console.log(`    list of ${fmt(a.listed)} objects     ${fmt(a.listMs, 1).padStart(12)} wall ms`);
  console.log(`    watch events delivered      ${fmt(a.watchEventsPerWallSec).padStart(12)} per wall second (${fmt(a.watched)} replayed from the cache to one watcher)`);
}

/** (e) A Deployment's pods to Running in the browser cluster, as bench/workloads-1000.ts headless. */
async function workloadTimes(page: Page): Promise<void> {
  const nodes = Number(process.env.BENCH_NODES ?? 10);
  const cap = Number(process.env.BENCH_CAP_SECONDS ?? 600);
  console.log(`\n(e) kubectl create deployment web --replicas=N on ${nodes} nodes in the browser cluster (speed 100×, no canvas), until every pod is Running (at most ${fmt(cap)} wall s)`);
  for (const pods of (process.env.BENCH_PODS ?? '100,1000').split(',').map(Number)) {
    page.setDefaultTimeout((cap + 300) * 1000);
    const w = await page.evaluate(([p, n, c]) => window.bench.workloads(p, n, c), [pods, nodes, cap] as const);
    const status = w.gaveUp ? `gave up: ${fmt(w.running)} of ${fmt(pods)} Running after` : `all ${fmt(pods)} Running in`;
    console.log(`    ${`${fmt(pods)} pods`.padEnd(28)}${status} ${fmt(w.wallSec, 1)} wall s = ${fmt(w.simSec, 1)} simulated s (${fmt(w.simSec / w.wallSec, 3)}× wall time; set-up ${fmt(w.setupWallSec, 1)} wall s)`);
    console.log(`    ${''.padEnd(28)}${fmt(w.ticks)} lockstep ticks (${fmt(w.ticks / w.wallSec)}/s, ${fmt(w.workerTicks / Math.max(1, w.ticks), 1)} Workers each), ${fmt(w.envelopes)} messages routed (${fmt(w.direct)} Worker to Worker)`);
  }
}

/** (d) Requests through CoreDNS and IPVS in the browser cluster. */
async function trafficRates(page: Page): Promise<void> {
  const requests = Number(process.env.BENCH_REQUESTS ?? 5000);
  const rate = Number(process.env.TRAFFIC_RATE ?? 1000);
  const t = await page.evaluate(([n, r]) => window.bench.traffic(n, r), [requests, rate] as const);
  const spread = Object.entries(t.byEndpoint)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  console.log(`\n(d) traffic.send from node-1 by name through CoreDNS and node-1's IPVS (rr) in the browser cluster: 3 nodes, nginx ×3 behind Service web, speed 100×`);
  console.log(`    setup                       ${fmt(t.setupWallSec, 1).padStart(12)} wall s (to three endpoints answering)`);
  console.log(`    requests                    ${fmt(t.requests / t.wallSec).padStart(12)} per wall second (${fmt(t.requests)} at ${fmt(rate)}/simulated s: ${fmt(t.ok)} ok, ${fmt(t.failed)} failed, ${fmt(t.wallSec, 2)} wall s, ${fmt(t.simSec, 2)} simulated s)`);
  console.log(`    per endpoint                ${spread}${t.error ? `; error: ${t.error}` : ''}`);
}
