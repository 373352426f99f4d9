// Achieved speed: the app itself (canvas, panels, telemetry, Workers) in headless Chromium with the
// speed slider at 100×, for 3 and 7 etcd members. Prints simulated seconds per wall second as the
// clock shows them, what the toolbar's "achieved" readout says, frames per second and long tasks
// on the main thread. Prints figures only; it never fails on time. Run: npm run bench:app
//   BENCH_SECONDS=10    measuring window per cluster size (after a 3 s warm-up at 100×)

import { availableParallelism } from 'node:os';
import type { Page } from '@playwright/test';
import { clockMs, fmt, runMain, withBuiltPage } from './browser';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);

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
  await page.goto(`/?seed=1&members=${members}`);
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

runMain(() =>
  withBuiltPage(async (browser, baseURL) => {
    console.log(`Kubeplay achieved speed at the 100× setting (headless Chromium ${browser.version()}, ${availableParallelism()} cores, 1440×900)\n`);
    for (const members of [3, 7]) {
      // A fresh context each time: no session from the previous run is restored.
      const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
      await measure(page, members);
      await context.close();
    }
  }),
);
