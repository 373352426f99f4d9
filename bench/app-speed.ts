// Achieved speed: the app itself (canvas, panels, telemetry, Workers) in headless Chromium with the
// speed slider at 100×, for 3 and 7 etcd members. Prints simulated seconds per wall second as the
// clock shows them, what the toolbar's "achieved" readout says, frames per second and long tasks
// on the main thread. Then a busy canvas: 50 worker nodes (`?nodes=50`) and
// `kubectl create deployment web --image=nginx --replicas=1000` typed into the terminal, with the
// frame rate (requestAnimationFrame callbacks) and the longest main-thread task (PerformanceObserver
// 'longtask') over the window that follows, at the default 1× speed.
// Prints figures only; it never fails on time. Run: npm run bench:app
//   BENCH_SECONDS=10    measuring window per case (after a 3 s warm-up at 100× for the etcd cases)
//   BENCH_CASES=etcd,workload   which cases to run (both by default)
//   BENCH_QUERY=clusterWorker=1 more of the page's query (here: the clock in the cluster Worker, not on the page's thread)

import { availableParallelism } from 'node:os';
import type { Page } from '@playwright/test';
import { clockMs, fmt, runMain, withBuiltPage } from './browser';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const cases = (process.env.BENCH_CASES ?? 'etcd,workload').split(',');
const query = process.env.BENCH_QUERY ? `&${process.env.BENCH_QUERY}` : '';

interface MainThread {
  frames: number;
  longTasks: number;
  longTaskMs: number;
  worstMs: number;
}

// A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks.
const mainThreadProbe = `(() => {
  const b = (window.__bench = { frames: 0, longTasks: 0, longTaskMs: 0, worstMs: 0 });
  const frame = () => { b.frames++; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) { b.longTasks++; b.longTaskMs += e.duration; b.worstMs = Math.max(b.worstMs, e.duration); }
  }).observe({ type: 'longtask' });
})()`;

/** Counts frames and long tasks from now on; the function answers the totals since. */
async function watchMainThread(page: Page): Promise<() => Promise<MainThread>> {
  await page.evaluate(mainThreadProbe);
  return () => page.evaluate('({ ...window.__bench })') as Promise<MainThread>;
}

async function measure(page: Page, members: number): Promise<void> {
  await page.goto(`/?seed=1&members=${members}${query}`);
  await page.locator('[data-role="leader"]').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('speed').fill('2'); // the slider is log-scale: 10² = 100×
  await page.getByTestId('speed-value').filter({ hasText: '100×' }).waitFor();
  const asked = '100×';
  await page.waitForTimeout(3000);
  const read = await watchMainThread(page);
  const sim0 = await clockMs(page);
  const wall0 = Date.now();
  await page.waitForTimeout(seconds * 1000);
  const sim1 = await clockMs(page);
  const wall1 = Date.now();
  const achievedShown = (await page.getByTestId('speed-achieved').textContent().catch(() => null))?.trim() ?? `${asked} (no shortfall shown)`;
  const mt = await read();
  const wallS = (wall1 - wall0) / 1000;
  console.log(`${members} members, slider at ${asked}`);
  console.log(`    achieved (clock)            ${fmt((sim1 - sim0) / 1000 / wallS, 1).padStart(10)}× (${fmt((sim1 - sim0) / 1000, 1)} simulated s in ${fmt(wallS, 1)} wall s)`);
  console.log(`    achieved (toolbar says)     ${achievedShown.padStart(10)}`);
  console.log(`    frames                      ${fmt(mt.frames / wallS, 1).padStart(10)} per wall s`);
  console.log(`    long tasks (> 50 ms)        ${fmt(mt.longTasks).padStart(10)} (${fmt(mt.longTaskMs)} ms in all, worst ${fmt(mt.worstMs)} ms)\n`);
}

/** The terminal's visible lines, as text. */
async function terminalLines(page: Page): Promise<string[]> {
  const rows = await page.locator('[data-testid="terminal"] .xterm-rows > div').allTextContents();
  return rows.map((r) => r.replace(/\u00a0/g, ' ').trimEnd());
}

/** Types a command line into the terminal and waits for the next prompt; answers the output lines. */
async function runCommand(page: Page, line: string, timeoutMs = 120_000): Promise<string[]> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = await terminalLines(page);
    const at = lines.map((l) => l === `$ ${line}`).lastIndexOf(true);
    const after = at >= 0 ? lines.slice(at + 1) : [];
    const prompt = after.findIndex((l) => l.startsWith('$'));
    if (prompt >= 0) return after.slice(0, prompt);
    if (Date.now() > deadline) throw new Error(`"${line}" did not finish within ${timeoutMs / 1000} s`);
    await page.waitForTimeout(200);
  }
}

/** 50 nodes, then a Deployment of 1,000: frames and long tasks while the cluster places and starts the pods. */
async function measureWorkload(page: Page): Promise<void> {
  const nodes = 50;
  const t0 = Date.now();
  await page.goto(`/?seed=1&nodes=${nodes}${query}`);
  await page.locator('[data-role="leader"]').first().waitFor({ timeout: 120_000 });
  await page.locator('[data-testid^="component-kube-scheduler-"][data-state="leader"]').first().waitFor({ timeout: 300_000 });
  // Every node card says Ready before the Deployment goes in.
  for (const deadline = Date.now() + 300_000; ; ) {
    const ready = await page.locator('[data-testid^="node-node-"] [data-testid="node-status"]', { hasText: 'Ready' }).count();
    if (ready >= nodes) break;
    if (Date.now() > deadline) throw new Error(`only ${ready} of ${nodes} nodes Ready`);
    await page.waitForTimeout(500);
  }
  const upS = (Date.now() - t0) / 1000;
  // The same cluster idle first, for comparison: what 50 nodes alone cost the page.
  const readIdle = await watchMainThread(page);
  const idleSim0 = await clockMs(page);
  const idleWall0 = Date.now();
  await page.waitForTimeout(5000);
  const idleSimS = ((await clockMs(page)) - idleSim0) / 1000;
  const idleWallS = (Date.now() - idleWall0) / 1000;
  const idle = await readIdle();
  const created = (await runCommand(page, 'kubectl create deployment web --image=nginx --replicas=1000')).join(' ');
  const read = await watchMainThread(page);
  const sim0 = await clockMs(page);
  const wall0 = Date.now();
  await page.waitForTimeout(seconds * 1000);
  const sim1 = await clockMs(page);
  const wallS = (Date.now() - wall0) / 1000;
  const mt = await read();
  const [head = '', row = ''] = await runCommand(page, 'kubectl get deployment web');
  const columns = head.trim().split(/\s+/);
  const deploy = row.trim().split(/\s+/).map((v, i) => `${columns[i] ?? '?'} ${v}`).join(', ');
  console.log(`${nodes} worker nodes${query ? ` (${query.slice(1)})` : ''} (Ready after ${fmt(upS, 1)} wall s), then: kubectl create deployment web --image=nginx --replicas=1000 → ${created.trim()}`);
  console.log(`    idle before, 5 s            ${fmt(idle.frames / idleWallS, 1).padStart(10)} frames per wall s, ${fmt(idle.longTasks)} long tasks (longest ${fmt(idle.worstMs)} ms), ${fmt(idleSimS, 1)} simulated s at 1×`);
  console.log(`    window                      ${fmt(wallS, 1).padStart(10)} wall s right after the create (${fmt((sim1 - sim0) / 1000, 1)} simulated s at 1×)`);
  console.log(`    frames                      ${fmt(mt.frames / wallS, 1).padStart(10)} per wall s (requestAnimationFrame callbacks)`);
  console.log(`    long tasks (> 50 ms)        ${fmt(mt.longTasks).padStart(10)} (${fmt(mt.longTaskMs)} ms in all, longest ${fmt(mt.worstMs)} ms)`);
  console.log(`    then kubectl get deployment  ${deploy}\n`);
}

runMain(() =>
  withBuiltPage(async (browser, baseURL) => {
    console.log(`Kubeplay in the browser: achieved speed at the 100× setting, and a busy canvas (headless Chromium ${browser.version()}, ${availableParallelism()} cores, 1440×900)\n`);
    for (const members of cases.includes('etcd') ? [3, 7] : []) {
      // A fresh context each time: no session from the previous run is restored.
      const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
      await measure(page, members);
      await context.close();
    }
    if (cases.includes('workload')) {
      const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
      await measureWorkload(page);
      await context.close();
    }
  }),
);
