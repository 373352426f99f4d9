// Cross-worker throughput, measured in headless Chromium: builds bench/worker-throughput.html with
// Vite, serves it, and prints (a) the raw worker → worker MessageChannel rate, WorkerHost's pace with
// 100 heartbeating processes, (b) committed etcd puts per wall second for a 3-member cluster under
// WorkerHost at full speed, and (b)/(a).
// Prints figures only; it never fails on time. Run: npm run bench:worker
//   CHROMIUM_PATH=/path/to/chromium   another browser binary (default /usr/bin/chromium)
//   BENCH_SECONDS=5                    measuring window of each timed phase

import { availableParallelism } from 'node:os';
import { fmt, runMain, withBuiltPage } from './browser';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

runMain(() =>
  withBuiltPage(async (browser, baseURL) => {
    const page = await browser.newPage();
    page.on('console', (m) => m.type() === 'error' && console.error(`[page] ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
    await page.goto(`${baseURL}/bench/worker-throughput.html`);
    await page.waitForFunction(() => document.getElementById('out')?.textContent === 'ready');
    const version = browser.version();
    console.log(`Kubeplay worker throughput (headless Chromium ${version}, ${availableParallelism()} cores)\n`);

    // (a) A warm-up run first, so the JIT has seen the code; then the median of three.
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

    for (const profile of ['fast', 'realistic'] as const) {
      const inflight = Number(process.env.BENCH_INFLIGHT ?? 256);
      const e = await page.evaluate(([p, n, s]) => window.bench.etcd(p, n, s), [profile, inflight, seconds] as const);
      console.log(`\n(b) etcd, 3 members, one Worker each, under WorkerHost at full speed ('${profile}' profile)`);
      console.log(`    idle (heartbeats only)      ${fmt(e.idleSimPerWall, 1).padStart(12)}× wall time`);
      console.log(`    committed puts, ${inflight} in flight ${fmt(e.putsPerWallSec).padStart(10)} puts per wall second`);
      console.log(`                                ${fmt(e.putsPerSimSec).padStart(12)} puts per simulated second (${fmt(e.simPerWall, 2)}× wall time, ${fmt(e.ticksPerSec)} ticks/s${e.failed ? `, ${e.failed} failed` : ''})`);
      console.log(`    (b)/(a)                     ${fmt(e.putsPerWallSec / single, 4).padStart(12)} puts per raw one-way message`);
    }
  }, 'bench/worker-throughput.html'),
);
